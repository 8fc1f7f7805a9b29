/**
 * The API budget: a 100-file pull request (half new, half modified) costs at
 * most 12 GitHub requests, plus one per 50 annotations beyond the first 50.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GitHubFake, addedFilePatch } from "../helpers/github-fake.js";
import { examplePayload, testProbot } from "../helpers/probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

describe("GitHub requests per review", () => {
  let fake: GitHubFake;
  afterEach(() => fake.stop());

  it.each([
    [100, 0],
    [100, 2],
  ])("%i files with %i findings each stay within budget", async (files, perFile) => {
    const head: Record<string, string> = { "requirements.txt": "flask\n" };
    const base: Record<string, string> = { "requirements.txt": "flask\n" };
    const prFiles = [];
    for (let i = 0; i < files; i++) {
      const path = `pkg/mod${i}.py`;
      const secrets = Array.from({ length: perFile }, (_, j) => `TOKEN_${j} = os.getenv("API_TOKEN_${j}", "dev-${i}-${j}")`);
      const text = ["import os", ...secrets, "def f(a: int) -> int:", "    return a", ""].join("\n");
      head[path] = text;
      if (i % 2) base[path] = "";
      prFiles.push({ path, status: i % 2 ? ("modified" as const) : ("added" as const), patch: addedFilePatch(text) });
    }
    fake = new GitHubFake({ headSha: HEAD, baseSha: BASE, trees: { [HEAD]: head, [BASE]: base }, prFiles }).start();
    const app = await testProbot();
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.changed_files = files;
    await app.deliver("pull_request", payload);
    const annotations = fake.checkRuns[0]!.annotations.length;
    const budget = 12 + Math.max(0, Math.ceil((annotations - 50) / 50));
    expect(fake.problems).toEqual([]);
    expect(fake.checkRuns[0]!.status).toBe("completed");
    if (perFile) expect(annotations).toBeGreaterThan(150);
    expect(fake.calls().length, fake.calls().join("\n")).toBeLessThanOrEqual(budget);
  });
});
