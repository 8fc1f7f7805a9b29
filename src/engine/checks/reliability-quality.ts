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
 * Python imports of a module: local name → qualified name. `import a.b as c`
 * gives c → a.b; `import a.b` gives a → a; `from a import b as c` gives c → a.b.
 */
function pyImports(root: Node): Map<string, string> {
  const map = new Map<string, string>();
  for (const stmt of root.findAll({ rule: { any: [{ kind: "import_statement" }, { kind: "import_from_statement" }] } })) {
    if (stmt.kind() === "import_statement") {
      for (const child of stmt.namedChildren()) {
        if (child.kind() === "dotted_name") map.set(child.text().split(".")[0]!, child.text().split(".")[0]!);
        else if (child.kind() === "aliased_import") {
          const name = child.field("name")?.text();
          const alias = child.field("alias")?.text();
          if (name && alias) map.set(alias, name);
        }
      }
    } else {
      const module = stmt.field("module_name")?.text();
      if (!module) continue;
      for (const child of stmt.fieldChildren("name")) {
        if (child.kind() === "dotted_name") map.set(child.text(), `${module}.${child.text()}`);
        else if (child.kind() === "aliased_import") {
          const name = child.field("name")?.text();
          const alias = child.field("alias")?.text();
          if (name && alias) map.set(alias, `${module}.${name}`);
        }
      }
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

/** Names a Python module imports from `module` (or a sub-module), e.g. flask, fastapi. */
function pyImportsAny(imports: ReadonlyMap<string, string>, modules: RegExp): boolean {
  for (const q of imports.values()) if (modules.test(q)) return true;
  return false;
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
  /@[\w.]*\b(?:route|get|post|put|patch|delete|head|options|api_route|websocket|api_view|action|require_http_methods|require_GET|require_POST|require_safe)\b|(?:View|Resource|APIView|ViewSet|HTTPEndpoint|RequestHandler)\b|def \w+\(\s*request\b/;

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
  const imports = pyImports(root);
  const calls = root.findAll({
    rule: {
      kind: "call",
      has: { field: "function", any: [{ kind: "identifier" }, { kind: "attribute", regex: "\\.run(_until_complete)?$" }] },
    },
  });
  const candidates = calls.filter((call) => {
    const callee = call.field("function")!.text();
    if (callee.endsWith(".run_until_complete")) return true;
    return pyResolve(callee, imports) === "asyncio.run";
  });
  if (candidates.length === 0 || !PY_HANDLER_HINT.test(ctx.text)) return [];
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

function blockingCallInAsyncHandler(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  const asyncFns = root.findAll({ rule: { kind: "function_definition", regex: "^async\\s" } });
  if (asyncFns.length === 0) return [];
  const imports = pyImports(root);
  const openShadowed = imports.has("open") || root.findAll({ rule: { kind: "function_definition", has: { field: "name", regex: "^open$" } } }).length > 0;
  const hits: Hit[] = [];
  for (const fn of asyncFns) {
    const handler = pyIsRouteHandler(fn, ctx.path);
    const name = pyFunctionName(fn);
    const where = handler ? `async handler \`${name}\`` : `async function \`${name}\``;
    const sessions = pySyncSessionNames(fn);
    for (const call of fn.findAll({ rule: { kind: "call" } })) {
      const owner = nearest(call, PY_FUNCTION_KINDS);
      if (!owner || owner.id() !== fn.id()) continue; // in a lambda or nested def: run elsewhere (executor, thread)
      const calleeNode = call.field("function");
      if (!calleeNode) continue;
      const callee = calleeNode.text();
      const awaited = call.parent()?.kind() === "await";
      const qualified = calleeNode.kind() === "identifier" || calleeNode.kind() === "attribute" ? pyResolve(callee, imports) : undefined;
      if (qualified && !awaited) {
        const reason = [...PY_BLOCKING].find(([re]) => re.test(qualified))?.[1];
        if (reason) {
          hits.push(hitOn(call, `Blocking \`${callee}\` inside ${where}`, blockingMessage(callee, reason)));
          continue;
        }
      }
      if (calleeNode.kind() === "attribute" && !awaited) {
        const object = calleeNode.field("object")?.text() ?? "";
        const method = calleeNode.field("attribute")?.text() ?? "";
        if (sessions.has(object) && PY_SYNC_SESSION_METHOD.test(method)) {
          hits.push(
            hitOn(
              call,
              `Synchronous database session call \`${callee}\` inside ${where}`,
              blockingMessage(callee, "runs a synchronous database round-trip"),
            ),
          );
          continue;
        }
      }
      if (!handler) continue;
      const fileIo = (callee === "open" && !openShadowed) || (qualified !== undefined && PY_BLOCKING_FILE.test(qualified));
      if (fileIo) hits.push(hitOn(call, `Blocking file I/O \`${callee}\` inside ${where}`, blockingMessage(callee, "is synchronous file I/O")));
    }
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

function jsModuleContainers(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const top of root.children()) {
    const decl = top.kind() === "export_statement" ? top.namedChildren().find((c) => /declaration$/.test(String(c.kind()))) : top;
    if (!decl || (decl.kind() !== "lexical_declaration" && decl.kind() !== "variable_declaration")) continue;
    for (const d of decl.namedChildren()) {
      if (d.kind() !== "variable_declarator") continue;
      const name = d.field("name");
      const value = d.field("value");
      if (name?.kind() !== "identifier" || !value) continue;
      const kind = value.kind();
      const container =
        kind === "object" ||
        kind === "array" ||
        (kind === "new_expression" && JS_CONTAINER_NEW.test(value.field("constructor")?.text() ?? "")) ||
        (kind === "call_expression" && value.field("function")?.text() === "Object.create");
      if (container) out.set(name.text(), top);
    }
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

function jsHandlers(root: Node, path: string, functions: ReadonlyMap<string, Node>): Node[] {
  const handlers = new Map<number, Node>();
  const add = (fn: Node | undefined): void => {
    if (fn) handlers.set(fn.id(), fn);
  };
  // app.get('/x', fn), router.post(`/y`, mw, fn), router.route('/z').get(fn), fastify.get('/', opts, fn)
  for (const call of root.findAll({ rule: { kind: "call_expression", has: { field: "function", kind: "member_expression" } } })) {
    const callee = call.field("function")!;
    if (!JS_ROUTE_METHOD.test(callee.field("property")?.text() ?? "")) continue;
    const args = call.field("arguments")?.namedChildren() ?? [];
    const chained = callee.field("object")?.kind() === "call_expression" && /\.route$/.test(callee.field("object")!.field("function")?.text() ?? "");
    const first = args[0];
    const pathArg = first && (first.kind() === "string" || first.kind() === "template_string");
    if (!pathArg && !chained) continue;
    for (const arg of args) {
      if (JS_FUNCTION_KINDS.has(String(arg.kind()))) add(arg);
      else if (arg.kind() === "identifier") add(functions.get(arg.text()));
    }
  }
  // Next.js route handlers and API routes; Express-style `(req, res)` functions.
  const nextApi = /(^|\/)pages\/api\//.test(path);
  for (const fn of root.findAll({ rule: { any: [...JS_FUNCTION_KINDS].map((kind) => ({ kind })) } })) {
    const params = jsParamNames(fn);
    if (/^req(uest)?$/.test(params[0] ?? "") && /^(res|response|reply)$/.test(params[1] ?? "")) add(fn);
    const exported = fn.parent()?.kind() === "export_statement" || fn.parent()?.parent()?.parent()?.kind() === "export_statement";
    if (exported && JS_HANDLER_EXPORT.test(jsFunctionName(fn))) add(fn);
    if (nextApi && fn.parent()?.kind() === "export_statement" && fn.parent()!.text().startsWith("export default")) add(fn);
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

const JS_HANDLER_HINT = /\.(?:get|post|put|patch|delete|del|all|head|options|use|route)\s*\(|\b(?:GET|POST|PUT|PATCH|DELETE)\b|\breq(?:uest)?\s*[,:)]/;

function jsProcessLocalState(ctx: FileCheckContext): Hit[] {
  const root = ctx.root!;
  if (!JS_HANDLER_HINT.test(ctx.text)) return [];
  if (/from\s+["'](?:msw|miragejs)["']|require\(["'](?:msw|miragejs)["']\)/.test(ctx.text)) return []; // mock servers
  const containers = jsModuleContainers(root);
  if (containers.size === 0) return [];
  const functions = jsModuleFunctions(root);
  const handlers = jsHandlers(root, ctx.path, functions);
  if (handlers.length === 0) return [];
  const seen = new Map<number, { fn: Node; handler: string }>();
  const queue = handlers.map((fn) => ({ fn, handler: jsFunctionName(fn) }));
  for (const item of queue) seen.set(item.fn.id(), item);
  while (queue.length > 0) {
    const { fn, handler } = queue.shift()!;
    for (const call of fn.findAll({ rule: { kind: "call_expression", has: { field: "function", kind: "identifier" } } })) {
      const target = functions.get(call.field("function")!.text());
      if (target && !seen.has(target.id())) {
        const item = { fn: target, handler };
        seen.set(target.id(), item);
        queue.push(item);
      }
    }
  }
  const writers = new Map<string, { fn: string; handler: string }>();
  for (const { fn, handler } of seen.values()) {
    const locals = jsLocalNames(fn);
    const writes = fn.findAll({
      rule: {
        any: [
          { kind: "assignment_expression" },
          { kind: "augmented_assignment_expression" },
          { kind: "update_expression" },
          { kind: "unary_expression", regex: "^delete\\b" },
          { kind: "call_expression" },
        ],
      },
    });
    for (const w of writes) {
      const name = jsWrittenName(w);
      if (!name || !containers.has(name) || locals.has(name) || writers.has(name)) continue;
      writers.set(name, { fn: jsFunctionName(fn), handler });
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
    missingReturn: fn.field("return_type") === null,
  };
}

/** Share of the module's annotations a convention needs before a gap in it is reported. */
const ANNOTATED_SHARE = 0.6;

function missingTypeHints(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  const fns = root.findAll({ rule: { kind: "function_definition" } }).map(pyAnnotationOf);
  if (fns.length < 3) return [];
  // "A module that otherwise uses annotations", judged separately for parameters and returns:
  // a module that annotates parameters but never returns (generated parsers …) keeps its convention.
  const withReturn = fns.filter((f) => !f.missingReturn).length;
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

const CLI_MODULE = /^(argparse|click|typer|fire|docopt|optparse)(\.|$)/;
const APP_MODULE =
  /^(flask|fastapi|django|starlette|sqlalchemy|sqlmodel|pydantic|aiohttp|celery|sanic|tornado|litestar|quart|falcon|bottle|requests|httpx|boto3|redis)(\.|$)/;
const APP_PATH = /(^|\/)(backend|server|api|app|apps|services?|routers?|routes|controllers|models|handlers|views|sdk)\//;
const CLI_FUNCTION = /^_?(main|cli|run_cli|_?test|demo)$/;

function debugPrint(ctx: FileCheckContext): Hit[] {
  const root = ctx.root;
  if (!root || ctx.language !== "python") return [];
  if (/(^|\/)(cli|__main__|main_cli|console|repl)\.py$|_cli\.py$/.test(ctx.path)) return [];
  const prints = root.findAll({ rule: { kind: "call", has: { field: "function", regex: "^print$" } } });
  if (prints.length === 0) return [];
  const imports = pyImports(root);
  if (pyImportsAny(imports, CLI_MODULE)) return []; // a command-line program: print is its output
  if (imports.has("print")) return [];
  if (!APP_PATH.test(ctx.path) && !pyImportsAny(imports, APP_MODULE)) return [];
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
};
