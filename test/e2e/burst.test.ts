/**
 * A burst of signed deliveries through the real HTTP server against a GitHub
 * fake that fails 10% of calls (5xx, 403 secondary rate limits with
 * Retry-After, dropped connections). Duplicates and out-of-order
 * synchronize events included. Afterwards every pull request's latest head
 * has exactly one completed check run, its findings are posted once, there
 * is no duplicate comment and no unhandled rejection, and memory is back
 * near where it started. Bounded in deliveries, requests and time.
 */
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Bottleneck from "bottleneck";
import nock from "nock";
import pino from "pino";
import { Probot, Server } from "probot";
import { afterAll, describe, expect, it } from "vitest";
import { taxonOctokit } from "../../src/github/app-octokit.js";
import { createTaxonApp } from "../../src/index.js";
import { ReviewQueue } from "../../src/queue/review-queue.js";
import { GitHubFake, addedFilePatch, type Fault, type RecordedRequest } from "../helpers/github-fake.js";
import { TEST_PRIVATE_KEY, WEBHOOK_SECRET, examplePayload } from "../helpers/probot.js";
import { freePort, postDelivery, sign } from "../helpers/webhook-client.js";

const PULLS = 20;
const PUSHES = 8;
const MAX_REQUESTS = 20_000;
const BASE = "f".repeat(40);

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const sha = (pull: number, push: number) => `${pull.toString(16).padStart(4, "0")}${push.toString(16).padStart(4, "0")}`.padEnd(40, "a");
const source = (pull: number, push: number) => `import os\n\nAPI_TOKEN = os.getenv("API_TOKEN", "dev-token-${pull}")\nVERSION = "${push}"\n`;

const deliver = (url: string, id: string, payload: unknown) => {
  const body = JSON.stringify(payload);
  return postDelivery(url, body, sign(body), id);
};

