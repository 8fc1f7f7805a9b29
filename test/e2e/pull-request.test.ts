/**
 * The webhook flow end to end: GitHub's example `pull_request.opened`
 * payload through `probot.receive`, GitHub faked at the HTTP layer. One
 * check run, one review, comments only on lines of the diff, request bodies
 * valid against GitHub's API description, nothing unexpected.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parsePatch } from "../../src/diff/parse-patch.js";
import { GitHubFake, addedFilePatch } from "../helpers/github-fake.js";
import { examplePayload, testProbot } from "../helpers/probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

const APP_PY = `import os

from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    app.run(debug=True)
`;

const REQUIREMENTS = "flask==3.0.0\n";

function fakeFor(options: Partial<ConstructorParameters<typeof GitHubFake>[0]> = {}) {
  return new GitHubFake({
    headSha: HEAD,
    baseSha: BASE,
    trees: { [HEAD]: { "app.py": APP_PY, "requirements.txt": REQUIREMENTS }, [BASE]: { "requirements.txt": REQUIREMENTS } },
    prFiles: [{ path: "app.py", status: "added", patch: addedFilePatch(APP_PY) }],
    ...options,
  }).start();
}

describe("pull_request.opened", () => {
  let fake: GitHubFake;
  afterEach(() => fake.stop());

  it("posts one review and completes one check run", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("pull_request", examplePayload("pull_request", "opened"), "delivery-1");

    expect(fake.problems).toEqual([]);
    expect(fake.calls()).toEqual([
      "GET /repos/Codertocat/Hello-World/commits/" + HEAD + "/check-runs",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "GET /repos/Codertocat/Hello-World/contents/.github%2Ftaxon.yml",
      "GET /repos/Codertocat/.github/contents/.github%2Ftaxon.yml",
      "GET /repos/Codertocat/Hello-World/pulls/2/files",
      "GRAPHQL blobs",
      "GET /repos/Codertocat/Hello-World/git/trees/" + HEAD,
      "GRAPHQL blobs",
      "GRAPHQL reviewThreads",
      "POST /repos/Codertocat/Hello-World/pulls/2/reviews",
      "PATCH /repos/Codertocat/Hello-World/check-runs/1000",
    ]);

    const create = fake.requests.find((r) => r.method === "POST" && r.path.endsWith("/check-runs"))!.body as Record<string, unknown>;
    expect(create).toMatchObject({ name: "taxon", head_sha: HEAD, status: "in_progress" });

    expect(fake.reviews).toHaveLength(1);
    const review = fake.reviews[0]!.body as { commit_id: string; event: string; body: string; comments: Array<{ path: string; line: number; side: string; body: string; start_line?: number }> };
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe("COMMENT");
    const byRule = Object.fromEntries(review.comments.map((c) => [/`([a-z0-9-]+)`/.exec(c.body.split("<sub>")[1] ?? "")?.[1], c]));
    expect(byRule["hardcoded-secret-fallback"]).toMatchObject({ path: "app.py", line: 6, side: "RIGHT" });
    expect(byRule["debug-mode-enabled"]).toMatchObject({ path: "app.py", line: 15, side: "RIGHT" });
    expect(byRule["debug-mode-enabled"]!.body).toContain("```suggestion\n    app.run(debug=False)\n```");
    expect(byRule["hardcoded-secret-fallback"]!.body).toMatch(/🔴 \*\*Critical\*\* · Security › Secrets/);
    expect(byRule["hardcoded-secret-fallback"]!.body).toMatch(/<!-- taxon:fp=[0-9a-f]{32} -->$/);

    const diff = parsePatch(addedFilePatch(APP_PY));
    for (const c of review.comments) {
      expect(diff.commentable.has(c.line), `${c.path}:${c.line} is in the diff`).toBe(true);
      if (c.start_line) expect(diff.commentable.has(c.start_line)).toBe(true);
    }

    expect(fake.checkRuns).toHaveLength(1);
    const run = fake.checkRuns[0]!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    const output = run.output as { title: string; summary: string };
    expect(output.title).toMatch(/1 critical, 1 high/);
    expect(output.summary).toContain("### 🔴 Critical");
    expect(run.annotations.length).toBe(review.comments.length);
  });

  it("reports an invalid config in the check run and posts no review", async () => {
    fake = fakeFor({ config: "fail_on: severe\nmax_inline_comments: many\nunknown_key: 1\n" });
    const app = await testProbot();
    await app.deliver("pull_request", examplePayload("pull_request", "opened"), "delivery-2");
    expect(fake.problems).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    const run = fake.checkRuns[0]!;
    expect(run.conclusion).toBe("action_required");
    const output = run.output as { title: string; summary: string };
    expect(output.title).toBe("Invalid configuration in .github/taxon.yml");
    expect(output.summary).toContain("| `fail_on` |");
    expect(output.summary).toContain("| `max_inline_comments` |");
    expect(output.summary).toContain("unknown key: unknown_key");
  });

  it("applies a valid config: rules turned off and fail_on", async () => {
    fake = fakeFor({ config: "fail_on: critical\nrules:\n  hardcoded-secret-fallback: off\n" });
    const app = await testProbot();
    await app.deliver("pull_request", examplePayload("pull_request", "opened"), "delivery-3");
    expect(fake.problems).toEqual([]);
    const review = fake.reviews[0]!.body as { comments: Array<{ body: string }> };
    expect(review.comments.some((c) => c.body.includes("`hardcoded-secret-fallback`"))).toBe(false);
    expect(review.comments.some((c) => c.body.includes("`debug-mode-enabled`"))).toBe(true);
    expect(fake.checkRuns[0]!.conclusion).toBe("success");
  });

  it("skips a draft pull request unless review_drafts is on", async () => {
    fake = fakeFor();
    const app = await testProbot();
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.draft = true;
    await app.deliver("pull_request", payload);
    expect(fake.checkRuns).toHaveLength(0);
    expect(fake.reviews).toHaveLength(0);
  });
});
