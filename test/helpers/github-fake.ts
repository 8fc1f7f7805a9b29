/**
 * GitHub faked at the HTTP layer with nock: a small in-memory GitHub that
 * answers the REST and GraphQL calls taxon makes for one repository, keeps
 * what was posted (so a second push reads its own earlier comments back),
 * records every request, and checks every request body against GitHub's
 * published API descriptions. Unknown requests fail the test.
 */
import nock from "nock";
import { graphqlRequestProblems, restRequestProblems } from "./github-api-description.js";

export interface FakeFile {
  path: string;
  status: "added" | "modified" | "removed" | "renamed";
  previousPath?: string;
  patch?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

/** One pull request of the fake repository. */
export interface FakePull {
  headSha: string;
  baseSha: string;
  prFiles: FakeFile[];
}

export interface FakeThread {
  pull: number;
  id: string;
  isResolved: boolean;
  path: string;
  comments: Array<{ databaseId: number; body: string }>;
}

export interface FakeCheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  output?: unknown;
  annotations: unknown[];
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Drop the connection instead of answering. */
  drop?: boolean;
}

export interface FakeOptions {
  owner?: string;
  repo?: string;
  pullNumber?: number;
  headSha: string;
  baseSha: string;
  baseRef?: string;
  /** Repository contents by commit SHA. */
  trees: Record<string, Record<string, string>>;
  prFiles: FakeFile[];
  /** `.github/taxon.yml` text on the base branch; undefined for none. */
  config?: string;
  installationId?: number;
  /** Called for each request before it is answered; a Fault fails it. */
  fault?: (req: RecordedRequest) => Fault | undefined;
  /** Repository permission per user, for the collaborator-permission API (`none` when absent). */
  permissions?: Record<string, "admin" | "maintain" | "write" | "triage" | "read" | "none">;
  /** Branch name → head SHA, for GET /branches/{branch}. */
  branches?: Record<string, string>;
  /** The gzip'd tarball of a ref, served through a redirect to codeload as GitHub does; undefined for 404. */
  tarball?: (ref: string) => Buffer | undefined;
}

const API = "https://api.github.com";
const CODELOAD = "https://codeload.github.com";