describe("a burst of deliveries with GitHub failing 10% of calls", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  afterAll(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  it("reviews every pull request's latest head exactly once, with nothing posted twice", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    // The repository after all pushes: each pull request's head is its last push.
    const trees: Record<string, Record<string, string>> = { [BASE]: {} };
    for (let p = 1; p <= PULLS; p++) for (let k = 0; k < PUSHES; k++) trees[sha(p, k)] = { [`svc${p}/settings.py`]: source(p, k) };
    const random = prng(42);
    const attempts = new Map<string, number>();
    const injected = { serverError: 0, secondaryLimit: 0, dropped: 0 };
    const fault = (req: RecordedRequest): Fault | undefined => {
      if (req.path.includes("/access_tokens")) return undefined;
      // Each distinct request fails at most twice, so retries (3) always get it through in the end.
      const key = `${req.method} ${req.path} ${JSON.stringify(req.body ?? "")}`;
      const n = attempts.get(key) ?? 0;
      attempts.set(key, n + 1);
      if (n >= 2 || random() >= 0.1) return undefined;
      const kind = random();
      if (kind < 0.4) {
        injected.serverError++;
        return { status: 502, body: { message: "Bad Gateway" } };
      }
      if (kind < 0.7) {
        injected.secondaryLimit++;
        return { status: 403, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." } };
      }
      injected.dropped++;
      return { status: 0, drop: true };
    };
    const fake: GitHubFake = new GitHubFake({
      pullNumber: 1,
      headSha: sha(1, PUSHES - 1),
      baseSha: BASE,
      trees,
      prFiles: [{ path: "svc1/settings.py", status: "added", patch: addedFilePatch(source(1, PUSHES - 1)) }],
      fault: (req): Fault | undefined => (fake.requests.length > MAX_REQUESTS ? { status: 500, body: { message: "request budget exhausted" } } : fault(req)),
    });
    for (let p = 2; p <= PULLS; p++)
      fake.addPull(p, { headSha: sha(p, PUSHES - 1), baseSha: BASE, prFiles: [{ path: `svc${p}/settings.py`, status: "added", patch: addedFilePatch(source(p, PUSHES - 1)) }] });
    fake.start();
    nock.enableNetConnect("127.0.0.1");

    const log = pino({ level: "silent" });
    const queue = new ReviewQueue({ concurrency: 4 });
    // Production retry and rate-limit handling, with waits in milliseconds and writes not spaced by 1 s.
    const fastGroups = Object.fromEntries(["global", "write", "search", "notifications", "auth"].map((g) => [g, new Bottleneck.Group({ maxConcurrent: 16, minTime: 0 })]));
    const server = new Server({
      Probot: Probot.defaults({ appId: 123, privateKey: TEST_PRIVATE_KEY, secret: WEBHOOK_SECRET, log, Octokit: taxonOctokit({ retryAfterBaseValue: 1, throttle: fastGroups }) }),
      host: "127.0.0.1",
      port: await freePort(),
      log,
    });
    await server.load(createTaxonApp({ queue }));
    const http = await server.start();
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    try {
      // Deliveries: every push of every pull request, in bursts; 10% sent twice; some late.
      const deliveries: Array<{ id: string; payload: unknown }> = [];
      const late: Array<{ id: string; payload: unknown }> = [];
      for (let p = 1; p <= PULLS; p++) {
        for (let k = 0; k < PUSHES; k++) {
          const payload = examplePayload("pull_request", "synchronize");
          payload.number = p;
          payload.pull_request.number = p;
          payload.pull_request.head.sha = sha(p, k);
          payload.pull_request.base.sha = BASE;
          payload.pull_request.changed_files = 1;
          payload.pull_request.updated_at = new Date(Date.UTC(2026, 0, 1, 0, k)).toISOString();
          const d = { id: `d-${p}-${k}`, payload };
          deliveries.push(d);
          if (random() < 0.1) deliveries.push(d);
          if (k < PUSHES - 1 && random() < 0.15) late.push({ id: `late-${p}-${k}`, payload });
        }
      }
      const started = performance.now();
      const statuses: number[] = [];
      for (let i = 0; i < deliveries.length; i += 25)
        statuses.push(...(await Promise.all(deliveries.slice(i, i + 25).map((d) => deliver(url, d.id, d.payload)))));
      statuses.push(...(await Promise.all(late.map((d) => deliver(url, d.id, d.payload)))));
      const answered = performance.now() - started;
      await queue.idle();

      expect(deliveries.length + late.length).toBeGreaterThanOrEqual(200);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(fake.requests.length).toBeLessThan(MAX_REQUESTS);
      expect(fake.problems).toEqual([]);

      for (let p = 1; p <= PULLS; p++) {
        const head = sha(p, PUSHES - 1);
        const runs = fake.checkRuns.filter((r) => r.head_sha === head);
        expect(runs.map((r) => `${r.status}/${r.conclusion}`), `pull ${p}`).toEqual(["completed/failure"]);
        const comments = fake.threads.filter((t) => t.pull === p);
        expect(comments, `pull ${p}: one comment for its one finding`).toHaveLength(1);
        // Older heads never got a review published.
        const older = fake.checkRuns.filter((r) => r.head_sha.startsWith(sha(p, 0).slice(0, 4)) && r.head_sha !== head);
        expect(older.every((r) => r.status === "completed" && r.conclusion === "neutral")).toBe(true);
      }
      const bodies = fake.threads.map((t) => t.comments[0]!.body);
      expect(new Set(bodies).size).toBe(bodies.length);
      expect(unhandled).toEqual([]);

      gc();
      const heapAfter = process.memoryUsage().heapUsed;
      expect(heapAfter).toBeLessThan(heapBefore * 1.5 + 64 * 1024 * 1024);

      const figures = {
        deliveries: deliveries.length + late.length,
        duplicates: deliveries.length - PULLS * PUSHES,
        late: late.length,
        injectedFaults: injected,
        requests: fake.requests.length,
        reviewsPublished: fake.reviews.length,
        checkRuns: fake.checkRuns.length,
        duplicateComments: bodies.length - new Set(bodies).size,
        answeredAllMs: Math.round(answered),
        heapMiB: { before: Math.round(heapBefore / 2 ** 20), after: Math.round(heapAfter / 2 ** 20) },
        peakRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      };
      console.log(`burst figures: ${JSON.stringify(figures)}`);
    } finally {
      await server.stop();
      fake.stop();
    }
  }, 180_000);
});
