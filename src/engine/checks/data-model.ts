/** Built-in checks of the data-model rule families. */
import type { SgNode } from "@ast-grep/napi";
import { AMBIGUOUS_TYPE, findModels, modelStem, primaryKeyTypesOf, uniqueColumnsOf, type Model, type ModelColumn, type TypeFamily } from "../context/models.js";
import { spanOfNode } from "../position.js";
import { JS_FUNCTION_KINDS } from "./syntax.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

const field = (node: SgNode, name: string): SgNode | null => node.field(name as never) as SgNode | null;
const hitAt = (node: SgNode, extra: Partial<Hit> = {}): Hit => ({ ...spanOfNode(node), snippet: node.text().split("\n")[0], ...extra });

// ---------------------------------------------------------------------------
// unique-constraint-missing

/** Words in a docstring or comment that promise one row per key. */
const PROMISES_UNIQUENESS =
  /\b(only (have |be |exist |hold |contain )?one(?! of)|at most one|(at most|only|no more than) once|(cannot|can't|must not|may not) \w+ (\w+ )?more than once|one and only one|(must|should|needs? to|has to|have to|will) be unique|(is|are) unique (per|for|within|across|in|by|on)|unique (per|for|within|across|together|combination|pair|constraint|key)|no duplicates?|(cannot|can't|must not|should not|may not) (have|be|contain) (two|duplicates?|duplicated|more than one)|duplicates? (are|is) not allowed)\b/i;

/** Columns of an association table besides its two foreign keys that do not make a row distinct. */
const BOOKKEEPING_COLUMN = /^(id|pk|created_at|updated_at|created|modified|added_at|assigned_at|granted_at|created_by|updated_by|created_on|updated_on)$/;

function uniquenessPromise(model: Model): { node: SgNode; text: string } | undefined {
  if (model.docstring && PROMISES_UNIQUENESS.test(model.docstring)) return { node: model.anchor, text: model.docstring };
  for (const comment of model.comments) {
    if (PROMISES_UNIQUENESS.test(comment.text())) return { node: comment, text: comment.text() };
  }
  return undefined;
}