export class GitHubFake {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** Every pull request by number; `headSha`/`baseSha`/`options.prFiles` are the first one's. */
  readonly pulls = new Map<number, FakePull>();
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  readonly threads: FakeThread[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: Array<{ pull: number; body: Record<string, unknown> }> = [];
  readonly replies: Array<{ commentId: number; body: string }> = [];
  /** Comments posted on issues and pull requests (the issues API). */
  readonly issueComments: Array<{ issueNumber: number; id: number; body: string }> = [];
  readonly createdIssues: Array<{ number: number; title: string; body: string }> = [];
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  private nextId = 1000;
  private nextIssue = 100;

  constructor(readonly options: FakeOptions) {
    this.owner = options.owner ?? "Codertocat";
    this.repo = options.repo ?? "Hello-World";
    this.pullNumber = options.pullNumber ?? 2;
    const options_ = options;
    this.pulls.set(this.pullNumber, {
      headSha: options.headSha,
      baseSha: options.baseSha,
      get prFiles() {
        return options_.prFiles;
      },
      set prFiles(files: FakeFile[]) {
        options_.prFiles = files;
      },
    });
  }

  get headSha(): string {
    return this.pulls.get(this.pullNumber)!.headSha;
  }
  set headSha(sha: string) {
    this.pulls.get(this.pullNumber)!.headSha = sha;
  }
  get baseSha(): string {
    return this.pulls.get(this.pullNumber)!.baseSha;
  }

  /** Adds another pull request to the fake repository. */
  addPull(number: number, pull: FakePull): void {
    this.pulls.set(number, pull);
  }

  /** Requests other than the installation token, as `METHOD /path` (GraphQL: `GRAPHQL <operation>`). */
  calls(): string[] {
    return this.requests
      .filter((r) => !r.path.includes("/access_tokens"))
      .map((r) => {
        if (r.path === "/graphql") {
          const q = (r.body as { query: string }).query;
          const kind = q.includes("resolveReviewThread") ? "resolveReviewThread" : q.includes("reviewThreads") ? "reviewThreads" : "blobs";
          return `GRAPHQL ${kind}`;
        }
        return `${r.method} ${r.path.split("?")[0]}`;
      });
  }

  /** Starts answering. Call nock.cleanAll() (or `stop`) afterwards. */
  start(): this {
    nock.disableNetConnect();
    const scope = nock(API).persist();
    for (const method of ["get", "post", "patch", "put", "delete"] as const) {
      // The callback form lets a fault drop the connection: the client sees a socket error, as with a real reset.
      scope[method](/.*/).reply((uri: string, body: nock.Body, callback: (err: NodeJS.ErrnoException | null, result: nock.ReplyFnResult) => void) => {
        const result = this.respond(method.toUpperCase(), uri, body);
        if ("drop" in result) {
          const error = new Error("socket hang up") as NodeJS.ErrnoException;
          error.code = "ECONNRESET";
          callback(error, [0, ""]);
          return;
        }
        callback(null, [result.status, result.body as nock.Body, result.headers ?? {}]);
      });
    }
    // Archive downloads redirect to codeload, which is not the API: recorded, not checked against the API description.
    nock(CODELOAD)
      .persist()
      .get(/.*/)
      .reply((uri: string) => {
        this.requests.push({ method: "GET", path: `${CODELOAD}${uri}`, body: undefined });
        const ref = /\/legacy\.tar\.gz\/(.+)$/.exec(uri)?.[1];
        const archive = ref ? this.options.tarball?.(decodeURIComponent(ref)) : undefined;
        if (!archive) return [404, "Not Found"];
        return [200, archive, { "content-type": "application/x-gzip", "content-length": String(archive.length) }];
      });
    return this;
  }

  stop(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  private respond(method: string, uri: string, rawBody: unknown): { status: number; body?: unknown; headers?: Record<string, string> } | { drop: true } {
    const body = typeof rawBody === "string" && rawBody.length ? safeJson(rawBody) : rawBody === "" ? undefined : rawBody;
    const req: RecordedRequest = { method, path: uri, body };
    this.requests.push(req);
    const path = uri.split("?")[0]!;
    const query = new URLSearchParams(uri.split("?")[1] ?? "");

    try {
      if (path === "/graphql") this.problems.push(...graphqlRequestProblems(body as { query: string }));
      else if (!path.includes("/access_tokens")) this.problems.push(...restRequestProblems(method, path, method === "GET" ? undefined : body));
    } catch (error) {
      this.problems.push(`could not check ${method} ${path} against GitHub's API description: ${(error as Error).message}`);
    }

    const fault = this.options.fault?.(req);
    if (fault?.drop) return { drop: true };
    if (fault) return { status: fault.status, body: fault.body ?? { message: "fault injected" }, headers: fault.headers };

    const base = `/repos/${this.owner}/${this.repo}`;
    const m = (re: string) => new RegExp(`^${re}$`).exec(path);

    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path))
      return { status: 201, body: { token: "ghs_test", expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} } };

    if (method === "GET" && m(`${base}/commits/[0-9a-f]+/check-runs`)) {
      const sha = path.split("/")[5]!;
      const runs = this.checkRuns.filter((r) => r.head_sha === sha && r.name === (query.get("check_name") ?? r.name));
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    }
    if (method === "POST" && path === `${base}/check-runs`) {
      const b = body as { head_sha: string; name: string; status?: string; started_at?: string };
      const run: FakeCheckRun = { id: this.nextId++, head_sha: b.head_sha, name: b.name, status: b.status ?? "queued", conclusion: null, started_at: b.started_at ?? new Date().toISOString(), annotations: [] };
      this.checkRuns.push(run);
      return { status: 201, body: run };
    }
    const updateRun = m(`${base}/check-runs/(\\d+)`);
    if (method === "PATCH" && updateRun) {
      const run = this.checkRuns.find((r) => r.id === Number(updateRun[1]));
      if (!run) return { status: 404, body: { message: "Not Found" } };
      const b = body as { status?: string; conclusion?: string; output?: { annotations?: unknown[] } };
      if (b.status) run.status = b.status;
      if (b.conclusion) run.conclusion = b.conclusion;
      if (b.output) run.output = b.output;
      run.annotations.push(...(b.output?.annotations ?? []));
      return { status: 200, body: run };
    }

