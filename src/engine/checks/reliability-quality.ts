/**
 * Built-in checks of the reliability-quality rule families: what a pattern
 * cannot say on its own — which functions are request handlers and which
 * functions of the same module they call, which names a module imports under
 * which alias, whether a module otherwise uses annotations, and the change as
 * a whole (missing-test-changes).
 */
import type { SgNode } from "@ast-grep/napi";
import { isGeneratedOrVendored } from "../paths.js";
import { spanOfLine, spanOfNode } from "../position.js";
import type { ChangeCheckContext, Check, FileCheckContext, Hit } from "./types.js";

type Node = SgNode;

// ───────────────────────────── shared helpers ─────────────────────────────

const PY_FUNCTION_KINDS = new Set(["function_definition", "lambda"]);

/** The nearest enclosing node of one of `kinds` (not the node itself). */
function nearest(node: Node, kinds: ReadonlySet<string>): Node | undefined {
  for (const a of node.ancestors()) if (kinds.has(String(a.kind()))) return a;
  return undefined;
}

function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf(".") + 1);
}

/** A hit for `node` with its first line as the snippet. */
function hitOn(node: Node, title?: string, message?: string): Hit {
  const hit: Hit = { ...spanOfNode(node), snippet: node.text().split("\n")[0]!.trim() };
  if (title) hit.title = title;
  if (message) hit.message = message;
  return hit;
}

/**
 * Python imports of a module, read from the text without a tree walk: local
 * name → qualified name. `import a.b as c` gives c → a.b; `import a.b` gives
 * a → a; `from a import (b as c, d)` gives c → a.b, d → a.d. Only lines that
 * start with `import`/`from` count (not `>>> import x` in a docstring).
 */
