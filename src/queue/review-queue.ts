/**
 * Reviews run after the webhook is answered: GitHub gives a delivery 10
 * seconds. Jobs for the same pull request are coalesced (a newer head
 * supersedes a queued older one) and concurrency is bounded. The queue holds
 * only work not yet started; what a review needs to be idempotent lives on
 * GitHub, so a lost queue costs a re-delivery, never a duplicate comment.
 */
import { availableParallelism } from "node:os";
import type { Logger } from "pino";

export interface ReviewJob {
  /** Jobs with the same key are the same pull request. */
  key: string;
  /** The head SHA this job reviews. */
  sha: string;
  /** When the event happened (ms); a queued job is replaced only by one at least as recent. */
  order?: number;
  run: () => Promise<void>;
}

export interface QueueOptions {
  concurrency?: number;
  /** Beyond this many waiting jobs the queue reports itself saturated. */
  maxQueued?: number;
  log?: Logger;
}

/** Reviews are mostly waiting on GitHub, so a few per core keep the CPU busy without flooding the API. */
export const DEFAULT_CONCURRENCY = Math.max(2, availableParallelism() * 2);
export const DEFAULT_MAX_QUEUED = 500;

export class ReviewQueue {
  private readonly waiting = new Map<string, ReviewJob>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly concurrency: number;
  readonly maxQueued: number;
  private accepting = true;
  private idleWaiters: Array<() => void> = [];
  private readonly log: Logger | undefined;

  constructor(options: QueueOptions = {}) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.log = options.log;
  }

  /** Queues a job; false when the queue is shutting down. */
  push(job: ReviewJob): boolean {
    if (!this.accepting) return false;
    const older = this.waiting.get(job.key);
    if (older && (older.order ?? 0) > (job.order ?? 0)) {
      this.log?.info({ key: job.key, queued: older.sha, ignored: job.sha }, "event older than the queued review ignored");
      return true;
    }
    if (older && older.sha !== job.sha) this.log?.info({ key: job.key, superseded: older.sha, sha: job.sha }, "queued review superseded by a newer head");
    // Delete first so the job moves to the back: Map keeps insertion order.
    this.waiting.delete(job.key);
    this.waiting.set(job.key, job);
    this.pump();
    return true;
  }

  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.size, running: this.running.size };
  }

  saturated(): boolean {
    return this.waiting.size >= this.maxQueued;
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking jobs, drops what has not started, and waits up to `graceMs` for running reviews. */
  async close(graceMs: number): Promise<{ dropped: number; unfinished: number }> {
    this.accepting = false;
    const dropped = this.waiting.size;
    this.waiting.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), graceMs);
    });
    await Promise.race([Promise.allSettled([...this.running.values()]), timeout]);
    clearTimeout(timer);
    return { dropped, unfinished: this.running.size };
  }

  private pump(): void {
    for (const [key, job] of this.waiting) {
      if (this.running.size >= this.concurrency) return;
      // One review per pull request at a time: the next waits for the running one.
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      const done = job
        .run()
        .catch((error: unknown) => this.log?.error({ err: error, key }, "review job failed"))
        .finally(() => {
          this.running.delete(key);
          this.pump();
          if (this.waiting.size === 0 && this.running.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach((w) => w());
          }
        });
      this.running.set(key, done);
    }
  }
}
