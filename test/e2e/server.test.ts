/**
 * Through Probot's real HTTP server: a correctly signed webhook is accepted
 * (answered at once, reviewed after), a badly signed one is rejected, and
 * the health endpoints answer.
 */
import type { AddressInfo } from "node:net";
import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit, Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createTaxonApp } from "../../src/index.js";
import { ReviewQueue } from "../../src/queue/review-queue.js";
import { GitHubFake, addedFilePatch } from "../helpers/github-fake.js";
import { TEST_PRIVATE_KEY, WEBHOOK_SECRET, examplePayload } from "../helpers/probot.js";
import { freePort, postDelivery, sign } from "../helpers/webhook-client.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const SOURCE = 'import os\nTOKEN = os.getenv("API_TOKEN", "hunter2")\n';

async function startServer(queue: ReviewQueue) {
  const log = pino({ level: "silent" });
  const server = new Server({
    Probot: Probot.defaults({
      appId: 123,
      privateKey: TEST_PRIVATE_KEY,
      secret: WEBHOOK_SECRET,
      log,
      Octokit: ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } })),
    }),
    host: "127.0.0.1",
    // Probot treats port 0 as "use 3000"; take a free one instead.
    port: await freePort(),
    log,
  });
  await server.load(createTaxonApp({ queue }));
  const http = await server.start();
  const { port } = http.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

describe("the HTTP server", () => {
  let fake: GitHubFake | undefined;
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    fake?.stop();
  });

  it("accepts a correctly signed webhook and reviews after answering", async () => {
    fake = new GitHubFake({
      headSha: HEAD,
      baseSha: BASE,
      trees: { [HEAD]: { "settings.py": SOURCE }, [BASE]: {} },
      prFiles: [{ path: "settings.py", status: "added", patch: addedFilePatch(SOURCE) }],
    }).start();
    nock.enableNetConnect("127.0.0.1");
    const queue = new ReviewQueue({ concurrency: 1 });
    const { server, url } = await startServer(queue);
    stop = () => server.stop();

    const body = JSON.stringify(examplePayload("pull_request", "opened"));
    const response = await postDelivery(url, body, sign(body), "d-1").then((status) => ({ status }));
    expect(response.status).toBe(200);
    await queue.idle();
    expect(fake.problems).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]!.status).toBe("completed");
  });

  it("rejects a webhook with a bad signature and calls GitHub for nothing", async () => {
    fake = new GitHubFake({ headSha: HEAD, baseSha: BASE, trees: {}, prFiles: [] }).start();
    nock.enableNetConnect("127.0.0.1");
    const queue = new ReviewQueue({ concurrency: 1 });
    const { server, url } = await startServer(queue);
    stop = () => server.stop();

    // A small body: the server answers a bad signature before reading a large one to the end.
    const body = JSON.stringify({ action: "opened", number: 2 });
    const response = await postDelivery(url, body, sign(body, "wrong-secret"), "d-1").then((status) => ({ status }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await queue.idle();
    expect(fake.requests).toEqual([]);
  });

  it("answers liveness, and readiness from GitHub authentication", async () => {
    fake = new GitHubFake({ headSha: HEAD, baseSha: BASE, trees: {}, prFiles: [] }).start();
    nock.enableNetConnect("127.0.0.1");
    const queue = new ReviewQueue({ concurrency: 1 });
    const { server, url } = await startServer(queue);
    stop = () => server.stop();

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    // The fake has no GET /app, so the app cannot authenticate: not ready, and it says why.
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { auth: string } }).checks.auth).toMatch(/cannot authenticate/);
  });
});