function declaresUniqueness(model: Model, fileText: string): boolean {
  if (model.hasUniqueConstraint || model.columns.some((c) => c.unique) || /\bUniqueConstraint\s*\(|unique\s*=\s*True/.test(model.text)) return true;
  // A unique index declared after the class: Index("ix_alias", ArtifactAlias.artifact_id, ArtifactAlias.alias, unique=True)
  return new RegExp(`\\b(Index|UniqueConstraint)\\s*\\([^)]*\\b${model.name}\\.[^)]*unique\\s*=\\s*True`).test(fileText);
}

/** Two foreign keys and nothing else that makes a row distinct: a link table. */
function isLinkTable(model: Model): ModelColumn[] | undefined {
  const foreign = model.columns.filter((c) => c.foreignKey);
  if (foreign.length !== 2) return undefined;
  const others = model.columns.filter((c) => !c.foreignKey);
  if (!others.every((c) => BOOKKEEPING_COLUMN.test(c.name))) return undefined;
  return foreign;
}

function uniqueConstraintMissing(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  const hits: Hit[] = [];
  for (const model of findModels(ctx.root)) {
    if (declaresUniqueness(model, ctx.text)) continue;
    const promise = uniquenessPromise(model);
    if (promise) {
      hits.push(
        hitAt(promise.node, {
          message: `\`${model.name}\` is documented as unique ("${promise.text.trim().replace(/^#\s*/, "").split("\n")[0]!.slice(0, 120)}") but the table declares no \`UniqueConstraint\` or \`unique=True\`. Nothing stops the application, or two concurrent requests, from inserting duplicates, which breaks every lookup that expects one row.`,
        }),
      );
      continue;
    }
    const link = isLinkTable(model);
    if (link) {
      const [a, b] = link.map((c) => c.name);
      hits.push(
        hitAt(model.anchor, {
          title: "Association table allows duplicate links",
          message: `\`${model.name}\` links two tables through \`${a}\` and \`${b}\` but has neither a composite primary key nor a unique constraint on the pair, so the same link can be stored twice: relationships return duplicates and deleting one link leaves the other behind.`,
        }),
      );
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------
// foreign-key-type-mismatch

const FAMILY_LABEL: Record<TypeFamily, string> = { uuid: "a UUID", integer: "an integer", string: "a string" };

/** `user_id` → `users`, `user`; `category_id` → `categories`. */
function tablesForColumnName(name: string): string[] {
  const match = /^([a-z][a-z0-9_]*?)_id$/.exec(name);
  if (!match) return [];
  const base = match[1]!;
  const out = [`${base}s`, base, `${base}es`];
  if (base.endsWith("y")) out.push(`${base.slice(0, -1)}ies`);
  return out;
}

function foreignKeyTypeMismatch(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  const models = findModels(ctx.root);
  const local = primaryKeyTypesOf(models);
  const lookup = (key: string): TypeFamily | undefined => {
    const type = local.get(key) ?? ctx.facts.primaryKeyTypes.get(key);
    return type === undefined || type === AMBIGUOUS_TYPE ? undefined : (type as TypeFamily);
  };
  const hits: Hit[] = [];
  for (const model of models) {
    for (const column of model.columns) {
      if (!column.family || column.primaryKey) continue;
      if (column.foreignKey) {
        const { table, column: target } = column.foreignKey;
        const pk = lookup(`${table}.${target}`);
        if (pk && pk !== column.family) hits.push(mismatch(column, `${table}.${target}`, pk, true));
        continue;
      }
      // No ForeignKey at all: `user_id = Column(Integer)` next to a `users` table keyed by UUID.
      if (column.family === "string") continue;
      for (const table of tablesForColumnName(column.name)) {
        if (table === model.table) continue;
        const pk = lookup(`${table}.id`);
        if (!pk) continue;
        if (pk !== column.family && pk !== "string") hits.push(mismatch(column, `${table}.id`, pk, false));
        break;
      }
    }
  }
  return hits;
}

function mismatch(column: ModelColumn, target: string, pk: TypeFamily, declared: boolean): Hit {
  const type = column.typeText ?? column.family!;
  const message =
    `\`${column.name}\` is declared as \`${type}\` (${FAMILY_LABEL[column.family!]}) but \`${target}\` is ${FAMILY_LABEL[pk]}. ` +
    (declared
      ? "The foreign key cannot be created on PostgreSQL, or, where the database coerces, joins compare values that never match; code and tests grow conversions to paper over it."
      : "Without a foreign key the mismatch goes unnoticed: the column cannot hold the referenced ids, so code and tests grow conversions (`hash(str(user.id))`) and the rows are never joined or cascaded.");
  return hitAt(column.node, declared ? { message } : { message, title: "Reference column type differs from the primary key it refers to" });
}

// ---------------------------------------------------------------------------
// Shared helpers for the function-level checks (Python and JS/TS)

const PY_SCOPE = new Set(["function_definition", "module"]);
const JS_SCOPE = new Set([...JS_FUNCTION_KINDS, "program"]);

const isPython = (ctx: FileCheckContext): boolean => ctx.language === "python";

/** The nearest enclosing function (or the module) of a node. */
function scopeOf(node: SgNode, scopes: ReadonlySet<string>): SgNode | undefined {
  for (const ancestor of node.ancestors()) if (scopes.has(String(ancestor.kind()))) return ancestor;
  return undefined;
}

function sameNode(a: SgNode | null | undefined, b: SgNode): boolean {
  if (!a) return false;
  const ra = a.range();
  const rb = b.range();
  return ra.start.index === rb.start.index && ra.end.index === rb.end.index && a.kind() === b.kind();
}

/** Nodes of some kinds whose nearest scope is `scope`. */
function ownNodes(scope: SgNode, kinds: readonly string[], scopes: ReadonlySet<string>): SgNode[] {
  const rule = { rule: { any: kinds.map((kind) => ({ kind })) } };
  return scope.findAll(rule).filter((n) => sameNode(scopeOf(n, scopes), scope));
}

/** Identifier names bound by a loop target (`p`, `(project, count)`, `{ id, name }`). */
function boundNames(target: SgNode | null, python: boolean): string[] {
  if (!target) return [];
  const kind = String(target.kind());
  if (kind === "identifier" || kind === "shorthand_property_identifier_pattern") return [target.text()];
  const kinds = python ? [{ kind: "identifier" }] : [{ kind: "identifier" }, { kind: "shorthand_property_identifier_pattern" }];
  return target
    .findAll({ rule: { any: kinds } })
    .filter((n) => !isPropertyName(n))
    .map((n) => n.text());
}

/** A Python identifier used as an attribute name or keyword (`p.id`'s `id`, `name=`), not a variable. */
function isPropertyName(node: SgNode): boolean {
  const parent = node.parent();
  if (!parent) return false;
  const kind = parent.kind();
  if (kind === "attribute") return sameNode(field(parent, "attribute"), node);
  if (kind === "keyword_argument") return sameNode(field(parent, "name"), node);
  return false;
}

/** Does the subtree use one of the variables (not as an attribute or property name)? */
function usesAny(node: SgNode, names: ReadonlySet<string>, python: boolean): boolean {
  if (names.size === 0) return false;
  const kinds = python ? [{ kind: "identifier" }] : [{ kind: "identifier" }, { kind: "shorthand_property_identifier" }];
  const refs = node.findAll({ rule: { any: kinds } });
  return refs.some((n) => names.has(n.text()) && !isPropertyName(n));
}

/** The innermost links of a call chain are skipped: `a.b(x).c()` is reported once, as its outermost call. */
function isChainLink(call: SgNode): boolean {
  let node: SgNode = call;
  let parent = node.parent();
  while (parent && (parent.kind() === "await" || parent.kind() === "await_expression" || parent.kind() === "parenthesized_expression")) {
    node = parent;
    parent = node.parent();
  }
  if (!parent || (parent.kind() !== "attribute" && parent.kind() !== "member_expression")) return false;
  const grand = parent.parent();
  return !!grand && (grand.kind() === "call" || grand.kind() === "call_expression") && sameNode(field(grand, "function"), parent);
}

const calleeText = (call: SgNode): string => (field(call, "function")?.text() ?? "").replace(/\s+/g, "");
const stripAwait = (text: string): string => text.replace(/^\(?\s*await\s+/, "");

// ---------------------------------------------------------------------------
// n-plus-one-query

/** Python expressions whose value is a list of rows. */
const PY_ROWS =
  /\.(all|fetchall|fetchmany|scalars|unique|mappings)\(\s*\)|\.paginate\(|(^|[^\w.])(self\.)?(db|session|db\.session|\w+_session|session_\w+)\.(query|execute|scalars)\(|\b[A-Z]\w*\.query\.(filter|filter_by|order_by|join|options|all|limit)\b|\b[A-Z]\w*\.objects\.(all|filter|exclude|order_by|select_related|prefetch_related)\(|(^|[^\w.])(self\.)?\w*(repo|repository|crud|dao|store)\w*(\.\w+)*\.(list|get_all|get_multi|get_many|find|search|fetch|all|filter|query)\w*\(/;

/** A Python call that runs a query. */
const PY_QUERY_CALLEE =
  /^((self\.)?(db|session|db\.session|\w+_session|session_\w+)\.(query|execute|scalar|scalars|get|exec)|[A-Z]\w*\.query\.\w+|[A-Z]\w*\.objects\.(get|filter|exclude|count|aggregate|first|last|exists)|(self\.)?\w*(repo|repository|crud|dao)\w*(\.\w+)*\.(get|count|find|fetch|list|load|exists|search|query|filter)\w*)$/;

/** Chains that start at a query: `db.query(Run).filter(...).count`. */
const PY_QUERY_CHAIN = /^((self\.)?(db|session|db\.session|\w+_session)\.(query|execute|scalars?)\(|[A-Z]\w*\.query\.|[A-Z]\w*\.objects\.)/;

const WRITE_STATEMENT = /^\(?\s*(insert|update|delete|sa\.insert|sa\.update|sa\.delete)\s*\(|^\(?\s*[rbuf]*["'`]\s*(INSERT|UPDATE|DELETE|UPSERT)\b/i;

function isPyQueryCall(call: SgNode): boolean {
  if (isChainLink(call)) return false;
  const callee = calleeText(call);
  if (!PY_QUERY_CALLEE.test(callee) && !PY_QUERY_CHAIN.test(callee)) return false;
  const first = args0(call);
  return !(first && WRITE_STATEMENT.test(first.text()));
}

const args0 = (call: SgNode): SgNode | undefined =>
  field(call, "arguments")?.namedChildren().find((c) => c.kind() !== "comment" && c.kind() !== "keyword_argument");

/** JS/TS expressions whose value is a list of rows. */
const JS_ROWS =
  /\.(findMany|findAll|findAndCountAll|getMany|getRawMany|findBy|findAndCount)\s*\(|(^|[^\w.])[A-Z][a-z]\w*\.find\s*\(|(repo|Repo|repository|Repository)\w*\.find\s*\(|(^|[^\w.])(this\.)?(pool|db|client|conn|connection|knex|sql|prisma|database)\.(query|execute|\$queryRaw|select|all|many|any)\b|\.select\([^)]*\)\s*\.from\(|(^|[^\w.])knex\(/;

/** A JS/TS call that runs a query. */
const JS_QUERY_CALLEE =
  /^((this\.)?[\w.]*\.\w+\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy)|[A-Z]\w*\.(findOne|findByPk|findById|findAll|find|count|countDocuments|findOneBy|findBy|exists)|(this\.)?\w*(repo|Repo|repository|Repository|manager|Manager|dataSource)\w*\.(findOne|findOneBy|findOneOrFail|find|findBy|count|countBy|query|exist|exists)|(this\.)?(pool|db|conn|connection|sql|database)\.(query|execute|one|oneOrNone|many|any|get|all)|(this\.)?client\.(query|execute)|(this\.)?knex\(.*)$/s;

/** Somewhere in the text, a call `JS_QUERY_CALLEE` accepts (the callee may be spelled across lines). */
const JS_QUERY_TEXT = new RegExp(
  [
    String.raw`\w\s*\.\s*\w+\s*\.\s*(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy)\s*\(`,
    String.raw`(?<![\w$.])[A-Z]\w*\s*\.\s*(findOne|findByPk|findById|findAll|find|count|countDocuments|findOneBy|findBy|exists)\s*\(`,
    String.raw`(repo|Repo|repository|Repository|manager|Manager|dataSource)\w*\s*\.\s*(findOne|findOneBy|findOneOrFail|find|findBy|count|countBy|query|exist|exists)\s*\(`,
    String.raw`(?<![\w$])(pool|db|conn|connection|sql|database)\s*\.\s*(query|execute|one|oneOrNone|many|any|get|all)\s*\(`,
    String.raw`(?<![\w$])client\s*\.\s*(query|execute)\s*\(`,
    String.raw`(?<![\w$])knex\s*\(`,
  ].join("|"),
);

function isJsQueryCall(call: SgNode): boolean {
  if (isChainLink(call)) return false;
  if (!JS_QUERY_CALLEE.test(calleeText(call))) return false;
  const first = field(call, "arguments")?.namedChildren()[0];
  return !(first && WRITE_STATEMENT.test(first.text()));
}

interface Loop {
  vars: Set<string>;
  body: SgNode;
  iterable: SgNode;
}

const PY_COMPREHENSIONS = ["list_comprehension", "set_comprehension", "generator_expression", "dictionary_comprehension"];

/** Every loop of the file with its bound variables, body and iterable (one traversal). */
function findLoops(root: SgNode, python: boolean): Loop[] {
  const loops: Loop[] = [];
  if (python) {
    for (const loop of root.findAll({ rule: { any: ["for_statement", ...PY_COMPREHENSIONS].map((kind) => ({ kind })) } })) {
      const clause = loop.kind() === "for_statement" ? loop : loop.namedChildren().find((c) => c.kind() === "for_in_clause");
      const body = field(loop, "body");
      const iterable = clause ? field(clause, "right") : null;
      if (clause && body && iterable) loops.push({ vars: new Set(boundNames(field(clause, "left"), true)), body, iterable });
    }
    return loops;
  }
  const candidates = root.findAll({
    rule: {
      any: [
        { kind: "for_in_statement", regex: "^for\\s*(await\\s*)?\\([^)]*?\\bof\\b" },
        // rows.forEach(cb), rows.map(cb) …
        { kind: "call_expression", has: { field: "function", kind: "member_expression", regex: "\\.(forEach|map|flatMap)$" } },
      ],
    },
  });
  for (const node of candidates) {
    if (node.kind() === "for_in_statement") {
      const body = field(node, "body");
      const iterable = field(node, "right");
      if (body && iterable) loops.push({ vars: new Set(boundNames(field(node, "left"), false)), body, iterable });
      continue;
    }
    const iterable = field(field(node, "function")!, "object");
    const cb = field(node, "arguments")?.namedChildren()[0];
    if (!iterable || !cb || !/^(arrow_function|function_expression)$/.test(String(cb.kind()))) continue;
    const params = field(cb, "parameters") ?? field(cb, "parameter");
    const first = params?.kind() === "identifier" ? params : params?.namedChildren()[0];
    const body = field(cb, "body");
    if (!first || !body) continue;
    const target = first.kind() === "required_parameter" ? (field(first, "pattern") ?? first) : first;
    loops.push({ vars: new Set(boundNames(target, false)), body, iterable });
  }
  return loops;
}

/** Is the loop's iterable a query result: a query expression, or a variable assigned one in the same function? */
function iteratesRows(loop: Loop, python: boolean): boolean {
  const text = loop.iterable.text();
  const rowsRe = python ? PY_ROWS : JS_ROWS;
  if (rowsRe.test(text)) return true;
  const name = /^(\w+)(\.(items|rows|results|data|records))?$/.exec(text)?.[1];
  if (!name) return false;
  const scope = scopeOf(loop.iterable, python ? PY_SCOPE : JS_SCOPE);
  if (!scope) return false;
  const scopeText = scope.text();
  if (!(python ? PY_ROWS_QUICK : JS_ROWS_QUICK).test(scopeText) || !rowsRe.test(scopeText)) return false;
  const bindRe = `(^|[^\\w.])${name}([^\\w]|$)`;
  const bindings = python
    ? scope.findAll({ rule: { kind: "assignment", has: { field: "left", regex: bindRe } } }).map((a) => field(a, "right"))
    : [
        ...scope.findAll({ rule: { kind: "variable_declarator", has: { field: "name", regex: bindRe } } }).map((d) => field(d, "value")),
        ...scope.findAll({ rule: { kind: "assignment_expression", has: { field: "left", regex: bindRe } } }).map((a) => field(a, "right")),
      ];
  return bindings.some((value) => !!value && rowsRe.test(python ? stripAwait(value.text()) : value.text()));
}

/** Necessary conditions of PY_ROWS / JS_ROWS that a regex engine answers fast (no leading `\w*`). */
const PY_ROWS_QUICK =
  /\.(all|fetchall|fetchmany|scalars|unique|mappings)\(\s*\)|\.(paginate|query|execute|scalars)\(|\.query\.|\.objects\.|(repo|crud|dao|store)\w*(\.\w+)*\.(list|get_all|get_multi|get_many|find|search|fetch|all|filter|query)/;
const JS_ROWS_QUICK =
  /\.(findMany|findAll|findAndCount|getMany|getRawMany|findBy)\s*\(|[A-Z][a-z]\w*\.find\s*\(|(repo|Repo|repository|Repository)\w*\.find\s*\(|(pool|db|client|conn|connection|knex|sql|prisma|database)\.(query|execute|\$queryRaw|select|all|many|any)\b|\.select\(|knex\(/;

/** Bundled or minified code (long lines): not code a reviewer reads, and costly to walk. */
const isMinified = (ctx: FileCheckContext): boolean => ctx.text.length > 20_000 && ctx.text.length / Math.max(1, ctx.lines.length) > 250;

/** Cheap text test: could the loop body run a query at all? */
const PY_BODY_HINT = /\.(query|execute|scalars?|get|objects)\b|repo|repository|crud|dao/;
const JS_BODY_HINT = /\.(find\w*|count\w*|aggregate|groupBy|query|execute|one|oneOrNone|many|any|get|all|exists?)\s*\(|knex\(/;

function nPlusOneQuery(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  const python = isPython(ctx);
  // Cheap text tests first: something a loop body could query with, and a rows expression (quick form, then exact).
  if (!python && (isMinified(ctx) || !JS_QUERY_TEXT.test(ctx.text))) return [];
  if (!(python ? PY_BODY_HINT : JS_BODY_HINT).test(ctx.text)) return [];
  if (!(python ? PY_ROWS_QUICK : JS_ROWS_QUICK).test(ctx.text) || !(python ? PY_ROWS : JS_ROWS).test(ctx.text)) return [];
  const hits: Hit[] = [];
  const seen = new Set<number>();
  for (const loop of findLoops(ctx.root, python)) {
    if (loop.vars.size === 0 || !(python ? PY_BODY_HINT : JS_BODY_HINT).test(loop.body.text())) continue;
    if (!iteratesRows(loop, python)) continue;
    for (const call of loop.body.findAll({ rule: { kind: python ? "call" : "call_expression" } })) {
      if (!(python ? isPyQueryCall(call) : isJsQueryCall(call))) continue;
      if (!usesAny(call, loop.vars, python)) continue;
      const start = call.range().start.index;
      if (seen.has(start)) continue;
      seen.add(start);
      hits.push(hitAt(call));
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------
// check-then-insert-race

/** A handled race: upserts, conflict clauses, caught unique violations, row locks. */
const PY_RACE_HANDLED =
  /IntegrityError|UniqueViolation|on_conflict_do_(nothing|update)|ON\s+CONFLICT|with_for_update|get_or_create|update_or_create|\.merge\(|OR\s+IGNORE|upsert/i;
const JS_RACE_HANDLED =
  /upsert|findOrCreate|findOneOrCreate|onConflict|ON\s+CONFLICT|ignoreDuplicates|skipDuplicates|P2002|UniqueConstraint|unique constraint|E11000|\b11000\b|ER_DUP_ENTRY|23505|\$setOnInsert|orIgnore|orUpdate|duplicate key/i;

/** Cheap text tests: a lookup and an insert both occur. */
const PY_RACE_HINTS = [
  /\.(first|one_or_none|scalar_one_or_none|scalar|count|exists)\(|_by_\w+\s*\(|_exists?\w*\s*\(/,
  /\.(add|add_all|save|create|bulk_save_objects)\(|\binsert\(|\b(create|insert|add|register)_\w+\(/,
] as const;
const JS_RACE_HINTS = [
  /\.(findUnique|findFirst|findUniqueOrThrow|findFirstOrThrow|findOne|findOneBy|exists?|existsBy|count|countBy|countDocuments)\(/,
  /(?<!Object)\.(create|createMany|save|insert|insertMany|bulkCreate)\(/,
] as const;

interface Lookup {
  model: string;
  keys: Set<string>;
  /** Repository-style lookups (`get_user_by_email`) are matched to inserts by name, not by key. */
  repo: boolean;
  node: SgNode;
  end: number;
}

function pyLookup(text: string): Omit<Lookup, "node" | "end"> | undefined {
  const model =
    /\bquery\(\s*([A-Z]\w*)\s*[,)]/.exec(text)?.[1] ??
    /\bselect\(\s*([A-Z]\w*)\s*\)/.exec(text)?.[1] ??
    /\b([A-Z]\w*)\.query\.(filter|filter_by|where)\b/.exec(text)?.[1] ??
    /\b([A-Z]\w*)\.objects\.(filter|exclude)\b/.exec(text)?.[1];
  if (model) {
    if (!/\.(first|one_or_none|scalar_one_or_none|scalar|count|exists)\(\s*\)|\.scalar\(\s*\(?\s*select\(/.test(text)) return undefined;
    const keys = new Set<string>();
    for (const m of text.matchAll(/\b(?:filter_by|filter|exclude)\(([^()]*)\)/g))
      for (const k of m[1]!.matchAll(/\b(\w+?)(?:__i?exact)?\s*=(?!=)/g)) keys.add(k[1]!);
    for (const m of text.matchAll(new RegExp(`\\b${model}\\.(\\w+)\\s*==`, "g"))) keys.add(m[1]!);
    for (const m of text.matchAll(/func\.lower\(\s*\w+\.(\w+)\s*\)\s*==/g)) keys.add(m[1]!);
    keys.delete("id");
    if (keys.size === 0) return undefined;
    return { model, keys, repo: false };
  }
  // Repository style: crud.user.get_by_email(db, email=...), get_user_by_email(...), check_existing_registration(...)
  const byKey = /(?:^|[^\w.])((?:\w+\.)*)(?:get|find|fetch|lookup|select)_(?:(\w+?)_)?by_(\w+)\s*\(/.exec(text);
  if (byKey) {
    const owner = byKey[2] ?? byKey[1]!.replace(/\.$/, "");
    if (!owner || byKey[3] === "id") return undefined;
    return { model: owner, keys: new Set(byKey[3]!.split("_and_")), repo: true };
  }
  const existing = /(?:^|[^\w.])(?:\w+\.)*(?:(?:check|get|find)_existing_(\w+)|(\w+)_exists)\s*\(/.exec(text);
  if (existing) return { model: (existing[1] ?? existing[2])!, keys: new Set(), repo: true };
  return undefined;
}

function jsLookup(call: SgNode): Omit<Lookup, "node" | "end"> | undefined {
  const callee = calleeText(call);
  // Prisma's findUnique only accepts @unique fields: the database already refuses the duplicate.
  let model = /^(?:this\.)?(?:\w+\.)*?(\w+)\.(findFirst|findFirstOrThrow|count)$/.exec(callee)?.[1];
  model ??= /^([A-Z]\w*)\.(findOne|findOneBy|exists|count|countDocuments|countBy|existsBy)$/.exec(callee)?.[1];
  model ??= /^(?:this\.)?(\w*(?:repo|Repo|repository|Repository))\.(findOne|findOneBy|exist|exists|existsBy|count|countBy)$/.exec(callee)?.[1];
  if (!model) return undefined;
  const keys = new Set<string>();
  const structural = /^(where|select|include|attributes|raw|orderBy|order|relations|lean|data|transaction|AND|OR|equals|mode|id)$/;
  for (const prop of field(call, "arguments")?.findAll({ rule: { any: [{ kind: "property_identifier" }, { kind: "shorthand_property_identifier" }] } }) ?? []) {
    if (prop.kind() === "property_identifier" && prop.parent()?.kind() !== "pair") continue;
    if (!structural.test(prop.text())) keys.add(prop.text());
  }
  if (keys.size === 0) return undefined;
  return { model, keys, repo: false };
}

/** The lookup shapes `pyLookup` understands: a model query, or a repository `get_x_by_y`/`x_exists` call. */
const PY_LOOKUP_FORMS =
  /\bquery\(\s*[A-Z]|\bselect\(\s*[A-Z]|\b[A-Z]\w*\.query\.(filter|filter_by|where)\b|\b[A-Z]\w*\.objects\.(filter|exclude)\b|(?<!\w)(get|find|fetch|lookup|select)_(\w+?_)?by_\w+\s*\(|(?<!\w)(check|get|find)_existing_\w+\s*\(|\w_exists\s*\(/;

/**
 * The models a repository object stands for: `repo = ProjectRepository(db)`, `self.users = UserRepo(session)`,
 * `repo: ProjectRepository = Depends(...)` → `project`.
 */
function repositoryModelStems(owner: string, text: string): string[] {
  const name = owner.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?<![\\w.])${name}\\s*(?::\\s*|(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*)(?:\\w+\\.)*([A-Z]\\w*?)(?:Repository|Repo|Crud|CRUD|DAO|Dao|Store|Service)\\b`, "g");
  return [...text.matchAll(re)].map((m) => modelStem(m[1]!));
}

/** Calls that `pyLookup` / `jsLookup` can read as an existence check. */
const PY_LOOKUP_CALL_RULE = {
  rule: {
    kind: "call",
    has: {
      field: "function",
      regex: String.raw`(\.(first|one_or_none|scalar_one_or_none|scalar|count|exists)|(^|\.)(get|find|fetch|lookup|select)_(\w+_)?by_\w+|(^|\.)(check|get|find)_existing_\w+|\w_exists)$`,
    },
  },
};
const JS_LOOKUP_CALL_RULE = {
  rule: {
    kind: "call_expression",
    has: {
      field: "function",
      kind: "member_expression",
      has: { field: "property", regex: "^(findFirst|findFirstOrThrow|count|countBy|countDocuments|findOne|findOneBy|exists|existsBy|exist)$" },
    },
  },
};

interface Test {
  ifs: SgNode;
  /** `if not existing:` / `if (!user)`: the branch runs when no row was found. */
  negated: boolean;
}

function isNegated(condition: string): boolean {
  const t = condition.trim().replace(/^\(\s*/, "");
  if (/^(not\s|!(?!=))/.test(t)) return true;
  if (/\bis\s+None\b/.test(t)) return true;
  if (/(^|[^!=<>])==?=?\s*(null|undefined|None|0|False|false)\b/.test(t)) return true;
  return /<\s*1\b/.test(t);
}

/** The `if` that tests the lookup: it contains the lookup, or tests the variable the lookup is assigned to. */
function lookupTest(node: SgNode, scope: SgNode, python: boolean): Test | undefined {
  const scopes = python ? PY_SCOPE : JS_SCOPE;
  for (const ancestor of node.ancestors()) {
    if (sameNode(ancestor, scope)) break;
    const kind = ancestor.kind();
    if (kind === "if_statement") {
      const condition = field(ancestor, "condition");
      const inside = !!condition && condition.range().start.index <= node.range().start.index && condition.range().end.index >= node.range().end.index;
      return inside ? { ifs: ancestor, negated: isNegated(condition.text()) } : undefined;
    }
    if (kind === "assignment" || kind === "variable_declarator") {
      const names = new Set(boundNames(field(ancestor, python ? "left" : "name"), python));
      if (names.size === 0) return undefined;
      const after = ancestor.range().end.index;
      for (const ifs of ownNodes(scope, ["if_statement"], scopes)) {
        const condition = field(ifs, "condition");
        if (ifs.range().start.index >= after && condition && usesAny(condition, names, python))
          return { ifs, negated: isNegated(condition.text()) };
      }
      return undefined;
    }
    if (/statement$/.test(String(kind))) return undefined;
  }
  return undefined;
}

/** The insert of a row of the same model (with the same key) after the lookup, if any. */
function pyInsertAfter(scope: SgNode, lookup: Lookup): SgNode | undefined {
  const calls = ownNodes(scope, ["call"], PY_SCOPE).filter((c) => c.range().start.index >= lookup.end);
  const stem = modelStem(lookup.model);
  const adds = calls.some((c) => /\.(add|add_all|save|bulk_save_objects)$/.test(calleeText(c)));
  const isClass = /^[A-Z]\w*$/.test(lookup.model);
  for (const call of calls) {
    const callee = calleeText(call);
    if (isClass && callee === lookup.model && adds) return keyMatches(call, lookup.keys, true) ? call : undefined;
    if (isClass && new RegExp(`^${lookup.model}\\.(objects\\.)?create$`).test(callee)) return keyMatches(call, lookup.keys, true) ? call : undefined;
    if (isClass && /^((sa|sqlalchemy)\.)?insert$/.test(callee) && args0(call)?.text() === lookup.model) return call;
    const repo = /^((?:\w+\.)*)(create|insert|add|register|save)(?:_(\w+))?$/.exec(callee);
    if (repo && /^[a-z_.\d]+$/.test(callee)) {
      const owner = repo[3] ?? repo[1]!.replace(/\.$/, "");
      if (owner && owner.split(/[._]/).map(modelStem).includes(stem)) return call;
      if (owner && modelStem(owner) === stem) return call;
    }
  }
  return undefined;
}

function keyMatches(call: SgNode, keys: ReadonlySet<string>, python: boolean): boolean {
  const list = field(call, "arguments");
  if (!list || keys.size === 0) return true;
  if (python) {
    const kwargs = list.namedChildren().filter((c) => c.kind() === "keyword_argument");
    if (list.namedChildren().some((c) => c.kind() === "dictionary_splat") || kwargs.length === 0) return true;
    return kwargs.some((k) => keys.has(field(k, "name")?.text() ?? ""));
  }
  const props = list.findAll({ rule: { any: [{ kind: "property_identifier" }, { kind: "shorthand_property_identifier" }, { kind: "spread_element" }] } });
  if (props.length === 0 || props.some((p) => p.kind() === "spread_element")) return true;
  return props.some((p) => keys.has(p.text()));
}

function jsInsertAfter(scope: SgNode, lookup: Lookup): SgNode | undefined {
  const calls = ownNodes(scope, ["call_expression", "new_expression"], JS_SCOPE).filter((c) => c.range().start.index >= lookup.end);
  const model = lookup.model.replace(/[$]/g, "\\$");
  const saves = calls.some((c) => /\.(save|insert)$/.test(calleeText(c)));
  const insert = new RegExp(`^(?:this\\.)?(?:\\w+\\.)*${model}\\.(create|createMany|insert|insertMany|bulkCreate|save)$`);
  for (const call of calls) {
    if (call.kind() === "new_expression") {
      if ((field(call, "constructor")?.text() ?? "") === lookup.model && saves) return keyMatches(call, lookup.keys, false) ? call : undefined;
      continue;
    }
    if (insert.test(calleeText(call))) return keyMatches(call, lookup.keys, false) ? call : undefined;
  }
  return undefined;
}

const within = (node: SgNode, outer: SgNode | null): boolean =>
  !!outer && outer.range().start.index <= node.range().start.index && outer.range().end.index >= node.range().end.index;

/** Local variables replaced by the expressions assigned to them: `result.scalar_one_or_none()` → `(db.execute(select(User)…)).scalar_one_or_none()`. */
function expandLocals(text: string, locals: ReadonlyMap<string, string>): string {
  let out = text;
  for (let depth = 0; depth < 3; depth += 1) {
    const next = out.replace(/\b[a-z_]\w*\b/g, (name) => {
      const value = locals.get(name);
      return value !== undefined ? `(${value})` : name;
    });
    if (next === out || next.length > 4000) break;
    out = next;
  }
  return out;
}

function checkThenInsertRace(ctx: FileCheckContext): Hit[] {
  if (!ctx.root) return [];
  const python = isPython(ctx);
  const scopes = python ? PY_SCOPE : JS_SCOPE;
  const [lookupHint, insertHint] = python ? PY_RACE_HINTS : JS_RACE_HINTS;
  if (!python && isMinified(ctx)) return [];
  if (!lookupHint.test(ctx.text) || !insertHint.test(ctx.text)) return [];
  if (python && !PY_LOOKUP_FORMS.test(ctx.text)) return [];
  let uniqueCache: Set<string> | undefined;
  const unique = (): Set<string> => (uniqueCache ??= python ? uniqueColumnsOf(findModels(ctx.root!)) : new Set<string>());
  const hits: Hit[] = [];
  // The functions that hold a lookup call: one tree walk for the calls, then each call's enclosing function.
  const functions = new Map<string, SgNode>();
  for (const call of ctx.root.findAll((python ? PY_LOOKUP_CALL_RULE : JS_LOOKUP_CALL_RULE) as never)) {
    const scope = scopeOf(call, scopes);
    if (!scope || scope.kind() === "module" || scope.kind() === "program") continue;
    const { start, end } = scope.range();
    functions.set(`${start.index}:${end.index}`, scope);
  }
  for (const scope of functions.values()) {
    const text = scope.text();
    if (!lookupHint.test(text) || !insertHint.test(text)) continue;
    if ((python ? PY_RACE_HANDLED : JS_RACE_HANDLED).test(text)) continue;
    const lookups: Lookup[] = [];
    if (python) {
      // Query objects built over several statements: query = select(User)…; result = db.execute(query); user = result.first()
      const locals = new Map<string, string>();
      for (const node of ownNodes(scope, ["assignment", "if_statement"], scopes)) {
        const expr = node.kind() === "assignment" ? field(node, "right") : field(node, "condition");
        if (!expr) continue;
        const exprText = stripAwait(expr.text());
        const found = pyLookup(/\.(first|one_or_none|scalar_one_or_none|scalar|count|exists)\(/.test(exprText) ? expandLocals(exprText, locals) : exprText);
        if (found) lookups.push({ ...found, node: expr, end: expr.range().end.index });
        const left = node.kind() === "assignment" ? field(node, "left") : null;
        if (left?.kind() === "identifier" && /\b(select|query|execute|scalars?)\(/.test(exprText)) locals.set(left.text(), exprText);
      }
    } else {
      for (const call of ownNodes(scope, ["call_expression"], scopes)) {
        const found = jsLookup(call);
        if (found) lookups.push({ ...found, node: call, end: call.range().end.index });
      }
    }
    for (const lookup of lookups) {
      const test = lookupTest(lookup.node, scope, python);
      if (!test) continue;
      const insert = python ? pyInsertAfter(scope, lookup) : jsInsertAfter(scope, lookup);
      if (!insert) continue;
      // `if existing: raise` then insert, or `if not existing: insert`; not `if not user: raise` then a write.
      const inBranch = within(insert, field(test.ifs, "consequence"));
      if (test.negated !== inBranch) continue;
      // The database already refuses the duplicate (the model, here or elsewhere, declares the key unique).
      const stems = [modelStem(lookup.model), ...(lookup.repo ? repositoryModelStems(lookup.model, ctx.text) : [])];
      if ([...lookup.keys].some((key) => stems.some((stem) => unique().has(`${stem}.${key}`) || ctx.facts.uniqueColumns.has(`${stem}.${key}`)))) continue;
      hits.push(hitAt(lookup.node));
      break;
    }
  }
  return hits;
}

export const dataModelChecks: Record<string, Check> = {
  "sqlalchemy-unique-constraint-missing": { kind: "file", run: uniqueConstraintMissing },
  "sqlalchemy-foreign-key-type-mismatch": { kind: "file", run: foreignKeyTypeMismatch },
  "n-plus-one-query": { kind: "file", run: nPlusOneQuery },
  "check-then-insert-race": { kind: "file", run: checkThenInsertRace },
};