    if (method === "GET" && m(`/repos/${this.owner}/[^/]+/contents/(\\.github%2Ftaxon\\.yml|\\.github/taxon\\.yml)`)) {
      const repoName = path.split("/")[3];
      if (repoName === this.repo && this.options.config !== undefined)
        return { status: 200, body: this.options.config, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
      return { status: 404, body: { message: "Not Found" } };
    }

    const pullRoute = m(`${base}/pulls/(\\d+)(/.*)?`);
    const pullNumber = pullRoute ? Number(pullRoute[1]) : this.pullNumber;
    const pull = this.pulls.get(pullNumber);
    if (pullRoute && !pull) return { status: 404, body: { message: "Not Found" } };
    if (method === "GET" && pull && path === `${base}/pulls/${pullNumber}/files`) {
      const perPage = Number(query.get("per_page") ?? 30);
      const page = Number(query.get("page") ?? 1);
      const slice = pull.prFiles.slice((page - 1) * perPage, page * perPage).map((f) => ({
        sha: "0".repeat(40),
        filename: f.path,
        status: f.status,
        additions: 1,
        deletions: 0,
        changes: 1,
        blob_url: "",
        raw_url: "",
        contents_url: "",
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
        ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
      }));
      const pages = Math.min(Math.ceil(pull.prFiles.length / perPage), 3000 / perPage);
      const headers: Record<string, string> = {};
      if (page < pages) headers.link = `<${API}${path}?per_page=${perPage}&page=${page + 1}>; rel="next", <${API}${path}?per_page=${perPage}&page=${pages}>; rel="last"`;
      return { status: 200, body: slice, headers };
    }
    if (method === "GET" && pull && path === `${base}/pulls/${pullNumber}`) {
      return { status: 200, body: { number: pullNumber, state: "open", changed_files: pull.prFiles.length, html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pullNumber}`, head: { sha: pull.headSha, ref: "feature" }, base: { sha: pull.baseSha, ref: this.options.baseRef ?? "master" } } };
    }
    const tree = m(`${base}/git/trees/([0-9a-f]+)`);
    if (method === "GET" && tree) {
      const files = this.options.trees[tree[1]!];
      if (!files) return { status: 404, body: { message: "Not Found" } };
      return { status: 200, body: { sha: tree[1], url: "", truncated: false, tree: Object.keys(files).map((p) => ({ path: p, mode: "100644", type: "blob", sha: "0".repeat(40), size: files[p]!.length, url: "" })) } };
    }
    if (method === "POST" && pull && path === `${base}/pulls/${pullNumber}/reviews`) {
      const b = body as { comments?: Array<{ path: string; body: string }> };
      this.reviews.push({ pull: pullNumber, body: b as Record<string, unknown> });
      for (const c of b.comments ?? []) this.addThread(pullNumber, c.path, c.body);
      return { status: 200, body: { id: this.nextId++, state: "COMMENTED" } };
    }
    if (method === "POST" && pull && path === `${base}/pulls/${pullNumber}/comments`) {
      const b = body as { path: string; body: string };
      const id = this.addThread(pullNumber, b.path, b.body);
      return { status: 201, body: { id } };
    }
    const reply = m(`${base}/pulls/${pullNumber}/comments/(\\d+)/replies`);
    if (method === "POST" && reply) {
      this.replies.push({ commentId: Number(reply[1]), body: (body as { body: string }).body });
      return { status: 201, body: { id: this.nextId++ } };
    }
    if (method === "POST" && path === "/graphql") return { status: 200, body: this.graphql(body as { query: string; variables: Record<string, unknown> }) };

    const permission = m(`${base}/collaborators/([^/]+)/permission`);
    if (method === "GET" && permission) {
      const login = decodeURIComponent(permission[1]!);
      const role = this.options.permissions?.[login] ?? "none";
      const legacy = role === "maintain" ? "write" : role === "triage" ? "read" : role;
      return { status: 200, body: { permission: legacy, role_name: role, user: { login, id: 1, type: "User" } } };
    }
    const branch = m(`${base}/branches/([^/]+)`);
    if (method === "GET" && branch) {
      const name = decodeURIComponent(branch[1]!);
      const sha = this.options.branches?.[name];
      if (!sha) return { status: 404, body: { message: "Branch not found" } };
      return { status: 200, body: { name, commit: { sha, url: "" }, protected: false, _links: { html: "", self: "" }, protection_url: "" } };
    }
    const tarball = m(`${base}/tarball/([^/]+)`);
    if (method === "GET" && tarball) {
      if (!this.options.tarball?.(decodeURIComponent(tarball[1]!))) return { status: 404, body: { message: "Not Found" } };
      return { status: 302, body: "", headers: { location: `${CODELOAD}/${this.owner}/${this.repo}/legacy.tar.gz/${tarball[1]}` } };
    }
    const issueComment = m(`${base}/issues/(\\d+)/comments`);
    if (method === "POST" && issueComment) {
      const id = this.nextId++;
      this.issueComments.push({ issueNumber: Number(issueComment[1]), id, body: (body as { body: string }).body });
      return { status: 201, body: { id, html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issueComment[1]}#issuecomment-${id}`, body: (body as { body: string }).body } };
    }
    if (method === "POST" && path === `${base}/issues`) {
      const b = body as { title: string; body?: string };
      const number = this.nextIssue++;
      this.createdIssues.push({ number, title: b.title, body: b.body ?? "" });
      return { status: 201, body: { id: this.nextId++, number, title: b.title, body: b.body ?? "", html_url: `https://github.com/${this.owner}/${this.repo}/issues/${number}` } };
    }
    const reaction = m(`${base}/issues/comments/(\\d+)/reactions`);
    if (method === "POST" && reaction) {
      this.reactions.push({ commentId: Number(reaction[1]), content: (body as { content: string }).content });
      return { status: 201, body: { id: this.nextId++, content: (body as { content: string }).content } };
    }

