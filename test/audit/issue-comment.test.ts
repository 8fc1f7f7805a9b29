/**
 * `/taxon audit` end to end: GitHub's example `issue_comment.created`
 * payload through `probot.receive`, GitHub faked with nock (every request
 * body checked against GitHub's OpenAPI description). The commenter's
 * permission comes from GitHub's collaborator-permission API: write runs
 * the audit on the default branch's tarball and posts the report, read gets
 * a polite refusal.
 */
import { Octokit } from "@octokit/rest";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { runAuditJob } from "../../src/audit/github.js";
import { validateConfig } from "../../src/config/load.js";
import { parseAuditCommand } from "../../src/handlers/issue-comment.js";
import { MAX_COMMENT_BODY } from "../../src/github/limits.js";
import { GitHubFake } from "../helpers/github-fake.js";
import { examplePayload, testProbot } from "../helpers/probot.js";
import { FIXTURE_FILES } from "./fixture-tree.js";
import { githubTarball } from "./tar-writer.js";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const REPO = "https://api.github.com/repos/Codertocat/Hello-World";

function fakeFor(options: Partial<ConstructorParameters<typeof GitHubFake>[0]> = {}) {
  return new GitHubFake({
    headSha: SHA,
    baseSha: SHA,
    trees: {},
    prFiles: [],
    permissions: { Codertocat: "admin", maintainer: "maintain", reader: "read", triager: "triage" },
    branches: { master: SHA },
    tarball: (ref) => (ref === SHA ? githubTarball(FIXTURE_FILES, "Codertocat", "Hello-World", SHA) : undefined),
    ...options,
  }).start();
}

function comment(body: string, login = "Codertocat", patch: (p: Record<string, any>) => void = () => {}) {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = body;
  payload.comment.user.login = login;
  payload.sender.login = login;
  patch(payload);
  return payload;
}

