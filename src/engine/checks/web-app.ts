/**
 * Built-in checks of the web-app rule families: CSRF, authorization, identity,
 * rate limiting, password policy, request size, payload validation.
 *
 * They read route handlers the way a reviewer does: find the routes a
 * framework registers (Flask/FastAPI decorators, Express `router.post(...)`),
 * then ask one question of each handler (is it authenticated? does it compare
 * the record with the principal? does it validate the body?). Each check
 * anchors on framework structure, never on loose names alone.
 */
import type { SgNode } from "@ast-grep/napi";
import { spanOfLine, spanOfNode, type Span } from "../position.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/** A hit on one node, with a short snippet (fingerprints stay stable when a handler body changes). */
function hitOn(node: SgNode, extra: Partial<Hit> = {}): Hit {
  return { ...spanOfNode(node), snippet: shortText(node.text()), ...extra };
}

/** A hit spanning from the start of `first` to the end of `last`. */
function hitBetween(first: SgNode, last: SgNode, extra: Partial<Hit> = {}): Hit {
  const a = spanOfNode(first);
  const b = spanOfNode(last);
  const span: Span = { startLine: a.startLine, startColumn: a.startColumn, endLine: b.endLine, endColumn: b.endColumn };
  const text = first.getRoot().root().text().slice(first.range().start.index, last.range().end.index);
  return { ...span, snippet: shortText(text), ...extra };
}

function shortText(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  return firstLine.length > 200 ? firstLine.slice(0, 200) : firstLine;
}

