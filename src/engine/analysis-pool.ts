/**
 * Runs analyses in child processes that are recycled by memory.
 *
 * Why processes: @ast-grep/napi does not give back the native memory of a
 * parsed tree when its JS handle is collected (measured: ~350 KB per parse
 * of a 360-line Python file, never freed, with or without a forced GC, and
 * only partly on worker-thread exit). A long scan or a long-running app
 * would grow without bound. A child that exits returns everything to the
 * operating system, so each child analyzes until it passes its memory limit,
 * then retires and a fresh one takes its place. Several children use every
 * core; results are sorted by the caller, so output does not depend on how
 * the work was split.
 *
 * A child that crashes (a pathological file can overflow the parser's
 * stack) costs only its job: the job is retried one file at a time, and a
 * file that still crashes is skipped with the reason.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import type { TaxonConfig } from "../config/schema.js";
import { emptyResult, mergeResults, type AnalysisResult, type SourceFile } from "./analyze.js";
import type { RepoFacts } from "./context/repo-facts.js";
import type { LoadedRule } from "./load-rules.js";

export interface AnalysisJob {
  /** Files in memory, or … */
  files?: SourceFile[];
  /** … paths the child reads under `root`. */
  root?: string;
  paths?: string[];
  rules: readonly LoadedRule[];
  facts: RepoFacts;
  config: TaxonConfig;
  changedPaths?: readonly string[];
  /** Benchmark baseline: parse the files and run no rule. */
  parseOnly?: boolean;
}

export interface ChildReply {
  id: number;
  result: AnalysisResult;
  rss: number;
  retire: boolean;
  /** The child's CPU time so far (user + system, microseconds). */
  cpuMicros: number;
}

/**
 * A child retires once its resident memory passes this. A fresh child takes
 * about 75 MiB; the rest is what it may leak before it is replaced.
 */
export const CHILD_RSS_LIMIT_BYTES = (Number(process.env.TAXON_WORKER_RSS_MB) || 200) * 1024 * 1024;

interface Pending {
  job: AnalysisJob;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

interface Child {
  process: ChildProcess;
  busy?: { id: number; pending: Pending };
}

/** The child script: compiled .js in production, .ts through tsx from source (tests, benchmark). */
function childScript(): { path: string; execArgv: string[] } {
  // The benchmark runs from source but measures the compiled child, as production runs it.
  if (process.env.TAXON_CHILD_SCRIPT) return { path: process.env.TAXON_CHILD_SCRIPT, execArgv: [] };
  const fromSource = import.meta.url.endsWith(".ts");
  return fromSource
    ? { path: new URL("./analysis-child.ts", import.meta.url).pathname, execArgv: ["--import", "tsx"] }
    : { path: new URL("./analysis-child.js", import.meta.url).pathname, execArgv: [] };
}

export class AnalysisPool {
  private readonly children: Child[] = [];
  private readonly queue: Array<{ id: number; pending: Pending }> = [];
  private nextId = 0;
  private closed = false;
  /** Peak resident memory any child reported. */
  peakChildRss = 0;
  /** Children started over the pool's life (recycling included). */
  started = 0;
  private readonly childCpu = new Map<ChildProcess, number>();

  /** CPU seconds used by all children so far, retired ones included. */
  get cpuSeconds(): number {
    let micros = 0;
    for (const v of this.childCpu.values()) micros += v;
    return micros / 1e6;
  }

  constructor(
    readonly size = availableParallelism(),
    private readonly rssLimit = CHILD_RSS_LIMIT_BYTES,
  ) {}

  /** Analyzes a job in a child; a child crash isolates the file(s) that caused it. */
  async run(job: AnalysisJob): Promise<AnalysisResult> {
    try {
      return await this.dispatch(job);
    } catch (error) {
      return this.isolate(job, error as Error);
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.children) c.process.kill();
    this.children.length = 0;
    for (const q of this.queue.splice(0)) q.pending.reject(new Error("analysis pool closed"));
  }

  private dispatch(job: AnalysisJob): Promise<AnalysisResult> {
    if (this.closed) return Promise.reject(new Error("analysis pool closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, pending: { job, resolve, reject } });
      this.pump();
    });
  }

  /** Retries a crashed multi-file job one file at a time; a file that crashes alone is skipped. */
  private async isolate(job: AnalysisJob, error: Error): Promise<AnalysisResult> {
    const units: AnalysisJob[] = job.files
      ? job.files.map((f) => ({ ...job, files: [f] }))
      : (job.paths ?? []).map((p) => ({ ...job, paths: [p] }));
    const total = emptyResult();
    if (units.length <= 1) {
      const path = job.files?.[0]?.path ?? job.paths?.[0] ?? "(unknown)";
      total.skipped.push({ path, reason: `the analyzer crashed on it (${error.message}); skipped` });
      return total;
    }
    for (const unit of units) {
      let result: AnalysisResult;
      try {
        result = await this.dispatch(unit);
      } catch (e) {
        result = await this.isolate(unit, e as Error);
      }
      mergeResults(total, result);
    }
    return total;
  }

  private pump(): void {
    while (this.queue.length) {
      let child = this.children.find((c) => !c.busy);
      if (!child && this.children.length < this.size) child = this.spawn();
      if (!child) return;
      const next = this.queue.shift()!;
      child.busy = next;
      // While it works, the child keeps the process alive (the result is awaited).
      (child.process.channel as { ref?: () => void } | undefined)?.ref?.();
      child.process.send({ id: next.id, job: next.pending.job });
    }
  }

  private spawn(): Child {
    const { path, execArgv } = childScript();
    const proc = fork(path, [], {
      execArgv,
      serialization: "advanced",
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      env: { ...process.env, TAXON_CHILD_RSS_LIMIT: String(this.rssLimit) },
    });
    this.started += 1;
    // An idle pool must not keep a CLI or a test process alive.
    proc.unref();
    (proc.channel as { unref?: () => void } | undefined)?.unref?.();
    const child: Child = { process: proc };
    this.children.push(child);
    proc.on("message", (reply: ChildReply) => {
      this.peakChildRss = Math.max(this.peakChildRss, reply.rss);
      this.childCpu.set(proc, reply.cpuMicros);
      const done = child.busy;
      child.busy = undefined;
      (proc.channel as { unref?: () => void } | undefined)?.unref?.();
      if (reply.retire) this.remove(child);
      done?.pending.resolve(reply.result);
      this.pump();
    });
    proc.on("exit", (code, signal) => {
      const lost = child.busy;
      child.busy = undefined;
      this.remove(child);
      if (lost) lost.pending.reject(new Error(signal ? `killed by ${signal}` : `exited with code ${code}`));
      if (!this.closed) this.pump();
    });
    return child;
  }

  private remove(child: Child): void {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
  }
}

let shared: AnalysisPool | undefined;
/**
 * The app's long-lived pool: reviews analyze in recycled children so the
 * server's memory stays flat however many pull requests it reviews.
 */
export function sharedAnalysisPool(): AnalysisPool {
  shared ??= new AnalysisPool(Number(process.env.TAXON_ANALYSIS_WORKERS) || availableParallelism());
  return shared;
}
