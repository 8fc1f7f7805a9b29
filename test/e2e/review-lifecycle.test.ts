/**
 * Reviews people keep reading: only new findings, nothing repeated across
 * pushes or re-deliveries, fixed findings resolved, nothing GitHub rejects,
 * and GitHub's errors handled. GitHub is faked at the HTTP layer; every
 * request body is checked against GitHub's API descriptions.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GitHubFake, addedFilePatch, type Fault, type RecordedRequest } from "../helpers/github-fake.js";
import { examplePayload, testProbot } from "../helpers/probot.js";

const H1 = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const H2 = "1111111111111111111111111111111111111111";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

const FIRST = `import os
JWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")
API_TOKEN = os.getenv("API_TOKEN", "dev-token")
`;
const SECOND = `import os
JWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")
API_TOKEN = os.environ["API_TOKEN"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "postgres")
`;


function opened() {
  return examplePayload("pull_request", "opened");
}
function synchronize(sha: string) {
  const p = examplePayload("pull_request", "synchronize");
  p.pull_request.head.sha = sha;
  return p;
}

/** The source lines a review commented on, e.g. ["JWT_SECRET", "API_TOKEN"]. */
/** A pull request that adds settings.py (FIRST) at H1. */
function newSettingsFile(options: Partial<ConstructorParameters<typeof GitHubFake>[0]> = {}): GitHubFake {
  return new GitHubFake({
    headSha: H1,
    baseSha: BASE,
    trees: { [H1]: { "settings.py": FIRST }, [BASE]: {} },
    prFiles: [{ path: "settings.py", status: "added", patch: addedFilePatch(FIRST) }],
    ...options,
  }).start();
}

function commentedNames(fake: GitHubFake, reviewIndex: number, source: string): string[] {
  const review = fake.reviews[reviewIndex]!.body as { comments: Array<{ line: number }> };
  const lines = source.split("\n");
  return review.comments.map((c) => lines[c.line - 1]!.split(" ")[0]!);
}