function pyTextImports(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (let at = text.indexOf("import"); at >= 0; at = text.indexOf("import", at + 6)) {
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const head = text.slice(lineStart, at);
    const from = /^[ \t]*from[ \t]+([\w.]+)[ \t]+$/.exec(head);
    if (!from && !/^[ \t]*$/.test(head)) continue;
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    let rest = text.slice(at + 6, end);
    if (from && /^\s*\(/.test(rest) && !rest.includes(")")) {
      const close = text.indexOf(")", at);
      if (close > 0) rest = text.slice(at + 6, close + 1);
    }
    if (!/^[ \t(]/.test(rest)) continue; // `imported`, `importlib`
    for (const part of rest.replace(/#[^\n]*/g, "").replace(/[()\\]/g, " ").split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/).map((x) => x.trim());
      if (!name || !/^[\w.]+$/.test(name) || name === "*") continue;
      if (from) map.set(alias ?? name, `${from[1]}.${name}`);
      else if (alias) map.set(alias, name);
      else map.set(name.split(".")[0]!, name.split(".")[0]!);
    }
  }
  return map;
}

/** The qualified name of a dotted callee, through the module's imports; undefined when its head is not imported. */
function pyResolve(callee: string, imports: ReadonlyMap<string, string>): string | undefined {
  const dot = callee.indexOf(".");
  const head = dot < 0 ? callee : callee.slice(0, dot);
  const qualified = imports.get(head);
  if (!qualified) return undefined;
  return dot < 0 ? qualified : qualified + callee.slice(dot);
}

// ─────────────────────── Python request handlers ───────────────────────

const PY_ROUTE_CALLEE = /^(?:[A-Za-z_][\w.]*\.)?(?:route|get|post|put|patch|delete|head|options|api_route|websocket)$/;
const PY_VIEW_DECORATOR = /^(?:api_view|action|require_http_methods|require_GET|require_POST|require_safe)$/;
const PY_VIEW_BASE = /(?:View|Resource|APIView|ViewSet|HTTPEndpoint|RequestHandler)\b/;
const PY_VIEW_METHOD = /^(?:get|post|put|patch|delete|head|options|dispatch|list|create|retrieve|update|partial_update|destroy)$/;

function pyDecorators(fn: Node): Node[] {
  const parent = fn.parent();
  if (!parent || parent.kind() !== "decorated_definition") return [];
  return parent.children().filter((c) => c.kind() === "decorator");
}

/** Is a decorator one that registers a route: `@app.route("/x")`, `@router.post("/")`, `@bp.get(...)`, `@api_view([...])`? */
function pyIsRouteDecorator(decorator: Node): boolean {
  const expr = decorator.namedChildren()[0];
  if (!expr) return false;
  if (expr.kind() !== "call") return PY_VIEW_DECORATOR.test(lastSegment(expr.text()));
  const callee = expr.field("function")?.text() ?? "";
  if (PY_VIEW_DECORATOR.test(lastSegment(callee))) return true;
  if (!PY_ROUTE_CALLEE.test(callee)) return false;
  const first = expr.field("arguments")?.namedChildren()[0];
  if (!first) return false;
  if (first.kind() === "string" || first.kind() === "concatenated_string") return true;
  return first.kind() === "keyword_argument" && /^(?:path|rule|url)$/.test(first.field("name")?.text() ?? "");
}

function pyEnclosingClass(fn: Node): Node | undefined {
  const block = fn.parent()?.kind() === "decorated_definition" ? fn.parent()?.parent() : fn.parent();
  const cls = block?.parent();
  return block?.kind() === "block" && cls?.kind() === "class_definition" ? cls : undefined;
}

function pyFunctionName(fn: Node): string {
  return fn.field("name")?.text() ?? "";
}

function pyIsRouteHandler(fn: Node, path: string): boolean {
  if (pyDecorators(fn).some(pyIsRouteDecorator)) return true;
  const cls = pyEnclosingClass(fn);
  if (cls) {
    const bases = cls.field("superclasses")?.text() ?? "";
    return PY_VIEW_BASE.test(bases) && PY_VIEW_METHOD.test(pyFunctionName(fn));
  }
  // Django function views: `def view(request, ...)` in views.py or views/.
  if (/(^|\/)views(\.py$|\/)/.test(path)) {
    const first = fn.field("parameters")?.namedChildren()[0];
    const name = first?.kind() === "identifier" ? first.text() : first?.namedChildren()[0]?.text();
    return name === "request" && fn.parent()?.kind() !== "block";
  }
  return false;
}

/** A cheap text test before any tree walk: could this module define a request handler at all? */
const PY_HANDLER_HINT =
  /@(?:[\w.]*\.)?(?:route|get|post|put|patch|delete|head|options|api_route|websocket)\s*\(|@(?:[\w.]*\.)?(?:api_view|action|require_http_methods|require_GET|require_POST|require_safe)\b|class\s+\w+\s*\([^)]*(?:View|Resource|APIView|ViewSet|HTTPEndpoint|RequestHandler)\b|def \w+\(\s*request\b/;

interface PyHandlerIndex {
  /** Route handlers by node id. */
  handlers: Map<number, Node>;
  /** Route handlers and every function of the module reachable from one, by node id → the handler's name. */
  reachable: Map<number, { fn: Node; handler: string }>;
}

/**
 * The module's request handlers and the functions they call, transitively,
 * by bare name (module-level and nested functions) or as `self.x(...)`
 * (methods of the same class).
 */
function pyHandlerIndex(root: Node, path: string): PyHandlerIndex {
  const functions = root.findAll({ rule: { kind: "function_definition" } });
  const byName = new Map<string, Node[]>();
  const methods = new Map<string, Node[]>();
  const handlers = new Map<number, Node>();
  for (const fn of functions) {
    const name = pyFunctionName(fn);
    const cls = pyEnclosingClass(fn);
    const table = cls ? methods : byName;
    const key = cls ? `${cls.id()}:${name}` : name;
    table.set(key, [...(table.get(key) ?? []), fn]);
    if (pyIsRouteHandler(fn, path)) handlers.set(fn.id(), fn);
  }
  const reachable = new Map<number, { fn: Node; handler: string }>();
  const queue: Array<{ fn: Node; handler: string }> = [...handlers.values()].map((fn) => ({ fn, handler: pyFunctionName(fn) }));
  for (const item of queue) reachable.set(item.fn.id(), item);
  while (queue.length > 0) {
    const { fn, handler } = queue.shift()!;
    const cls = pyEnclosingClass(fn);
    for (const call of fn.findAll({ rule: { kind: "call" } })) {
      const callee = call.field("function");
      if (!callee) continue;
      let targets: Node[] | undefined;
      if (callee.kind() === "identifier") targets = byName.get(callee.text());
      else if (cls && callee.kind() === "attribute" && /^(self|cls)\.\w+$/.test(callee.text()))
        targets = methods.get(`${cls.id()}:${lastSegment(callee.text())}`);
      for (const target of targets ?? []) {
        if (reachable.has(target.id())) continue;
        const item = { fn: target, handler };
        reachable.set(target.id(), item);
        queue.push(item);
      }
    }
  }
  return { handlers, reachable };
}

// ───────────────────────── asyncio-run-in-handler ─────────────────────────

function asyncioRunInHandler(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  if (!PY_HANDLER_HINT.test(ctx.text)) return [];
  // the local names of asyncio.run (`asyncio.run`, `aio.run`, `run` from asyncio), from the import lines
  const imports = pyTextImports(ctx.text);
  const names = [...imports].filter(([, q]) => q === "asyncio" || q === "asyncio.run").map(([local, q]) => (q === "asyncio" ? `${local}\\.run` : local));
  const regex = [`\\.run_until_complete$`, ...(names.length ? [`^(${names.join("|")})$`] : [])].join("|");
  const candidates = root.findAll({ rule: { kind: "call", has: { field: "function", regex } } }).filter((call) => {
    const callee = call.field("function")!.text();
    return callee.endsWith(".run_until_complete") || pyResolve(callee, imports) === "asyncio.run";
  });
  if (candidates.length === 0) return [];
  const index = pyHandlerIndex(root, ctx.path);
  const hits: Hit[] = [];
  for (const call of candidates) {
    const fn = nearest(call, PY_FUNCTION_KINDS);
    if (!fn || fn.kind() !== "function_definition") continue;
    const reached = index.reachable.get(fn.id());
    if (!reached) continue;
    const callee = call.field("function")!.text();
    const where = index.handlers.has(fn.id())
      ? `request handler \`${reached.handler}\``
      : `\`${pyFunctionName(fn)}\`, which request handler \`${reached.handler}\` calls`;
    hits.push(hitOn(call, `\`${callee}(...)\` starts an event loop inside ${where}`));
  }
  return hits;
}

// ───────────────────── blocking-call-in-async-handler ─────────────────────

const PY_BLOCKING = new Map<RegExp, string>([
  [/^time\.sleep$/, "sleeps the whole event loop"],
  [/^(requests|httpx)\.(get|post|put|patch|delete|head|options|request|stream)$/, "is synchronous network I/O"],
  [/^urllib\.request\.urlopen$/, "is synchronous network I/O"],
  [/^subprocess\.(run|call|check_call|check_output)$/, "waits for a child process"],
  [/^os\.(system|popen)$/, "waits for a child process"],
]);
const PY_BLOCKING_FILE = /^shutil\.(copyfileobj|copyfile|copy|copy2|copytree|move|rmtree)$/;
const PY_SYNC_SESSION_METHOD = /^(query|execute|commit|add|add_all|delete|get|refresh|flush|scalar|scalars|merge|rollback)$/;
const PY_SYNC_SESSION_FACTORY = /^(?:[\w.]*\.)?(?:SessionLocal|Session|ScopedSession|scoped_session|db_session)$/;

/** Names bound to a synchronous SQLAlchemy session in an async function. */
function pySyncSessionNames(fn: Node): Set<string> {
  const names = new Set<string>();
  for (const param of fn.field("parameters")?.namedChildren() ?? []) {
    if (param.kind() !== "typed_parameter" && param.kind() !== "typed_default_parameter") continue;
    const type = param.field("type")?.text() ?? "";
    const name = param.kind() === "typed_parameter" ? param.namedChildren()[0]?.text() : param.field("name")?.text();
    if (name && /^(?:[\w.]*\.)?Session$/.test(type)) names.add(name);
    if (name && /^Annotated\[\s*(?:[\w.]*\.)?Session\s*,/.test(type)) names.add(name);
  }
  for (const assign of fn.findAll({ rule: { kind: "assignment" } })) {
    const right = assign.field("right");
    const left = assign.field("left");
    if (left?.kind() === "identifier" && right?.kind() === "call" && PY_SYNC_SESSION_FACTORY.test(right.field("function")?.text() ?? ""))
      names.add(left.text());
  }
  for (const item of fn.findAll({ rule: { kind: "as_pattern", inside: { kind: "with_item" } } })) {
    const value = item.namedChildren()[0];
    const target = item.field("alias")?.text() ?? item.namedChildren()[1]?.text();
    if (value?.kind() === "call" && PY_SYNC_SESSION_FACTORY.test(value.field("function")?.text() ?? "") && target)
      names.add(target.trim());
  }
  return names;
}

/** Qualified names whose calls may block (refined by PY_BLOCKING / PY_BLOCKING_FILE on the resolved callee). */
const PY_BLOCKING_MODULE = /^(?:time|time\.sleep|requests(?:\.\w+)?|httpx(?:\.\w+)?|urllib(?:\.request)?(?:\.urlopen)?|subprocess(?:\.\w+)?|os|os\.(?:system|popen)|shutil(?:\.\w+)?)$/;
/** A synchronous LLM client built in this module (`OpenAI(...)`, not `AsyncOpenAI(...)`). */
const PY_SYNC_LLM_CLIENT = /\b(?:OpenAI|Anthropic|AzureOpenAI)\(/;
/** Its request methods: `client.chat.completions.create(...)`, `client.messages.create(...)`. */
const PY_LLM_CALL = /\.(?:chat\.completions|completions|messages|responses|embeddings)\.create$/;

interface BlockingReason {
  title: string;
  reason: string;
}

/**
 * Why a call (not awaited, run on the event loop) blocks, if it does: a
 * blocking library call resolved through the imports, or a request of a
 * synchronous LLM client.
 */
function pyBlockingReason(call: Node, imports: ReadonlyMap<string, string>, syncLlm: boolean): BlockingReason | undefined {
  const calleeNode = call.field("function");
  if (!calleeNode || call.parent()?.kind() === "await") return undefined;
  const callee = calleeNode.text();
  const qualified = calleeNode.kind() === "identifier" || calleeNode.kind() === "attribute" ? pyResolve(callee, imports) : undefined;
  const reason = qualified ? [...PY_BLOCKING].find(([re]) => re.test(qualified))?.[1] : undefined;
  if (reason) return { title: `Blocking \`${callee}\``, reason };
  if (syncLlm && calleeNode.kind() === "attribute" && PY_LLM_CALL.test(callee))
    return { title: `Blocking \`${callee}\``, reason: "is a synchronous request to the model API (seconds to minutes)" };
  return undefined;
}

/** `async def`, from the first token (not the whole text of the function). */
function isAsyncDef(fn: Node): boolean {
  return fn.kind() === "function_definition" && fn.child(0)?.kind() === "async";
}

/** For each import that reaches a blocking call, the callee pattern it is called with (`time.sleep`, `sleep`, `http.post`). */
function pyBlockingCallees(imports: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [local, q] of imports) {
    const l = local.replace(/\./g, "\\.");
    if (q === "time") out.push(`${l}\\.sleep`);
    else if (q === "requests" || q === "httpx") out.push(`${l}\\.(get|post|put|patch|delete|head|options|request|stream)`);
    else if (q === "urllib") out.push(`${l}\\.request\\.urlopen`);
    else if (q === "urllib.request") out.push(`${l}\\.urlopen`);
    else if (q === "subprocess") out.push(`${l}\\.(run|call|check_call|check_output)`);
    else if (q === "os") out.push(`${l}\\.(system|popen)`);
    else if (q === "shutil") out.push(`${l}\\.(copyfileobj|copyfile|copy|copy2|copytree|move|rmtree)`);
    else if (PY_BLOCKING_MODULE.test(q) && q.includes(".")) out.push(l); // from time import sleep
  }
  return out;
}

const PY_LLM_TAIL = "\\.(chat\\.completions|completions|messages|responses|embeddings)\\.create$";
const PY_SESSION_TAIL = "\\.(query|execute|commit|add|add_all|delete|get|refresh|flush|scalar|scalars|merge|rollback)$";

function blockingCallInAsyncHandler(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  // Decided on the text first: blocking modules imported, a sync session or LLM client, or a handler that may open files.
  const text = ctx.text;
  const syncLlm = PY_SYNC_LLM_CLIENT.test(text);
  if (!/^[ \t]*async[ \t]+def[ \t]/m.test(text)) return [];
  const imports = pyTextImports(text);
  // the blocking callees this module imports, kept only when one is called somewhere in the text
  let direct = pyBlockingCallees(imports);
  if (direct.length && !new RegExp(`(?:^|[^\\w.])(?:${direct.join("|")})\\s*\\(`, "m").test(text)) direct = [];
  const sessions = text.includes("Session");
  const fileIo = (text.includes("open(") || text.includes("shutil")) && PY_HANDLER_HINT.test(text);
  if (direct.length === 0 && !syncLlm && !sessions && !fileIo) return [];
  const openShadowed = imports.has("open") || /\bdef open\(/.test(text);
  // Calls that block by themselves, as a native pattern on the callee.
  const blockingRegex = [...(direct.length ? [`^(${direct.join("|")})$`] : []), ...(syncLlm ? [PY_LLM_TAIL] : [])].join("|");
  // Sync functions of this module that block (`def _call_model(self): return self.client.chat.completions.create(...)`):
  // calling one from async code blocks just the same.
  const helpers = new Map<string, { fn: Node; call: Node; reason: BlockingReason }>();
  const otherRegex = [
    ...(sessions ? [PY_SESSION_TAIL] : []),
    ...(fileIo ? ["^open$", "^(shutil\\.)?(copyfileobj|copyfile|copy|copy2|copytree|move|rmtree)$"] : []),
  ].join("|");
  // One walk: blocking calls in any function (a sync one is a blocking helper), session and file calls in async ones.
  // (In an `all`, so that the callee test runs before the walk up to a function.)
  const inAsync = { inside: { kind: "function_definition", regex: "^async[ \\t]", stopBy: "end" } };
  const rules: object[] = [];
  if (blockingRegex) rules.push({ kind: "call", all: [{ has: { field: "function", regex: blockingRegex } }, { inside: { kind: "function_definition", stopBy: "end" } }] });
  if (otherRegex) rules.push({ kind: "call", all: [{ has: { field: "function", regex: otherRegex } }, inAsync] });
  if (rules.length === 0) return [];
  const calls: Node[] = [];
  for (const call of root.findAll({ rule: { any: rules } } as never) as Node[]) {
    const fn = nearest(call, PY_FUNCTION_KINDS);
    if (fn?.kind() === "function_definition" && !isAsyncDef(fn)) {
      const name = pyFunctionName(fn);
      const reason = helpers.has(name) ? undefined : pyBlockingReason(call, imports, syncLlm);
      if (reason) helpers.set(name, { fn, call, reason });
    } else calls.push(call);
  }
  // calls of the blocking helpers from async functions
  const helperNames = [...helpers.keys()].filter((n) => /^\w+$/.test(n));
  if (helperNames.length)
    calls.push(...(root.findAll({ rule: { kind: "call", all: [{ has: { field: "function", regex: `^(self\\.|cls\\.)?(${helperNames.join("|")})$` } }, inAsync] } } as never) as Node[]));
  if (calls.length === 0) return [];
  const owners = new Map<number, { handler: boolean; where: string; sessions: Set<string> }>();
  const hits: Hit[] = [];
  for (const call of calls) {
    const fn = nearest(call, PY_FUNCTION_KINDS);
    if (!fn || fn.kind() !== "function_definition" || !isAsyncDef(fn)) continue; // in a lambda or nested def: run elsewhere (executor, thread)
    let owner = owners.get(fn.id());
    if (!owner) {
      const handler = pyIsRouteHandler(fn, ctx.path);
      const name = pyFunctionName(fn);
      owner = { handler, where: handler ? `async handler \`${name}\`` : `async function \`${name}\``, sessions: sessions ? pySyncSessionNames(fn) : new Set() };
      owners.set(fn.id(), owner);
    }
    const { handler, where } = owner;
    const calleeNode = call.field("function")!;
    const callee = calleeNode.text();
    const awaited = call.parent()?.kind() === "await";
    const blocking = pyBlockingReason(call, imports, syncLlm);
    if (blocking) {
      hits.push(hitOn(call, `${blocking.title} inside ${where}`, blockingMessage(callee, blocking.reason)));
      continue;
    }
    if (calleeNode.kind() === "attribute" && !awaited) {
      const object = calleeNode.field("object")?.text() ?? "";
      const method = calleeNode.field("attribute")?.text() ?? "";
      if (owner.sessions.has(object) && PY_SYNC_SESSION_METHOD.test(method)) {
        hits.push(
          hitOn(call, `Synchronous database session call \`${callee}\` inside ${where}`, blockingMessage(callee, "runs a synchronous database round-trip")),
        );
        continue;
      }
    }
    const helper = awaited ? undefined : helpers.get(callee.replace(/^(self|cls)\./, ""));
    if (helper && (calleeNode.kind() === "identifier" || /^(self|cls)\./.test(callee)) && pyEnclosingClass(helper.fn)?.id() === (calleeNode.kind() === "identifier" ? undefined : pyEnclosingClass(fn)?.id())) {
      const inner = helper.call.field("function")!.text();
      hits.push(
        hitOn(
          call,
          `Blocking helper \`${callee}\` called inside ${where}`,
          blockingMessage(callee, `is a plain \`def\` that calls \`${inner}\`, which ${helper.reason.reason}`),
        ),
      );
      continue;
    }
    if (!handler) continue;
    const qualified = calleeNode.kind() === "identifier" || calleeNode.kind() === "attribute" ? pyResolve(callee, imports) : undefined;
    const isFileIo = (callee === "open" && !openShadowed) || (qualified !== undefined && PY_BLOCKING_FILE.test(qualified));
    if (isFileIo) hits.push(hitOn(call, `Blocking file I/O \`${callee}\` inside ${where}`, blockingMessage(callee, "is synchronous file I/O")));
  }
  return hits;
}

function blockingMessage(callee: string, reason: string): string {
  return (
    `\`${callee}\` ${reason}. Inside \`async def\` it runs on the event loop thread, so every other request ` +
    "served by this worker waits until it returns: latency spikes, timeouts and health checks failing under load."
  );
}

// ─────────────────────────── process-local-state ───────────────────────────

const PY_CONTAINER_CALL = /^(?:collections\.)?(?:dict|list|set|defaultdict|OrderedDict|Counter|deque)$|^(?:cachetools\.)?(?:TTLCache|LRUCache|LFUCache|Cache)$/;
const PY_MUTATORS = /^(append|extend|insert|add|update|setdefault|pop|popitem|clear|remove|discard|appendleft|popleft|extendleft)$/;
const STATE_HINT =
  "Each worker process (gunicorn/uvicorn `--workers`, several replicas) has its own copy: a value written by one worker is missing in the next request served by another, and everything is lost on restart.";

/** Module-level `NAME = {}` / `[]` / `set()` / `defaultdict(...)` … : name → declaration node. */
function pyModuleContainers(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of root.children()) {
    if (stmt.kind() !== "expression_statement") continue;
    const assign = stmt.namedChildren()[0];
    if (!assign || assign.kind() !== "assignment") continue;
    const left = assign.field("left");
    const right = assign.field("right");
    if (!left || left.kind() !== "identifier" || !right) continue;
    const kind = right.kind();
    const container =
      kind === "dictionary" ||
      kind === "list" ||
      kind === "set" ||
      (kind === "call" && PY_CONTAINER_CALL.test(right.field("function")?.text() ?? ""));
    if (container) out.set(left.text(), assign);
  }
  return out;
}

/** Names a function binds locally (parameters, assignments, loop targets) and does not declare `global`. */
function pyLocalNames(fn: Node): Set<string> {
  const locals = new Set<string>();
  for (const p of fn.field("parameters")?.namedChildren() ?? []) {
    const id = p.kind() === "identifier" ? p : (p.field("name") ?? p.namedChildren().find((c) => c.kind() === "identifier"));
    if (id) locals.add(id.text());
  }
  for (const a of fn.findAll({ rule: { any: [{ kind: "assignment" }, { kind: "augmented_assignment" }] } })) {
    const left = a.field("left");
    if (left?.kind() === "identifier") locals.add(left.text());
  }
  for (const g of fn.findAll({ rule: { kind: "global_statement" } })) for (const id of g.namedChildren()) locals.delete(id.text());
  return locals;
}

/** The identifier under `x`, `x[k]`, `x[k][j]`. */
function pySubscriptBase(node: Node | null | undefined): string | undefined {
  let cur = node;
  while (cur?.kind() === "subscript") cur = cur.field("value");
  return cur?.kind() === "identifier" ? cur.text() : undefined;
}

/** The write to `name` in one statement or call, if any. */
function pyWrittenName(node: Node): string | undefined {
  const kind = node.kind();
  if (kind === "assignment" || kind === "augmented_assignment") {
    const left = node.field("left");
    return left?.kind() === "subscript" ? pySubscriptBase(left) : undefined;
  }
  if (kind === "delete_statement") {
    const target = node.namedChildren()[0];
    const sub = target?.kind() === "subscript" ? target : target?.namedChildren().find((c) => c.kind() === "subscript");
    return sub ? pySubscriptBase(sub) : undefined;
  }
  if (kind === "call") {
    const callee = node.field("function");
    if (callee?.kind() !== "attribute") return undefined;
    const method = callee.field("attribute")?.text() ?? "";
    return PY_MUTATORS.test(method) ? pySubscriptBase(callee.field("object")) : undefined;
  }
  return undefined;
}

function pyProcessLocalState(ctx: FileCheckContext): Hit[] {
  const root = ctx.root!;
  if (!PY_HANDLER_HINT.test(ctx.text)) return [];
  const containers = pyModuleContainers(root);
  if (containers.size === 0) return [];
  const index = pyHandlerIndex(root, ctx.path);
  if (index.handlers.size === 0) return [];
  const writers = new Map<string, { fn: string; handler: string }>();
  for (const { fn, handler } of index.reachable.values()) {
    const locals = pyLocalNames(fn);
    const writes = fn.findAll({
      rule: { any: [{ kind: "assignment" }, { kind: "augmented_assignment" }, { kind: "delete_statement" }, { kind: "call" }] },
    });
    for (const w of writes) {
      const name = pyWrittenName(w);
      if (!name || !containers.has(name) || locals.has(name) || writers.has(name)) continue;
      const owner = nearest(w, new Set(["function_definition"]));
      if (owner && owner.id() !== fn.id() && !index.reachable.has(owner.id())) continue;
      writers.set(name, { fn: pyFunctionName(fn), handler });
    }
  }
  return [...writers].map(([name, { fn, handler }]) => stateHit(containers.get(name)!, name, fn, handler));
}

function stateHit(decl: Node, name: string, fn: string, handler: string): Hit {
  const via = fn === handler ? `request handler \`${handler}\`` : `\`${fn}\` (called from request handler \`${handler}\`)`;
  return hitOn(
    decl,
    `Module-level \`${name}\` is shared request state kept in process memory`,
    `\`${name}\` is written by ${via}. ${STATE_HINT} CSRF tokens, sessions, login attempts and caches kept this way fail at random once the app runs more than one worker.`,
  );
}

// JavaScript / TypeScript

const JS_FUNCTION_KINDS = new Set(["function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration"]);
const JS_ROUTE_METHOD = /^(?:get|post|put|patch|delete|del|all|head|options|use|route)$/;
const JS_HANDLER_EXPORT = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
const JS_MUTATORS = /^(?:set|add|push|unshift|splice|delete|clear|pop|shift)$/;
const JS_CONTAINER_NEW = /^(?:Map|Set|Array|Object|LRUCache|LRU|NodeCache|TTLCache)$/;

/** Module-level `const cache = {}` / `[]` / `new Map()` … : name → the declaring statement. */
function jsModuleContainers(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const decls = root.findAll({
    rule: {
      kind: "variable_declarator",
      has: { field: "name", kind: "identifier" },
      all: [
        {
          has: {
            field: "value",
            any: [
              { kind: "object" },
              { kind: "array" },
              { kind: "new_expression", has: { field: "constructor", regex: JS_CONTAINER_NEW.source } },
              { kind: "call_expression", has: { field: "function", regex: "^Object\\.create$" } },
            ],
          },
        },
        {
          inside: {
            any: [{ kind: "lexical_declaration" }, { kind: "variable_declaration" }],
            inside: { any: [{ kind: "program" }, { kind: "export_statement", inside: { kind: "program" } }] },
          },
        },
      ],
    },
  } as never) as Node[];
  for (const d of decls) {
    const decl = d.parent()!;
    const top = decl.parent()?.kind() === "export_statement" ? decl.parent()! : decl;
    const name = d.field("name")!.text();
    if (!out.has(name)) out.set(name, top);
  }
  return out;
}

function jsParamNames(fn: Node): string[] {
  const params = fn.field("parameters") ?? fn.field("parameter");
  if (!params) return [];
  if (params.kind() === "identifier") return [params.text()];
  return params.namedChildren().map((p) => (p.kind() === "identifier" ? p.text() : (p.field("pattern")?.text() ?? p.text())));
}

function jsFunctionName(fn: Node): string {
  const name = fn.field("name")?.text();
  if (name) return name;
  const parent = fn.parent();
  if (parent?.kind() === "variable_declarator") return parent.field("name")?.text() ?? "handler";
  return "handler";
}

/** Module-level functions by name: `function f() {}` and `const f = (...) => {}`. */
function jsModuleFunctions(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const fn of root.findAll({ rule: { any: [{ kind: "function_declaration" }, { kind: "arrow_function" }, { kind: "function_expression" }] } })) {
    const name = fn.kind() === "function_declaration" ? fn.field("name")?.text() : fn.parent()?.kind() === "variable_declarator" ? fn.parent()!.field("name")?.text() : undefined;
    if (name && !out.has(name)) out.set(name, fn);
  }
  return out;
}

const JS_FUNCTION_RULES = [...JS_FUNCTION_KINDS].map((kind) => ({ kind }));

/**
 * Request handlers, selected natively in one walk: functions passed to
 * `app.get('/x', fn)` / `router.route('/z').get(fn)`, `(req, res)` functions,
 * exported `GET`/`POST` route handlers and Next.js API routes.
 */
interface JsHandlerKinds {
  route: boolean;
  reqRes: boolean;
  exportedVerb: boolean;
  nextApi: boolean;
}

function jsHandlers(root: Node, kinds: JsHandlerKinds, functions: () => ReadonlyMap<string, Node>): Node[] {
  const handlers = new Map<number, Node>();
  const add = (fn: Node | undefined): void => {
    if (fn) handlers.set(fn.id(), fn);
  };
  const routeCall = {
    kind: "call_expression",
    has: { field: "function", kind: "member_expression", has: { field: "property", regex: JS_ROUTE_METHOD.source } },
    any: [
      { has: { field: "arguments", all: [{ has: { nthChild: 1, any: [{ kind: "string" }, { kind: "template_string" }] } }, { has: { nthChild: 2 } }] } },
      { has: { field: "function", has: { field: "object", kind: "call_expression", has: { field: "function", regex: "\\.route$" } } } },
    ],
  };
  const reqRes = {
    any: JS_FUNCTION_RULES,
    has: {
      field: "parameters",
      all: [{ has: { nthChild: 1, regex: "^req(uest)?(?-u:\\b)" } }, { has: { nthChild: 2, regex: "^(res|response|reply)(?-u:\\b)" } }],
    },
  };
  const exportedVerb = {
    any: [
      { kind: "function_declaration", has: { field: "name", regex: JS_HANDLER_EXPORT.source }, inside: { kind: "export_statement" } },
      {
        any: [{ kind: "arrow_function" }, { kind: "function_expression" }],
        inside: { kind: "variable_declarator", has: { field: "name", regex: JS_HANDLER_EXPORT.source }, inside: { any: [{ kind: "lexical_declaration" }, { kind: "variable_declaration" }], inside: { kind: "export_statement" } } },
      },
    ],
  };
  // only the kinds of handler the text shows
  const rules: object[] = [...(kinds.route ? [routeCall] : []), ...(kinds.reqRes ? [reqRes] : []), ...(kinds.exportedVerb ? [exportedVerb] : [])];
  // Next.js API routes: `export default function handler(req, res)`
  if (kinds.nextApi) rules.push({ any: JS_FUNCTION_RULES, inside: { kind: "export_statement", regex: "^export[ \\t\\n]+default" } });
  for (const node of root.findAll({ rule: { any: rules } } as never) as Node[]) {
    if (node.kind() !== "call_expression") {
      add(node);
      continue;
    }
    for (const arg of node.field("arguments")?.namedChildren() ?? []) {
      if (JS_FUNCTION_KINDS.has(String(arg.kind()))) add(arg);
      else if (arg.kind() === "identifier") add(functions().get(arg.text()));
    }
  }
  return [...handlers.values()];
}

/** The identifier whose container a JS expression writes, if any. */
function jsWrittenName(node: Node): string | undefined {
  const kind = node.kind();
  const base = (target: Node | null | undefined): string | undefined => {
    if (!target || (target.kind() !== "subscript_expression" && target.kind() !== "member_expression")) return undefined;
    const object = target.field("object");
    return object?.kind() === "identifier" ? object.text() : undefined;
  };
  if (kind === "assignment_expression" || kind === "augmented_assignment_expression") return base(node.field("left"));
  if (kind === "update_expression") return base(node.field("argument"));
  if (kind === "unary_expression" && node.text().startsWith("delete")) return base(node.field("argument"));
  if (kind === "call_expression") {
    const callee = node.field("function");
    if (callee?.kind() !== "member_expression") return undefined;
    const object = callee.field("object");
    return object?.kind() === "identifier" && JS_MUTATORS.test(callee.field("property")?.text() ?? "") ? object.text() : undefined;
  }
  return undefined;
}

/** Names declared inside a function (params and declarations), which shadow module names. */
function jsLocalNames(fn: Node): Set<string> {
  const names = new Set(jsParamNames(fn));
  for (const d of fn.findAll({ rule: { kind: "variable_declarator" } })) {
    const name = d.field("name");
    if (name?.kind() === "identifier") names.add(name.text());
  }
  return names;
}

/** Cheap text tests before any tree walk: route registrations, `(req, res)` functions, exported GET/POST handlers. */
const JS_ROUTE_HINT = /\.(?:get|post|put|patch|delete|del|all|head|options|use|route)\(\s*["'`][^"'`\n]*["'`]\s*,|\.route\(/;
const JS_REQ_RES_HINT = /\(\s*req(?:uest)?\b[^,()]*,\s*(?:res|response|reply)\b/;
const JS_EXPORTED_VERB_HINT = /export\s+(?:async\s+)?(?:function|const|let)\s+(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;

const JS_CONTAINER_DECL = /^(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::[^=]+)?=\s*(?:\{|\[|new\s+(?:Map|Set|Array|Object|LRUCache|LRU|NodeCache|TTLCache)\b|Object\.create\()/;

/** A module-level `const cache = {}` / `new Map()` … at the start of a line, found with plain substring searches. */
function jsMayHaveModuleContainer(text: string): boolean {
  for (const kw of ["const ", "let ", "var ", "export "]) {
    for (let i = text.startsWith(kw) ? 0 : text.indexOf(`\n${kw}`); i >= 0; i = text.indexOf(`\n${kw}`, i + 1)) {
      const from = text[i] === "\n" ? i + 1 : i;
      const end = text.indexOf("\n", from);
      if (JS_CONTAINER_DECL.test(text.slice(from, end < 0 ? text.length : end))) return true;
    }
  }
  return false;
}

function jsProcessLocalState(ctx: FileCheckContext): Hit[] {
  const root = ctx.root!;
  if (!jsMayHaveModuleContainer(ctx.text)) return [];
  const kinds = {
    route: JS_ROUTE_HINT.test(ctx.text),
    reqRes: JS_REQ_RES_HINT.test(ctx.text),
    exportedVerb: JS_EXPORTED_VERB_HINT.test(ctx.text),
    nextApi: /(^|\/)pages\/api\//.test(ctx.path),
  };
  if (!kinds.route && !kinds.reqRes && !kinds.exportedVerb && !kinds.nextApi) return [];
  if (/from\s+["'](?:msw|miragejs)["']|require\(["'](?:msw|miragejs)["']\)/.test(ctx.text)) return []; // mock servers
  let functionsByName: Map<string, Node> | undefined;
  const functions = (): Map<string, Node> => (functionsByName ??= jsModuleFunctions(root));
  const handlers = jsHandlers(root, kinds, functions);
  if (handlers.length === 0) return [];
  const containers = jsModuleContainers(root);
  if (containers.size === 0) return [];
  const seen = new Map<number, { fn: Node; handler: string }>();
  const queue = handlers.map((fn) => ({ fn, handler: jsFunctionName(fn) }));
  for (const item of queue) seen.set(item.fn.id(), item);
  while (queue.length > 0) {
    const { fn, handler } = queue.shift()!;
    for (const call of fn.findAll({ rule: { kind: "call_expression", has: { field: "function", kind: "identifier" } } })) {
      const target = functions().get(call.field("function")!.text());
      if (target && !seen.has(target.id())) {
        const item = { fn: target, handler };
        seen.set(target.id(), item);
        queue.push(item);
      }
    }
  }
  const writers = new Map<string, { fn: string; handler: string }>();
  // only writes whose base object is one of the containers cross into JavaScript
  const base = { field: "object", kind: "identifier", regex: `^(${[...containers.keys()].map((n) => n.replace(/[$]/g, "\\$")).join("|")})$` };
  const target = { any: [{ kind: "subscript_expression" }, { kind: "member_expression" }], has: base };
  const writeRule = {
    any: [
      { kind: "assignment_expression", has: { field: "left", ...target } },
      { kind: "augmented_assignment_expression", has: { field: "left", ...target } },
      { kind: "update_expression", has: { field: "argument", ...target } },
      { kind: "unary_expression", regex: "^delete(?-u:\\b)", has: { field: "argument", ...target } },
      { kind: "call_expression", has: { field: "function", kind: "member_expression", all: [{ has: base }, { has: { field: "property", regex: JS_MUTATORS.source } }] } },
    ],
  };
  // one walk for the writes of the whole module; each belongs to the reached functions around it, in the order they were reached
  const reached = [...seen.values()].map((item) => {
    const { start, end } = item.fn.range();
    return { ...item, start: start.index, end: end.index, locals: undefined as Set<string> | undefined };
  });
  for (const w of root.findAll({ rule: writeRule } as never) as Node[]) {
    const name = jsWrittenName(w);
    if (!name || !containers.has(name) || writers.has(name)) continue;
    const { start, end } = w.range();
    for (const r of reached) {
      if (r.start > start.index || end.index > r.end) continue;
      r.locals ??= jsLocalNames(r.fn);
      if (r.locals.has(name)) continue;
      writers.set(name, { fn: jsFunctionName(r.fn), handler: r.handler });
      break;
    }
  }
  return [...writers].map(([name, { fn, handler }]) => stateHit(containers.get(name)!, name, fn, handler));
}

function processLocalState(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  return ctx.language === "python" ? pyProcessLocalState(ctx) : jsProcessLocalState(ctx);
}

// ─────────────────────────── missing-type-hints ───────────────────────────

interface PyAnnotation {
  fn: Node;
  params: number;
  annotatedParams: number;
  missingParams: string[];
  annotatedReturn: boolean;
  missingReturn: boolean;
}

function pyAnnotationOf(fn: Node): PyAnnotation {
  const params = fn.field("parameters")?.namedChildren() ?? [];
  const isMethod = pyEnclosingClass(fn) !== undefined;
  const isStatic = pyDecorators(fn).some((d) => /^@staticmethod$/.test(d.text()));
  const missingParams: string[] = [];
  let annotatedParams = 0;
  params.forEach((p, i) => {
    const kind = p.kind();
    if (kind === "typed_parameter" || kind === "typed_default_parameter") {
      annotatedParams += 1;
      return;
    }
    if (kind === "list_splat_pattern" || kind === "dictionary_splat_pattern" || kind === "keyword_separator" || kind === "positional_separator")
      return;
    const name = kind === "identifier" ? p.text() : (p.field("name")?.text() ?? p.text());
    if (i === 0 && isMethod && !isStatic && /^(self|cls|mcs|metacls)$/.test(name)) return;
    missingParams.push(name);
  });
  return {
    fn,
    params: annotatedParams + missingParams.length,
    annotatedParams,
    missingParams,
    annotatedReturn: fn.field("return_type") !== null,
    // FastAPI's `@router.get(..., response_model=UserOut)` declares what the route returns (but is no `->` for the module's convention)
    missingReturn: fn.field("return_type") === null && !pyDecorators(fn).some((d) => /\bresponse_model\s*=/.test(d.text())),
  };
}

/** An annotated parameter as text: `(name: T`, `, name: T` (a dict literal with bare-name keys matches too: an upper bound). */
const PY_ANNOTATED_PARAM_HINT = /[(,]\s*\w+\s*:\s*[\w"'[]/g;
const PY_DEF_HINT = /\bdef\s+\w+\s*\(/g;
/** A `def` with at least one ordinary parameter besides self/cls: a lower bound on the parameters to annotate. */
const PY_DEF_WITH_PARAM_HINT = /\bdef\s+\w+\s*\(\s*(?:(?:self|cls)\s*,\s*)?(?!(?:self|cls)\b)[A-Za-z_]/g;

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

/**
 * Could the module "otherwise use annotations" at all? Judged on the text
 * with bounds that only err towards yes, so that the many modules with no or
 * few annotations never walk the tree: return annotations (`->`) on at least
 * half of the `def`s, or annotated parameters
 * (`name: T`) on at least ANNOTATED_SHARE of the `def`s that take one.
 */
function pyMayUseAnnotations(text: string): boolean {
  const defs = text.match(PY_DEF_HINT)?.length ?? 0;
  if (defs < 3) return false;
  const returns = countOf(text, "->");
  if (returns >= 2 && returns >= 0.5 * defs) return true;
  const annotated = text.match(PY_ANNOTATED_PARAM_HINT)?.length ?? 0;
  const withParams = text.match(PY_DEF_WITH_PARAM_HINT)?.length ?? 0;
  return annotated >= 2 && annotated >= ANNOTATED_SHARE * withParams;
}

/** Share of the module's annotations a convention needs before a gap in it is reported. */
const ANNOTATED_SHARE = 0.6;

function missingTypeHints(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  if (!pyMayUseAnnotations(ctx.text)) return [];
  const fns = root.findAll({ rule: { kind: "function_definition" } }).map(pyAnnotationOf);
  if (fns.length < 3) return [];
  // "A module that otherwise uses annotations", judged separately for parameters and returns:
  // a module that annotates parameters but never returns (generated parsers …) keeps its convention.
  const withReturn = fns.filter((f) => f.annotatedReturn).length;
  const params = fns.reduce((n, f) => n + f.params, 0);
  const annotatedParams = fns.reduce((n, f) => n + f.annotatedParams, 0);
  const returnsExpected = withReturn >= 2 && withReturn >= ANNOTATED_SHARE * fns.length;
  const paramsExpected = annotatedParams >= 2 && annotatedParams >= ANNOTATED_SHARE * params;
  if (!returnsExpected && !paramsExpected) return [];
  const hits: Hit[] = [];
  for (const a of fns) {
    const name = pyFunctionName(a.fn);
    const init = name === "__init__"; // public through the class; `-> None` may be left out (PEP 484)
    if ((name.startsWith("_") && !init) || name.startsWith("test")) continue;
    const missingParams = paramsExpected ? a.missingParams : [];
    const missingReturn = returnsExpected && a.missingReturn && !init;
    if (missingParams.length === 0 && !missingReturn) continue;
    if (nearest(a.fn, new Set(["function_definition"]))) continue; // local helper
    const cls = pyEnclosingClass(a.fn);
    if (cls && (cls.field("name")?.text() ?? "").startsWith("_")) continue;
    if (pyDecorators(a.fn).some((d) => /^@(?:typing\.)?overload\b|fixture\b|\.setter$|\.deleter$/.test(d.text()))) continue;
    const params = a.fn.field("parameters")!;
    const end = a.fn.field("return_type") ?? params;
    const start = spanOfNode(a.fn);
    const stop = spanOfNode(end);
    const head = ctx.lines.slice(start.startLine - 1, stop.endLine + 1).join("\n");
    if (/#\s*(type:\s*ignore|noqa)/.test(head)) continue; // acknowledged
    const missing = [...missingParams.map((p) => `\`${p}\``), ...(missingReturn ? ["the return type"] : [])];
    hits.push({
      startLine: start.startLine,
      startColumn: start.startColumn,
      endLine: stop.endLine,
      endColumn: stop.endColumn,
      snippet: ctx.lines[start.startLine - 1]!.trim().replace(/:\s*$/, ""),
      title: `Public function \`${name}\` is missing type hints`,
      message: `\`${name}\` has no annotation for ${missing.join(", ")}, while the rest of the module is annotated. Callers lose IDE help and the type checker treats its values as \`Any\`, so mistakes at this boundary go unnoticed.`,
    });
  }
  return hits;
}

// ─────────────────────────────── debug-print ───────────────────────────────

const APP_PATH = /(^|\/)(backend|server|api|app|apps|services?|routers?|routes|controllers|models|handlers|views|sdk)\//;
const CLI_FUNCTION = /^_?(main|cli|run_cli|_?test|demo)$/;
const CLI_MODULE_NAMES = ["argparse", "click", "typer", "fire", "docopt", "optparse"];
const CLI_IMPORT = /^[ \t]*(?:import|from)\s+(?:argparse|click|typer|fire|docopt|optparse)\b/m;
const APP_MODULE_NAMES = ["flask", "fastapi", "django", "starlette", "sqlalchemy", "sqlmodel", "pydantic", "aiohttp", "celery", "sanic", "tornado", "litestar", "quart", "falcon", "bottle", "requests", "httpx", "boto3", "redis"];
const APP_IMPORT = /^[ \t]*(?:import|from)\s+(?:flask|fastapi|django|starlette|sqlalchemy|sqlmodel|pydantic|aiohttp|celery|sanic|tornado|litestar|quart|falcon|bottle|requests|httpx|boto3|redis)\b/m;

function debugPrint(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  if (/(^|\/)(cli|__main__|main_cli|console|repl)\.py$|_cli\.py$/.test(ctx.path)) return [];
  // Decided on the text before any tree walk: an application module (by path or by its imports), not a CLI.
  const text = ctx.text;
  if (!APP_PATH.test(ctx.path) && !(APP_MODULE_NAMES.some((m) => text.includes(m)) && APP_IMPORT.test(text))) return [];
  if (CLI_MODULE_NAMES.some((m) => text.includes(m)) && CLI_IMPORT.test(text)) return []; // a command-line program: print is its output
  if (/^[ \t]*from\s+[\w.]+\s+import\s[^\n]*\bprint\b(?!\s+as\b)/m.test(text)) return [];
  const prints = root.findAll({ rule: { kind: "call", has: { field: "function", regex: "^print$" } } });
  if (prints.length === 0) return [];
  const hits: Hit[] = [];
  for (const call of prints) {
    const args = call.field("arguments")?.namedChildren() ?? [];
    if (args.some((a) => a.kind() === "keyword_argument" && a.field("name")?.text() === "file")) continue;
    if (printInCliContext(call)) continue;
    hits.push(hitOn(call));
  }
  return hits;
}

function printInCliContext(call: Node): boolean {
  for (const a of call.ancestors()) {
    const kind = a.kind();
    if (kind === "if_statement" && /__name__/.test(a.field("condition")?.text() ?? "")) return true;
    if (kind === "function_definition") {
      if (CLI_FUNCTION.test(pyFunctionName(a))) return true;
      if (pyDecorators(a).some((d) => /(^@click\.|\.command\b|\.group\b|^@command\b|^@group\b)/.test(d.text()))) return true;
    }
  }
  return false;
}

// ─────────────────────────────── skipped-test ───────────────────────────────

/**
 * The child of `node` whose range contains the text offset `index` (UTF-16
 * units, as ast-grep reports them), found with a few `child(i)` probes
 * (exponential, then binary search) instead of materialising every child.
 */
function childContaining(node: Node, index: number): Node | undefined {
  const first = node.child(0);
  if (!first || first.range().start.index > index) return undefined;
  let lo = 0;
  let hi = 1;
  for (;;) {
    const c = node.child(hi);
    if (!c || c.range().start.index > index) break;
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const c = node.child(mid);
    if (c && c.range().start.index <= index) lo = mid;
    else hi = mid;
  }
  const c = node.child(lo)!;
  return c.range().end.index > index ? c : undefined;
}

/** The innermost node whose range contains text offset `index`. */
export function deepestNodeAt(root: Node, index: number): Node {
  let node = root;
  for (;;) {
    const child = childContaining(node, index);
    if (!child) return node;
    node = child;
  }
}

/** The nearest node around text offset `index` (itself included) whose kind is one of `kinds`, within `maxUp` levels. */
export function enclosingNodeAt(root: Node, index: number, kinds: ReadonlySet<string>, maxUp = 8): Node | undefined {
  let cur: Node | null = deepestNodeAt(root, index);
  for (let up = 0; cur && up <= maxUp; up += 1, cur = cur.parent()) if (kinds.has(String(cur.kind()))) return cur;
  return undefined;
}

/**
 * The nodes that start exactly at text offset `index`, innermost first. A
 * check that finds its candidates with a regex over the text uses this to
 * confirm them on the tree without a whole-tree `findAll` (one findAll walks
 * every node: ~15% of a parse on a large file).
 */
export function nodesStartingAt(root: Node, index: number): Node[] {
  const node = deepestNodeAt(root, index);
  const out: Node[] = [];
  for (let cur: Node | null = node; cur && cur.range().start.index === index; cur = cur.parent()) out.push(cur);
  return out;
}

const SKIP_RULES = {
  // @pytest.mark.skip, pytestmark = pytest.mark.skip, marks=pytest.mark.skip — not item.add_marker(...) in conftest hooks
  skip: {
    kind: "attribute",
    regex: "^(pytest\\.)?mark\\.skip$",
    not: { inside: { kind: "call", stopBy: "end", has: { field: "function", regex: "(add_marker|applymarker)$" } } },
  },
  // @pytest.mark.xfail with no condition (a first positional argument or condition= makes it conditional)
  xfail: {
    kind: "attribute",
    regex: "^(pytest\\.)?mark\\.xfail$",
    not: {
      inside: {
        kind: "call",
        has: {
          field: "arguments",
          any: [
            { has: { nthChild: 1, not: { kind: "keyword_argument" } } },
            { has: { kind: "keyword_argument", has: { field: "name", regex: "^condition$" } } },
          ],
        },
      },
    },
  },
  // @unittest.skip("..."), @skip("..."), @unittest.expectedFailure
  decorator: {
    kind: "decorator",
    any: [
      { has: { kind: "call", has: { field: "function", regex: "^(unittest\\.)?skip$" } } },
      { has: { regex: "^(unittest\\.)?expectedFailure$" } },
    ],
  },
  // pytest.skip(...) / self.skipTest(...) as an unconditional statement of a module or test body
  call: {
    kind: "call",
    has: { field: "function", regex: "^(pytest\\.skip|self\\.skipTest)$" },
    inside: {
      kind: "expression_statement",
      inside: { any: [{ kind: "module" }, { kind: "block", inside: { kind: "function_definition" } }] },
    },
  },
} as const;

const SKIP_CANDIDATE = /(?:pytest\.)?mark\.(skip|xfail)\b|@[ \t]*(?:unittest\.)?(?:skip[ \t]*\(|expectedFailure\b)|(?:pytest\.skip|self\.skipTest)[ \t]*\(/g;

/** Is the statement on line `at` (indented by `indent`) directly in a `def` body or at module level? */
function pyDirectlyInFunctionBody(lines: readonly string[], at: number, indent: number): boolean {
  if (indent === 0) return true;
  for (let j = at - 1; j >= 0; j -= 1) {
    const line = lines[j]!;
    const body = line.trimStart();
    if (body === "" || body.startsWith("#")) continue;
    if (line.length - body.length < indent) return /^(async\s+)?def\s/.test(body);
  }
  return false;
}

/**
 * Python skipped tests. Candidates come from one regex over the text; the
 * unconditional-statement test for `self.skipTest(...)` is done on the
 * indentation first (CPython's own tests call it hundreds of times inside
 * `if`s), and what is left is confirmed on the tree at its position.
 */
function skippedTestPython(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  const lineStarts: number[] = [0];
  for (let i = ctx.text.indexOf("\n"); i >= 0; i = ctx.text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const hits: Hit[] = [];
  for (const m of ctx.text.matchAll(SKIP_CANDIDATE)) {
    const index = m.index!;
    const line = lineOf(index);
    const prefix = ctx.text.slice(lineStarts[line]!, index);
    if (prefix.includes("#")) continue; // a comment (or a string with a hash: rare, and confirmed below anyway)
    let rule: object;
    if (m[1] === "skip" || m[1] === "xfail") {
      if (/[\w.]$/.test(prefix)) continue; // other.mark.skip
      rule = m[1] === "skip" ? SKIP_RULES.skip : SKIP_RULES.xfail;
    } else if (m[0].startsWith("@")) {
      if (prefix.trim() !== "") continue;
      rule = SKIP_RULES.decorator;
    } else {
      if (prefix.trim() !== "" || !pyDirectlyInFunctionBody(ctx.lines, line, prefix.length)) continue;
      rule = SKIP_RULES.call;
    }
    const node = nodesStartingAt(root, index).find((n) => n.matches({ rule } as never));
    if (node) hits.push({ ...spanOfNode(node), snippet: node.text() });
  }
  return hits;
}

// ─────────────────────────── swallowed-exception ───────────────────────────

const SWALLOW_UTILS = {
  // `except:` — its first named child is the body (or a comment), not an exception type
  "bare-except": { not: { has: { nthChild: 1, not: { any: [{ kind: "block" }, { kind: "comment" }] } } } },
  "broad-type": {
    any: [
      { kind: "identifier", regex: "^(Exception|BaseException)$" },
      { kind: "attribute", regex: "^builtins\\.(Exception|BaseException)$" },
    ],
  },
  "broad-except": {
    any: [
      { has: { matches: "broad-type" } },
      { has: { kind: "as_pattern", has: { matches: "broad-type" } } },
      { has: { kind: "tuple", has: { matches: "broad-type" } } },
      { has: { kind: "as_pattern", has: { kind: "tuple", has: { matches: "broad-type" } } } },
    ],
  },
  "trivial-statement": {
    any: [
      { kind: "pass_statement" },
      { kind: "continue_statement" },
      { kind: "comment" },
      { kind: "expression_statement", has: { any: [{ kind: "ellipsis" }, { kind: "call", has: { field: "function", regex: "^print$" } }] } },
    ],
  },
};

const SWALLOW_RULE = {
  kind: "except_clause",
  all: [
    {
      any: [
        // except: / except Exception: / except Exception as e: / except (ValueError, Exception):
        // whose body is only pass, ..., continue or print(...)
        { any: [{ matches: "bare-except" }, { matches: "broad-except" }], has: { kind: "block", not: { has: { not: { matches: "trivial-statement" } } } } },
        // a bare except: that only sets or returns values — no re-raise, no logging, no handling call
        {
          matches: "bare-except",
          not: {
            any: [
              { has: { kind: "raise_statement", stopBy: "end" } },
              { has: { kind: "call", stopBy: "end", not: { has: { field: "function", regex: "^print$" } } } },
            ],
          },
        },
      ],
    },
    // errors in __del__ cannot be handled anyway
    { not: { inside: { kind: "function_definition", stopBy: "end", has: { field: "name", regex: "^__del__$" } } } },
  ],
};

const BROAD_EXCEPTION = /\b(?:builtins\.)?(?:Base)?Exception\b/;
const TRIVIAL_STATEMENT = /^(?:pass|continue|\.\.\.|print\s*\()/;
/** Keywords a parenthesis can follow without a call: `return (a, b)`, `if (x)`. */
const PY_KEYWORD = /^(?:return|yield|await|in|not|and|or|if|elif|while|assert|del|lambda|else|is|for|from|import|with|as|global|nonlocal)$/;

/**
 * Python swallowed exceptions. Every `except` is a candidate for the text
 * tests (bare or broad? what does its body start with? does a bare one
 * raise or call anything?); only what passes them is confirmed on the tree
 * with the rule at its position. Most modules have many excepts and none of
 * them swallowed, and then no tree walk happens.
 */
function swallowedExceptionPython(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  const { text, lines } = ctx;
  const hits: Hit[] = [];
  let lineStart = 0;
  let lineNo = 0;
  for (let at = text.indexOf("except"); at >= 0; at = text.indexOf("except", at + 6)) {
    // the line of `at`, advancing monotonically
    for (let nl = text.indexOf("\n", lineStart); nl >= 0 && nl < at; nl = text.indexOf("\n", lineStart)) {
      lineStart = nl + 1;
      lineNo += 1;
    }
    const indent = at - lineStart;
    if (text.slice(lineStart, at).trim() !== "") continue; // not the start of a statement
    const line = lines[lineNo] ?? "";
    const head = /^except\b\s*([^:#]*):\s*(.*)$/.exec(line.slice(indent));
    if (!head) continue;
    const bare = head[1]!.trim() === "";
    if (!bare && !BROAD_EXCEPTION.test(head[1]!)) continue;
    // the body: the rest of the line, or the following lines indented deeper
    const inline = head[2]!.replace(/#.*$/, "").trim();
    const body: string[] = inline ? [inline] : [];
    if (!inline) {
      for (let j = lineNo + 1; j < lines.length; j += 1) {
        const l = lines[j]!;
        const t = l.trim();
        if (t === "") continue;
        if (l.length - l.trimStart().length <= indent) break;
        if (!t.startsWith("#")) body.push(t.replace(/\s+#.*$/, ""));
      }
    }
    const first = body[0] ?? "";
    let candidate = TRIVIAL_STATEMENT.test(first);
    if (!candidate && bare) {
      const all = body.join("\n");
      candidate = !/\braise\b/.test(all) && ![...all.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)].some((m) => m[1] !== "print" && !PY_KEYWORD.test(m[1]!));
    }
    if (!candidate) continue;
    const node = nodesStartingAt(root, at).find((n) => n.kind() === "except_clause");
    if (node && node.matches({ rule: SWALLOW_RULE, utils: SWALLOW_UTILS } as never)) hits.push({ ...spanOfNode(node), snippet: node.text() });
  }
  return hits;
}

// ─────────────────────────── missing-test-changes ───────────────────────────

const SOURCE_EXT = /\.(py|[cm]?[jt]sx?|go|rb|java|kt|kts|rs|cs|php|swift|scala|c|cc|cpp|h|hpp|m|ex|exs|vue|svelte)$/i;
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|e2e|cypress|playwright)\/|(^|\/)test_[^/]*\.py$|_tests?\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$|Tests?\.(java|kt|cs|swift)$|_spec\.rb$|(^|\/)conftest\.py$/;

/**
 * Configuration files, narrower than the `config` path class: its `core/` directory holds
 * application code (security, dependencies) in many FastAPI layouts.
 */
const CONFIG_FILE = /(^|\/)(settings|config|conf|configuration|constants)\.(py|[cm]?[jt]s)$|(^|\/)(config|settings)\/|\.config\.[cm]?[jt]s$|(^|\/)(next-env|vite-env)\.d\.ts$/;

function missingTestChanges(ctx: ChangeCheckContext): Array<Hit & { path: string }> {
  const min = typeof ctx.options.min_source_files === "number" ? ctx.options.min_source_files : 1;
  const changed = ctx.changedPaths.filter((p) => !isGeneratedOrVendored(p));
  if (changed.some((p) => TEST_PATH.test(p) || ctx.paths.is(p, "test"))) return [];
  const sources = changed.filter(
    (p) =>
      SOURCE_EXT.test(p) &&
      !/\.d\.ts$/.test(p) &&
      !CONFIG_FILE.test(p) &&
      !(["test", "docs", "migration", "example", "script"] as const).some((c) => ctx.paths.is(p, c)),
  );
  if (sources.length < min) return [];
  const listed = sources.slice(0, 10).map((p) => `\`${p}\``).join(", ") + (sources.length > 10 ? ` and ${sources.length - 10} more` : "");
  return [
    {
      ...spanOfLine(1, ""),
      path: sources[0]!,
      snippet: sources.join("\n"),
      title: `${sources.length} source file${sources.length === 1 ? "" : "s"} changed with no test added or changed`,
      message: `This change touches ${listed} but no test file. Nothing shows that the new behaviour works or that it keeps working: the next refactor can break it without any check failing.`,
    },
  ];
}

export const reliabilityQualityChecks: Record<string, Check> = {
  "asyncio-run-in-handler": { kind: "file", run: asyncioRunInHandler },
  "blocking-call-in-async-handler": { kind: "file", run: blockingCallInAsyncHandler },
  "process-local-state": { kind: "file", run: processLocalState },
  "missing-type-hints": { kind: "file", run: missingTypeHints },
  "debug-print": { kind: "file", run: debugPrint },
  "missing-test-changes": { kind: "change", run: missingTestChanges },
  "skipped-test-python": { kind: "file", run: skippedTestPython },
  "swallowed-exception-python": { kind: "file", run: swallowedExceptionPython },
};
