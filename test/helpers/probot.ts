/** A real Probot with the taxon app loaded, retry and throttling off, for nock-backed tests. */
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { Probot, ProbotOctokit } from "probot";
import pino from "pino";
import { taxonOctokit } from "../../src/github/app-octokit.js";
import { createTaxonApp } from "../../src/index.js";
import { ReviewQueue } from "../../src/queue/review-queue.js";

const require = createRequire(import.meta.url);

export const TEST_PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
export const WEBHOOK_SECRET = "taxon-test-secret";

export interface TestApp {
  probot: Probot;
  queue: ReviewQueue;
  /** Delivers an event the way GitHub would, then waits until every queued review is done. */
  deliver(name: string, payload: unknown, id?: string): Promise<void>;
}

export async function testProbot(options: { retry?: boolean; concurrency?: number } = {}): Promise<TestApp> {
  const probot = new Probot({
    appId: 123,
    privateKey: TEST_PRIVATE_KEY,
    secret: WEBHOOK_SECRET,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    // Retry and throttling as in production, with waits shrunk to milliseconds; off for flow tests.
    Octokit: options.retry
      ? taxonOctokit({ retryAfterBaseValue: 1 })
      : // A function, so it wins over the throttle options Probot itself passes.
        ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } })),
  });
  const queue = new ReviewQueue({ concurrency: options.concurrency ?? 2 });
  await probot.load(createTaxonApp({ queue }));
  let n = 0;
  return {
    probot,
    queue,
    async deliver(name, payload, id) {
      await probot.receive({ id: id ?? `delivery-${++n}`, name, payload } as never);
      await queue.idle();
    },
  };
}

interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

/** One of GitHub's own example payloads (@octokit/webhooks-examples), with an installation. */
export function examplePayload(name: string, action: string): Record<string, any> {
  const all = require("@octokit/webhooks-examples/api.github.com/index.json") as WebhookExample[];
  const group = all.find((e) => e.name === name);
  const example = group?.examples.find((e) => e.action === action && e.installation);
  if (!example) throw new Error(`no ${name}.${action} example with an installation`);
  return structuredClone(example);
}