describe("/taxon audit", () => {
  let fake: GitHubFake;
  afterEach(() => fake.stop());

  it("audits the default branch's tarball and posts the report as a comment", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("issue_comment", comment("Looks good.\n\n/taxon audit\n"));

    expect(fake.problems).toEqual([]);
    // One archive download, no file-by-file reads (no trees, no blobs).
    expect(fake.calls()).toEqual([
      "GET /repos/Codertocat/Hello-World/collaborators/Codertocat/permission",
      "POST /repos/Codertocat/Hello-World/issues/comments/492700400/reactions",
      "GET /repos/Codertocat/Hello-World/contents/.github%2Ftaxon.yml",
      "GET /repos/Codertocat/.github/contents/.github%2Ftaxon.yml",
      "GET /repos/Codertocat/Hello-World/branches/master",
      `GET /repos/Codertocat/Hello-World/tarball/${SHA}`,
      `GET https://codeload.github.com/Codertocat/Hello-World/legacy.tar.gz/${SHA}`,
      "POST /repos/Codertocat/Hello-World/issues/1/comments",
    ]);
    expect(fake.reactions).toEqual([{ commentId: 492700400, content: "eyes" }]);
    expect(fake.issueComments).toHaveLength(1);
    const body = fake.issueComments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY);
    expect(body.startsWith("@Codertocat asked for this audit with `/taxon audit`: the whole repository at the head of `master`.")).toBe(true);
    expect(body).toContain("# Production readiness audit: Codertocat/Hello-World");
    expect(body).toContain(`[\`6dcb09b\`](https://github.com/Codertocat/Hello-World/commit/${SHA}) on \`master\``);
    expect(body).toContain("**Overall readiness: 5.0/10** · 5 findings: 1 critical, 1 high, 3 medium");
    expect(body).toContain(`[\`app.py:12\`](https://github.com/Codertocat/Hello-World/blob/${SHA}/app.py#L12)`);
    for (const heading of ["## Executive snapshot", "## Findings", "## ✅ What is done well", "## Remediation plan", "## For a human to decide"]) expect(body).toContain(heading);
    expect(body).not.toContain("dev-secret-do-not-use");
    expect(body.endsWith(`<!-- taxon:audit sha=${SHA} part=1/1 -->`)).toBe(true);
    // The comment's request body is what GitHub documents: { body } and nothing else.
    const post = fake.requests.find((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments"))!;
    expect(Object.keys(post.body as object)).toEqual(["body"]);
  });

  it("politely refuses someone with read access, and starts nothing", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("issue_comment", comment("/taxon audit", "reader"));

    expect(fake.problems).toEqual([]);
    expect(fake.calls()).toEqual(["GET /repos/Codertocat/Hello-World/collaborators/reader/permission", "POST /repos/Codertocat/Hello-World/issues/1/comments"]);
    expect(fake.issueComments.map((c) => c.body)).toEqual([
      "@reader thanks for asking! Running `/taxon audit` needs write access to this repository (yours is `read`), so I have not started one. Anyone with write access can run it for you.",
    ]);
  });

  it("refuses triage and outside users, and lets maintainers run it", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("issue_comment", comment("/taxon audit", "triager"));
    await app.deliver("issue_comment", comment("/taxon audit", "stranger"));
    expect(fake.issueComments.map((c) => c.body.split("!")[0])).toEqual(["@triager thanks for asking", "@stranger thanks for asking"]);
    expect(fake.issueComments[0]!.body).toContain("(yours is `triage`)");
    expect(fake.issueComments[1]!.body).not.toContain("yours is");
    await app.deliver("issue_comment", comment("/taxon audit", "maintainer"));
    expect(fake.issueComments).toHaveLength(3);
    expect(fake.issueComments[2]!.body).toContain("# Production readiness audit");
    expect(fake.problems).toEqual([]);
  });

  it("ignores other comments and comments by bots", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("issue_comment", comment("You are totally right! I'll get this fixed right away."));
    await app.deliver("issue_comment", comment("> /taxon audit\nquoted, not asked"));
    await app.deliver("issue_comment", comment("/taxon audit", "taxon[bot]", (p) => ((p.sender.type = "Bot"), (p.comment.user.type = "Bot"))));
    expect(fake.calls()).toEqual([]);
    expect(fake.problems).toEqual([]);
  });

  it("opens a new issue with the report when asked to, and links it from the thread", async () => {
    fake = fakeFor();
    const app = await testProbot();
    await app.deliver("issue_comment", comment("/taxon audit --issue", "Codertocat", (p) => (p.issue.pull_request = { url: `${REPO}/pulls/1` })));

    expect(fake.problems).toEqual([]);
    expect(fake.createdIssues).toHaveLength(1);
    expect(fake.createdIssues[0]!.title).toBe("Production readiness audit: Codertocat/Hello-World at 6dcb09b");
    expect(fake.createdIssues[0]!.body).toContain("## Executive snapshot");
    expect(fake.issueComments.map((c) => c.issueNumber)).toEqual([1]);
    expect(fake.issueComments[0]!.body).toBe(
      "@Codertocat the audit of `master` at `6dcb09b` is in #100: overall readiness 5.0/10, 5 findings (1 critical, 1 high, 3 medium).",
    );
  });

  it("says why when the audit cannot finish", async () => {
    fake = fakeFor({ tarball: () => undefined });
    const app = await testProbot();
    await app.deliver("issue_comment", comment("/taxon audit"));
    expect(fake.problems).toEqual([]);
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.issueComments[0]!.body).toMatch(/^@Codertocat taxon could not finish the audit of `master`:/);
    expect(fake.issueComments[0]!.body).toContain("Comment `/taxon audit` again to retry.");
  });

  it("reports an invalid configuration instead of auditing", async () => {
    fake = fakeFor({ config: "fail_on: sometimes\n" });
    const app = await testProbot();
    await app.deliver("issue_comment", comment("/taxon audit"));
    expect(fake.problems).toEqual([]);
    expect(fake.calls().some((c) => c.includes("tarball"))).toBe(false);
    expect(fake.issueComments[0]!.body).toContain("is invalid");
    expect(fake.issueComments[0]!.body).toContain("| `fail_on` |");
  });

  it("splits a report longer than a comment over several comments, each valid for GitHub", async () => {
    fake = fakeFor();
    const octokit = new Octokit({ auth: "ghs_test", request: { retries: 0 } });
    const outcome = await runAuditJob(
      { owner: "Codertocat", repo: "Hello-World", issueNumber: 1, requestedBy: "Codertocat", defaultBranch: "master", htmlUrl: "https://github.com/Codertocat/Hello-World", asIssue: false },
      { octokit, log: pino({ level: "silent" }), loadConfig: async () => validateConfig({}, "test"), commentLimit: 3500 },
    );
    expect(outcome.status).toBe("posted");
    expect(fake.problems).toEqual([]);
    const bodies = fake.issueComments.map((c) => c.body);
    expect(bodies.length).toBeGreaterThan(2);
    bodies.forEach((b, i) => {
      expect(b.length).toBeLessThanOrEqual(3500);
      expect(b).toContain(`<!-- taxon:audit sha=${SHA} part=${i + 1}/${bodies.length} -->`);
    });
    const joined = bodies.join("\n");
    for (const id of [1, 2, 3, 4]) expect(joined.split(`##### F${id}. `).length - 1).toBe(1);
  });
});

describe("parseAuditCommand", () => {
  it.each([
    ["/taxon audit", { asIssue: false }],
    ["  /taxon   audit  ", { asIssue: false }],
    ["Please run\n/taxon audit --issue", { asIssue: true }],
    ["/TAXON Audit issue", { asIssue: true }],
    ["/taxon auditing", undefined],
    ["please /taxon audit", undefined],
    ["> /taxon audit", undefined],
    ["```\n/taxon audit\n```", undefined],
    ["", undefined],
  ])("%j", (body, expected) => {
    expect(parseAuditCommand(body)).toEqual(expected);
  });
});
