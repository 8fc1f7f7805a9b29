/**
 * Built-in checks of the injection rule families: SSRF, open redirect, XSS,
 * code evaluation, shell commands and exception details returned to
 * clients. What they share is a small, intra-procedural taint reading:
 * inside one function, which names hold request data (Flask/Django/Starlette
 * `request.*`, FastAPI handler parameters, Express `req.*`, URL search
 * parameters) and which strings were assembled from non-constant values.
 * It is deliberately shallow — one function, assignments in source order —
 * so a hit is something a reviewer can confirm by reading that function.
 */
import type { SgNode } from "@ast-grep/napi";
import { spanOfNode } from "../position.js";
import { JS_FUNCTION_KINDS } from "./syntax.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

type Lang = "python" | "js";

function langOf(ctx: FileCheckContext): Lang | undefined {
  if (ctx.language === "python") return "python";
  if (ctx.language === "javascript" || ctx.language === "typescript" || ctx.language === "tsx") return "js";
  return undefined;
}

function hitAt(node: SgNode, extra: Partial<Hit> = {}): Hit {
  return { ...spanOfNode(node), snippet: node.text(), ...extra };
}

/** One hit per start line and family: nested sinks on one line are one finding. */
function dedupe(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.startLine}:${h.startColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

const PY_FUNCTION = "function_definition";
const JS_FUNCTIONS = new Set([...JS_FUNCTION_KINDS, "function"]);

function isFunction(node: SgNode, lang: Lang): boolean {
  return lang === "python" ? node.kind() === PY_FUNCTION : JS_FUNCTIONS.has(String(node.kind()));
}

function enclosingFunction(node: SgNode, lang: Lang): SgNode | null {
  let cur = node.parent();
  while (cur) {
    if (isFunction(cur, lang)) return cur;
    cur = cur.parent();
  }
  return null;
}

function calleeOf(call: SgNode): SgNode | null {
  return call.field("function") ?? call.field("constructor" as never);
}

/** Positional arguments of a call (Python or JS), without keyword arguments and splats. */
function positionalArgs(call: SgNode): SgNode[] {
  const args = call.field("arguments");
  if (!args) return [];
  if (args.kind() === "template_string") return [args];
  return args
    .namedChildren()
    .filter((a) => !["keyword_argument", "comment", "dictionary_splat", "list_splat", "spread_element"].includes(String(a.kind())));
}

/** The value of a Python keyword argument. */
function keywordArg(call: SgNode, name: string): SgNode | null {
  const args = call.field("arguments");
  if (!args) return null;
  for (const a of args.namedChildren()) {
    if (a.kind() === "keyword_argument" && a.field("name")?.text() === name) return a.field("value");
  }
  return null;
}

/** The value of property `name` in a JS object literal argument. */
function objectProperty(obj: SgNode | undefined | null, name: string): SgNode | null {
  if (!obj || obj.kind() !== "object") return null;
  for (const p of obj.namedChildren()) {
    if (p.kind() === "pair") {
      const key = p.field("key")?.text().replace(/^["'`]|["'`]$/g, "");
      if (key === name) return p.field("value");
    } else if (p.kind() === "shorthand_property_identifier" && p.text() === name) {
      return p;
    }
  }
  return null;
}

function isStringLiteral(node: SgNode, lang: Lang): boolean {
  const kind = String(node.kind());
  if (lang === "python") {
    if (kind === "string") return !node.children().some((c) => c.kind() === "interpolation");
    if (kind === "concatenated_string") return node.namedChildren().every((c) => isStringLiteral(c, lang));
    return false;
  }
  if (kind === "string") return true;
  if (kind === "template_string") return !node.children().some((c) => c.kind() === "template_substitution");
  return false;
}

function isLiteral(node: SgNode, lang: Lang): boolean {
  const kind = String(node.kind());
  if (isStringLiteral(node, lang)) return true;
  return ["integer", "float", "number", "true", "false", "none", "null", "undefined"].includes(kind);
}

function stripParens(node: SgNode): SgNode {
  let cur = node;
  while (["parenthesized_expression", "await", "await_expression", "as_expression", "non_null_expression", "satisfies_expression"].includes(String(cur.kind()))) {
    const inner = cur.namedChildren()[0];
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

// ---------------------------------------------------------------------------
// Sources, sanitizers and scopes
// ---------------------------------------------------------------------------

/** Request data in Flask, Django, DRF, Starlette/FastAPI, aiohttp, Tornado. */
const PY_SOURCE =
  /^(self\.)?request\.(args|form|values|json|data|files|cookies|headers|get_json|get_data|GET|POST|FILES|COOKIES|body|query_params|path_params|query|match_info|post|stream|params|query_string)\b/;
const PY_SOURCE_CALL = /^(self\.get_(query_|body_)?arguments?|self\.get_json_body)$/;
/** Calls whose result no longer carries the input's structure. */
const PY_SANITIZER =
  /(^|\.)(int|float|bool|len|escape|html\.escape|quote|quote_plus|shlex\.quote|secure_filename|url_for|reverse|UUID|uuid4|sanitize\w*|clean|linkify|escape_\w*|\w+_escape|is_safe_url|url_has_allowed_host_and_scheme|validate\w*|literal_eval|hash|hexdigest|count|exists|isdigit|isalnum|startswith|endswith|get_object_or_404)$/;

/** Request data in Express, Koa, Fastify, Hapi, Hono, Next.js, Lambda and the browser. */
const JS_SOURCE =
  /^((req|request|ctx\.request|ctx|context\.req|c\.req)\.(body|query|params|headers|cookies|signedCookies|files?|payload|querystring|search|nextUrl\.searchParams)|(window\.)?(document\.)?location\.(search|hash|href)|document\.(URL|documentURI|referrer|cookie|baseURI)|router\.query|event\.(body|queryStringParameters|pathParameters|multiValueQueryStringParameters))\b/;
const JS_BROWSER_SOURCE = /^((window\.)?(document\.)?location|document|router\.query)\b/;
const JS_SOURCE_CALL = /^((c\.)?(req|request)\.(json|formData|text|param|query|header|get)|useSearchParams)$|(^|\.)searchParams\.get(All)?$/;
const JS_SANITIZER =
  /(escape|sanitiz|purify|encodeURI|^(Number|parseInt|parseFloat|Boolean|isNaN|xss|filterXSS|String\.fromCharCode)$|\.(includes|test|startsWith|endsWith|has|indexOf|length|hash|digest)$|^quote$|\.quote$)/i;

interface Scope {
  lang: Lang;
  fn: SgNode | null;
  /** Names that hold request data. */
  tainted: Set<string>;
  /** Names that hold a string assembled from non-constant values. */
  built: Set<string>;
  /** Names assigned from a sanitizer. */
  sanitized: Set<string>;
  handler: boolean;
  /** Source text of the function, for evidence of validation. */
  text: string;
  /** Whether browser state (location, document, search params hooks) counts as input. */
  browser: boolean;
}

const PY_ROUTE_DECORATOR =
  /^@\s*[\w.]+\.(route|get|post|put|patch|delete|head|options|api_route|websocket|view|endpoint)\s*\(|^@\s*(api_view|action|require_(GET|POST|safe|http_methods))\b/;
const PY_NOT_INPUT_ANNOTATION =
  /\b(Depends|Security|Session|AsyncSession|Request|Response|BackgroundTasks|WebSocket|HTTPConnection|int|float|bool|UUID|datetime|date|Decimal|conint|PositiveInt|UploadFile)\b/;
const PY_NOT_INPUT_NAME = /^(self|cls|request|req|db|session|response|background_tasks|current_user|settings|app|logger|conn|cache|redis|sess)$/;

function pyDecorators(fn: SgNode): string[] {
  const parent = fn.parent();
  if (parent?.kind() !== "decorated_definition") return [];
  return parent.namedChildren().filter((c) => c.kind() === "decorator").map((c) => c.text());
}

function pyIsRouteHandler(fn: SgNode, fileText: string): boolean {
  if (pyDecorators(fn).some((d) => PY_ROUTE_DECORATOR.test(d))) return true;
  // Django function views: the first parameter is the request.
  const first = fn.field("parameters")?.namedChildren()[0];
  return first !== undefined && /^request\b/.test(first.text()) && /\bdjango\b/.test(fileText);
}

/** The parameters of a route handler that carry client input (not dependencies, sessions or numbers). */
function pyInputParams(fn: SgNode): string[] {
  const names: string[] = [];
  for (const p of fn.field("parameters")?.namedChildren() ?? []) {
    const kind = String(p.kind());
    const name = kind === "identifier" ? p : p.namedChildren().find((c) => c.kind() === "identifier");
    if (!name || !["identifier", "typed_parameter", "default_parameter", "typed_default_parameter"].includes(kind)) continue;
    if (PY_NOT_INPUT_NAME.test(name.text())) continue;
    const rest = p.text().slice(name.text().length);
    if (PY_NOT_INPUT_ANNOTATION.test(rest)) continue;
    names.push(name.text());
  }
  return names;
}

/** Identifiers bound by an assignment target (`a`, `a, b`, `{ a, b: c }`, `[a]`). */
function boundNames(target: SgNode | null): string[] {
  if (!target) return [];
  const kind = String(target.kind());
  if (kind === "identifier" || kind === "shorthand_property_identifier_pattern") return [target.text()];
  if (["pattern_list", "tuple_pattern", "list_pattern", "object_pattern", "array_pattern", "pair_pattern", "assignment_pattern", "object_assignment_pattern", "as_pattern_target"].includes(kind)) {
    const kids = kind === "pair_pattern" ? [target.field("value")] : target.namedChildren();
    return kids.flatMap((k) => (k ? boundNames(k) : []));
  }
  return [];
}

interface Binding {
  names: string[];
  value: SgNode;
  augmented: boolean;
}

function bindingsIn(scopeNode: SgNode, lang: Lang): Binding[] {
  const out: Binding[] = [];
  if (lang === "python") {
    for (const n of scopeNode.findAll({ rule: { any: [{ kind: "assignment" }, { kind: "augmented_assignment" }, { kind: "named_expression" }, { kind: "for_statement" }, { kind: "for_in_clause" }] } })) {
      const kind = String(n.kind());
      const target = kind === "named_expression" ? n.field("name") : n.field("left");
      const value = kind === "named_expression" ? n.field("value") : n.field("right");
      if (value) out.push({ names: boundNames(target), value, augmented: kind === "augmented_assignment" });
    }
  } else {
    for (const n of scopeNode.findAll({ rule: { any: [{ kind: "variable_declarator" }, { kind: "assignment_expression" }, { kind: "augmented_assignment_expression" }, { kind: "for_in_statement" }] } })) {
      const kind = String(n.kind());
      const target = kind === "variable_declarator" ? n.field("name") : n.field("left");
      const value = kind === "variable_declarator" ? n.field("value") : n.field("right");
      if (value) out.push({ names: boundNames(target), value, augmented: kind === "augmented_assignment_expression" });
    }
  }
  return out;
}

class ScopeCache {
  private readonly scopes = new Map<number, Scope>();
  /** The sanitizer calls of the whole file, found once, when the first scope is built. */
  private sanitizers: Array<[number, number]> | undefined;
  constructor(
    private readonly root: SgNode,
    private readonly lang: Lang,
    private readonly fileText: string,
    private readonly browser = true,
  ) {}

  of(node: SgNode): Scope {
    const fn = enclosingFunction(node, this.lang);
    const key = fn ? fn.id() : -1;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = this.build(fn);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private build(fn: SgNode | null): Scope {
    const lang = this.lang;
    const scopeNode = fn ?? this.root;
    const handler = fn !== null && (lang === "python" ? pyIsRouteHandler(fn, this.fileText) : jsIsRouteHandler(fn));
    let text: string | undefined;
    const scope: Scope = {
      lang,
      fn,
      tainted: new Set(),
      built: new Set(),
      sanitized: new Set(),
      handler,
      // read only once a sink in this function is judged: most scopes never need it
      get text() {
        return (text ??= fn ? textWithoutComments(fn) : "");
      },
      browser: this.browser,
    };
    if (fn && handler && lang === "python") for (const p of pyInputParams(fn)) scope.tainted.add(p);
    // closures see the names of the functions around them (React components, nested handlers)
    const outer = fn ? enclosingFunction(fn, lang) : null;
    if (outer) {
      const parent = this.of(fn!);
      for (const n of parent.tainted) scope.tainted.add(n);
      for (const n of parent.built) scope.built.add(n);
      for (const n of parent.sanitized) scope.sanitized.add(n);
    }
    const bindings = bindingsIn(scopeNode, lang).filter((b) => b.names.length > 0);
    // sanitizer calls of the scope, found natively once: a binding is sanitized when one lies inside its value
    this.sanitizers ??= sanitizerCallRanges(this.root, lang);
    const sanitizers = this.sanitizers;
    const sanitizedValue = bindings.map((b) => {
      if (sanitizers.length === 0) return false;
      const { start, end } = b.value.range();
      return sanitizers.some(([s, e]) => s >= start.index && e <= end.index);
    });
    // in source order, twice: a name sanitized further down does not clean what was built from it before
    for (let pass = 0; pass < 2; pass++) {
      bindings.forEach((b, i) => {
        const tainted = isTainted(b.value, scope);
        const built = isBuilt(b.value, scope);
        for (const name of b.names) {
          if (tainted) scope.tainted.add(name);
          if (built) scope.built.add(name);
          if (sanitizedValue[i] && !b.augmented) scope.sanitized.add(name);
        }
      });
    }
    return scope;
  }
}

/** A node's source with comments blanked, so that a comment is no evidence of validation. */
function textWithoutComments(node: SgNode): string {
  const comments = node.findAll({ rule: { kind: "comment" } });
  if (comments.length === 0) return node.text();
  // ast-grep positions are byte offsets into the UTF-8 source
  const bytes = Buffer.from(node.text(), "utf8");
  const start = node.range().start.index;
  for (const c of comments) bytes.fill(0x20, c.range().start.index - start, c.range().end.index - start);
  return bytes.toString("utf8");
}

function jsIsRouteHandler(fn: SgNode): boolean {
  // app.get("/x", (req, res) => …) and router.post(…, async function (req, res) { … })
  const args = fn.parent();
  const call = args?.kind() === "arguments" ? args.parent() : null;
  if (call?.kind() === "call_expression") {
    const callee = calleeOf(call)?.text() ?? "";
    if (/\.(get|post|put|patch|delete|all|use|route|options|head)$/.test(callee)) return true;
  }
  // Next.js route handlers: export async function GET(request) { … }
  const name = fn.field("name")?.text();
  return name !== undefined && /^(GET|POST|PUT|PATCH|DELETE)$/.test(name) && fn.parent()?.kind() === "export_statement";
}

/**
 * JS_SANITIZER for ast-grep, with its case-insensitivity spelled out: a `(?i)`
 * regex costs ast-grep half a millisecond to compile, more than the walk of a
 * small file.
 */
const JS_SANITIZER_NATIVE =
  "([Ee]scape|ESCAPE|[Ss]anitiz|SANITIZ|[Pp]urify|PURIFY|[Ee]ncodeURI|^(Number|parseInt|parseFloat|Boolean|isNaN|xss|filterXSS|String\\.fromCharCode)$|\\.(includes|test|startsWith|endsWith|has|indexOf|length|hash|digest)$|^quote$|\\.quote$)";

/** Start and end offsets of the sanitizer calls under `node` (the callee tests of containsSanitizer, run by ast-grep). */
function sanitizerCallRanges(node: SgNode, lang: Lang): Array<[number, number]> {
  const kind = lang === "python" ? "call" : "call_expression";
  const small = node.range().end.index < SMALL_FILE;
  const rule = small ? { kind } : { kind, has: { field: "function", regex: lang === "python" ? asciiRegex(PY_SANITIZER.source) : JS_SANITIZER_NATIVE } };
  const re = lang === "python" ? PY_SANITIZER : JS_SANITIZER;
  const calls = (node.findAll({ rule } as never) as SgNode[]).filter((c) => !small || re.test(calleeOf(c)?.text() ?? ""));
  return calls.map((c: SgNode) => {
    const { start, end } = c.range();
    return [start.index, end.index] as [number, number];
  });
}

function containsSanitizer(node: SgNode, lang: Lang): boolean {
  if (!node.text().includes("(")) return false; // no call at all
  const re = lang === "python" ? PY_SANITIZER : JS_SANITIZER;
  const kind = lang === "python" ? "call" : "call_expression";
  const calls = node.kind() === kind ? [node, ...node.findAll({ rule: { kind } })] : node.findAll({ rule: { kind } });
  return calls.some((c) => re.test(calleeOf(c)?.text() ?? ""));
}

/** Does the expression carry request data? */
function isTainted(node: SgNode, scope: Scope): boolean {
  // The walk below crosses into the tree node by node; an expression whose text names neither
  // a source nor a tainted variable cannot carry input, and most bindings are like that.
  const text = node.text();
  const hints = scope.lang === "python" ? PY_TAINT_HINTS : JS_SOURCE_HINTS;
  if (!hints.some((h) => text.includes(h)) && ![...scope.tainted].some((name) => text.includes(name))) return false;
  return scope.lang === "python" ? pyTainted(node, scope) : jsTainted(node, scope);
}

/** Substrings every Python source (PY_SOURCE, PY_SOURCE_CALL) contains. */
const PY_TAINT_HINTS = ["request", "get_argument", "get_json_body"];

function pyTainted(node: SgNode, scope: Scope): boolean {
  const kind = String(node.kind());
  switch (kind) {
    case "identifier":
      return scope.tainted.has(node.text());
    case "string":
      return node.namedChildren().some((c) => c.kind() === "interpolation" && pyTainted(c, scope));
    case "integer":
    case "float":
    case "true":
    case "false":
    case "none":
    case "comparison_operator":
    case "not_operator":
    case "lambda":
    case "boolean_operator_not":
      return false;
    case "attribute":
      if (PY_SOURCE.test(node.text())) return true;
      return pyTainted(node.field("object")!, scope);
    case "subscript":
      if (PY_SOURCE.test(node.text())) return true;
      return pyTainted(node.field("value")!, scope);
    case "keyword_argument":
      return pyTainted(node.field("value")!, scope);
    case "call": {
      const callee = calleeOf(node)?.text() ?? "";
      if (PY_SANITIZER.test(callee)) return false;
      if (PY_SOURCE_CALL.test(callee) || PY_SOURCE.test(callee)) return true;
      break;
    }
  }
  return node.namedChildren().some((c) => pyTainted(c, scope));
}

function jsTainted(node: SgNode, scope: Scope): boolean {
  const kind = String(node.kind());
  switch (kind) {
    case "identifier":
    case "shorthand_property_identifier":
      return scope.tainted.has(node.text());
    case "string":
    case "number":
    case "true":
    case "false":
    case "null":
    case "undefined":
    case "regex":
    case "arrow_function":
    case "function_expression":
    case "type_annotation":
    case "type_arguments":
      return false;
    case "binary_expression": {
      const op = node.field("operator")?.text() ?? "";
      if (/^(===?|!==?|<=?|>=?|instanceof|in)$/.test(op)) return false;
      break;
    }
    case "member_expression":
    case "subscript_expression":
      // the Host header names this server (http → https redirects), not a target the client picks
      if (/^(req|request)\.headers(\.host|\[["'`]host["'`]\])$/i.test(node.text())) return false;
      if (JS_SOURCE.test(node.text())) return scope.browser || !JS_BROWSER_SOURCE.test(node.text());
      return jsTainted(node.field("object")!, scope);
    case "pair":
      return jsTainted(node.field("value")!, scope);
    case "call_expression": {
      const callee = calleeOf(node)?.text() ?? "";
      if (JS_SANITIZER.test(callee)) return false;
      if (JS_SOURCE_CALL.test(callee)) return scope.browser || callee !== "useSearchParams";
      break;
    }
  }
  return node.namedChildren().some((c) => jsTainted(c, scope));
}

// ---------------------------------------------------------------------------
// Strings assembled from values
// ---------------------------------------------------------------------------

/** An interpolated value that makes a string dynamic: not a constant, a number conversion or an escape. */
function dynamicValue(expr: SgNode, scope: Scope): boolean {
  const e = stripParens(expr);
  if (isLiteral(e, scope.lang)) return false;
  if (e.kind() === "identifier" && CONSTANT_NAME.test(e.text())) return false;
  if (e.kind() === "identifier" && scope.sanitized.has(e.text())) return false;
  const callKind = scope.lang === "python" ? "call" : "call_expression";
  if (e.kind() === callKind) {
    const callee = calleeOf(e)?.text() ?? "";
    if ((scope.lang === "python" ? PY_SANITIZER : JS_SANITIZER).test(callee)) return false;
  }
  return true;
}

function interpolations(str: SgNode, lang: Lang): SgNode[] {
  const kind = lang === "python" ? "interpolation" : "template_substitution";
  if (lang === "python" && str.kind() === "concatenated_string") return str.namedChildren().flatMap((s) => interpolations(s, lang));
  return str
    .children()
    .filter((c) => c.kind() === kind)
    .map((c) => c.namedChildren().find((x) => !["type_conversion", "format_specifier", "format_expression"].includes(String(x.kind()))))
    .filter((x): x is SgNode => x !== undefined);
}

function isTemplate(node: SgNode, lang: Lang): boolean {
  if (lang === "python") return node.kind() === "string" || node.kind() === "concatenated_string";
  // a tagged template (sql`…`, html`…`) is a call that escapes its values
  return node.kind() === "template_string" && node.parent()?.kind() !== "call_expression";
}

function concatOperands(node: SgNode, lang: Lang): SgNode[] | null {
  const kind = lang === "python" ? "binary_operator" : "binary_expression";
  if (node.kind() !== kind || node.field("operator")?.text() !== "+") return null;
  const flat = (n: SgNode): SgNode[] => {
    if (n.kind() === kind && n.field("operator")?.text() === "+") return [...flat(n.field("left")!), ...flat(n.field("right")!)];
    return [n];
  };
  return flat(node);
}

/** A string assembled from at least one non-constant, unescaped value. */
function isBuilt(node: SgNode, scope: Scope): boolean {
  const lang = scope.lang;
  const e = stripParens(node);
  if (e.kind() === "identifier") return scope.built.has(e.text());
  if (isTemplate(e, lang)) return interpolations(e, lang).some((v) => dynamicValue(v, scope));
  const operands = concatOperands(e, lang);
  if (operands) {
    const hasString = operands.some((o) => isTemplate(stripParens(o), lang) || isStringLiteral(o, lang));
    return hasString && operands.some((o) => (isTemplate(stripParens(o), lang) ? isBuilt(o, scope) : dynamicValue(o, scope)));
  }
  if (lang === "python") {
    if (e.kind() === "binary_operator" && e.field("operator")?.text() === "%") {
      const left = stripParens(e.field("left")!);
      return isTemplate(left, lang) && dynamicValue(e.field("right")!, scope);
    }
    if (e.kind() === "call") {
      const fn = calleeOf(e);
      // " ".join(parts): a command or markup assembled from a list of values
      if (fn?.kind() === "attribute" && fn.field("attribute")?.text() === "join" && isStringLiteral(stripParens(fn.field("object")!), lang)) {
        const arg = positionalArgs(e)[0];
        if (!arg) return false;
        const a = stripParens(arg);
        if (["list", "tuple"].includes(String(a.kind()))) return a.namedChildren().some((item) => dynamicValue(item, scope));
        return isTainted(a, scope) || a.findAll({ rule: { kind: "interpolation" } }).some((i) => dynamicValue(i.namedChildren()[0] ?? i, scope));
      }
      if (fn?.kind() === "attribute" && fn.field("attribute")?.text() === "format" && isTemplate(stripParens(fn.field("object")!), lang)) {
        return positionalArgs(e).some((a) => dynamicValue(a, scope)) || (e.field("arguments")?.namedChildren() ?? []).some((a) => a.kind() === "keyword_argument" && dynamicValue(a.field("value")!, scope));
      }
    }
  }
  return false;
}

/** The literal text of a string node, without quotes/prefix (Python) or backticks (JS). */
function literalText(node: SgNode): string {
  return node
    .children()
    .filter((c) => c.kind() === "string_content" || c.kind() === "string_fragment" || c.kind() === "escape_sequence")
    .map((c) => c.text())
    .join("");
}

/**
 * Whether request data decides where the URL points: the scheme and host,
 * not only a path segment or query value after a fixed `https://host/`.
 */
function controlsUrl(node: SgNode, scope: Scope): boolean {
  const lang = scope.lang;
  const e = stripParens(node);
  if (!isTainted(e, scope)) return false;
  let prefix = "";
  if (isTemplate(e, lang)) {
    const subKind = lang === "python" ? "interpolation" : "template_substitution";
    const parts = lang === "python" && e.kind() === "concatenated_string" ? e.namedChildren().flatMap((s) => s.children()) : e.children();
    for (const part of parts) {
      if (part.kind() === subKind) {
        if (isTainted(part, scope)) return !fixedTarget(prefix);
        return false; // a base from settings comes first: f"{settings.API_URL}/{path}"
      }
      if (part.kind() === "string_content" || part.kind() === "string_fragment" || part.kind() === "escape_sequence") prefix += part.text();
    }
    return false;
  }
  const operands = concatOperands(e, lang);
  if (operands) {
    for (const o of operands) {
      const op = stripParens(o);
      if (isTainted(op, scope)) return isTemplate(op, lang) ? controlsUrl(op, scope) && !fixedTarget(prefix) : !fixedTarget(prefix);
      if (!isStringLiteral(op, lang)) return false;
      prefix += literalText(op);
    }
    return false;
  }
  if (lang === "python" && e.kind() === "call") {
    const fn = calleeOf(e);
    if (fn?.kind() === "attribute" && fn.field("attribute")?.text() === "format") {
      const template = stripParens(fn.field("object")!);
      if (isStringLiteral(template, lang)) return !fixedTarget(literalText(template).split("{")[0] ?? "");
    }
  }
  if (lang === "js" && e.kind() === "new_expression" && calleeOf(e)?.text() === "URL") {
    const [first, base] = positionalArgs(e);
    if (!first) return false;
    if (base && !isTainted(first, scope)) return false;
    return controlsUrl(first, scope) || (base !== undefined && isTainted(base, scope) && !isTemplate(first, lang));
  }
  return true;
}

/** An absolute URL with a fixed host (`https://api.example.com/…`) or a path with one leading slash. */
function fixedTarget(prefix: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+[/?#]/i.test(prefix) || // https://api.example.com/…
    /^\/(?![/\\])./.test(prefix) || // /local/path
    /^[^:/\\?#]+[/?#]/.test(prefix) // relative: api/…, contexts?…
  );
}

/**
 * Can the file hold request data at all? Every source of PY_SOURCE / JS_SOURCE
 * (and every route handler whose parameters are input) leaves one of these
 * substrings; a file without any cannot taint a value, so the checks that need
 * taint stop before walking the tree.
 */
const JS_SOURCE_HINTS = [
  "req.",
  "req?.",
  "request.",
  "request?.",
  "req[",
  "ctx.",
  "context.",
  "location.search",
  "location.hash",
  "location.href",
  "document.URL",
  "document.documentURI",
  "document.referrer",
  "document.cookie",
  "document.baseURI",
  "router.query",
  "event.",
  "searchParams",
  "useSearchParams",
];
/** JS_SOURCE and JS_SOURCE_CALL without the browser's sources, as text. */
const JS_SERVER_SOURCE =
  /\b(?:req|request|ctx|context\.req|c\.req)(?:\.request)?\??\.(?:body|query|params|headers|cookies|signedCookies|files?|payload|querystring|search|nextUrl|json|formData|text|param|header|get)\b|\bevent\.(?:body|queryStringParameters|pathParameters|multiValueQueryStringParameters)\b|searchParams\.get/;
/** The server-side part: request objects, Lambda events, route handler URLs (not the browser's location). */
const JS_SERVER_SOURCE_HINTS = ["req.", "req?.", "request.", "request?.", "req[", "ctx.", "context.", "event.", "searchParams"];
function jsMayHaveInput(text: string): boolean {
  return JS_SOURCE_HINTS.some((h) => text.includes(h));
}

const PY_ROUTE_DECORATOR_HINT = /@[\w.]+\.(?:route|get|post|put|patch|delete|head|options|api_route|websocket|view|endpoint)\s*\(|@(?:api_view|action|require_)/;
/** PY_SOURCE as text (request data read somewhere in the file). */
const PY_SOURCE_HINT =
  /request\.(?:args|form|values|json|data|files|cookies|headers|get_json|get_data|GET|POST|FILES|COOKIES|body|query_params|path_params|query|match_info|post|stream|params|query_string)\b/;
function pyMayHaveInput(text: string): boolean {
  return (
    (text.includes("request.") && PY_SOURCE_HINT.test(text)) ||
    text.includes("get_argument") ||
    text.includes("get_json_body") ||
    (text.includes("@") && PY_ROUTE_DECORATOR_HINT.test(text))
  );
}

// ---------------------------------------------------------------------------
// Frameworks present in a file
// ---------------------------------------------------------------------------

const PY_WEB_IMPORT = /^\s*(from|import)\s+(flask|fastapi|starlette|django|rest_framework|aiohttp|tornado|bottle|sanic|falcon|pyramid|quart|litestar|werkzeug)\b/m;
const PY_WEB_MODULES = ["flask", "fastapi", "starlette", "django", "rest_framework", "aiohttp", "tornado", "bottle", "sanic", "falcon", "pyramid", "quart", "litestar", "werkzeug"];

/** PY_WEB_IMPORT, with plain substring tests first (a multi-line regex costs a scan of every line). */
function pyImportsWebFramework(text: string): boolean {
  return PY_WEB_MODULES.some((m) => text.includes(m)) && PY_WEB_IMPORT.test(text);
}
const JS_SERVER_IMPORT =
  /(from\s+["'](express|koa|fastify|@hapi\/hapi|hono|next\/server|@nestjs\/common|restify|polka)["']|require\(\s*["'](express|koa|fastify|@hapi\/hapi|hono|restify|polka)["']\s*\))/;

/**
 * A JavaScript regex source for ast-grep (Rust), with the Unicode classes made
 * ASCII: `\w`, `\d` and `\b` are the same for identifiers and cost ast-grep
 * a large automaton to compile on every findAll.
 */
export function asciiRegex(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length) {
      const n = source[i + 1]!;
      i += 1;
      if (n === "w") out += inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]";
      else if (n === "d") out += inClass ? "0-9" : "[0-9]";
      else if (n === "b" && !inClass) out += "(?-u:\\b)";
      else out += c + n;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

/**
 * The calls whose callee text matches `callee`, filtered by ast-grep natively
 * (the regexes here are written to mean the same in Rust and JavaScript).
 */
function callsTo(root: SgNode, lang: Lang, callee: RegExp, withNew = false): SgNode[] {
  const callKind = lang === "python" ? "call" : "call_expression";
  // On a small file, compiling the callee regex for ast-grep costs more than testing every call in JavaScript.
  if (root.range().end.index < SMALL_FILE) {
    const kinds = withNew && lang === "js" ? { any: [{ kind: callKind }, { kind: "new_expression" }] } : { kind: callKind };
    return root.findAll({ rule: kinds } as never).filter((c: SgNode) => callee.test(calleeOf(c)?.text() ?? ""));
  }
  const regex = asciiRegex(callee.source);
  const rule =
    lang === "python"
      ? { kind: "call", has: { field: "function", regex } }
      : withNew
        ? { any: [{ kind: "call_expression", has: { field: "function", regex } }, { kind: "new_expression", has: { field: "constructor", regex } }] }
        : { kind: "call_expression", has: { field: "function", regex } };
  return root.findAll({ rule } as never).filter((c: SgNode) => callee.test(calleeOf(c)?.text() ?? ""));
}

/** Below this many characters a file has few calls: filtering them in JavaScript beats a regex compiled by ast-grep. */
const SMALL_FILE = 6000;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------
// ssrf-unvalidated-url
// ---------------------------------------------------------------------------

const PY_HTTP_CALL = /^(requests|httpx|urllib3|aiohttp|grequests)\.(get|post|put|patch|delete|head|options|request|stream)$|^(urllib\.request\.|urllib2\.|request\.)?urlopen$|^urllib\.request\.Request$/;
const PY_CLIENT_METHOD = /^(get|post|put|patch|delete|head|options|request|stream)$/;
const URL_VALIDATION_PY =
  /(\burlparse\(|\burlsplit\(|\.hostname\b|\.netloc\b|\bipaddress\.|\bis_safe_url\(|\burl_has_allowed_host_and_scheme\(|\bvalidate_\w*(url|uri)\w*\(|\bcheck_\w*(url|uri)\w*\(|\bALLOWED_\w+|\ballow_?list\b|\bwhitelist\b|\ballowed_(hosts|domains|schemes)\b)/i;
const URL_VALIDATION_JS = /(\.hostname\b|\.host\s*(===?|!==?)|\.origin\b|\bALLOWED_\w+|\ballow_?list\b|\ballowList\b|\ballowed(Hosts|Domains|Origins|Schemes)\b|\bwhitelist\b|\bisAllowed\w*|\bisSafeUrl\b|\bvalidate\w*Url\b)/i;

function pyHttpClients(text: string): Set<string> {
  const names = new Set<string>();
  const ctor = String.raw`(?:requests\.|httpx\.|aiohttp\.)?(?:Session|Client|AsyncClient|ClientSession)\(`;
  for (const m of text.matchAll(new RegExp(String.raw`(\w+)\s*=\s*${ctor}`, "g"))) names.add(m[1]!);
  for (const m of text.matchAll(new RegExp(String.raw`${ctor}[^\n]*?\)\s+as\s+(\w+)`, "g"))) names.add(m[1]!);
  return names;
}

function pyUrlArgument(call: SgNode, callee: string): SgNode | null {
  const kw = keywordArg(call, "url");
  if (kw) return kw;
  const args = positionalArgs(call);
  return (/\.request$/.test(callee) && !/^urllib/.test(callee) ? args[1] : args[0]) ?? null;
}

const ssrfPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (!/\b(requests|httpx|aiohttp|urllib|urlopen|urllib3)\b/.test(ctx.text)) return [];
    if (!pyMayHaveInput(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const clients = pyHttpClients(ctx.text);
    const clientCall = clients.size ? `|^(${[...clients].map(escapeRegex).join("|")})\\.(get|post|put|patch|delete|head|options|request|stream)$` : "";
    const hits: Hit[] = [];
    for (const call of callsTo(ctx.root, "python", new RegExp(PY_HTTP_CALL.source + clientCall))) {
      const fn = calleeOf(call);
      if (!fn) continue;
      const callee = fn.text();
      const isSink =
        PY_HTTP_CALL.test(callee) ||
        (fn.kind() === "attribute" && PY_CLIENT_METHOD.test(fn.field("attribute")!.text()) && clients.has(fn.field("object")!.text()));
      if (!isSink) continue;
      const url = pyUrlArgument(call, callee);
      if (!url || isLiteral(stripParens(url), "python")) continue;
      const scope = scopes.of(call);
      if (!controlsUrl(url, scope)) continue;
      if (URL_VALIDATION_PY.test(scope.text)) continue;
      hits.push(hitAt(call));
    }
    return dedupe(hits);
  },
};

/** `require("axios")`, `from "node:https"`, `import got from "got"`: the HTTP client modules a file uses. */
const JS_HTTP_MODULE = /["'](axios|got|needle|ky|superagent|request|node-fetch|undici|node:https?|https?)["']/g;
const JS_HTTP_CALL = /^(fetch|axios|got|needle|ky|superagent|request|nodeFetch|undici\.(request|fetch)|(axios|got|ky|superagent|needle|http|https|request)\.(get|post|put|patch|delete|head|options|request|stream))$/;

const ssrfJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    if (!JS_SERVER_SOURCE_HINTS.some((h) => ctx.text.includes(h)) || !JS_SERVER_SOURCE.test(ctx.text)) return [];
    // the HTTP clients the file can call: fetch is global, the others are imported (a parameter named `request` is not the module)
    const imported = new Set([...ctx.text.matchAll(JS_HTTP_MODULE)].map((m) => (m[1] === "node-fetch" ? "nodeFetch" : m[1]!.replace(/^node:/, ""))));
    if (!ctx.text.includes("fetch(") && imported.size === 0) return [];
    // a browser fetching a URL from its own address bar is not a server-side request
    const scopes = new ScopeCache(ctx.root, "js", ctx.text, false);
    const hits: Hit[] = [];
    for (const call of callsTo(ctx.root, "js", JS_HTTP_CALL)) {
      const head = (calleeOf(call)?.text() ?? "").split(".")[0]!;
      if (head !== "fetch" && !imported.has(head)) continue;
      const [first] = positionalArgs(call);
      if (!first) continue;
      const url = first.kind() === "object" ? objectProperty(first, "url") : first;
      if (!url || isLiteral(stripParens(url), "js")) continue;
      const scope = scopes.of(call);
      if (!controlsUrl(url, scope)) continue;
      if (URL_VALIDATION_JS.test(scope.text)) continue;
      hits.push(hitAt(call));
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// Helpers of the same module
// ---------------------------------------------------------------------------

/** A function defined in this module under `name` (Python `def`, JS function declaration or `const f = () => …`). */
function moduleFunction(root: SgNode, lang: Lang, name: string): SgNode | null {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return null;
  const re = `^${escapeRegex(name)}$`;
  if (lang === "python") return root.find({ rule: { kind: "function_definition", has: { field: "name", regex: re } } });
  const fn = root.find({
    rule: {
      any: [
        { kind: "function_declaration", has: { field: "name", regex: re } },
        { any: [{ kind: "arrow_function" }, { kind: "function_expression" }], inside: { kind: "variable_declarator", has: { field: "name", regex: re } } },
      ],
    },
  } as never);
  return fn as SgNode | null;
}

/**
 * Functions of this module that `fn` calls with one of `names` among the
 * arguments (`_load_client(db, client_id, redirect_uri)`, `self._check(url)`):
 * where a handler hands its input to a validator.
 */
function helpersCalledWith(fn: SgNode | null, root: SgNode, lang: Lang, names: ReadonlySet<string>): SgNode[] {
  if (!fn || names.size === 0) return [];
  const callKind = lang === "python" ? "call" : "call_expression";
  const out: SgNode[] = [];
  const seen = new Set<string>();
  for (const call of fn.findAll({ rule: { kind: callKind, has: { field: "arguments", has: { kind: "identifier", regex: `^(${[...names].map(escapeRegex).join("|")})$` } } } } as never) as SgNode[]) {
    const callee = calleeOf(call)?.text() ?? "";
    const name = /^(?:self\.|this\.)?([A-Za-z_$][\w$]*)$/.exec(callee)?.[1];
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const helper = moduleFunction(root, lang, name);
    if (helper && helper.id() !== fn.id()) out.push(helper);
  }
  return out;
}

/** Identifiers in an expression (the names a redirect target is made of). */
function identifiersIn(node: SgNode): Set<string> {
  const names = new Set<string>();
  if (node.kind() === "identifier") names.add(node.text());
  for (const id of node.findAll({ rule: { kind: "identifier" } })) names.add(id.text());
  return names;
}

/** A membership test against a stored allowlist: `if redirect_uri not in client.redirect_uris`, `ALLOWED.includes(url)`. */
const ALLOWLIST_MEMBERSHIP_PY = /\bin\s+[\w.]*?(?:allowed|registered|redirect_uris|whitelist|allowlist|trusted|permitted|valid_(?:urls|uris|hosts|redirects))\w*/i;
const ALLOWLIST_MEMBERSHIP_JS = /\b[\w.]*?(?:allowed|registered|redirectUris|redirect_uris|whitelist|allowlist|trusted|permitted)\w*\s*\.\s*(?:includes|has|indexOf|some)\(/i;

// ---------------------------------------------------------------------------
// open-redirect
// ---------------------------------------------------------------------------

const PY_REDIRECT =
  /^((flask|django\.shortcuts|shortcuts|bottle|quart|werkzeug\.utils)\.)?redirect$|^((starlette|fastapi)\.responses\.|responses\.)?RedirectResponse$|^(http\.)?HttpResponse(Permanent)?Redirect$|^(web\.|aiohttp\.web\.)?HTTP(Found|SeeOther|MovedPermanently|TemporaryRedirect|PermanentRedirect)$|^self\.redirect$/;
const REDIRECT_VALIDATION_PY =
  /(\burl_has_allowed_host_and_scheme\(|\bis_safe_url\(|\bis_safe_redirect\w*\(|\bsafe_redirect\w*\(|\burlparse\(|\burlsplit\(|\.netloc\b|\.hostname\b|\bALLOWED_\w+|\ballowed_hosts\b|\ballow_?list\b|\bwhitelist\b|startswith\(\s*["']\/\/["']\s*\)|\[\s*1\s*\]\s*(!=|==)\s*["']\/)/;
const REDIRECT_VALIDATION_JS =
  /(\.origin\b|\.hostname\b|\.host\s*(===?|!==?)|\bALLOWED_\w+|\ballow_?list\b|\ballowList\b|\ballowed(Hosts|Origins|Redirects|Domains)\b|\bwhitelist\b|\bisSafe\w*|\bisRelative\w*|\bsafeRedirect\w*|\bvalidateRedirect\w*|\bisAllowed\w*|startsWith\(\s*["'`]\/\/["'`]\s*\)|\[\s*1\s*\]\s*!==?\s*["'`]\/|charAt\(\s*1\s*\))/;

const openRedirectPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (!pyMayHaveInput(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const hits: Hit[] = [];
    for (const call of callsTo(ctx.root, "python", PY_REDIRECT)) {
      const target = keywordArg(call, "url") ?? keywordArg(call, "location") ?? keywordArg(call, "redirect_to") ?? positionalArgs(call)[0];
      if (!target || isLiteral(stripParens(target), "python")) continue;
      const scope = scopes.of(call);
      if (!controlsUrl(target, scope)) continue;
      if (REDIRECT_VALIDATION_PY.test(scope.text) || ALLOWLIST_MEMBERSHIP_PY.test(scope.text)) continue;
      // the target handed to a validator of this module first: `_load_client(db, client_id, redirect_uri)`
      const helpers = helpersCalledWith(scope.fn, ctx.root, "python", identifiersIn(target));
      if (helpers.some((h) => { const t = textWithoutComments(h); return REDIRECT_VALIDATION_PY.test(t) || ALLOWLIST_MEMBERSHIP_PY.test(t); })) continue;
      hits.push(hitAt(call));
    }
    return dedupe(hits);
  },
};

const JS_REDIRECT_CALL = /^((res|response|reply|ctx|context|h)\.redirect|NextResponse\.redirect|Response\.redirect|redirect|permanentRedirect|(window\.)?location\.(assign|replace)|(router|navigate|history)\.(push|replace)|navigate|window\.open)$/;

/** A redirect sink as text (not the word "location" in a comment, nor "allocation"). */
const JS_REDIRECT_HINT =
  /redirect\s*\(|Redirect\s*\(|location\.(?:assign|replace)\(|\blocation(?:\.href)?\s*=(?!=)|["'`][Ll]ocation["'`]|\.location\(|(?:router|history|navigate)\.(?:push|replace)\(|\bnavigate\(|window\.open\(/;
const JS_HEADER_SINK = /^(res|response|reply)\.(setHeader|header|set|location)$/;

const openRedirectJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    if (!JS_REDIRECT_HINT.test(ctx.text) || !jsMayHaveInput(ctx.text)) return [];
    const root = ctx.root;
    const scopes = new ScopeCache(root, "js", ctx.text);
    const hits: Hit[] = [];
    const consider = (node: SgNode, target: SgNode | undefined | null) => {
      if (!target || isLiteral(stripParens(target), "js")) return;
      const scope = scopes.of(node);
      if (!controlsUrl(target, scope)) return;
      if (REDIRECT_VALIDATION_JS.test(scope.text) || ALLOWLIST_MEMBERSHIP_JS.test(scope.text)) return;
      const helpers = helpersCalledWith(scope.fn, root, "js", identifiersIn(target));
      if (helpers.some((h) => { const t = textWithoutComments(h); return REDIRECT_VALIDATION_JS.test(t) || ALLOWLIST_MEMBERSHIP_JS.test(t); })) return;
      hits.push(hitAt(node));
    };
    // window.location.href = next; location = next — unless a local variable or parameter is named `location`
    const localLocation = /\b(?:var|let|const|function)\s+location\b|[(,]\s*location\s*[,)=]/.test(ctx.text);
    const locationTarget = localLocation ? String.raw`^(window\.|document\.)location(\.href)?$` : String.raw`^(window\.|document\.)?location(\.href)?$`;
    const sinks = `${JS_REDIRECT_CALL.source}|${JS_HEADER_SINK.source}`;
    const rules: object[] = [{ kind: "call_expression", has: { field: "function", regex: sinks } }];
    if (ctx.text.includes("location")) rules.push({ kind: "assignment_expression", has: { field: "left", regex: locationTarget } });
    // one walk for the redirect calls and the location assignments
    const found = root.findAll({ rule: { any: rules } } as never) as SgNode[];
    for (const node of found) {
      if (node.kind() === "assignment_expression") {
        consider(node, node.field("right"));
        continue;
      }
      const call = node;
      const callee = calleeOf(call)?.text() ?? "";
      if (JS_REDIRECT_CALL.test(callee)) {
        if (callee === "redirect" || callee === "permanentRedirect") {
          if (!/["'](next\/navigation|@remix-run\/\w+|react-router(-dom)?|@sveltejs\/kit)["']/.test(ctx.text)) continue;
        }
        const args = positionalArgs(call);
        // res.redirect(301, url)
        const target = args.length > 1 && args[0]!.kind() === "number" ? args[1] : args[0];
        consider(call, target);
      } else if (JS_HEADER_SINK.test(callee)) {
        const args = positionalArgs(call);
        if (/\.location$/.test(callee)) consider(call, args[0]);
        else if (args[0] && /^["'`]location["'`]$/i.test(args[0].text())) consider(call, args[1]);
      }
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// xss-unescaped-output
// ---------------------------------------------------------------------------

const HTML_TAG = /<\s*[a-zA-Z!/][^>]*>?/;
const PY_MARKUP = /^((markupsafe|jinja2|flask)\.)?Markup$|^((django\.utils\.safestring|safestring)\.)?(mark_safe|SafeString)$/;
const PY_TEMPLATE_STRING = /^(flask\.)?render_template_string$|^(jinja2\.)?Template$|^Environment\(.*\)\.from_string$|\.from_string$/;
const PY_HTML_RESPONSE = /^((fastapi|starlette)\.responses\.|responses\.)?HTMLResponse$|^(django\.http\.)?HttpResponse$|^(flask\.)?make_response$|^(web\.)?Response$/;

/** A string with markup in its literal parts and a non-escaped value from the request in it. */
function pyHtmlWithInput(node: SgNode, scope: Scope): boolean {
  const e = stripParens(node);
  if (e.kind() === "identifier") return scope.built.has(e.text()) && scope.tainted.has(e.text());
  const literal = e.kind() === "call" ? (calleeOf(e)?.field("object" as never) as unknown as SgNode | null)?.text() ?? "" : e.text();
  if (!HTML_TAG.test(literal)) return false;
  return isBuilt(e, scope) && isTainted(e, scope);
}

/**
 * Does a page-building helper put a value into its markup without escaping
 * it? Every value interpolated into a string of the helper must be an
 * escaping call (`html.escape(v)`), a constant, or a local name assigned from
 * escaped parts (`hidden = "".join(f'<input value="{html.escape(v)}">' …)`).
 */
function pyHelperBuildsUnescapedHtml(helper: SgNode): boolean {
  if (!HTML_TAG.test(helper.text())) return false;
  const escapedNames = new Set<string>();
  for (const a of helper.findAll({ rule: { kind: "assignment", has: { field: "left", kind: "identifier" } } })) {
    const value = a.field("right");
    if (value && containsSanitizer(value, "python") && !value.findAll({ rule: { kind: "interpolation" } }).some((i) => !pyEscapedInterpolation(i, escapedNames))) escapedNames.add(a.field("left")!.text());
  }
  return helper.findAll({ rule: { kind: "interpolation" } }).some((i) => !pyEscapedInterpolation(i, escapedNames));
}

function pyEscapedInterpolation(interpolation: SgNode, escapedNames: ReadonlySet<string>): boolean {
  const value = interpolation.namedChildren().find((x) => !["type_conversion", "format_specifier", "format_expression"].includes(String(x.kind())));
  if (!value) return true;
  const e = stripParens(value);
  if (isLiteral(e, "python")) return true;
  if (e.kind() === "identifier") return CONSTANT_NAME.test(e.text()) || escapedNames.has(e.text());
  if (e.kind() === "call") return /(^|\.)(escape|escape_\w*|\w+_escape|quote|quote_plus|clean|sanitize\w*|int|float|len|urlencode)$/.test(calleeOf(e)?.text() ?? "");
  return false;
}

/** Modules whose presence makes HTML output possible at all: web frameworks and template engines. */
const PY_HTML_MODULES = /^\s*(from|import)\s+(flask|fastapi|starlette|django|aiohttp|tornado|bottle|sanic|falcon|pyramid|quart|litestar|werkzeug|jinja2|markupsafe)\b/m;

const xssPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (![...PY_WEB_MODULES, "jinja2", "markupsafe"].some((m) => ctx.text.includes(m)) || !PY_HTML_MODULES.test(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const flask = /^\s*(from|import)\s+(flask|quart)\b/m.test(ctx.text);
    const hits: Hit[] = [];
    const sinks = new RegExp(`${PY_MARKUP.source}|${PY_TEMPLATE_STRING.source}|${PY_HTML_RESPONSE.source}`);
    // one walk for the sink calls and, in Flask modules, the returns of views
    const rules: object[] = [{ kind: "call", has: { field: "function", regex: sinks.source } }];
    if (flask) rules.push({ kind: "return_statement" });
    for (const node of ctx.root.findAll({ rule: { any: rules } } as never) as SgNode[]) {
      if (node.kind() === "return_statement") {
        // return f"<h1>Hello {name}</h1>" from a Flask view
        let value = node.namedChildren()[0];
        if (value?.kind() === "expression_list") value = value.namedChildren()[0];
        if (!value) continue;
        const scope = scopes.of(node);
        if (!scope.handler) continue;
        if (pyHtmlWithInput(value, scope)) hits.push(hitAt(node));
        continue;
      }
      const call = node;
      const callee = calleeOf(call)?.text() ?? "";
      if (!sinks.test(callee)) continue;
      const arg = positionalArgs(call)[0] ?? keywordArg(call, "content") ?? keywordArg(call, "source");
      if (!arg) continue;
      const scope = scopes.of(call);
      if (PY_MARKUP.test(callee)) {
        // Markup("<b>%s</b>") % value escapes value; Markup(f"<b>{value}</b>") does not.
        if (isBuilt(arg, scope) || isTainted(arg, scope)) hits.push(hitAt(call));
      } else if (PY_TEMPLATE_STRING.test(callee)) {
        if (isBuilt(arg, scope) || isTainted(arg, scope)) hits.push(hitAt(call));
      } else if (PY_HTML_RESPONSE.test(callee)) {
        if (/^(web\.)?Response$/.test(callee) && !/text\/html/.test(call.text())) continue;
        // HTMLResponse(_consent_page(client, params)): the page is built by a helper of this module, judge how it builds it
        const inner = stripParens(arg);
        const helperName = inner.kind() === "call" ? /^(?:self\.)?([A-Za-z_]\w*)$/.exec(calleeOf(inner)?.text() ?? "")?.[1] : undefined;
        const helper = helperName ? moduleFunction(ctx.root, "python", helperName) : null;
        if (helper && !pyHelperBuildsUnescapedHtml(helper)) continue;
        if (pyHtmlWithInput(arg, scope) || (stripParens(arg).kind() !== "identifier" && !isTemplate(stripParens(arg), "python") && isTainted(arg, scope) && callee !== "make_response")) hits.push(hitAt(call));
      }
    }
    return dedupe(hits);
  },
};

const JS_HTML_PROPS = /^(innerHTML|outerHTML)$/;

/** A value that may carry markup from outside: request data, or a string assembled from values. */
function jsUnsafeHtml(value: SgNode, scope: Scope): boolean {
  const e = stripParens(value);
  if (isLiteral(e, "js")) return false;
  if (containsSanitizer(e, "js")) return false;
  if (e.kind() === "identifier" && scope.sanitized.has(e.text())) return false;
  if (isTainted(e, scope)) return true;
  return isBuilt(e, scope) && (e.kind() !== "identifier" || !scope.sanitized.has(e.text()));
}

const JS_RESPONSE_SINK = /^(res|response)(\.status\([^)]*\))?\.(send|write|end)$/;

const xssJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    const text = ctx.text;
    // What the file can contain at all, from plain substring tests; then one walk for all of it.
    const htmlProps = text.includes("innerHTML") || text.includes("outerHTML");
    const adjacent = text.includes("insertAdjacentHTML");
    const docWrite = text.includes("document.write");
    const responses =
      (text.includes(".send(") || text.includes(".write(") || text.includes(".end(")) &&
      (text.includes("res.") || text.includes("response.")) &&
      (JS_SERVER_IMPORT.test(text) || /\b(res|response)\.send\(/.test(text));
    const jsx = (ctx.language === "tsx" || ctx.language === "javascript") && text.includes("dangerouslySetInnerHTML");
    const rules: object[] = [];
    // el.innerHTML = `<li>${name}</li>`
    const htmlTarget = { field: "left", kind: "member_expression", has: { field: "property", regex: JS_HTML_PROPS.source } };
    if (htmlProps) rules.push({ kind: "assignment_expression", has: htmlTarget }, { kind: "augmented_assignment_expression", has: htmlTarget });
    const sinkAlternatives = [
      ...(adjacent ? ["\\.insertAdjacentHTML$"] : []),
      ...(docWrite ? ["^document\\.(write|writeln)$"] : []),
      ...(responses ? [JS_RESPONSE_SINK.source] : []),
    ];
    if (sinkAlternatives.length) rules.push({ kind: "call_expression", has: { field: "function", regex: sinkAlternatives.join("|") } });
    // <div dangerouslySetInnerHTML={{ __html: value }} />
    if (jsx) rules.push({ kind: "jsx_attribute", has: { kind: "property_identifier", regex: "^dangerouslySetInnerHTML$" } });
    if (rules.length === 0) return [];
    const scopes = new ScopeCache(ctx.root, "js", text);
    const hits: Hit[] = [];
    for (const node of ctx.root.findAll({ rule: { any: rules } } as never) as SgNode[]) {
      const kind = node.kind();
      if (kind === "assignment_expression" || kind === "augmented_assignment_expression") {
        const right = node.field("right");
        if (right && jsUnsafeHtml(right, scopes.of(node))) hits.push(hitAt(node));
      } else if (kind === "call_expression") {
        const call = node;
        const callee = calleeOf(call)?.text() ?? "";
        const args = positionalArgs(call);
        if (/\.insertAdjacentHTML$/.test(callee)) {
          if (args[1] && jsUnsafeHtml(args[1], scopes.of(call))) hits.push(hitAt(call));
        } else if (/^document\.(write|writeln)$/.test(callee)) {
          if (args[0] && jsUnsafeHtml(args[0], scopes.of(call))) hits.push(hitAt(call));
        } else if (responses && JS_RESPONSE_SINK.test(callee)) {
          // res.send(req.query.name): Express answers a string as text/html
          const arg = args[0];
          if (!arg) continue;
          const e = stripParens(arg);
          if (/^(req|request)\.(body|query|params|cookies|headers)$/.test(e.text())) continue; // objects go out as JSON
          if (/^JSON\.stringify\(/.test(e.text())) continue;
          const scope = scopes.of(call);
          if (containsSanitizer(e, "js")) continue;
          if (isTainted(e, scope) && (e.kind() !== "identifier" || !scope.sanitized.has(e.text()))) hits.push(hitAt(call));
        }
      } else if (kind === "jsx_attribute") {
        const attr = node;
        if (attr.namedChildren()[0]?.text() !== "dangerouslySetInnerHTML") continue;
        const expr = attr.namedChildren().find((c) => c.kind() === "jsx_expression");
        const obj = expr?.namedChildren()[0];
        const value = obj?.kind() === "object" ? objectProperty(obj, "__html") : obj;
        if (!value) continue;
        const scope = scopes.of(attr);
        const e = stripParens(value);
        if (isLiteral(e, "js") || containsSanitizer(e, "js")) continue;
        if (e.kind() === "identifier" && (scope.sanitized.has(e.text()) || CONSTANT_NAME.test(e.text()))) continue;
        if (/^JSON\.stringify\(/.test(e.text())) continue; // JSON-LD script blocks
        hits.push(hitAt(attr));
      }
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// code-injection-eval
// ---------------------------------------------------------------------------

const PY_EVAL = /^(eval|exec|builtins\.eval|builtins\.exec)$/;
const PY_DESERIALIZE = /^(pickle|cPickle|_pickle|dill|cloudpickle|joblib|jsonpickle|shelve|marshal)\.(loads?|decode|open)$|^(pd|pandas)\.read_pickle$|^torch\.load$/;

/** A call of one of the sinks, as text: `eval(`, `exec(` (not `.exec(`), `pickle.loads(`, `pd.read_pickle(`, `torch.load(`. */
const PY_EVAL_HINT = /(?:^|[^\w.]|builtins\.)(?:eval|exec)\s*\(|(?:pickle|cPickle|_pickle|dill|cloudpickle|joblib|jsonpickle|shelve|marshal)\.(?:loads?|decode|open)\s*\(|read_pickle\s*\(|torch\.load\s*\(/;

const codeEvalPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (!PY_EVAL_HINT.test(ctx.text)) return [];
    const web = pyImportsWebFramework(ctx.text);
    // outside a web module only a value from the request is reported
    if (!web && !pyMayHaveInput(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const hits: Hit[] = [];
    for (const call of callsTo(ctx.root, "python", new RegExp(`${PY_EVAL.source}|${PY_DESERIALIZE.source}`))) {
      const callee = calleeOf(call)?.text() ?? "";
      const evaluates = PY_EVAL.test(callee);
      const deserializes = PY_DESERIALIZE.test(callee);
      if (!evaluates && !deserializes) continue;
      const arg = positionalArgs(call)[0];
      if (!arg || isLiteral(arg, "python")) continue;
      if (evaluates && stripParens(arg).kind() === "call" && /^compile$/.test(calleeOf(stripParens(arg))?.text() ?? "") && isLiteral(positionalArgs(stripParens(arg))[0] ?? arg, "python")) continue;
      const scope = scopes.of(call);
      if (isTainted(arg, scope) || web) {
        hits.push(
          hitAt(call, deserializes ? { title: "Deserialization of untrusted data with pickle" } : {}),
        );
      }
    }
    return dedupe(hits);
  },
};

/** A call of one of the sinks, as text: `eval(`, `Function(` / `new Function(` (not `isFunction(`), vm, string timers, unserialize. */
const JS_EVAL_HINT = /(?:^|[^\w$])(?:eval|Function)\s*\(|\b(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)\s*\(|\b(?:setTimeout|setInterval)\(\s*(?:[`"']|\w+\s*\+)|unserialize\s*\(/;

const codeEvalJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    if (!JS_EVAL_HINT.test(ctx.text)) return [];
    const server = JS_SERVER_IMPORT.test(ctx.text);
    // outside a server module only a value from the request or the page's URL is reported
    if (!server && !jsMayHaveInput(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "js", ctx.text);
    const vm = /["'](node:)?vm["']/.test(ctx.text);
    const hits: Hit[] = [];
    const sinks =
      /^(eval|window\.eval|globalThis\.eval|Function|window\.Function|(vm\.)?(runInNewContext|runInThisContext|runInContext|compileFunction|Script)|setTimeout|setInterval|window\.setTimeout|window\.setInterval|(\w+\.)?unserialize)$/;
    for (const call of callsTo(ctx.root, "js", sinks, true)) {
      const callee = calleeOf(call)?.text() ?? "";
      let args: SgNode[];
      if (/^(eval|window\.eval|globalThis\.eval|Function|window\.Function)$/.test(callee)) args = positionalArgs(call);
      else if (vm && /^(vm\.)?(runInNewContext|runInThisContext|runInContext|compileFunction|Script)$/.test(callee)) args = positionalArgs(call).slice(0, 1);
      else if (/["']node-serialize["']/.test(ctx.text) && /(^|\.)unserialize$/.test(callee)) args = positionalArgs(call).slice(0, 1);
      else if (/^(setTimeout|setInterval|window\.setTimeout|window\.setInterval)$/.test(callee)) {
        const first = positionalArgs(call)[0];
        // only a string of code, not a callback
        if (!first || !(first.kind() === "template_string" || first.kind() === "binary_expression")) continue;
        args = [first];
      } else continue;
      const dynamic = args.filter((a) => !isLiteral(a, "js"));
      if (dynamic.length === 0) continue;
      const scope = scopes.of(call);
      if (dynamic.some((a) => isTainted(a, scope)) || (server && dynamic.some((a) => isBuilt(a, scope) || stripParens(a).kind() !== "template_string"))) {
        hits.push(hitAt(call));
      }
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// unsafe-subprocess
// ---------------------------------------------------------------------------

const PY_SHELL_ALWAYS = /^(os\.system|os\.popen|(subprocess\.)?getoutput|(subprocess\.)?getstatusoutput|commands\.getoutput|asyncio\.create_subprocess_shell|os\.popen[234])$/;
const PY_SUBPROCESS = /^(subprocess\.)?(run|call|check_call|check_output|Popen)$/;
const PY_SUBPROCESS_WAITS = /^(subprocess\.)?(run|call|check_call|check_output)$/;
const SHELL_BINARIES = /^["'`](\/(usr\/)?bin\/)?(sh|bash|zsh|dash|ksh|cmd(\.exe)?|powershell(\.exe)?|pwsh)["'`]$/;

function pyImportsFromSubprocess(text: string, name: string): boolean {
  return new RegExp(String.raw`^\s*from\s+subprocess\s+import\s+[^\n]*\b${name}\b`, "m").test(text);
}

/** A command that carries values: interpolated, concatenated, or request data. */
function commandCarriesInput(cmd: SgNode, scope: Scope): boolean {
  return isBuilt(cmd, scope) || isTainted(cmd, scope);
}

/** ["sh", "-c", f"…{value}"]: an argv list that starts a shell on an assembled command. */
function shellArgvWithInput(list: SgNode, scope: Scope): boolean {
  if (!["list", "array", "tuple"].includes(String(list.kind()))) return false;
  const items = list.namedChildren().filter((c) => c.kind() !== "comment");
  if (!items[0] || !SHELL_BINARIES.test(items[0].text())) return false;
  const dashC = items.findIndex((i) => /^["'`](-c|\/c|-Command)["'`]$/i.test(i.text()));
  return dashC > 0 && items.slice(dashC + 1).some((i) => commandCarriesInput(i, scope));
}

/** Shells and assembled commands, as text: `shell=True`, os.system/popen, getoutput, `["sh", "-c", …]`. */
const PY_SHELL_HINT = /shell\s*=\s*(?!False\b)\w|os\.(?:system|popen)|getoutput|getstatusoutput|create_subprocess_shell|["'](?:-c|\/c|-Command)["']/;
/** A module that runs code someone uploaded or submitted (`student code`, `user_code`, `submission`, an upload's path). */
const PY_UNTRUSTED_CODE_HINT = /\b(?:upload(?:ed|s)?|submi(?:ssion|tted)|student|user[_ ]code|untrusted|user[_ ]script|code_path)\b/i;
const PY_INTERPRETER = /^(sys\.executable|["'](?:(?:\/usr)?(?:\/local)?\/bin\/)?(?:python[\d.]*|node|ruby|php|perl|bash|sh|Rscript|julia)["'])$/;
const SANDBOX_HINT = /\b(?:docker|podman|nsjail|firejail|bwrap|bubblewrap|gvisor|runsc|seccomp|setrlimit|preexec_fn|prlimit|systemd-run|unshare)\b/;

/**
 * `subprocess.run([sys.executable, script])`: an interpreter given a script by
 * a non-constant path (not `-m module`, not `-c` code: those are judged
 * elsewhere), with no container, jail or rlimits in the call.
 */
function pyRunsScriptUnsandboxed(list: SgNode, call: SgNode): boolean {
  if (!["list", "tuple"].includes(String(list.kind()))) return false;
  const items = list.namedChildren().filter((c) => c.kind() !== "comment");
  if (!items[0] || !PY_INTERPRETER.test(items[0].text())) return false;
  const script = items.slice(1).find((i) => !/^["']-[\w-]*["']$/.test(i.text()) || /^["']-[mc]["']$/.test(i.text()));
  if (!script || /^["']-[mc]["']$/.test(script.text()) || isLiteral(script, "python")) return false;
  return !SANDBOX_HINT.test(call.text());
}

const subprocessPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (!/\b(subprocess|os\.system|os\.popen|create_subprocess_shell|getoutput)\b/.test(ctx.text)) return [];
    // What can be reported at all, from the text: a shell, an assembled command, a handler, or uploaded code.
    const untrustedCode = PY_UNTRUSTED_CODE_HINT.test(ctx.text);
    if (!untrustedCode && !PY_SHELL_HINT.test(ctx.text) && !pyMayHaveInput(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const hits: Hit[] = [];
    for (const call of callsTo(ctx.root, "python", new RegExp(`${PY_SHELL_ALWAYS.source}|${PY_SUBPROCESS.source}`))) {
      const callee = calleeOf(call)?.text() ?? "";
      const bare = !callee.includes(".");
      const cmd = positionalArgs(call)[0] ?? keywordArg(call, "args") ?? keywordArg(call, "cmd");
      if (PY_SHELL_ALWAYS.test(callee)) {
        if (bare && !pyImportsFromSubprocess(ctx.text, callee)) continue;
        if (cmd && !isLiteral(stripParens(cmd), "python") && commandCarriesInput(cmd, scopes.of(call))) hits.push(hitAt(call));
        continue;
      }
      if (!PY_SUBPROCESS.test(callee)) continue;
      if (bare && !pyImportsFromSubprocess(ctx.text, callee)) continue;
      const scope = scopes.of(call);
      const shell = keywordArg(call, "shell");
      if (cmd && shell && shell.text() !== "False" && commandCarriesInput(cmd, scope)) {
        hits.push(hitAt(call));
        continue;
      }
      if (cmd && shellArgvWithInput(stripParens(cmd), scope)) {
        hits.push(hitAt(call));
        continue;
      }
      if (cmd && untrustedCode && pyRunsScriptUnsandboxed(stripParens(cmd), call)) {
        hits.push(
          hitAt(call, {
            title: "Uploaded code runs with the interpreter outside a sandbox",
            message:
              "The interpreter runs a script given by path, in a module that executes uploaded or user-submitted code, with the server's own user, filesystem, network and environment and no resource limits. A submitted script can read secrets and other users' files, call internal services, fork or fill the disk; the timeout only bounds wall time. Run it in a locked-down container (no network, read-only mounts, memory/CPU/pids limits) or a sandbox such as nsjail/gVisor, and never fall back to a bare subprocess.",
          }),
        );
        continue;
      }
      if (scope.handler && PY_SUBPROCESS_WAITS.test(callee) && !keywordArg(call, "timeout") && !/\*\*/.test(call.field("arguments")?.text() ?? "")) {
        hits.push(
          hitAt(call, {
            title: "Subprocess without a timeout in a request handler",
            message:
              "The request handler waits for a child process with no `timeout=`. A command that hangs holds the worker (and the client) until the server's own timeout kills the request; a few such requests exhaust the workers. Bound the run time, or hand the work to a background job.",
          }),
        );
      }
    }
    return dedupe(hits);
  },
};

interface ChildProcessNames {
  modules: Set<string>;
  functions: Map<string, string>;
}

/** Local names bound to child_process (or shelljs) and to its exec/spawn functions. */
function childProcessNames(text: string): ChildProcessNames {
  const modules = new Set<string>();
  const functions = new Map<string, string>();
  const mod = String.raw`["'](?:node:)?child_process["']`;
  for (const m of text.matchAll(new RegExp(String.raw`(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*${mod}\s*\)`, "g"))) modules.add(m[1]!);
  for (const m of text.matchAll(new RegExp(String.raw`import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+${mod}`, "g"))) modules.add(m[1]!);
  const destructured = [
    ...text.matchAll(new RegExp(String.raw`(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*${mod}\s*\)`, "g")),
    ...text.matchAll(new RegExp(String.raw`import\s*\{([^}]*)\}\s*from\s+${mod}`, "g")),
  ];
  for (const m of destructured) {
    for (const part of m[1]!.split(",")) {
      const [orig, alias] = part.split(/\s*(?::|\bas\b)\s*/).map((s) => s.trim());
      if (orig) functions.set(alias || orig, orig);
    }
  }
  if (/["']shelljs["']/.test(text)) {
    for (const m of text.matchAll(/(?:const|let|var|import)\s+(?:\*\s+as\s+)?(\w+)\s*(?:=\s*require\(\s*["']shelljs["']\s*\)|from\s+["']shelljs["'])/g)) modules.add(m[1]!);
  }
  // const execAsync = promisify(exec) / util.promisify(cp.exec)
  for (const m of text.matchAll(/(?:const|let|var)\s+(\w+)\s*=\s*(?:util\.)?promisify\(\s*([\w.]+)\s*\)/g)) {
    const target = m[2]!;
    const base = target.includes(".") ? target.split(".").pop()! : functions.get(target);
    if (base && (target.includes(".") ? modules.has(target.split(".")[0]!) : true)) functions.set(m[1]!, base);
  }
  return { modules, functions };
}

const subprocessJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    if (!/child_process|shelljs/.test(ctx.text)) return [];
    const names = childProcessNames(ctx.text);
    const scopes = new ScopeCache(ctx.root, "js", ctx.text);
    const hits: Hit[] = [];
    const alternatives = [...[...names.functions.keys()].map((f) => `^${escapeRegex(f)}$`), ...[...names.modules].map((m) => `^${escapeRegex(m)}\\.\\w+$`)];
    if (alternatives.length === 0) return [];
    for (const call of callsTo(ctx.root, "js", new RegExp(alternatives.join("|")))) {
      const fn = calleeOf(call);
      if (!fn) continue;
      let method: string | undefined;
      if (fn.kind() === "identifier") method = names.functions.get(fn.text());
      else if (fn.kind() === "member_expression" && names.modules.has(fn.field("object")?.text() ?? "")) method = fn.field("property")?.text();
      if (!method) continue;
      const args = positionalArgs(call);
      const cmd = args[0];
      if (!cmd) continue;
      // constant commands (and argv lists of constants) carry nothing: no scope needed
      if (isLiteral(stripParens(cmd), "js") && !(args[1]?.kind() === "array" && args[1].namedChildren().some((a) => !isLiteral(a, "js")))) continue;
      const scope = scopes.of(call);
      if (/^(exec|execSync)$/.test(method)) {
        if (commandCarriesInput(cmd, scope)) hits.push(hitAt(call));
      } else if (/^(spawn|spawnSync|execFile|execFileSync)$/.test(method)) {
        const options = args.find((a) => a.kind() === "object");
        const shell = objectProperty(options, "shell");
        const argv = args[1];
        const shellOn = shell !== null && !/^(false|undefined|null)$/.test(shell.text());
        if (shellOn && (commandCarriesInput(cmd, scope) || (argv?.kind() === "array" && argv.namedChildren().some((a) => commandCarriesInput(a, scope))))) {
          hits.push(hitAt(call));
        } else if (argv?.kind() === "array" && SHELL_BINARIES.test(cmd.text())) {
          const list = argv.namedChildren();
          const dashC = list.findIndex((i) => /^["'`](-c|\/c|-Command)["'`]$/i.test(i.text()));
          if (dashC >= 0 && list.slice(dashC + 1).some((i) => commandCarriesInput(i, scope))) hits.push(hitAt(call));
        }
      }
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// exception-details-exposed
// ---------------------------------------------------------------------------

/** Exceptions whose text describes the server (SQL, paths, hosts), not the client's mistake. */
const PY_REVEALING_EXCEPTION =
  /^([\w.]+\.)?(Exception|BaseException|SQLAlchemyError|DBAPIError|DatabaseError|OperationalError|IntegrityError|ProgrammingError|InterfaceError|DataError|InternalError|OSError|IOError|EnvironmentError|FileNotFoundError|PermissionError|RuntimeError|ConnectionError|TimeoutError|CalledProcessError|SubprocessError|RequestException|RequestError|HTTPError|HTTPStatusError|ClientError|BotoCoreError|S3Error|MinioException|OpenAIError|APIError|APIConnectionError|PyMongoError|RedisError|KeyError|AttributeError|TypeError|IndexError|ImportError|AssertionError|NotImplementedError)$/;
const PY_RESPONSE_CALL =
  /^([\w.]*\.)?(HTTPException|jsonify|JSONResponse|JsonResponse|ORJSONResponse|UJSONResponse|PlainTextResponse|HTMLResponse|HttpResponse|HttpResponseServerError|HttpResponseBadRequest|Response|make_response|json_response|abort|HTTPInternalServerError|HTTPBadRequest|ValidationError)$/;
const PY_TRACEBACK = /\btraceback\.(format_exc|format_exception|format_tb|print_exc)\(|\bsys\.exc_info\(\)/;

function pyExceptBindings(clause: SgNode): { name?: string; types: string[] } {
  const asPattern = clause.namedChildren().find((c) => c.kind() === "as_pattern");
  const typeNode = asPattern ? asPattern.namedChildren()[0] : clause.namedChildren().find((c) => c.kind() !== "block" && c.kind() !== "comment");
  const name = asPattern?.namedChildren().find((c) => c.kind() === "as_pattern_target")?.text();
  const typeText = typeNode && typeNode.kind() !== "block" ? typeNode.text() : "";
  const types = typeText
    .replace(/^\(|\)$/g, "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return { name, types };
}

/** Does this expression put the exception's text (or a traceback) into the value? */
function pyRevealsException(expr: SgNode, name: string | undefined): boolean {
  if (PY_TRACEBACK.test(expr.text())) return true;
  if (!name) return false;
  for (const id of expr.findAll({ rule: { kind: "identifier", regex: `^${name}$` } })) {
    const parent = id.parent();
    if (parent?.kind() === "attribute" && parent.field("attribute")?.id() === id.id()) continue; // x.e
    if (parent?.kind() === "keyword_argument" && parent.field("name")?.id() === id.id()) continue;
    // type(e).__name__ / e.__class__.__name__ only names the class
    const around = (parent?.parent()?.text() ?? "") + (parent?.text() ?? "");
    if (/__class__|__name__|type\(/.test(around) && !/\bstr\(|\brepr\(|\{/.test(parent?.text() ?? "")) continue;
    return true;
  }
  return false;
}

const exceptionExposedPython: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "python" || !ctx.root) return [];
    if (!pyImportsWebFramework(ctx.text)) return [];
    const scopes = new ScopeCache(ctx.root, "python", ctx.text);
    const hits: Hit[] = [];
    for (const clause of ctx.root.findAll({ rule: { kind: "except_clause" } })) {
      const { name, types } = pyExceptBindings(clause);
      const broad = types.length === 0 || types.some((t) => PY_REVEALING_EXCEPTION.test(t));
      if (!broad) continue;
      const block = clause.namedChildren().find((c) => c.kind() === "block");
      if (!block) continue;
      for (const call of block.findAll({ rule: { kind: "call" } })) {
        const callee = calleeOf(call)?.text() ?? "";
        if (!PY_RESPONSE_CALL.test(callee)) continue;
        if (callee.endsWith("ValidationError")) continue;
        const args = call.field("arguments");
        if (args && pyRevealsException(args, name)) hits.push(hitAt(call));
      }
      const scope = scopes.of(clause);
      if (!scope.handler) continue;
      for (const ret of block.findAll({ rule: { kind: "return_statement" } })) {
        const value = ret.namedChildren()[0];
        if (!value || value.kind() === "call") continue; // calls were judged above
        if (!["dictionary", "expression_list", "string", "binary_operator", "call", "identifier", "tuple"].includes(String(value.kind()))) continue;
        const first = value.kind() === "expression_list" || value.kind() === "tuple" ? value.namedChildren()[0] : value;
        if (first && first.kind() !== "call" && pyRevealsException(first, name)) hits.push(hitAt(ret));
      }
    }
    return dedupe(hits);
  },
};

const JS_RESPONSE_CALL =
  /^((res|response|reply)(\.status\([^)]*\)|\.code\([^)]*\))*\.(send|json|jsonp|end|write)|NextResponse\.json|Response\.json|(c|ctx|context)\.(json|text|html|body))$/;

/** The text with TypeScript casts of a name unwrapped: `(err as Error).message` → `err.message`. */
function uncast(text: string): string {
  return text.replace(/\(\s*([\w$]+)\s+as\s+[\w.<>[\]| ]+\)/g, "$1").replace(/\(\s*<[\w.]+>\s*([\w$]+)\s*\)/g, "$1");
}

function jsRevealsError(expr: SgNode, name: string): boolean {
  const text = uncast(expr.text());
  const n = name.replace(/[$]/g, "\\$");
  if (new RegExp(String.raw`\b${n}\s*(\?\.|\.)\s*stack\b`).test(text)) return true;
  return new RegExp(
    String.raw`\b${n}\s*(\?\.|\.)\s*(message|toString\(|sqlMessage|sql\b|detail|cause)|\bString\(\s*${n}\s*\)|\$\{\s*${n}\s*\}|util\.inspect\(\s*${n}\b|JSON\.stringify\(\s*${n}\b|["'\x60]\s*\+\s*${n}\b`,
  ).test(text);
}

function jsShowsStack(expr: SgNode, name: string): boolean {
  return new RegExp(String.raw`\b${name.replace(/[$]/g, "\\$")}\s*(\?\.|\.)\s*stack\b`).test(uncast(expr.text()));
}

/** `(err, req, res, next)`: Express error middleware, as text. */
const JS_ERROR_MIDDLEWARE_HINT = /\(\s*(?:err|error|e|ex|exception)\b[^,()]*,\s*(?:req|request)\b/;

const exceptionExposedJavascript: Check = {
  kind: "file",
  run(ctx) {
    if (langOf(ctx) !== "js" || !ctx.root) return [];
    const catches = ctx.text.includes("catch");
    const errorMiddleware = JS_ERROR_MIDDLEWARE_HINT.test(ctx.text);
    if (!catches && !errorMiddleware) return [];
    const hits: Hit[] = [];
    // Express error middleware: (err, req, res, next) => …
    const middleware = {
      field: "parameters",
      all: [
        { has: { nthChild: 1, regex: "^(err|error|e|ex|exception)(?-u:\\b)" } },
        { has: { nthChild: 2, regex: "^(req|request)(?-u:\\b)" } },
        { has: { nthChild: 4 } },
        { not: { has: { nthChild: 5 } } },
      ],
    };
    // One walk for the catch clauses (with a named parameter), the error middleware and the responses:
    // in document order a region comes before the responses inside it.
    const rules: object[] = [
      { kind: "call_expression", has: { field: "function", regex: asciiRegex(JS_RESPONSE_CALL.source) } },
      { kind: "assignment_expression", has: { field: "left", regex: "^(ctx|context)\\.body$" } },
    ];
    if (catches) rules.push({ kind: "catch_clause", has: { field: "parameter", kind: "identifier" } });
    if (errorMiddleware) rules.push(...["arrow_function", "function_expression", "function_declaration"].map((kind) => ({ kind, has: middleware })));
    const spans: Array<{ start: number; end: number; name: string }> = [];
    const sinks: SgNode[] = [];
    for (const node of ctx.root.findAll({ rule: { any: rules } } as never) as SgNode[]) {
      const kind = node.kind();
      if (kind === "call_expression" || kind === "assignment_expression") {
        if (spans.length > 0) sinks.push(node);
        continue;
      }
      let body: SgNode | null;
      let name: string | undefined;
      if (kind === "catch_clause") {
        body = node.field("body");
        name = node.field("parameter")!.text();
      } else {
        body = node.field("body");
        name = node.field("parameters")?.namedChildren()[0]?.text().split(/[:?=\s]/)[0];
      }
      if (!body || !name) continue;
      const { start, end } = body.range();
      spans.push({ start: start.index, end: end.index, name });
    }
    if (sinks.length === 0) return [];
    // Response.json / c.json answer a client only in server code (not in mocks or service workers)
    const serverFile = /["'](next\/server|hono|@hono\/[\w-]+|itty-router|@sveltejs\/kit|@remix-run\/[\w-]+)["']/.test(ctx.text);
    for (const sink of sinks) {
      const { start, end } = sink.range();
      const around = spans.filter((r) => r.start <= start.index && end.index <= r.end);
      if (around.length === 0) continue;
      if (sink.kind() === "assignment_expression") {
        if (around.some(({ name }) => jsRevealsError(sink.field("right")!, name))) hits.push(hitAt(sink));
        continue;
      }
      const call = sink;
      const callee = calleeOf(call)?.text() ?? "";
      if (!JS_RESPONSE_CALL.test(callee)) continue;
      if (!/^(res|response|reply)\b/.test(callee)) {
        const fn = enclosingFunction(call, "js");
        if (!serverFile && !(fn && jsIsRouteHandler(fn))) continue;
      }
      const args = call.field("arguments");
      if (!args) continue;
      const clientError = /\.(status|code)\(\s*4\d\d\s*\)/.test(callee) || /status\s*:\s*4\d\d\b/.test(args.text());
      if (around.some(({ name }) => jsShowsStack(args, name) || (!clientError && jsRevealsError(args, name)))) hits.push(hitAt(call));
    }
    return dedupe(hits);
  },
};

// ---------------------------------------------------------------------------
// gated-ast-grep: an ast-grep rule behind a text gate
// ---------------------------------------------------------------------------

interface GatedOptions {
  gates: RegExp[];
  rule: unknown;
  constraints?: unknown;
  utils?: unknown;
  reportOn?: string;
  fix?: string;
}

const gatedCache = new WeakMap<object, GatedOptions>();

/** `options.fix` as the engine expands a matcher's `fix:` ($VAR, $$$VAR), on the full lines of the match. */
function expandFix(template: string, node: SgNode): string {
  return template.replace(/\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g, (_all, multi: string | undefined, single: string | undefined) => {
    if (multi) {
      const nodes = node.getMultipleMatches(multi);
      if (nodes.length === 0) return "";
      return node.getRoot().root().text().slice(nodes[0]!.range().start.index, nodes[nodes.length - 1]!.range().end.index);
    }
    return node.getMatch(single!)?.text() ?? "";
  });
}

function lineFixOf(lines: readonly string[], node: SgNode, replacement: string): string {
  const { start, end } = node.range();
  return (lines[start.line] ?? "").slice(0, start.column) + replacement + (lines[end.line] ?? "").slice(end.column);
}

/** `(?i)` at the start of a gate makes it case-insensitive (written like ast-grep's regexes). */
function gateRegex(source: string): RegExp {
  return source.startsWith("(?i)") ? new RegExp(source.slice(4), "i") : new RegExp(source);
}

function gatedOptions(options: Record<string, unknown>): GatedOptions {
  let parsed = gatedCache.get(options);
  if (!parsed) {
    const gate = options.gate;
    const sources = typeof gate === "string" ? [gate] : Array.isArray(gate) ? (gate as string[]) : [];
    if (!options.rule) throw new Error("gated-ast-grep needs options.rule");
    parsed = {
      gates: sources.map(gateRegex),
      rule: options.rule,
      constraints: options.constraints,
      utils: options.utils,
      reportOn: typeof options.report_on === "string" ? options.report_on.replace(/^\$/, "") : undefined,
      fix: typeof options.fix === "string" ? options.fix : undefined,
    };
    gatedCache.set(options, parsed);
  }
  return parsed;
}

/**
 * An ast-grep rule (`options.rule`, `constraints`, `utils`, `report_on`) that
 * runs only when every regex of `options.gate` matches the file text. A
 * `prefilter` can only say "one of these strings occurs"; a gate says "a sink
 * call AND SQL text occur", which keeps a large rule off the many files that
 * merely mention `select` or `.get(`. One findAll costs far more than a regex
 * over the text.
 */
const gatedAstGrep: Check = {
  kind: "file",
  run(ctx) {
    if (!ctx.root) return [];
    const opts = gatedOptions(ctx.options);
    if (!opts.gates.every((g) => g.test(ctx.text))) return [];
    const nodes = ctx.root.findAll({ rule: opts.rule, constraints: opts.constraints, utils: opts.utils } as never) as SgNode[];
    return nodes.map((node) => {
      const reported = opts.reportOn ? (node.getMatch(opts.reportOn) ?? node) : node;
      const hit: Hit = { ...spanOfNode(reported), snippet: reported.text() };
      if (opts.fix !== undefined) hit.fix = lineFixOf(ctx.lines, node, expandFix(opts.fix, node));
      return hit;
    });
  },
};

export const injectionChecks: Record<string, Check> = {
  "gated-ast-grep": gatedAstGrep,
  "ssrf-unvalidated-url-python": ssrfPython,
  "ssrf-unvalidated-url-javascript": ssrfJavascript,
  "open-redirect-python": openRedirectPython,
  "open-redirect-javascript": openRedirectJavascript,
  "xss-unescaped-output-python": xssPython,
  "xss-unescaped-output-javascript": xssJavascript,
  "code-injection-eval-python": codeEvalPython,
  "code-injection-eval-javascript": codeEvalJavascript,
  "unsafe-subprocess-python": subprocessPython,
  "unsafe-subprocess-javascript": subprocessJavascript,
  "exception-details-exposed-python": exceptionExposedPython,
  "exception-details-exposed-javascript": exceptionExposedJavascript,
};
