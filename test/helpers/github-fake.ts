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

export interface FakeThread {
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
}

const API = "https://api.github.com";

export class GitHubFake {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  headSha: string;
  baseSha: string;
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  readonly threads: FakeThread[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: Array<{ body: Record<string, unknown> }> = [];
  readonly replies: Array<{ commentId: number; body: string }> = [];
  private nextId = 1000;

  constructor(readonly options: FakeOptions) {
    this.owner = options.owner ?? "Codertocat";
    this.repo = options.repo ?? "Hello-World";
    this.pullNumber = options.pullNumber ?? 2;
    this.headSha = options.headSha;
    this.baseSha = options.baseSha;
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
      scope[method](/.*/).reply((uri: string, body: nock.Body) => {
        const result = this.respond(method.toUpperCase(), uri, body);
        if ("drop" in result) {
          // nock has no "drop"; a reset connection is what a client sees.
          const error = new Error("socket hang up") as NodeJS.ErrnoException;
          error.code = "ECONNRESET";
          throw error;
        }
        return [result.status, result.body as nock.Body, result.headers ?? {}];
      });
    }
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

    if (method === "GET" && path === `${base}/pulls/${this.pullNumber}/files`) {
      const perPage = Number(query.get("per_page") ?? 30);
      const page = Number(query.get("page") ?? 1);
      const slice = this.options.prFiles.slice((page - 1) * perPage, page * perPage).map((f) => ({
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
      const pages = Math.min(Math.ceil(this.options.prFiles.length / perPage), 3000 / perPage);
      const headers: Record<string, string> = {};
      if (page < pages) headers.link = `<${API}${path}?per_page=${perPage}&page=${page + 1}>; rel="next", <${API}${path}?per_page=${perPage}&page=${pages}>; rel="last"`;
      return { status: 200, body: slice, headers };
    }
    if (method === "GET" && path === `${base}/pulls/${this.pullNumber}`) {
      return { status: 200, body: { number: this.pullNumber, state: "open", changed_files: this.options.prFiles.length, html_url: `https://github.com/${this.owner}/${this.repo}/pull/${this.pullNumber}`, head: { sha: this.headSha, ref: "feature" }, base: { sha: this.baseSha, ref: this.options.baseRef ?? "master" } } };
    }
    const tree = m(`${base}/git/trees/([0-9a-f]+)`);
    if (method === "GET" && tree) {
      const files = this.options.trees[tree[1]!];
      if (!files) return { status: 404, body: { message: "Not Found" } };
      return { status: 200, body: { sha: tree[1], url: "", truncated: false, tree: Object.keys(files).map((p) => ({ path: p, mode: "100644", type: "blob", sha: "0".repeat(40), size: files[p]!.length, url: "" })) } };
    }
    if (method === "POST" && path === `${base}/pulls/${this.pullNumber}/reviews`) {
      const b = body as { comments?: Array<{ path: string; body: string }> };
      this.reviews.push({ body: b as Record<string, unknown> });
      for (const c of b.comments ?? []) this.addThread(c.path, c.body);
      return { status: 200, body: { id: this.nextId++, state: "COMMENTED" } };
    }
    if (method === "POST" && path === `${base}/pulls/${this.pullNumber}/comments`) {
      const b = body as { path: string; body: string };
      const id = this.addThread(b.path, b.body);
      return { status: 201, body: { id } };
    }
    const reply = m(`${base}/pulls/${this.pullNumber}/comments/(\\d+)/replies`);
    if (method === "POST" && reply) {
      this.replies.push({ commentId: Number(reply[1]), body: (body as { body: string }).body });
      return { status: 201, body: { id: this.nextId++ } };
    }
    if (method === "POST" && path === "/graphql") return { status: 200, body: this.graphql(body as { query: string; variables: Record<string, unknown> }) };

    this.problems.push(`unexpected request ${method} ${uri}`);
    return { status: 404, body: { message: `fake GitHub has no route for ${method} ${path}` } };
  }

  private addThread(path: string, body: string): number {
    const id = this.nextId++;
    this.threads.push({ id: `PRRT_${id}`, isResolved: false, path, comments: [{ databaseId: id, body }] });
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
      return {
        data: {
          repository: {
            pullRequest: {
              headRefOid: this.headSha,
              state: "OPEN",
              reviewThreads: {
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: this.threads.map((t) => ({ id: t.id, isResolved: t.isResolved, path: t.path, comments: { totalCount: t.comments.length, nodes: t.comments.slice(0, 1) } })),
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