    this.problems.push(`unexpected request ${method} ${uri}`);
    return { status: 404, body: { message: `fake GitHub has no route for ${method} ${path}` } };
  }

  private addThread(pull: number, path: string, body: string): number {
    const id = this.nextId++;
    this.threads.push({ pull, id: `PRRT_${id}`, isResolved: false, path, comments: [{ databaseId: id, body }] });
    return id;
  }

  private graphql(body: { query: string; variables: Record<string, unknown> }): unknown {
    const v = body.variables ?? {};
    if (body.query.includes("resolveReviewThread")) {
      const thread = this.threads.find((t) => t.id === v.threadId);
      if (thread) thread.isResolved = true;
      return { data: { resolveReviewThread: { thread: { id: v.threadId, isResolved: true } } } };
    }
    if (body.query.includes("reviewThreads")) {
      const pull = this.pulls.get(Number(v.number));
      if (!pull) return { data: { repository: { pullRequest: null } } };
      return {
        data: {
          repository: {
            pullRequest: {
              headRefOid: pull.headSha,
              state: "OPEN",
              reviewThreads: {
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: this.threads.filter((t) => t.pull === Number(v.number)).map((t) => ({ id: t.id, isResolved: t.isResolved, path: t.path, comments: { totalCount: t.comments.length, nodes: t.comments.slice(0, 1) } })),
              },
            },
          },
        },
      };
    }
    // Blob batch: variables e0..eN hold "sha:path".
    const repository: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) {
      if (!/^e\d+$/.test(key)) continue;
      const expr = String(value);
      const colon = expr.indexOf(":");
      const text = this.options.trees[expr.slice(0, colon)]?.[expr.slice(colon + 1)];
      repository[`b${key.slice(1)}`] = text === undefined ? null : { text, isBinary: text.includes("\u0000"), byteSize: Buffer.byteLength(text), isTruncated: false };
    }
    return { data: { repository } };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A unified-diff patch that adds every line of `text` (a new file). */
export function addedFilePatch(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
}
