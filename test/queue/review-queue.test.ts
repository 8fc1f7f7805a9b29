import { describe, expect, it } from "vitest";
import { ReviewQueue } from "../../src/queue/review-queue.js";

const job = (key: string, sha: string, order: number, log: string[], ms = 5) => ({
  key,
  sha,
  order,
  run: () => new Promise<void>((r) => setTimeout(() => (log.push(`${key}@${sha}`), r()), ms)),
});

describe("ReviewQueue", () => {
  it("coalesces queued jobs of one pull request: the newest event wins, a late older one is ignored", async () => {
    const log: string[] = [];
    const q = new ReviewQueue({ concurrency: 1 });
    q.push(job("pr#1", "a", 1, log, 30)); // starts at once
    q.push(job("pr#1", "b", 2, log)); // queued behind it
    q.push(job("pr#1", "c", 3, log)); // replaces b
    q.push(job("pr#1", "b", 2, log)); // late re-delivery of b: ignored
    await q.idle();
    expect(log).toEqual(["pr#1@a", "pr#1@c"]);
  });

  it("bounds concurrency and runs one job per pull request at a time", async () => {
    let running = 0;
    let peak = 0;
    const q = new ReviewQueue({ concurrency: 3 });
    for (let i = 0; i < 10; i++)
      q.push({ key: `pr#${i}`, sha: "x", run: async () => { running++; peak = Math.max(peak, running); await new Promise((r) => setTimeout(r, 10)); running--; } });
    await q.idle();
    expect(peak).toBe(3);
  });

  it("close() drops waiting jobs, waits for running ones within the grace, and refuses new ones", async () => {
    const log: string[] = [];
    const q = new ReviewQueue({ concurrency: 1 });
    q.push(job("a", "1", 1, log, 20));
    q.push(job("b", "1", 1, log));
    const closed = await q.close(1000);
    expect(closed).toEqual({ dropped: 1, unfinished: 0 });
    expect(log).toEqual(["a@1"]);
    expect(q.push(job("c", "1", 1, log))).toBe(false);
  });
});
