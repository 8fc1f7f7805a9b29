/**
 * Pull-request benchmark: one review through the app, GitHub faked at the
 * HTTP layer, 100 changed files and 10,000 changed lines of real code from
 * the standard library. Counts GitHub requests by endpoint and the CPU time
 * of the analysis.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GitHubFake, addedFilePatch } from "../test/helpers/github-fake.js";
import { examplePayload, testProbot } from "../test/helpers/probot.js";
import { sharedAnalysisPool } from "../src/engine/analysis-pool.js";
import type { Corpus } from "./corpora.js";

export interface PullRequestFigures {
  files: number;
  changedLines: number;
  requests: number;
  requestsByEndpoint: Record<string, number>;
  budget: number;
  annotations: number;
  wallSeconds: number;
  /** CPU of the app process (webhook, GitHub calls, planning). */
  cpuSeconds: number;
  /** CPU of the analysis workers (head and base). */
  analysisCpuSeconds: number;
}

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

export async function benchPullRequest(corpus: Corpus): Promise<PullRequestFigures> {
  // 100 files of 100 lines each from the corpus: the first 100 lines of files with at least that many.
  const chosen: Array<{ path: string; text: string }> = [];
  for (const path of corpus.paths) {
    const lines = readFileSync(join(corpus.root, path), "utf8").split("\n");
    if (lines.length < 100) continue;
    chosen.push({ path: `lib/${path}`, text: lines.slice(0, 100).join("\n") + "\n" });
    if (chosen.length === 100) break;
  }
  const repoFiles = Object.fromEntries(chosen.map((f) => [f.path, f.text]));
  repoFiles["requirements.txt"] = "flask==3.0.3\n";
  // Half the files are new, half existed (empty) at the base: both the head and the base are read.
  const modified = new Set(chosen.filter((_f, i) => i % 2 === 1).map((f) => f.path));
  const baseFiles: Record<string, string> = { "requirements.txt": "flask==3.0.3\n" };
  for (const path of modified) baseFiles[path] = "";
  const fake = new GitHubFake({
    headSha: HEAD,
    baseSha: BASE,
    trees: { [HEAD]: repoFiles, [BASE]: baseFiles },
    prFiles: chosen.map((f) => ({ path: f.path, status: modified.has(f.path) ? ("modified" as const) : ("added" as const), patch: addedFilePatch(f.text) })),
  }).start();
  try {
    const app = await testProbot();
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.changed_files = chosen.length;
    const pool = sharedAnalysisPool();
    const poolCpuStart = pool.cpuSeconds;
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await app.deliver("pull_request", payload);
    const cpu = process.cpuUsage(cpuStart);
    const calls = fake.calls();
    const byEndpoint: Record<string, number> = {};
    for (const c of calls) {
      const key = c.replace(/[0-9a-f]{40}/g, "{sha}").replace(/\/\d+(\/|$)/g, "/{n}$1");
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    const annotations = fake.checkRuns[0]?.annotations.length ?? 0;
    return {
      files: chosen.length,
      changedLines: chosen.reduce((n, f) => n + f.text.split("\n").length - 1, 0),
      requests: calls.length,
      requestsByEndpoint: byEndpoint,
      budget: 12 + Math.max(0, Math.ceil((annotations - 50) / 50)),
      annotations,
      wallSeconds: Math.round((performance.now() - wallStart) / 10) / 100,
      cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      analysisCpuSeconds: Math.round((pool.cpuSeconds - poolCpuStart) * 100) / 100,
    };
  } finally {
    fake.stop();
  }
}