describe("review lifecycle", () => {
  let fake: GitHubFake;
  afterEach(() => fake.stop());

  it("a second push that fixes one finding and adds another: one reply + resolve, one new comment, nothing repeated", async () => {
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "settings.py": FIRST }, [H2]: { "settings.py": SECOND }, [BASE]: {} },
      prFiles: [{ path: "settings.py", status: "added", patch: addedFilePatch(FIRST) }],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    expect(commentedNames(fake, 0, FIRST)).toEqual(["JWT_SECRET", "API_TOKEN"]);
    // GitHub shows each comment's snippet line in the thread; ours carry a marker.
    expect(fake.threads).toHaveLength(2);

    fake.headSha = H2;
    fake.options.prFiles = [{ path: "settings.py", status: "added", patch: addedFilePatch(SECOND) }];
    await app.deliver("pull_request", synchronize(H2));

    expect(fake.problems).toEqual([]);
    expect(fake.reviews).toHaveLength(2);
    expect(commentedNames(fake, 1, SECOND)).toEqual(["DB_PASSWORD"]);
    expect(fake.replies).toEqual([{ commentId: fake.threads[1]!.comments[0]!.databaseId, body: `Resolved in ${H2.slice(0, 7)}.` }]);
    expect(fake.threads.map((t) => t.isResolved)).toEqual([false, true, false]);
    const second = fake.checkRuns.find((r) => r.head_sha === H2)!;
    expect((second.output as { summary: string }).summary).toContain("1 finding is already commented in an open thread");
  });

  it("a finding that comes back after being fixed is commented again", async () => {
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "settings.py": FIRST }, [H2]: { "settings.py": "import os\n" }, [BASE]: {} },
      prFiles: [{ path: "settings.py", status: "added", patch: addedFilePatch(FIRST) }],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    fake.headSha = H2;
    fake.options.prFiles = [{ path: "settings.py", status: "added", patch: addedFilePatch("import os\n") }];
    await app.deliver("pull_request", synchronize(H2));
    expect(fake.threads.every((t) => t.isResolved)).toBe(true);

    const H3 = "3333333333333333333333333333333333333333";
    fake.options.trees[H3] = { "settings.py": FIRST };
    fake.headSha = H3;
    fake.options.prFiles = [{ path: "settings.py", status: "added", patch: addedFilePatch(FIRST) }];
    await app.deliver("pull_request", synchronize(H3));
    expect(commentedNames(fake, fake.reviews.length - 1, FIRST)).toEqual(["JWT_SECRET", "API_TOKEN"]);
    expect(fake.problems).toEqual([]);
  });

  it("a re-delivered webhook posts nothing twice", async () => {
    fake = newSettingsFile();
    const app = await testProbot();
    await app.deliver("pull_request", opened(), "same-delivery");
    await app.deliver("pull_request", opened(), "same-delivery");
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.problems).toEqual([]);
  });

  it("a re-requested check for a reviewed commit re-runs without repeating a comment", async () => {
    fake = newSettingsFile();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    const rerequest = examplePayload("check_suite", "rerequested");
    rerequest.check_suite.head_sha = H1;
    rerequest.check_suite.pull_requests = [{ number: 2, head: { sha: H1 }, base: { sha: BASE, ref: "master" } }];
    await app.deliver("check_suite", rerequest);
    expect(fake.checkRuns).toHaveLength(2);
    expect(fake.checkRuns.every((r) => r.status === "completed")).toBe(true);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.problems).toEqual([]);
  });

  it("moved code is not a new finding", async () => {
    const before = `import os\nJWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")\n`;
    const after = `import os\n\n\ndef helper():\n    return 1\n\n\nJWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")\n`;
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "settings.py": after }, [BASE]: { "settings.py": before } },
      prFiles: [
        {
          path: "settings.py",
          status: "modified",
          patch: `@@ -1,2 +1,8 @@\n import os\n-JWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")\n+\n+\n+def helper():\n+    return 1\n+\n+\n+JWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")`,
        },
      ],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    expect(fake.reviews).toHaveLength(0);
    const run = fake.checkRuns[0]!;
    expect(run.conclusion).toBe("success");
    expect((run.output as { summary: string }).summary).toContain("1 finding already present in the files this change touches");
    expect(fake.problems).toEqual([]);
  });

  it("a finding outside the diff is not commented inline", async () => {
    const text = `import os\nJWT_SECRET = os.getenv("JWT_SECRET", "dev-jwt")\n\n\nVERSION = "1.1"\n`;
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "settings.py": text }, [BASE]: { "settings.py": text.replace("1.1", "1.0") } },
      prFiles: [{ path: "settings.py", status: "modified", patch: `@@ -3,3 +3,3 @@\n \n \n-VERSION = "1.0"\n+VERSION = "1.1"` }],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    expect(fake.reviews).toHaveLength(0);
    expect(fake.requests.some((r) => r.path.endsWith("/comments"))).toBe(false);
    expect(fake.problems).toEqual([]);
  });

  it("a new multi-line finding whose lines are not all in the diff falls back to a file-level comment", async () => {
    // A finding on an added line that spans a line outside the hunk: simulate with a patch whose
    // hunk covers line 2 only, while the rule reports lines 2–3.
    const text = `import os\nJWT_SECRET = os.getenv(\n    "JWT_SECRET", "dev-jwt")\n`;
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "settings.py": text }, [BASE]: { "settings.py": `import os\nJWT_SECRET = os.getenv(\n    "JWT_SECRET", "dev-jwt")\n`.replace("dev-jwt", "x") } },
      prFiles: [{ path: "settings.py", status: "modified", patch: `@@ -1,2 +1,2 @@\n import os\n-JWT_SECRET = os.getenv(\n+JWT_SECRET = os.getenv(` }],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    const fileComments = fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/pulls/2/comments"));
    expect(fileComments).toHaveLength(1);
    expect(fileComments[0]!.body).toMatchObject({ path: "settings.py", subject_type: "file", commit_id: H1 });
    expect(fake.problems).toEqual([]);
  });

  it("files marked linguist-generated in .gitattributes are not reviewed, and the summary says so", async () => {
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: { "gen/settings.py": FIRST, ".gitattributes": "gen/** linguist-generated=true\n" }, [BASE]: {} },
      prFiles: [{ path: "gen/settings.py", status: "added", patch: addedFilePatch(FIRST) }],
    }).start();
    const app = await testProbot();
    await app.deliver("pull_request", opened());
    expect(fake.reviews).toHaveLength(0);
    const run = fake.checkRuns[0]!;
    expect(run.conclusion).toBe("success");
    expect((run.output as { summary: string }).summary).toContain("`gen/settings.py`: generated (linguist-generated in .gitattributes)");
    expect(fake.problems).toEqual([]);
  });

  it("a pull request with more than 3,000 files: reviews what GitHub lists and says what it skipped", async () => {
    const files = Array.from({ length: 3100 }, (_, i) => `pkg/m${i}.py`);
    const tree = Object.fromEntries(files.map((f) => [f, "x = 1\n"]));
    fake = new GitHubFake({
      headSha: H1,
      baseSha: BASE,
      trees: { [H1]: tree, [BASE]: {} },
      prFiles: files.map((path) => ({ path, status: "added" as const, patch: addedFilePatch("x = 1\n") })),
    }).start();
    const app = await testProbot();
    const payload = opened();
    payload.pull_request.changed_files = 3100;
    await app.deliver("pull_request", payload);
    const run = fake.checkRuns[0]!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("neutral");
    const output = run.output as { title: string; summary: string };
    expect(output.title).toMatch(/^Partial analysis/);
    expect(output.summary).toMatch(/at most 3,000 files.*changes 3100/);
    expect(fake.calls().filter((c) => c.endsWith("/pulls/2/files"))).toHaveLength(30);
    expect(fake.problems).toEqual([]);
  }, 60_000);
});