/** Descendants of the given kinds, in source order; kinds the file's grammar lacks are skipped (JS vs TS). */
function kinds(node: SgNode, ...wanted: string[]): SgNode[] {
  const found: SgNode[] = [];
  for (const kind of wanted) {
    try {
      found.push(...node.findAll({ rule: { kind } } as never));
    } catch {
      // not a node kind of this grammar
    }
  }
  if (wanted.length > 1) found.sort((a, b) => a.range().start.index - b.range().start.index);
  return found;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordRe = (name: string): RegExp => new RegExp(`(?<![\\w.])${escapeRe(name)}\\b`);

const textOf = (node: SgNode | null | undefined): string => (node ? node.text() : "");

/** A node's source with its comments blanked out, for keyword tests (annotations and notes must not count). */
function codeText(node: SgNode | null | undefined): string {
  if (!node) return "";
  const text = node.text();
  const base = node.range().start.index;
  const comments = node.findAll({ rule: { kind: "comment" } } as never);
  if (comments.length === 0) return text;
  let out = "";
  let at = 0;
  for (const c of comments) {
    const { start, end } = c.range();
    out += text.slice(at, start.index - base) + " ".repeat(end.index - start.index);
    at = end.index - base;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------
// Python: strings, parameters, routes
// ---------------------------------------------------------------------------

/** The value of a plain (non-f) Python string literal, or undefined. */
function pyString(node: SgNode | null | undefined): string | undefined {
  if (!node || node.kind() !== "string") return undefined;
  const parts = node.children();
  if (parts.some((c) => c.kind() === "interpolation")) return undefined;
  return parts
    .filter((c) => c.kind() === "string_content" || c.kind() === "escape_sequence")
    .map((c) => c.text())
    .join("");
}

interface PyParam {
  node: SgNode;
  name: string;
  type: string;
  default?: SgNode;
}

function pyParams(fn: SgNode): PyParam[] {
  const params = fn.field("parameters");
  if (!params) return [];
  const out: PyParam[] = [];
  for (const p of params.namedChildren()) {
    const kind = p.kind();
    if (kind === "identifier") out.push({ node: p, name: p.text(), type: "" });
    else if (kind === "typed_parameter") {
      const id = p.namedChildren().find((c) => c.kind() === "identifier");
      if (id) out.push({ node: p, name: id.text(), type: textOf(p.field("type")) });
    } else if (kind === "default_parameter" || kind === "typed_default_parameter") {
      const name = p.field("name");
      const value = p.field("value");
      if (name) out.push({ node: p, name: name.text(), type: textOf(p.field("type")), ...(value ? { default: value } : {}) });
    }
  }
  return out;
}

/** Call arguments split into positional nodes and keyword name → value. */
function pyArgs(call: SgNode): { positional: SgNode[]; keywords: Map<string, SgNode> } {
  const positional: SgNode[] = [];
  const keywords = new Map<string, SgNode>();
  const args = call.field("arguments");
  for (const a of args?.namedChildren() ?? []) {
    if (a.kind() === "keyword_argument") {
      const name = a.field("name");
      const value = a.field("value");
      if (name && value) keywords.set(name.text(), value);
    } else if (a.kind() !== "comment") positional.push(a);
  }
  return { positional, keywords };
}

const PY_VERBS = new Set(["get", "post", "put", "patch", "delete"]);
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface PyRoute {
  decorated: SgNode;
  decorator: SgNode;
  fn: SgNode;
  path: string;
  methods: Set<string>;
  /** The other decorators' source (login_required, limiter.limit …). */
  otherDecorators: string[];
}

/** A decorator that may register a route: `@app.route(`, `@bp.post(`, `@router.delete(`. */
const PY_ROUTE_DECORATOR = String.raw`^@\s*[\w.]+\.(get|post|put|patch|delete|route|api_route)\s*\(`;
const PY_ROUTE_TEXT = new RegExp(PY_ROUTE_DECORATOR.slice(1), "m");
const PY_ROUTE_RULE = { rule: { kind: "decorated_definition", has: { kind: "decorator", regex: PY_ROUTE_DECORATOR } } };

/** The route a decorated function definition registers, if any. */
function pyRouteOf(decorated: SgNode): PyRoute | undefined {
  const fn = decorated.field("definition");
  if (!fn || fn.kind() !== "function_definition") return undefined;
  const decorators = decorated.children().filter((c) => c.kind() === "decorator");
  for (const decorator of decorators) {
    const call = decorator.namedChildren()[0];
    if (!call || call.kind() !== "call") continue;
    const callee = call.field("function");
    if (!callee || callee.kind() !== "attribute") continue;
    const verb = textOf(callee.field("attribute"));
    if (!PY_VERBS.has(verb) && verb !== "route" && verb !== "api_route") continue;
    const { positional, keywords } = pyArgs(call);
    const path = pyString(positional[0]) ?? pyString(keywords.get("path")) ?? pyString(keywords.get("rule"));
    if (path === undefined) continue;
    let methods: Set<string>;
    if (PY_VERBS.has(verb)) {
      if (path !== "" && !path.startsWith("/")) continue;
      methods = new Set([verb.toUpperCase()]);
    } else {
      if (!path.startsWith("/")) continue;
      const list = keywords.get("methods");
      methods = new Set(list ? list.namedChildren().map((m) => (pyString(m) ?? "").toUpperCase()).filter(Boolean) : ["GET"]);
    }
    const otherDecorators = decorators.filter((d) => d !== decorator).map((d) => d.text());
    return { decorated, decorator, fn, path, methods, otherDecorators };
  }
  return undefined;
}

/** Flask / FastAPI / Quart route handlers: `@app.route("/x", methods=[...])`, `@bp.post("/x")`, `@router.delete("")`. */
function pyRoutes(root: SgNode, text?: string): PyRoute[] {
  if (text !== undefined && !PY_ROUTE_TEXT.test(text)) return [];
  const routes: PyRoute[] = [];
  for (const decorated of root.findAll(PY_ROUTE_RULE as never)) {
    const route = pyRouteOf(decorated);
    if (route) routes.push(route);
  }
  return routes;
}

const changesState = (route: { methods: Set<string> }): boolean => [...route.methods].some((m) => STATE_CHANGING.has(m));

/** The body of a function definition (its statements), as source text. */
const pyBody = (fn: SgNode): SgNode | null => fn.field("body");

/** The innermost function definition around a node. */
function enclosingPyFunction(node: SgNode): SgNode | undefined {
  return node.ancestors().find((a) => a.kind() === "function_definition");
}

/** A parameter whose default is `Depends(...)`/`Security(...)` or whose type is `Annotated[..., Depends(...)]`. */
const pyDependency = (p: PyParam): string | undefined => {
  const d = textOf(p.default);
  if (/^(Depends|Security)\(/.test(d)) return d;
  if (/^Annotated\[[\s\S]*\b(Depends|Security)\(/.test(p.type)) return p.type;
  return undefined;
};

/** A type alias of an authenticated-user dependency: `current_user: CurrentUser`, `user: AuthUser`. */
const PRINCIPAL_TYPE = /^(Current\w*User|\w*Principal|Auth(enticated)?User|ActiveUser|AdminUser|SuperUser|Current\w*Account)$/;

/** A parameter that carries the authenticated user (FastAPI dependency or an alias of one). */
const isPrincipalParam = (p: PyParam): boolean => {
  const dep = pyDependency(p);
  if (dep !== undefined) return AUTH_DEPENDENCY.test(dep);
  return PRINCIPAL_TYPE.test(p.type) || (p.name === "current_user" && p.type !== "" && !/^(str|int|UUID|uuid\.UUID)$/.test(p.type));
};

const AUTH_DEPENDENCY = /(current_|get_user|require_|authenticated|auth|verify_token|token|principal|session_user|HTTPBearer|api_key|admin|login|get_me\b)/i;
const AUTH_DECORATOR = /^@\s*[\w.]*(login_required|jwt_required|auth_required|token_required|requires_auth|require_auth|authenticated|login_user_required|requires_login|require_login|fresh_login_required|verify_jwt_in_request|roles_required|roles_accepted|admin_required|permission_required|user_required)\b/;

// ---------------------------------------------------------------------------
// JavaScript / TypeScript: strings, routes, functions
// ---------------------------------------------------------------------------

function jsString(node: SgNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind() === "string") {
    return node
      .children()
      .filter((c) => c.kind() === "string_fragment" || c.kind() === "escape_sequence")
      .map((c) => c.text())
      .join("");
  }
  if (node.kind() === "template_string" && !node.children().some((c) => c.kind() === "template_substitution")) {
    return node.text().slice(1, -1);
  }
  return undefined;
}

const JS_FUNCTION_KINDS = ["arrow_function", "function_expression", "function", "function_declaration", "method_definition", "generator_function", "generator_function_declaration"];
const isJsFunction = (n: SgNode | undefined): boolean => !!n && JS_FUNCTION_KINDS.includes(String(n.kind()));
const ROUTER_OBJECT = /^(app|router|api|server|routes|route|\w*[Rr]outer|\w*App|v\d+)$/;

interface JsRoute {
  call: SgNode;
  pathNode: SgNode;
  method: string;
  path: string;
  middlewares: SgNode[];
  handler: SgNode | undefined;
}

const jsArgs = (call: SgNode): SgNode[] => (call.field("arguments")?.namedChildren() ?? []).filter((a) => a.kind() !== "comment");

/** Route registrations: `app.post("/x", …)`, `router.route("/x").put(…)`. */
const JS_ROUTE_TEXT = /\.(get|post|put|patch|delete|del|all)\s*\(\s*["'`][/*]|\.route\s*\(/;
const JS_ROUTE_RULE = {
  rule: {
    kind: "call_expression",
    has: {
      field: "function",
      kind: "member_expression",
      all: [
        { has: { field: "property", regex: "^(get|post|put|patch|delete|del|all)$" } },
        {
          any: [
            { has: { field: "object", kind: "call_expression", has: { field: "function", regex: "\\.route$" } } },
            { not: { has: { field: "object", kind: "call_expression" } } },
          ],
        },
      ],
    },
  },
};
/** Path of a route: a string or plain template literal starting with `/` or `*`. */
const JS_ROUTE_PATH = /^["'`][/*]/;

/** Express/Koa-style routes: `app.post("/x", mw, handler)`, `router.route("/x").put(handler)`. */
function jsRoutes(root: SgNode, text?: string): JsRoute[] {
  if (text !== undefined && !JS_ROUTE_TEXT.test(text)) return [];
  const routes: JsRoute[] = [];
  for (const call of root.findAll(JS_ROUTE_RULE as never)) {
    const callee = call.field("function")!;
    const method = textOf(callee.field("property"));
    const object = callee.field("object");
    if (!object) continue;
    const args = jsArgs(call);
    let path: string | undefined;
    let pathNode: SgNode | undefined;
    let rest: SgNode[];
    if (object.kind() === "call_expression") {
      pathNode = jsArgs(object)[0];
      if (!pathNode || !JS_ROUTE_PATH.test(pathNode.text())) continue;
      path = jsString(pathNode);
      rest = args;
    } else {
      pathNode = args[0];
      if (!pathNode || !JS_ROUTE_PATH.test(pathNode.text())) continue;
      const name = object.kind() === "member_expression" ? textOf(object.field("property")) : object.text();
      if (!ROUTER_OBJECT.test(name)) continue;
      path = jsString(pathNode);
      rest = args.slice(1);
    }
    if (path === undefined || !(path.startsWith("/") || path === "*")) continue;
    if (rest.length === 0) continue;
    const last = rest[rest.length - 1]!;
    const handler = isJsFunction(last) ? last : undefined;
    // `api.post("/users", payload)` is an HTTP client call: a route has a function or a named handler last.
    if (!handler && !["identifier", "member_expression", "call_expression"].includes(String(last.kind()))) continue;
    if (!handler && rest.length === 1 && last.kind() === "identifier" && /^(data|body|payload|params|options|config|form|values|json|input)$/i.test(last.text())) continue;
    // `api.post("/users", userData, config)` is an HTTP client too: an `api`/`server` object needs an inline handler.
    if (!handler && /^(api|server|http|client)$/.test(object.kind() === "identifier" ? object.text() : "")) continue;
    routes.push({
      call,
      pathNode,
      method: method === "del" ? "DELETE" : method.toUpperCase(),
      path,
      middlewares: rest.slice(0, -1),
      handler,
    });
  }
  return routes;
}

/** A route is reported on `router.post("/path"`: short, and stable when the handler body changes. */
function routeHit(route: JsRoute, extra: Partial<Hit> = {}): Hit {
  return hitBetween(route.call.field("function")!, route.pathNode, extra);
}

function enclosingJsFunction(node: SgNode): SgNode | undefined {
  return node.ancestors().find((a) => JS_FUNCTION_KINDS.includes(String(a.kind())));
}

/** The route whose handler is `fn`, when `fn` is passed inline to a route registration. */
function routeOfHandler(fn: SgNode, routes: JsRoute[]): JsRoute | undefined {
  return routes.find((r) => r.handler && r.handler.id() === fn.id());
}

/** The local names a module is imported under: `import x from "m"`, `import { y as x } from "m"`, `const x = require("m")`. */
function jsImportNames(root: SgNode, module: string): Set<string> {
  return new Set(jsImportsOf(root, module).keys());
}

/** Local name → module, for the modules matched by `module` (a regex alternation of module names). */
function jsImportsOf(root: SgNode, module: string): Map<string, string> {
  const names = new Map<string, string>();
  const source = `^["'\`](${module})["'\`]$`;
  const rule = {
    rule: {
      any: [
        { kind: "import_statement", has: { field: "source", regex: source } },
        {
          kind: "call_expression",
          all: [{ has: { field: "function", regex: "^require$" } }, { has: { field: "arguments", has: { kind: "string", regex: source } } }],
        },
      ],
    },
  };
  for (const node of root.findAll(rule as never)) {
    if (node.kind() === "import_statement") {
      for (const id of node.findAll({ rule: { kind: "identifier", inside: { kind: "import_clause", stopBy: "end" } } } as never)) {
        const parent = id.parent();
        // `{ rateLimit as rl }`: keep the alias.
        if (parent?.kind() === "import_specifier" && parent.field("alias") && parent.field("alias")!.id() !== id.id()) continue;
        names.set(id.text(), textOf(node.field("source")).slice(1, -1));
      }
      continue;
    }
    const call = node;
    const from = (call.field("arguments")?.namedChildren().find((a) => a.kind() === "string")?.text() ?? "").slice(1, -1);
    const declarator = call.parent()?.kind() === "variable_declarator" ? call.parent() : call.parent()?.parent()?.kind() === "variable_declarator" ? call.parent()!.parent() : undefined;
    const target = declarator?.field("name");
    if (!target) continue;
    if (target.kind() === "identifier") names.set(target.text(), from);
    for (const id of target.findAll({ rule: { any: [{ kind: "shorthand_property_identifier_pattern" }, { kind: "identifier" }] } } as never)) names.set(id.text(), from);
  }
  return names;
}

// ---------------------------------------------------------------------------
// csrf-protection-missing
// ---------------------------------------------------------------------------

/** Routes authenticated by a header token, webhooks with signatures, or with their own CSRF check. */
const CSRF_NOT_APPLICABLE = /(csrf|xsrf|webhook|signature|hmac|HTTPBearer|HTTPAuthorizationCredentials|OAuth2PasswordBearer|oauth2_scheme|APIKeyHeader|api_key|apikey|Authorization|bearer|verify_token|token_required|jwt_required|authenticateToken|authenticateJwt|verifyToken|requireApiKey|passport\.authenticate\(\s*["'`](jwt|bearer|headerapikey))/i;

const csrfRoutePy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    return pyRoutes(root, text)
      .filter((r) => changesState(r) && !/webhook|hook\b|callback/i.test(r.path) && !CSRF_NOT_APPLICABLE.test(codeText(r.decorated)))
      .map((r) => hitOn(r.decorator));
  },
};

const csrfRouteJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    return jsRoutes(root, text)
      .filter((r) => STATE_CHANGING.has(r.method) && !/webhook|hook\b|callback/i.test(r.path) && !CSRF_NOT_APPLICABLE.test(codeText(r.call)))
      .map((r) => routeHit(r));
  },
};

// ---------------------------------------------------------------------------
// missing-authorization-check
// ---------------------------------------------------------------------------

/** Ownership or role evidence: the handler compares with the principal or checks a role. */
const AUTHZ_WORDS = /(admin|permission|owner|has_perm|authoriz|forbidden|HTTP_403|\b403\b|superuser|is_staff|\bcan_\w+|check_access|ensure_\w*access|scopes?\b|membership|member_of|abort\(\s*403)/i;
const ROLE_WORD = /(?<![a-z])[Rr]oles?(?![a-z])|[a-z]Roles?(?![a-z])/;
const AUTHZ_EVIDENCE = { test: (text: string): boolean => AUTHZ_WORDS.test(text) || ROLE_WORD.test(text) };
const ID_NAME = /^(\w+_id|id|pk|\w+Id|uuid|\w+_uuid|slug)$/;
/** Calls that select or change one record. */
const LOOKUP_CALL = String.raw`\b_*(get|get_or_404|first_or_404|one_or_none|get_by_id|get_\w+|find\w*|filter|filter_by|where|select|delete\w*|update\w*|fetch\w*|load\w*|query|findById\w*|findByPk|findOne\w*|findUnique\w*|findFirst\w*|destroy|remove|deleteOne|updateOne)\s*\(`;
const MUTATING_BODY_PY = /(\.delete\(|session\.delete\(|\bdb\.delete\(|\.commit\(\)|\.update\(|setattr\()/;

/** The first line of a node's text that matches, as a hit on that line. */
function firstLineMatching(node: SgNode, re: RegExp): Hit | undefined {
  const lines = node.text().split(/\r?\n/);
  const start = node.range().start.line;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#|\/\/)/.test(line) || !re.test(line)) continue;
    const lineNumber = start + i + 1;
    const full = node.getRoot().root().text().split(/\r?\n/)[lineNumber - 1] ?? line;
    const indent = full.length - full.trimStart().length;
    return { ...spanOfLine(lineNumber, full), startColumn: indent + 1, snippet: full.trim() };
  }
  return undefined;
}

/** Cheap text test: something in the file authenticates a route (a login decorator, a dependency, a principal type). */
const PY_AUTH_SIGNAL =
  /(Depends\(|Security\(|dependencies\s*=|current_user|login_required|jwt_required|auth_required|token_required|requires_auth|require_auth|authenticated|requires_login|require_login|verify_jwt_in_request|roles_required|roles_accepted|admin_required|permission_required|user_required|Current\w*User|Principal|AuthUser|ActiveUser|AdminUser|SuperUser|Current\w*Account)/;
/** A write to the database session: a new, deleted or merged row. */
const PY_DB_WRITE = /\b(session|db)\.(add|add_all|delete|merge|bulk_save_objects)\(/;
/** `tool.call_count = …`, `server.enabled = False`: a loaded row changed in place (committed later). */
const PY_ATTRIBUTE_WRITE = /^\s*[a-z_]\w*\.\w+\s*(=(?!=)|\+=|-=)/;

const authzMissingPy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !PY_ROUTE_TEXT.test(text) || !PY_AUTH_SIGNAL.test(text)) return [];
    const hits: Hit[] = [];
    for (const route of pyRoutes(root, text)) {
      const body = pyBody(route.fn);
      if (!body) continue;
      const params = pyParams(route.fn);
      const principalParams = params.filter(isPrincipalParam);
      // `@router.delete("/x", dependencies=[Depends(get_current_active_superuser)])`
      const routeDependencies = textOf(pyArgs(route.decorator.namedChildren()[0]!).keywords.get("dependencies"));
      const decoratorAuth = route.otherDecorators.some((d) => AUTH_DECORATOR.test(d)) || AUTH_DEPENDENCY.test(routeDependencies);
      if (!decoratorAuth && principalParams.length === 0) continue; // unauthenticated: another family
      // Role-guarding decorators and dependencies count as authorization.
      if (route.otherDecorators.some((d) => AUTHZ_EVIDENCE.test(d)) || AUTHZ_EVIDENCE.test(routeDependencies)) continue;
      if (principalParams.some((p) => AUTHZ_EVIDENCE.test(pyDependency(p) ?? p.type))) continue;
      const bodyText = codeText(body);
      if (AUTHZ_EVIDENCE.test(bodyText)) continue;
      // The principal used in the body: flask_login's current_user, g.user, the Flask session, a principal parameter.
      const principalNames = ["current_user", "g.user", "request.user", "get_jwt_identity", ...principalParams.map((p) => p.name)];
      if (principalNames.some((n) => new RegExp(`(?<![\\w.])${escapeRe(n)}\\b`).test(bodyText))) continue;
      if (/(?<![\w.])session(\[|\.get\()\s*["']/.test(bodyText)) continue;
      // A record chosen by an id from the request: a path/query parameter or a request field.
      const idNames = params.filter((p) => ID_NAME.test(p.name) && !pyDependency(p)).map((p) => p.name);
      const requestIds = [...bodyText.matchAll(/request\.(?:args|form|values|json|get_json\(\))(?:\.get\(|\[)\s*["'](\w*id)["']/g)].map((m) => m[1]!);
      let lookup: Hit | undefined;
      for (const name of [...idNames, ...requestIds]) {
        const re = new RegExp(`${LOOKUP_CALL}[^\\n]*?(?<![\\w.])${escapeRe(name)}\\b`);
        lookup = firstLineMatching(body, re) ?? (requestIds.includes(name) ? firstLineMatching(body, new RegExp(`${LOOKUP_CALL}[^\\n]*["']${escapeRe(name)}["']`)) : undefined);
        if (lookup) break;
      }
      if (!lookup) {
        // Shared state: a state-changing route that writes rows tied to no user, behind authentication alone.
        if (!changesState(route)) continue;
        const write = PY_DB_WRITE.test(bodyText)
          ? firstLineMatching(body, PY_DB_WRITE)
          : /\.commit\(\)/.test(bodyText)
            ? firstLineMatching(body, PY_ATTRIBUTE_WRITE)
            : undefined;
        if (write) hits.push({ ...write, title: GLOBAL_WRITE_TITLE, message: GLOBAL_WRITE_MESSAGE });
        continue;
      }
      const mutates = changesState(route) || MUTATING_BODY_PY.test(bodyText);
      // A read is reported only when the handler received the principal and ignored it.
      const ignoredPrincipal = principalParams.some((p) => !p.name.startsWith("_"));
      if (!mutates && !ignoredPrincipal) continue;
      hits.push(lookup);
    }
    return hits;
  },
};

const GLOBAL_WRITE_TITLE = "Shared records are changed by any signed-in user";
const GLOBAL_WRITE_MESSAGE =
  "The handler only checks that someone is logged in, then writes rows that belong to no user (it never looks at the authenticated user or a role). Every account, including a freshly registered one, can create, change or delete this shared (global) state for all users.";

const JS_PRINCIPAL = /(req\.user|request\.user|req\.session|request\.session|res\.locals\.(user|auth|session|account)|req\.auth\b|ctx\.state\.user|getServerSession|currentUser|req\.userId|req\.account|jwt\.verify|jwtVerify|verifyIdToken|verifyToken|verifySignature|getAuth\(|auth\(\))/;
const JS_AUTH_MIDDLEWARE = /(auth|login|protect|requireUser|isAuthenticated|ensureLoggedIn|ensureAuth|verify|jwt|session|passport|guard|requireSignin|signedIn|loggedIn)/i;
const JS_MUTATING = /\b(delete\w*|update\w*|destroy|remove\w*|save|create|upsert|insert\w*|set\w*|findOneAnd\w+|findByIdAnd\w+)\s*\(/;

const authzMissingJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    const hits: Hit[] = [];
    const routes = jsRoutes(root, text).filter((r) => r.handler && STATE_CHANGING.has(r.method));
    if (routes.length === 0) return hits;
    const fileText = codeText(root);
    const routerLevelAuth = [...fileText.matchAll(/\b\w+\.use\(\s*([\w.]+)/g)].some((m) => JS_AUTH_MIDDLEWARE.test(m[1]!));
    for (const route of routes) {
      if (!route.handler || !STATE_CHANGING.has(route.method)) continue;
      const middlewareText = route.middlewares.map((m) => m.text()).join(" ");
      const authenticated = routerLevelAuth || JS_AUTH_MIDDLEWARE.test(middlewareText);
      if (!authenticated) continue;
      if (AUTHZ_EVIDENCE.test(middlewareText)) continue;
      const body = route.handler.field("body");
      if (!body) continue;
      const bodyText = codeText(body);
      if (JS_PRINCIPAL.test(bodyText) || AUTHZ_EVIDENCE.test(bodyText)) continue;
      // Names taken from the request: `req.params.id`, `const { id } = req.params`.
      const reqName = textOf(route.handler.field("parameters")?.namedChildren()[0]?.namedChildren()[0] ?? route.handler.field("parameter")) || "req";
      const source = `${escapeRe(reqName)}\\.(?:params|query|body)`;
      const ids = new Set<string>();
      for (const m of bodyText.matchAll(new RegExp(`(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*${source}\\b`, "g"))) {
        for (const part of m[1]!.split(",")) {
          const local = part.split(":").pop()!.split("=")[0]!.trim();
          if (/^\w+$/.test(local)) ids.add(local);
        }
      }
      for (const m of bodyText.matchAll(new RegExp(`(?:const|let|var)\\s+(\\w+)\\s*=\\s*${source}\\.\\w+`, "g"))) ids.add(m[1]!);
      const idPattern = [`${source}\\.\\w+`, `${source}\\[`, ...[...ids].map((n) => `(?<![\\w.])${escapeRe(n)}\\b`)].join("|");
      const lookup = firstLineMatching(body, new RegExp(`${LOOKUP_CALL}[^\\n]*?(${idPattern})`));
      if (!lookup || !JS_MUTATING.test(bodyText)) continue;
      hits.push(lookup);
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------
// user-identity-from-request
// ---------------------------------------------------------------------------

const USER_ID_PARAM = /^(user_?id|userid|uid|current_?user_?id|acting_?user_?id|auth_?user_?id|x_user_id|x_userid|x_user|x_uid)$/i;
const USER_ID_KEY = /^(user_?id|userid|uid|current_?user_?id|acting_?user_?id|auth_?user_?id|x-user-id|x-userid|x-user|x-uid|x-auth-user|user-id|x_user_id)$/i;
const PY_PRINCIPAL_EVIDENCE = /(current_user|login_required|jwt_required|get_jwt_identity|token_required|auth_required|g\.user|request\.user|(?<![\w.])session(\[|\.get\()\s*["']|get_current|verify_token|decode_token|jwt\.decode|oauth2_scheme|HTTPBearer|Security\(|verify|signature|hmac|\.loads\()/;

/** Cheap text test: a user-id name or header occurs in the file. */
const USER_ID_TEXT = /(?<![\w-])(user_?id|userid|uid|current_?user_?id|acting_?user_?id|auth_?user_?id|x_user_id|x_userid|x_user|x_uid|x-user-id|x-userid|x-user|x-uid|x-auth-user|user-id|currentUserId|actingUserId|authUserId)(?![\w-])/i;
/** FastAPI parameter markers: an explicit query/header/body parameter. */
const PY_PARAM_MARKER_TEXT = /\b(Query|Header|Form|Body|Cookie)\(/;
const PY_REQUEST_DATA_TEXT = /\brequest\.(args|form|values|headers|cookies|json|get_json)\b/;
/** A user-id key in a string literal: `"user_id"`, `'X-User-Id'`. */
const USER_ID_KEY_TEXT = /["'](user_?id|userid|uid|current_?user_?id|acting_?user_?id|auth_?user_?id|x-user-id|x-userid|x-user|x-uid|x-auth-user|user-id|x_user_id)["']/i;
const USER_ID_NAME_RE = String.raw`(?i)^(user_?id|userid|uid|current_?user_?id|acting_?user_?id|auth_?user_?id|x_user_id|x_userid|x_user|x_uid)$`;
/** Functions with a user-id parameter. */
const PY_USER_ID_FUNCTION_RULE = {
  rule: {
    kind: "function_definition",
    has: {
      field: "parameters",
      has: {
        any: [
          { kind: "identifier", regex: USER_ID_NAME_RE },
          { kind: "typed_parameter", has: { kind: "identifier", regex: USER_ID_NAME_RE } },
          { kind: "default_parameter", has: { field: "name", regex: USER_ID_NAME_RE } },
          { kind: "typed_default_parameter", has: { field: "name", regex: USER_ID_NAME_RE } },
        ],
      },
    },
  },
};
const PY_REQUEST_SOURCE_RE = String.raw`^request\.(args|form|values|headers|cookies|json|get_json\([^)]*\))`;
/** Flask request reads: `request.args.get(...)`, `request.headers[...]`. */
const PY_REQUEST_READ_RULE = {
  rule: {
    any: [
      { kind: "call", has: { field: "function", regex: `${PY_REQUEST_SOURCE_RE}\\.get$` } },
      { kind: "subscript", has: { field: "value", regex: `${PY_REQUEST_SOURCE_RE}$` } },
    ],
  },
};

/** The first line of a handler that loads or changes a record by one of its id parameters. */
function pyLookupById(body: SgNode, params: readonly PyParam[], except: string): Hit | undefined {
  for (const p of params) {
    if (p.name === except || !ID_NAME.test(p.name) || pyDependency(p)) continue;
    const hit = firstLineMatching(body, new RegExp(`${LOOKUP_CALL}[^\\n]*?(?<![\\w.])${escapeRe(p.name)}\\b`));
    if (hit) return hit;
  }
  return undefined;
}

const identityFromRequestPy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    const hits: Hit[] = [];
    // FastAPI: `user_id: str = Query(...)`, `Annotated[str, Header()]`, or a plain query parameter of a route.
    const params = (PY_ROUTE_TEXT.test(text) || PY_PARAM_MARKER_TEXT.test(text)) && USER_ID_TEXT.test(text);
    for (const fn of params ? root.findAll(PY_USER_ID_FUNCTION_RULE as never) : []) {
      const parent = fn.parent();
      const route = parent?.kind() === "decorated_definition" ? pyRouteOf(parent) : undefined;
      const params = pyParams(fn);
      const routeDependencies = route ? textOf(pyArgs(route.decorator.namedChildren()[0]!).keywords.get("dependencies")) : "";
      const principal = params.some(isPrincipalParam) || AUTH_DEPENDENCY.test(routeDependencies);
      const body = pyBody(fn);
      const bodyText = codeText(body);
      if (principal || PY_PRINCIPAL_EVIDENCE.test(bodyText) || (route && route.otherDecorators.some((d) => AUTH_DECORATOR.test(d)))) continue;
      for (const p of params) {
        if (!USER_ID_PARAM.test(p.name)) continue;
        const explicit = /^(Query|Header|Form|Body|Cookie)\(/.test(textOf(p.default)) || /^Annotated\[[\s\S]*\b(Query|Header|Form|Body|Cookie)\(/.test(p.type);
        const implicitQuery =
          route !== undefined &&
          !route.path.includes(`{${p.name}}`) &&
          !route.path.includes(`{${p.name}:`) &&
          !route.path.includes(`:${p.name}>`) &&
          !route.path.includes(`<${p.name}>`) &&
          /^(str|int|UUID|uuid\.UUID|Optional\[(str|int|UUID)\]|(str|int|UUID) \| None)?$/.test(p.type) &&
          (p.default === undefined || /^(None|\d+|["'].*["'])$/.test(p.default.text())) &&
          !/\b(request|Request)\b/.test(p.name);
        if (!explicit && !implicitQuery) continue;
        // Used: to load a user or scope data. Unused by a state-changing route that, unauthenticated, loads a record
        // by another id: the client names the acting user and nothing checks it.
        if (wordRe(p.name).test(bodyText)) hits.push(hitOn(p.node));
        else if (route && changesState(route) && body && pyLookupById(body, params, p.name))
          hits.push(
            hitOn(p.node, {
              title: "Unauthenticated handler takes the acting user's id from the request",
              message:
                "The route has no authentication: the client says who it is with this `user_id` parameter, and the handler loads or changes a record by id without tying it to any verified user. Anyone can call it for any record, and the `user_id` the API asks for proves nothing.",
            }),
          );
      }
    }
    // Flask: `request.args.get("user_id")`, `request.headers["X-User-Id"]`, `request.json.get("user_id")`.
    if (!PY_REQUEST_DATA_TEXT.test(text) || !USER_ID_KEY_TEXT.test(text)) return hits;
    for (const node of root.findAll(PY_REQUEST_READ_RULE as never)) {
      const key = node.kind() === "call" ? pyString(pyArgs(node).positional[0]) : pyString(node.field("subscript"));
      if (key === undefined || !USER_ID_KEY.test(key)) continue;
      if (node.kind() === "subscript" && node.parent()?.kind() === "assignment" && node.parent()!.field("left")?.id() === node.id()) continue;
      const fn = enclosingPyFunction(node);
      if (!fn) continue;
      const decorated = fn.parent()?.kind() === "decorated_definition" ? codeText(fn.parent()) : "";
      if (PY_PRINCIPAL_EVIDENCE.test(codeText(fn)) || AUTH_DECORATOR.test(decorated.replace(/\n\s*/g, "\n")) || /@\s*[\w.]*(login_required|jwt_required|token_required|auth_required)/.test(decorated)) continue;
      hits.push(hitOn(node));
    }
    return hits;
  },
};

const USER_ID_PROP = /^(user_?id|userid|uid|current_?user_?id|currentUserId|actingUserId|authUserId)$/i;

/** Reads of request data that may carry a user id: `req.query.x`, `req.headers[x]`, `req.get(x)`, `const { x } = req.body`. */
const JS_REQUEST_READ_RULE = {
  rule: {
    any: [
      { kind: "member_expression", has: { field: "object", regex: String.raw`^(req|request)\.(query|body|headers|cookies)$` } },
      { kind: "subscript_expression", has: { field: "object", regex: String.raw`^(req|request)\.(query|body|headers|cookies)$` } },
      { kind: "call_expression", has: { field: "function", regex: String.raw`^(req|request)\.(header|get)$` } },
      {
        kind: "variable_declarator",
        all: [{ has: { field: "value", regex: String.raw`^(req|request)\.(query|body|cookies)$` } }, { has: { field: "name", kind: "object_pattern" } }],
      },
    ],
  },
};

const identityFromRequestJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !USER_ID_TEXT.test(text)) return [];
    const hits: Hit[] = [];
    const candidates: SgNode[] = [];
    for (const node of root.findAll(JS_REQUEST_READ_RULE as never)) {
      const kind = node.kind();
      if (kind === "member_expression" || kind === "subscript_expression") {
        // req.query.userId, req.body.user_id, req.cookies.userId, req.headers["x-user-id"]
        const container = textOf(node.field("object")?.field("property"));
        const key = kind === "member_expression" ? textOf(node.field("property")) : jsString(node.field("index"));
        if (key === undefined) continue;
        if (container === "headers" ? !USER_ID_KEY.test(key) : !USER_ID_PROP.test(key)) continue;
        candidates.push(node);
      } else if (kind === "call_expression") {
        // req.header("x-user-id"), req.get("X-User-Id")
        const key = jsString(jsArgs(node)[0]);
        if (key !== undefined && USER_ID_KEY.test(key)) candidates.push(node);
      } else {
        // const { userId } = req.query
        for (const prop of node.field("name")!.namedChildren()) {
          const key = prop.kind() === "shorthand_property_identifier_pattern" ? prop.text() : prop.kind() === "pair_pattern" ? textOf(prop.field("key")) : prop.kind() === "object_assignment_pattern" ? textOf(prop.field("left")) : "";
          if (USER_ID_PROP.test(key)) candidates.push(prop);
        }
      }
    }
    if (candidates.length === 0) return hits;
    const routes = jsRoutes(root, text);
    const routerLevelAuth = [...codeText(root).matchAll(/\b\w+\.use\(\s*([\w.]+)/g)].some((m) => JS_AUTH_MIDDLEWARE.test(m[1]!));
    for (const node of candidates) {
      const fn = enclosingJsFunction(node);
      if (!fn) continue;
      if (JS_PRINCIPAL.test(codeText(fn))) continue;
      const route = routeOfHandler(fn, routes);
      if (route && (routerLevelAuth || route.middlewares.some((m) => JS_AUTH_MIDDLEWARE.test(m.text()) || AUTHZ_EVIDENCE.test(m.text())))) continue;
      hits.push(hitOn(node));
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------
// rate-limit-missing
// ---------------------------------------------------------------------------

const AUTH_PATH = /(^|\/)(login|log-in|log_in|signin|sign-in|sign_in|logon|register|registration|signup|sign-up|sign_up|token|access-token|access_token|forgot|forgot-password|forgot_password|forgotpassword|reset-password|reset_password|resetpassword|password-reset|password_reset|password-recovery|password_recovery|recover-password|password|change-password|change_password|otp|verify-otp|verify_otp|mfa|2fa|totp|magic-link|magic_link|authenticate)(\/|$|\.)/i;
/** Cheap text test: an auth-looking path segment occurs somewhere in the file. */
const AUTH_PATH_TEXT = /["'`][^"'`\n]*\/(login|log-in|log_in|signin|sign-in|sign_in|logon|register|registration|signup|sign-up|sign_up|token|access-token|access_token|forgot|forgot-password|forgot_password|forgotpassword|reset-password|reset_password|resetpassword|password-reset|password_reset|password-recovery|password_recovery|recover-password|password|change-password|change_password|otp|verify-otp|verify_otp|mfa|2fa|totp|magic-link|magic_link|authenticate)(?![\w-])/i;
const HAS_OWN_LIMIT = /(limit|throttl|slow_?down|brute|attempts|lockout|too many|RateLimiter)/i;

const rateLimitAuthRoutePy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !AUTH_PATH_TEXT.test(text)) return [];
    return pyRoutes(root, text)
      .filter((r) => r.methods.has("POST") && AUTH_PATH.test(r.path) && !HAS_OWN_LIMIT.test(codeText(r.decorated)))
      .map((r) => hitOn(r.decorator));
  },
};

const rateLimitAuthRouteJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !AUTH_PATH_TEXT.test(text)) return [];
    return jsRoutes(root, text)
      .filter((r) => r.method === "POST" && AUTH_PATH.test(r.path) && !r.middlewares.some((m) => HAS_OWN_LIMIT.test(m.text())) && !(r.handler && HAS_OWN_LIMIT.test(codeText(r.handler))))
      .map((r) => routeHit(r));
  },
};

// ---------------------------------------------------------------------------
// rate-limit-memory-storage (JavaScript)
// ---------------------------------------------------------------------------

function objectProps(node: SgNode | undefined): Map<string, SgNode> {
  const props = new Map<string, SgNode>();
  if (node?.kind() !== "object") return props;
  for (const child of node.namedChildren()) {
    if (child.kind() === "pair") {
      const key = child.field("key");
      const value = child.field("value");
      const name = key ? (jsString(key) ?? key.text()) : "";
      if (value) props.set(name, value);
    } else if (child.kind() === "shorthand_property_identifier") props.set(child.text(), child);
  }
  return props;
}

const rateLimitMemoryJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    const hits: Hit[] = [];
    const limiters = /["'`]express-(rate-limit|slow-down)["'`]/.test(text) ? jsImportNames(root, "express-rate-limit|express-slow-down") : new Set<string>();
    const callees = ["ThrottlerModule\\.forRoot(Async)?", ...[...limiters].map(escapeRe)].join("|");
    const rule = {
      rule: {
        any: [
          { kind: "new_expression", has: { field: "constructor", regex: "^(RateLimiterMemory|RateLimiterCluster)$" } },
          { kind: "call_expression", has: { field: "function", regex: `^(${callees})$` } },
        ],
      },
    };
    for (const call of root.findAll(rule as never)) {
      const callee = call.kind() === "new_expression" ? call.field("constructor") : call.field("function");
      const name = textOf(callee);
      if (call.kind() === "new_expression") {
        if (/^(RateLimiterMemory|RateLimiterCluster)$/.test(name)) hits.push(hitOn(call));
        continue;
      }
      if (name === "ThrottlerModule.forRoot" || name === "ThrottlerModule.forRootAsync") {
        if (!/\bstorage\s*:/.test(codeText(call))) hits.push(hitOn(callee!));
        continue;
      }
      if (!limiters.has(name)) continue;
      const args = jsArgs(call);
      if (args.length > 0 && args[0]!.kind() !== "object") continue; // options built elsewhere: cannot tell
      if (objectProps(args[0]).has("store")) continue;
      hits.push(hitOn(callee!));
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------
// weak-password-policy
// ---------------------------------------------------------------------------

const PASSWORD_SETTING_SCHEMA = /(regist|signup|sign_?up|create|new(?!s)|reset|change|update|set_?pass|password|onboard|invite|account)/i;
/** Login forms, credentials, OAuth token requests, and configuration (an SMTP or database password is not a user's). */
const LOGIN_SCHEMA = /(login|log_?in|signin|sign_?in|credential|authenticat|verify|^token|tokenrequest|settings|config|smtp|database|\bdb|connection|dsn)/i;
const PASSWORD_FIELD = /^(password|new_?password|password1|new_?password1|pwd|passwd|plain_?password|raw_?password|newPassword|password_new)$/i;
const MIN_PASSWORD = 8;
/** Cheap text test: a password field is annotated in a class body. */
const PY_PASSWORD_FIELD_TEXT = /^\s+(password|new_?password|password1|new_?password1|pwd|passwd|plain_?password|raw_?password|newPassword|password_new)\s*:/im;

/** `password: str` with no length bound or validator; the annotated type and default tell. */
function pyPasswordFieldWeak(type: string, value: SgNode | null | undefined): boolean {
  const t = type.replace(/\s+/g, "");
  const plain = /^(str|SecretStr|Optional\[(str|SecretStr)\]|(str|SecretStr)\|None|None\|(str|SecretStr))$/.test(t);
  const annotated = /^Annotated\[(str|SecretStr)/.test(t);
  const constrained = /^constr\(/.test(t);
  if (constrained) return minTooSmall(t, /min_length=(\d+)/);
  if (annotated) {
    if (/(AfterValidator|BeforeValidator|PlainValidator|WrapValidator|StringConstraints\(.*min_length)/.test(t)) return minTooSmall(t, /min_length=(\d+)/);
    return !/min_length/.test(t) || minTooSmall(t, /min_length=(\d+)/);
  }
  if (!plain) return false;
  const v = textOf(value);
  if (/^(Field|Body|Form)\(/.test(v)) return !/min_length/.test(v) || minTooSmall(v, /min_length\s*=\s*(\d+)/);
  return true;
}

function minTooSmall(text: string, re: RegExp): boolean {
  const m = re.exec(text.replace(/\s+/g, ""));
  return !!m && Number(m[1]) < MIN_PASSWORD;
}

const weakPasswordPy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !PY_PASSWORD_FIELD_TEXT.test(text)) return [];
    const hits: Hit[] = [];
    const classes = root.findAll({ rule: { kind: "class_definition" } } as never);
    const validated = new Map<string, Set<string>>(); // class → fields with a validator
    const bases = new Map<string, string[]>();
    for (const cls of classes) {
      const name = textOf(cls.field("name"));
      bases.set(name, (cls.field("superclasses")?.namedChildren() ?? []).map((b) => b.text()));
      validated.set(name, new Set<string>());
    }
    // Validator decorators, each credited to the class it sits in.
    if (/validator\b/.test(text)) {
      for (const dec of root.findAll({ rule: { kind: "decorator", regex: "validator" } } as never)) {
        const cls = dec.ancestors().find((a) => a.kind() === "class_definition");
        const fields = cls ? validated.get(textOf(cls.field("name"))) : undefined;
        if (!fields) continue;
        const t = dec.text();
        if (/(field_validator|validator)\(/.test(t)) for (const m of t.matchAll(/["'](\w+|\*)["']/g)) fields.add(m[1]!);
        if (/(model_validator|root_validator)/.test(t)) {
          const fn = dec.parent()?.field("definition");
          for (const m of textOf(fn).matchAll(/\b(\w*pass\w*)\b/gi)) fields.add(m[1]!);
        }
      }
    }
    const hasValidator = (cls: string, field: string, seen = new Set<string>()): boolean => {
      if (seen.has(cls)) return false;
      seen.add(cls);
      const own = validated.get(cls);
      if (own && (own.has(field) || own.has("*"))) return true;
      return (bases.get(cls) ?? []).some((b) => hasValidator(b, field, seen));
    };
    for (const cls of classes) {
      const name = textOf(cls.field("name"));
      if (!PASSWORD_SETTING_SCHEMA.test(name) || LOGIN_SCHEMA.test(name)) continue;
      if ((bases.get(name) ?? []).length === 0 || (bases.get(name) ?? []).some((b) => /Settings$/.test(b))) continue;
      const body = cls.field("body");
      for (const stmt of body?.namedChildren() ?? []) {
        const assign = stmt.kind() === "expression_statement" ? stmt.namedChildren()[0] : undefined;
        if (assign?.kind() !== "assignment") continue;
        const left = assign.field("left");
        const type = assign.field("type");
        if (!left || !type || left.kind() !== "identifier" || !PASSWORD_FIELD.test(left.text())) continue;
        if (hasValidator(name, left.text())) continue;
        if (!pyPasswordFieldWeak(type.text(), assign.field("right"))) continue;
        hits.push(hitOn(assign));
      }
    }
    return hits;
  },
};

/** A call of a password-strength validator: `validate_password_strength(pw)`, `password_policy_ok(pw)`; not `check_password(pw)`. */
const PASSWORD_VALIDATOR_CALL = /\b\w*(password\w*(strength|polic|complex|valid|strong|requirement|rule|weak)|(valid|strength|strong|polic|complex|weak)\w*password)\w*\s*\(/i;
const PASSWORD_VALIDATOR_CALLEE = String.raw`(?i)(^|\.)\w*(password\w*(strength|polic|complex|valid|strong|requirement|rule|weak)|(valid|strength|strong|polic|complex|weak)\w*password)\w*$`;
const PASSWORD_SINK_CALLEE = String.raw`(^|\.)(set_password|generate_password_hash|hash_password|make_password)$`;

/**
 * Flask/Django handlers that set a password taken from the request without the strength check that another
 * path of the same module runs (registration validates, the password change does not).
 */
const weakPasswordHandlerPy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !PASSWORD_VALIDATOR_CALL.test(text) || !text.includes("request.")) return [];
    // The module enforces a policy somewhere: a validator is called (not only defined).
    if (root.find({ rule: { kind: "call", has: { field: "function", regex: PASSWORD_VALIDATOR_CALLEE } } } as never) === null) return [];
    const hits: Hit[] = [];
    for (const call of root.findAll({ rule: { kind: "call", has: { field: "function", regex: PASSWORD_SINK_CALLEE } } } as never)) {
      const fn = enclosingPyFunction(call);
      const arg = pyArgs(call).positional[0];
      if (!fn || !arg) continue;
      const fnText = codeText(pyBody(fn));
      if (PASSWORD_VALIDATOR_CALL.test(fnText)) continue;
      const argText = arg.text();
      // `new_password`, or a field of a payload variable: `payload["password"]`, `data.get("password")`.
      const base = /^([a-z_]\w*)(\s*\[|\.get\()?/i.exec(argText);
      const name = base && (base[2] !== undefined || arg.kind() === "identifier") && base[1] !== "request" ? escapeRe(base[1]!) : undefined;
      const fromRequest = name
        ? new RegExp(`(?<![\\w.])${name}\\s*=\\s*[^\\n]*\\brequest\\.(form|json|values|args|get_json|data)\\b`).test(fnText)
        : /^request\.(form|json|values|args|get_json)\b/.test(argText);
      if (!fromRequest) continue;
      // A length or pattern check of its own.
      if (name && new RegExp(`\\blen\\(\\s*${name}\\s*\\)|\\.(match|fullmatch|search)\\(\\s*${name}\\b|re\\.\\w+\\([^\\n]*\\b${name}\\b`).test(fnText)) continue;
      hits.push(
        hitOn(call, {
          title: "Password is set without the strength check the rest of the module enforces",
          message:
            "This handler stores a new password straight from the request, but skips the password-strength validator that another path of the same module (registration) runs. Users can replace a strong password with `a` through this path, so the policy the register form promises does not hold.",
        }),
      );
    }
    return hits;
  },
};

/** The name a schema object is bound to: `const registerSchema = z.object({...})`, `signup: z.object(...)`, `class RegisterDto`. */
function jsSchemaName(node: SgNode): string | undefined {
  for (const a of node.ancestors()) {
    const kind = String(a.kind());
    if (kind === "variable_declarator") return textOf(a.field("name"));
    if (kind === "pair") return textOf(a.field("key"));
    if (kind === "assignment_expression") return textOf(a.field("left"));
    if (kind === "class_declaration" || kind === "class") return textOf(a.field("name"));
    if (kind === "public_field_definition" || kind === "property_signature") return textOf(a.field("name"));
    if (JS_FUNCTION_KINDS.includes(kind)) return kind === "function_declaration" || kind === "method_definition" ? textOf(a.field("name")) : undefined;
  }
  return undefined;
}

/** The method names and first arguments along a builder chain: `z.string().min(8).max(64)`. */
function jsChain(node: SgNode): { root: string; calls: Array<{ name: string; arg: string }> } {
  const calls: Array<{ name: string; arg: string }> = [];
  let current: SgNode | null = node;
  while (current && current.kind() === "call_expression") {
    const callee: SgNode | null = current.field("function");
    if (!callee) break;
    if (callee.kind() === "member_expression") {
      calls.unshift({ name: textOf(callee.field("property")), arg: textOf(jsArgs(current)[0]) });
      current = callee.field("object");
    } else {
      calls.unshift({ name: callee.text(), arg: textOf(jsArgs(current)[0]) });
      current = null;
    }
  }
  return { root: current ? current.text() : "", calls };
}

const STRENGTH_METHODS = /^(regex|refine|superRefine|pattern|matches|test|transform|pipe|custom|length|minLength|password|strongPassword|isStrongPassword)$/;

const PASSWORD_FIELD_RE = String.raw`(?i)^["'\x60]?(password|new_?password|password1|new_?password1|pwd|passwd|plain_?password|raw_?password|newPassword|password_new)["'\x60]?$`;
const PASSWORD_FIELD_TEXT = /(?<![\w$])["'`]?(password|new_?password|password1|new_?password1|pwd|passwd|plain_?password|raw_?password|newPassword|password_new)["'`]?\s*[:?!]/i;

const weakPasswordJs: Check = {
  kind: "file",
  run({ root, text, language }: FileCheckContext): Hit[] {
    if (!root || !PASSWORD_FIELD_TEXT.test(text)) return [];
    const hits: Hit[] = [];
    // zod / joi / yup: `password: z.string()` inside a registration schema.
    const schemas = /\bstring\s*\(/.test(text)
      ? root.findAll({ rule: { kind: "pair", all: [{ has: { field: "key", regex: PASSWORD_FIELD_RE } }, { has: { field: "value", kind: "call_expression" } }] } } as never)
      : [];
    for (const pair of schemas) {
      const key = pair.field("key");
      const value = pair.field("value");
      const keyName = key ? (jsString(key) ?? key.text()) : "";
      if (!PASSWORD_FIELD.test(keyName) || value?.kind() !== "call_expression") continue;
      const { root: base, calls } = jsChain(value);
      const first = calls[0];
      if (!first || first.name !== "string") continue;
      if (!/^(z|zod|Joi|joi|yup|Yup|v|t)$/.test(base) && !(base === "" && /^string$/.test(first.name))) continue;
      const object = pair.parent();
      if (object?.kind() !== "object") continue;
      const schemaName = jsSchemaName(object);
      if (!schemaName || !PASSWORD_SETTING_SCHEMA.test(schemaName) || LOGIN_SCHEMA.test(schemaName)) continue;
      if (calls.some((c) => STRENGTH_METHODS.test(c.name))) continue;
      const min = calls.find((c) => c.name === "min");
      if (min && !(/^\d+$/.test(min.arg) && Number(min.arg) < MIN_PASSWORD)) continue;
      hits.push(hitOn(pair));
    }
    // class-validator DTOs: `@IsString() password: string;` with no @MinLength/@IsStrongPassword.
    const dtoFields = /@(IsString|IsNotEmpty|IsDefined|ApiProperty|Field|IsOptional)\b/.test(text)
      ? root.findAll(
          (language === "javascript"
            ? { rule: { kind: "field_definition", has: { field: "property", regex: PASSWORD_FIELD_RE } } }
            : { rule: { kind: "public_field_definition", has: { field: "name", regex: PASSWORD_FIELD_RE } } }) as never,
        )
      : [];
    for (const field of dtoFields) {
      const name = textOf(field.field("name") ?? field.field("property"));
      if (!PASSWORD_FIELD.test(name)) continue;
      const decorators = field.children().filter((c) => c.kind() === "decorator").map((d) => d.text());
      if (!decorators.some((d) => /^@(IsString|IsNotEmpty|IsDefined|ApiProperty|Field|IsOptional)\b/.test(d))) continue;
      const cls = field.ancestors().find((a) => a.kind() === "class_declaration" || a.kind() === "class");
      const clsName = textOf(cls?.field("name"));
      if (!PASSWORD_SETTING_SCHEMA.test(clsName) || LOGIN_SCHEMA.test(clsName)) continue;
      const min = decorators.map((d) => /^@(MinLength|Length)\(\s*(\d+)/.exec(d)).find(Boolean);
      if (decorators.some((d) => /^@(IsStrongPassword|Matches|Validate)\b/.test(d))) continue;
      if (min && Number(min[2]) >= MIN_PASSWORD) continue;
      hits.push(hitOn(field));
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------
// request-size-unbounded
// ---------------------------------------------------------------------------

const OWN_SIZE_CHECK = /(content_length|\.tell\(\)|\bMAX_\w*(SIZE|BYTES|LENGTH)\b|max_(file_|upload_|body_)?size|file_size|size_limit|too large|\b413\b|\.size\b|RequestEntityTooLarge)/i;
const FLASK_BODY_READ = /\brequest\.(get_json|json|form|files|data|get_data|stream|values)\b/;
const FLASK_UPLOAD_READ = /^request\.(files|data|get_data|stream)$/;

const flaskBodyUnbounded: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !/\bfrom\s+(flask|quart)\s+import\b|\bimport\s+(flask|quart)\b/.test(text)) return [];
    const hits: Hit[] = [];
    if (FLASK_BODY_READ.test(text) && /\b(Flask|Quart)\s*\(/.test(text)) {
      for (const call of root.findAll({ rule: { kind: "call", has: { field: "function", regex: "^(Flask|flask\\.Flask|Quart)$" } } } as never)) {
        hits.push(
          hitOn(call, {
            title: "Flask app accepts request bodies of any size",
            message:
              "The app reads request bodies but sets no `MAX_CONTENT_LENGTH`, so Flask buffers bodies and uploads of any size. One large request can exhaust the worker's memory or disk and take the instance down.",
          }),
        );
      }
    }
    const seen = new Set<number>();
    if (!/\brequest\.(files|data|get_data|stream)\b/.test(text)) return hits;
    for (const attr of root.findAll({ rule: { kind: "attribute", regex: "^request\\.(files|data|get_data|stream)$" } } as never)) {
      if (!FLASK_UPLOAD_READ.test(attr.text())) continue;
      const fn = enclosingPyFunction(attr);
      if (!fn || seen.has(fn.id())) continue;
      seen.add(fn.id());
      if (OWN_SIZE_CHECK.test(codeText(fn))) continue;
      hits.push(hitOn(attr));
    }
    return hits;
  },
};

/** FastAPI/Starlette: `await file.read()` of an `UploadFile` with no size check. */
const uploadReadUnboundedPy: Check = {
  kind: "file",
  run({ root }: FileCheckContext): Hit[] {
    if (!root) return [];
    const hits: Hit[] = [];
    for (const fn of root.findAll({ rule: { kind: "function_definition", has: { field: "parameters", regex: "\\bUploadFile\\b" } } } as never)) {
      const uploads = pyParams(fn)
        .filter((p) => /\bUploadFile\b/.test(p.type))
        .map((p) => p.name);
      if (uploads.length === 0) continue;
      const body = pyBody(fn);
      if (!body || OWN_SIZE_CHECK.test(codeText(body))) continue;
      for (const call of kinds(body, "call")) {
        const callee = textOf(call.field("function"));
        const target = uploads.find((u) => callee === `${u}.read` || callee === `${u}.file.read` || (callee === "shutil.copyfileobj" && textOf(pyArgs(call).positional[0]) === `${u}.file`));
        if (!target || pyArgs(call).positional.length > (callee === "shutil.copyfileobj" ? 2 : 0)) continue;
        hits.push(hitOn(call));
        break;
      }
    }
    return hits;
  },
};

/** Bytes in a body-parser `limit`: "50mb", 1e8, Infinity. */
function limitBytes(node: SgNode): number | undefined {
  const s = jsString(node);
  if (s !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?\s*$/i.exec(s);
    if (!m) return /unlimited|infinity/i.test(s) ? Number.POSITIVE_INFINITY : undefined;
    const unit = (m[2] ?? "b").toLowerCase();
    const scale = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 }[unit] ?? 1;
    return Number(m[1]) * scale;
  }
  const t = node.text().replace(/_/g, "");
  if (t === "Infinity" || t === "Number.MAX_SAFE_INTEGER" || t === "Number.MAX_VALUE" || t === "-1") return Number.POSITIVE_INFINITY;
  if (/^\d+(\.\d+)?(e\d+)?$/i.test(t)) return Number(t);
  const product = /^(\d+)(\s*\*\s*\d+)+$/.exec(t.replace(/\s+/g, ""));
  if (product) return t.replace(/\s+/g, "").split("*").reduce((a, b) => a * Number(b), 1);
  return undefined;
}

const JS_BODY_PARSER_IMPORT = /["'`](body-parser|express)["'`]/;
const JS_MULTER_IMPORT = /["'`]multer["'`]/;
const BODY_LIMIT_JSON = 10 * 1024 ** 2;
const BODY_LIMIT_RAW = 100 * 1024 ** 2;

const bodyLimitJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    const parserLimits = /\blimit["']?\s*:/.test(text) && JS_BODY_PARSER_IMPORT.test(text);
    const upload = JS_MULTER_IMPORT.test(text);
    if (!parserLimits && !upload) return [];
    const hits: Hit[] = [];
    const imports = jsImportsOf(root, parserLimits && upload ? "body-parser|express|multer" : parserLimits ? "body-parser|express" : "multer");
    const parsers = new Set([...imports].filter(([, m]) => m !== "multer").map(([n]) => n));
    const multers = new Set([...imports].filter(([, m]) => m === "multer").map(([n]) => n));
    if (parsers.size === 0 && multers.size === 0) return [];
    const callees = [...[...parsers].map((n) => `${escapeRe(n)}\\.(json|urlencoded|raw|text)`), ...[...multers].map(escapeRe)];
    for (const call of root.findAll({ rule: { kind: "call_expression", has: { field: "function", regex: `^(${callees.join("|")})$` } } } as never)) {
      const callee = call.field("function");
      const name = textOf(callee);
      const args = jsArgs(call);
      const m = /^(\w+)\.(json|urlencoded|raw|text)$/.exec(name);
      if (m && parsers.has(m[1]!)) {
        const limit = objectProps(args[0]).get("limit");
        if (!limit) continue;
        const bytes = limitBytes(limit);
        if (bytes === undefined) continue;
        if (bytes >= (m[2] === "raw" ? BODY_LIMIT_RAW : BODY_LIMIT_JSON)) hits.push(hitOn(limit.parent() ?? limit));
        continue;
      }
      if (multers.has(name)) {
        if (args.length > 0 && args[0]!.kind() !== "object") continue;
        const limits = objectProps(args[0]).get("limits");
        if (limits && (limits.kind() !== "object" || objectProps(limits).has("fileSize"))) continue;
        hits.push(
          hitOn(call, {
            title: "File upload accepts files of any size",
            message:
              "multer is configured without `limits.fileSize`, so a client can upload files of any size. Uploads are buffered in memory or written to disk until the request ends: one large upload can exhaust the instance.",
          }),
        );
      }
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------
// unvalidated-request-payload
// ---------------------------------------------------------------------------

const PY_PAYLOAD = /^(request\.get_json\(([^()]*)\)|request\.json|await request\.json\(\)|\(await request\.json\(\)\))$/;
const PY_VALIDATION = /(\.load\(|\.validate\(|model_validate|parse_obj|validate_json|jsonschema|\.loads\(|Schema\(|\bvalidate\w*\()/;

function pyGuarded(fnText: string, name: string): boolean {
  const n = escapeRe(name);
  return new RegExp(
    `(if\\s+not\\s+${n}\\b|${n}\\s+is\\s+None|${n}\\s+is\\s+not\\s+None|${n}\\s+or\\s*\\{|isinstance\\(\\s*${n}\\b|["']\\w+["']\\s+(not\\s+)?in\\s+${n}\\b|\\(\\s*\\*\\*${n}\\s*\\)|\\w\\(\\s*${n}\\s*[,)]|if\\s+${n}\\s*:|if\\s+${n}\\s+and\\b|all\\([^)]*\\bin\\s+${n}\\b)`,
  ).test(fnText);
}

/** Exceptions a malformed payload raises: catching them is input handling. */
const PAYLOAD_ERRORS = /\b(KeyError|TypeError|LookupError|ValueError|AttributeError|BadRequest|ValidationError|JSONDecodeError)\b/;
/** A client error answered from an except clause: `abort(400)`, `return …, 422`, `HTTPException(status_code=400)`. */
const CLIENT_ERROR_RESPONSE = /\babort\(\s*4\d\d\b|,\s*4\d\d\s*\)?\s*$|status(_code)?\s*=\s*4\d\d\b|HTTP_4\d\d|\bBadRequest\b|\bUnprocessableEntity\b/m;

/**
 * Inside a `try` whose handler deals with bad input: it catches KeyError/TypeError/ValueError …, or a broad
 * `except Exception` that answers with a 4xx. A broad handler that returns 500 still turns bad input into a
 * server error, which is the problem.
 */
function insideTryCatching(node: SgNode, fn: SgNode): boolean {
  for (const a of node.ancestors()) {
    if (a.id() === fn.id()) return false;
    if (a.kind() !== "try_statement") continue;
    const body = a.field("body");
    if (!body || body.range().start.index > node.range().start.index || body.range().end.index < node.range().end.index) continue;
    for (const clause of a.children()) {
      if (clause.kind() !== "except_clause" && clause.kind() !== "except_group_clause") continue;
      const clauseText = clause.text();
      const header = clauseText.slice(0, clauseText.indexOf(":") + 1);
      if (PAYLOAD_ERRORS.test(header)) return true;
      if (/^except\*?\s*(\(?\s*(Exception|BaseException)\b[^:]*)?:$/.test(header.replace(/\s+as\s+\w+/, "").trim()) && CLIENT_ERROR_RESPONSE.test(clauseText)) return true;
    }
  }
  return false;
}

const PY_PAYLOAD_TEXT = /request\.(get_json|json)\b/;
const PY_PAYLOAD_SOURCE = String.raw`^\(?\s*(await\s+)?request\.(get_json\(|json\b)`;

const unvalidatedPayloadPy: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root || !PY_PAYLOAD_TEXT.test(text)) return [];
    const hits: Hit[] = [];
    const reported = new Set<string>();
    const report = (node: SgNode, fn: SgNode, key: string) => {
      const id = `${fn.id()}:${key}`;
      if (reported.has(id)) return;
      reported.add(id);
      hits.push(hitOn(node));
    };
    const isPayload = (n: SgNode | null | undefined): boolean => {
      const t = textOf(n).replace(/\s+/g, " ");
      const m = PY_PAYLOAD.exec(t);
      return !!m;
    };
    const silent = (n: SgNode | null | undefined): boolean => /get_json\([^)]*silent\s*=\s*True/.test(textOf(n));
    const payloadVars = new Map<number, Map<string, boolean>>(); // fn → var → from silent get_json
    const names = new Set<string>();
    for (const assign of root.findAll({ rule: { kind: "assignment", has: { field: "right", regex: PY_PAYLOAD_SOURCE } } } as never)) {
      const left = assign.field("left");
      const right = assign.field("right");
      if (left?.kind() !== "identifier" || !isPayload(right)) continue;
      const fn = enclosingPyFunction(assign);
      if (!fn) continue;
      const vars = payloadVars.get(fn.id()) ?? new Map<string, boolean>();
      vars.set(left.text(), silent(right));
      payloadVars.set(fn.id(), vars);
      names.add(left.text());
    }
    const objectRe = `^(?:${PY_PAYLOAD_SOURCE.slice(1)}${names.size ? `|(${[...names].map(escapeRe).join("|")})$` : ""})`;
    const fnTexts = new Map<number, string>();
    const fnText = (fn: SgNode): string => {
      let t = fnTexts.get(fn.id());
      if (t === undefined) fnTexts.set(fn.id(), (t = codeText(fn)));
      return t;
    };
    for (const sub of root.findAll({ rule: { kind: "subscript", all: [{ has: { field: "subscript", kind: "string" } }, { has: { field: "value", regex: objectRe } }] } } as never)) {
      const value = sub.field("value");
      if (!value) continue;
      if (pyString(sub.field("subscript")) === undefined) continue;
      if (sub.parent()?.kind() === "assignment" && sub.parent()!.field("left")?.id() === sub.id()) continue;
      if (sub.parent()?.kind() === "augmented_assignment" && sub.parent()!.field("left")?.id() === sub.id()) continue;
      const fn = enclosingPyFunction(sub);
      if (!fn) continue;
      if (PY_VALIDATION.test(fnText(fn)) && !isPayload(value)) continue;
      if (insideTryCatching(sub, fn)) continue;
      if (isPayload(value)) {
        report(sub, fn, "direct");
        continue;
      }
      if (value.kind() !== "identifier") continue;
      const vars = payloadVars.get(fn.id());
      if (!vars?.has(value.text())) continue;
      if (pyGuarded(fnText(fn), value.text())) continue;
      report(sub, fn, value.text());
    }
    // `request.get_json(silent=True).get(...)` and `data.get(...)` with data possibly None.
    if (!/silent\s*=\s*True/.test(text)) return hits;
    for (const call of root.findAll({ rule: { kind: "call", has: { field: "function", kind: "attribute", has: { field: "object", regex: objectRe } } } } as never)) {
      const callee = call.field("function");
      if (callee?.kind() !== "attribute") continue;
      const object = callee.field("object");
      const fn = enclosingPyFunction(call);
      if (!fn || insideTryCatching(call, fn)) continue;
      if (silent(object) && isPayload(object)) {
        report(call, fn, "direct");
        continue;
      }
      if (object?.kind() !== "identifier") continue;
      const vars = payloadVars.get(fn.id());
      if (!vars?.get(object.text()) || pyGuarded(fnText(fn), object.text())) continue;
      report(call, fn, object.text());
    }
    return hits;
  },
};

const JS_VALIDATION = /(\.parse\(|safeParse|\.validate(Async|Sync)?\(|validationResult|checkSchema|matchedData|celebrate|plainToInstance|plainToClass|validateOrReject|\bassert\w*\(|typia\.|ajv|\bis\w*Valid\w*\(|Schema\b|schema\b|\bcheck\(|\bbody\(["'`])/;

/** `req.body`, `ctx.request.body`, `(await request.json())`. */
const JS_BODY_RULE = {
  rule: {
    any: [
      { kind: "member_expression", regex: String.raw`^(req|request|ctx\s*\.\s*request)\s*\.\s*body$` },
      { kind: "parenthesized_expression", regex: String.raw`^\(\s*await\s+(req|request)\s*\.\s*json\(\s*\)\s*\)$` },
    ],
  },
};
/** `const body = req.body`, `const { items } = await request.json()`. */
const JS_BODY_ALIAS_RULE = {
  rule: {
    kind: "variable_declarator",
    has: { field: "value", regex: String.raw`^\(?\s*(await\s+)?(req|request|ctx\s*\.\s*request)\s*\.\s*(body|json\(\s*\))\s*\)?$` },
  },
};

const unvalidatedPayloadJs: Check = {
  kind: "file",
  run({ root, text }: FileCheckContext): Hit[] {
    if (!root) return [];
    const hits: Hit[] = [];
    let routeCache: JsRoute[] | undefined;
    const reported = new Set<number>();
    const isBody = (n: SgNode | null | undefined): boolean => {
      if (!n) return false;
      const t = n.text().replace(/\s+/g, "");
      return /^(req|request|ctx\.request)\.body$/.test(t) || /^\(?await(req|request)\.json\(\)\)?$/.test(t);
    };
    const validated = (fn: SgNode): boolean => {
      if (JS_VALIDATION.test(codeText(fn))) return true;
      const route = routeOfHandler(fn, (routeCache ??= jsRoutes(root, text)));
      return !!route && route.middlewares.some((m) => /valid|celebrate|schema|check|body\(/i.test(m.text()));
    };
    /** A dereference of a payload field: `X.a.b`, `X.a[0]`, `X.a.trim()`, `X.a.length` — not `X.a?.b`. */
    const derefOfField = (field: SgNode): SgNode | undefined => {
      const parent = field.parent();
      if (!parent) return undefined;
      if (parent.kind() === "member_expression" && parent.field("object")?.id() === field.id()) {
        if (parent.children().some((c) => c.kind() === "optional_chain")) return undefined;
        return parent;
      }
      if (parent.kind() === "subscript_expression" && parent.field("object")?.id() === field.id()) {
        if (parent.children().some((c) => c.kind() === "optional_chain")) return undefined;
        return parent;
      }
      return undefined;
    };
    const flag = (fn: SgNode, node: SgNode) => {
      if (reported.has(fn.id())) return;
      reported.add(fn.id());
      hits.push(hitOn(node));
    };
    const fieldsOf = (source: SgNode): SgNode[] => {
      const out: SgNode[] = [];
      const parent = source.parent();
      if ((parent?.kind() === "member_expression" || parent?.kind() === "subscript_expression") && parent.field("object")?.id() === source.id()) {
        if (!parent.children().some((c) => c.kind() === "optional_chain")) out.push(parent);
      }
      return out;
    };
    // Direct: req.body.a.b / (await request.json()).a.b
    for (const node of root.findAll(JS_BODY_RULE as never)) {
      if (!isBody(node)) continue;
      const fn = enclosingJsFunction(node);
      if (!fn || validated(fn)) continue;
      for (const field of fieldsOf(node)) {
        const deref = derefOfField(field);
        if (deref) flag(fn, deref);
      }
    }
    // Aliases: const body = req.body; const { items } = await request.json();
    for (const decl of root.findAll(JS_BODY_ALIAS_RULE as never)) {
      const value = decl.field("value");
      const name = decl.field("name");
      if (!name || !isBody(value)) continue;
      const fn = enclosingJsFunction(decl);
      if (!fn || validated(fn)) continue;
      const scope = fn.field("body");
      if (!scope) continue;
      const scopeText = codeText(scope);
      if (name.kind() === "identifier") {
        const alias = name.text();
        if (new RegExp(`(if\\s*\\(\\s*!\\s*${escapeRe(alias)}\\b|typeof\\s+${escapeRe(alias)}\\b)`).test(scopeText)) continue;
        for (const id of scope.findAll({ rule: { kind: "identifier", regex: `^${escapeRe(alias)}$` } } as never)) {
          for (const field of fieldsOf(id)) {
            const deref = derefOfField(field);
            if (deref) flag(fn, deref);
          }
        }
      } else if (name.kind() === "object_pattern") {
        for (const prop of name.namedChildren()) {
          if (prop.kind() !== "shorthand_property_identifier_pattern") continue; // defaults and renames: skip
          const local = prop.text();
          const n = escapeRe(local);
          if (new RegExp(`(!\\s*${n}\\b|${n}\\s*(===?|!==?)|Array\\.isArray\\(\\s*${n}\\b|typeof\\s+${n}\\b|${n}\\s*(\\?\\?|\\|\\|)|${n}\\s*&&)`).test(scopeText)) continue;
          for (const id of scope.findAll({ rule: { kind: "identifier", regex: `^${n}$` } } as never)) {
            const deref = derefOfField(id);
            if (deref) flag(fn, deref);
          }
        }
      }
    }
    return hits;
  },
};

export const webAppChecks: Record<string, Check> = {
  "csrf-unprotected-route-py": csrfRoutePy,
  "csrf-unprotected-route-js": csrfRouteJs,
  "authz-missing-py": authzMissingPy,
  "authz-missing-js": authzMissingJs,
  "identity-from-request-py": identityFromRequestPy,
  "identity-from-request-js": identityFromRequestJs,
  "rate-limit-auth-route-py": rateLimitAuthRoutePy,
  "rate-limit-auth-route-js": rateLimitAuthRouteJs,
  "rate-limit-memory-js": rateLimitMemoryJs,
  "weak-password-py": weakPasswordPy,
  "weak-password-js": weakPasswordJs,
  "weak-password-handler-py": weakPasswordHandlerPy,
  "flask-body-unbounded": flaskBodyUnbounded,
  "upload-read-unbounded-py": uploadReadUnboundedPy,
  "body-limit-js": bodyLimitJs,
  "unvalidated-payload-py": unvalidatedPayloadPy,
  "unvalidated-payload-js": unvalidatedPayloadJs,
};