describe("GitHub errors", () => {
  let fake: GitHubFake;
  afterEach(() => fake.stop());

  const faultyFake = (fault: (req: RecordedRequest) => Fault | undefined) => newSettingsFile({ fault });

  it("a 403 secondary rate limit with Retry-After waits and retries, then succeeds", async () => {
    let failed = 0;
    fake = faultyFake((req) =>
      req.method === "POST" && req.path.endsWith("/reviews") && failed++ === 0
        ? { status: 403, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." } }
        : undefined,
    );
    const app = await testProbot({ retry: true });
    await app.deliver("pull_request", opened());
    expect(fake.calls().filter((c) => c.endsWith("/reviews"))).toHaveLength(2);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns[0]!.status).toBe("completed");
    expect(fake.checkRuns[0]!.conclusion).toBe("failure");
  });

  it("a 502 twice is retried with backoff, then succeeds", async () => {
    let failed = 0;
    fake = faultyFake((req) => (req.path.includes("/pulls/2/files") && failed++ < 2 ? { status: 502, body: { message: "Bad Gateway" } } : undefined));
    const app = await testProbot({ retry: true });
    await app.deliver("pull_request", opened());
    expect(fake.calls().filter((c) => c.endsWith("/pulls/2/files"))).toHaveLength(3);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns[0]!.status).toBe("completed");
  });

  it("a persistent failure completes the check run with a clear error", async () => {
    fake = faultyFake((req) => (req.path.includes("/pulls/2/files") ? { status: 502, body: { message: "Bad Gateway" } } : undefined));
    const app = await testProbot({ retry: true });
    await app.deliver("pull_request", opened());
    const run = fake.checkRuns[0]!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    expect((run.output as { title: string }).title).toBe("taxon could not finish this review");
    expect(fake.reviews).toHaveLength(0);
  });
});
