/**
 * SQLAlchemy (and Flask-SQLAlchemy, SQLModel) model definitions read from
 * Python source: tables, their columns, column types, primary keys, foreign
 * keys and unique constraints. The repository facts keep the primary-key type
 * of every table (`primaryKeyTypes`); the data-model checks read the models of
 * the file they analyze.
 */
import { parse, type SgNode } from "@ast-grep/napi";
import { registerLanguages } from "../languages.js";

/** At most this many model files are read for the repository facts. */
export const MAX_MODEL_FILES = 200;

/** A column type reduced to what decides whether two columns can reference each other. */
export type TypeFamily = "uuid" | "integer" | "string";

/** Stored for a table whose primary key is declared with different types in different files. */
export const AMBIGUOUS_TYPE = "ambiguous";

export interface ModelColumn {
  /** The attribute (or, for `Table(...)`, the column) name. */
  name: string;
  /** The declared type as written (`PGUUID(as_uuid=True)`, `Mapped[int]`, `String(36)` …). */
  typeText: string | undefined;
  family: TypeFamily | undefined;
  primaryKey: boolean;
  unique: boolean;
  /** `ForeignKey("schema.table.column")` → table and column. */
  foreignKey: { table: string; column: string } | undefined;
  /** The statement (class attribute) or `Column(...)` call (Table style) that declares the column. */
  node: SgNode;
  /** The `Column(...)` / `mapped_column(...)` / `Field(...)` call. */
  call: SgNode;
}

export interface Model {
  /** Class name, or the variable a `Table(...)` is assigned to. */
  name: string;
  /** `__tablename__`, the `Table(...)` name, or the name Flask-SQLAlchemy / SQLModel derive. */
  table: string | undefined;
  kind: "class" | "table";
  /** The class definition or the `Table(...)` call. */
  node: SgNode;
  /** The class name identifier, or the `Table(...)` call. */
  anchor: SgNode;
  columns: ModelColumn[];
  /** Text of the docstring (classes only). */
  docstring: string | undefined;
  /** Comments inside the class body or the `Table(...)` call. */
  comments: SgNode[];
  /** Unique or composite-primary-key declarations beyond single columns. */
  hasUniqueConstraint: boolean;
  /** `@validates(...)` methods and `CheckConstraint(...)`s, for writer-side bounds. */
  text: string;
}

const COLUMN_CALL = /^((sa|sqlalchemy|db|orm)\.)?(Column|mapped_column)$/;
const FIELD_CALL = /^((sqlmodel)\.)?Field$/;
const TABLE_CALL = /^((sa|sqlalchemy|db)\.)?Table$/;
const FK_CALL = /^((sa|sqlalchemy|db|schema)\.)?ForeignKey$/;
const NON_TYPE_CALL = /^((sa|sqlalchemy|db)\.)?(ForeignKey|Sequence|Identity|Computed|FetchedValue|DefaultClause)$/;

const field = (node: SgNode, name: string): SgNode | null => node.field(name as never) as SgNode | null;

/** Reduces a type expression to a family: UUIDs, integers, strings. */
export function typeFamily(typeText: string | undefined): TypeFamily | undefined {
  if (!typeText) return undefined;
  // `Mapped[Optional[uuid.UUID]]`, `Optional[int]`, `int | None` …: look at the inner type.
  const text = typeText.replace(/\b(Mapped|Optional|Annotated)\[/g, "").replace(/\|\s*None\b|\bNone\s*\|/g, "");
  if (/\b(UUID|Uuid|GUID|UUIDType|PGUUID|UNIQUEIDENTIFIER|uuid)\b/.test(text)) return "uuid";
  if (/\b(Integer|BigInteger|SmallInteger|INTEGER|BIGINT|SMALLINT|INT|int)\b/.test(text)) return "integer";
  if (/\b(String|Text|Unicode|UnicodeText|VARCHAR|NVARCHAR|CHAR|TEXT|str)\b/.test(text)) return "string";
  return undefined;
}

/** Flask-SQLAlchemy's default table name: `OAuthClient` → `o_auth_client`. */
export function flaskTableName(className: string): string {
  return className
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

function stringValue(node: SgNode | null | undefined): string | undefined {
  if (!node || node.kind() !== "string") return undefined;
  if (node.children().some((c) => c.kind() === "interpolation")) return undefined;
  const content = node.children().find((c) => c.kind() === "string_content");
  return content ? content.text() : "";
}

function callName(call: SgNode): string {
  return field(call, "function")?.text() ?? "";
}

function args(call: SgNode): SgNode[] {
  return field(call, "arguments")?.namedChildren().filter((c) => c.kind() !== "comment") ?? [];
}

function keyword(call: SgNode, name: string): SgNode | undefined {
  for (const arg of args(call)) {
    if (arg.kind() === "keyword_argument" && field(arg, "name")?.text() === name) return field(arg, "value") ?? undefined;
  }
  return undefined;
}

const isTrue = (node: SgNode | undefined): boolean => node?.kind() === "true";

function foreignKeyOf(call: SgNode): ModelColumn["foreignKey"] {
  for (const arg of args(call)) {
    if (arg.kind() !== "call" || !FK_CALL.test(callName(arg))) continue;
    const target = stringValue(args(arg)[0]);
    if (!target) return undefined;
    const parts = target.split(".");
    if (parts.length < 2) return undefined;
    return { table: parts[parts.length - 2]!, column: parts[parts.length - 1]! };
  }
  return undefined;
}

/** The type argument of a `Column(...)`: the first positional argument that is not the name or a constraint. */
function columnTypeText(call: SgNode): string | undefined {
  for (const arg of args(call)) {
    const kind = arg.kind();
    if (kind === "keyword_argument") {
      if (field(arg, "name")?.text() === "type_") return field(arg, "value")?.text();
      continue;
    }
    if (kind === "string" || kind === "list_splat" || kind === "dictionary_splat") continue;
    if (kind === "call" && NON_TYPE_CALL.test(callName(arg))) continue;
    return arg.text();
  }
  return undefined;
}

function columnFromCall(name: string, call: SgNode, node: SgNode, annotation: string | undefined): ModelColumn {
  const explicit = FIELD_CALL.test(callName(call)) ? undefined : columnTypeText(call);
  const typeText = explicit ?? annotation;
  return {
    name,
    typeText,
    family: typeFamily(typeText),
    primaryKey: isTrue(keyword(call, "primary_key")),
    unique: isTrue(keyword(call, "unique")),
    foreignKey: foreignKeyOf(call) ?? fieldForeignKey(call),
    node,
    call,
  };
}

/** SQLModel: `Field(foreign_key="users.id")`. */
function fieldForeignKey(call: SgNode): ModelColumn["foreignKey"] {
  if (!FIELD_CALL.test(callName(call))) return undefined;
  const target = stringValue(keyword(call, "foreign_key"));
  const parts = target?.split(".") ?? [];
  return parts.length >= 2 ? { table: parts[parts.length - 2]!, column: parts[parts.length - 1]! } : undefined;
}

function baseNames(cls: SgNode): { names: string[]; sqlmodelTable: boolean } {
  const list = field(cls, "superclasses");
  const names: string[] = [];
  let sqlmodelTable = false;
  for (const arg of list?.namedChildren() ?? []) {
    if (arg.kind() === "keyword_argument") {
      if (field(arg, "name")?.text() === "table" && isTrue(field(arg, "value") ?? undefined)) sqlmodelTable = true;
    } else names.push(arg.text());
  }
  return { names, sqlmodelTable };
}

function classModel(cls: SgNode): Model | undefined {
  const nameNode = field(cls, "name");
  const body = field(cls, "body");
  if (!nameNode || !body) return undefined;
  const { names: bases, sqlmodelTable } = baseNames(cls);
  // `class User(UserBase, table=True)`: a SQLModel table whose fields may come from a base class.
  const isSqlModel = sqlmodelTable || bases.some((b) => /(^|\.)SQLModel$/.test(b));
  let table: string | undefined;
  let docstring: string | undefined;
  let tableArgs = "";
  const columns: ModelColumn[] = [];
  const statements = body.namedChildren();
  statements.forEach((statement, index) => {
    if (statement.kind() !== "expression_statement") return;
    const inner = statement.namedChildren()[0];
    if (!inner) return;
    if (index === 0 && inner.kind() === "string") {
      docstring = stringValue(inner) ?? inner.text();
      return;
    }
    if (inner.kind() !== "assignment") return;
    const left = field(inner, "left");
    const right = field(inner, "right");
    if (!left || left.kind() !== "identifier" || !right) return;
    const name = left.text();
    if (name === "__tablename__") {
      table = stringValue(right) ?? table;
      return;
    }
    if (name === "__table_args__") {
      tableArgs = right.text();
      return;
    }
    if (right.kind() !== "call") return;
    const fn = callName(right);
    const annotation = field(inner, "type")?.text();
    if (COLUMN_CALL.test(fn) || (isSqlModel && FIELD_CALL.test(fn))) {
      columns.push(columnFromCall(name, right, statement, annotation));
    }
  });
  if (columns.length === 0 && table === undefined && !sqlmodelTable) return undefined;
  if (table === undefined) {
    if (bases.some((b) => /(^|\.)Model$/.test(b)) && !bases.some((b) => /DeclarativeBase|AbstractConcreteBase/.test(b)))
      table = flaskTableName(nameNode.text());
    else if (isSqlModel && sqlmodelTable) table = nameNode.text().toLowerCase();
  }
  const text = cls.text();
  const primaryKeys = columns.filter((c) => c.primaryKey).length;
  return {
    name: nameNode.text(),
    table,
    kind: "class",
    node: cls,
    anchor: nameNode,
    columns,
    docstring,
    // Comments on the columns, not those inside methods.
    comments: body.findAll({ rule: { kind: "comment", not: { inside: { kind: "function_definition", stopBy: "end" } } } }),
    hasUniqueConstraint:
      /\b(UniqueConstraint|PrimaryKeyConstraint)\s*\(/.test(tableArgs) ||
      /\bIndex\s*\([^)]*unique\s*=\s*True/.test(tableArgs) ||
      primaryKeys >= 2,
    text,
  };
}

function tableModel(call: SgNode): Model | undefined {
  const list = args(call);
  const table = stringValue(list[0]);
  if (table === undefined) return undefined;
  const columns: ModelColumn[] = [];
  let constraints = "";
  for (const arg of list.slice(1)) {
    if (arg.kind() !== "call") continue;
    const fn = callName(arg);
    if (/^((sa|sqlalchemy|db)\.)?Column$/.test(fn)) {
      const name = stringValue(args(arg)[0]);
      if (name !== undefined) columns.push(columnFromCall(name, arg, arg, undefined));
    } else constraints += `${arg.text()}\n`;
  }
  const assigned = call.parent();
  const varName = assigned?.kind() === "assignment" ? (field(assigned, "left")?.text() ?? table) : table;
  const primaryKeys = columns.filter((c) => c.primaryKey).length;
  return {
    name: varName,
    table,
    kind: "table",
    node: call,
    anchor: call,
    columns,
    docstring: undefined,
    comments: field(call, "arguments")?.findAll({ rule: { kind: "comment" } }) ?? [],
    hasUniqueConstraint:
      /\b(UniqueConstraint|PrimaryKeyConstraint)\s*\(/.test(constraints) || /\bIndex\s*\([^)]*unique\s*=\s*True/.test(constraints) || primaryKeys >= 2,
    text: call.text(),
  };
}

/** Every model class and `Table(...)` in a parsed Python module. */
export function findModels(root: SgNode): Model[] {
  const models: Model[] = [];
  for (const cls of root.findAll({ rule: { kind: "class_definition" } })) {
    const model = classModel(cls);
    if (model) models.push(model);
  }
  for (const call of root.findAll({ rule: { kind: "call", has: { field: "function", regex: TABLE_CALL.source } } })) {
    const model = tableModel(call);
    if (model) models.push(model);
  }
  return models;
}

/** `table` and `table.column` → type family of each single-column primary key. */
export function primaryKeyTypesOf(models: readonly Model[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const model of models) {
    if (!model.table) continue;
    const keys = model.columns.filter((c) => c.primaryKey);
    if (keys.length !== 1) continue;
    const key = keys[0]!;
    const family = key.family ?? AMBIGUOUS_TYPE;
    out.set(model.table, family);
    out.set(`${model.table}.${key.name}`, family);
  }
  return out;
}

/** Primary-key types of the models in one Python file's text. */
export function extractPrimaryKeyTypes(text: string): Map<string, string> {
  if (!text.includes("primary_key")) return new Map();
  registerLanguages();
  return primaryKeyTypesOf(findModels(parse("python", text).root()));
}

/**
 * The name a model goes by in code that uses it: `users`, `User`, `UserBase`,
 * `UserRepository`, `crud.user`, `get_user_by_email`'s `user` → `user`.
 */
export function modelStem(text: string): string {
  return text
    .replace(/^.*\./, "")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/_?(repo|repository|crud|dao|store|model|table|record|base|orm|db)$/, "")
    .replace(/^(repo|repository|crud|dao)_?/, "")
    .replace(/ies$/, "y")
    .replace(/(ss|sh|ch|x|z|us|as|is)es$/, "$1")
    .replace(/([^saiu])s$/, "$1");
}

/** `stem.column` of every column a unique constraint covers (alone or with others). */
export function uniqueColumnsOf(models: readonly Model[]): Set<string> {
  const out = new Set<string>();
  for (const model of models) {
    const stems = new Set([modelStem(model.name), ...(model.table ? [modelStem(model.table)] : [])]);
    const columns = new Set(model.columns.filter((c) => c.unique).map((c) => c.name));
    for (const constraint of model.text.matchAll(/\b(?:UniqueConstraint|PrimaryKeyConstraint)\s*\(([^)]*)\)|\bIndex\s*\(([^)]*unique\s*=\s*True[^)]*)\)/g)) {
      for (const name of (constraint[1] ?? constraint[2] ?? "").matchAll(/["'](\w+)["']/g)) columns.add(name[1]!);
    }
    const keys = model.columns.filter((c) => c.primaryKey);
    if (keys.length > 1) for (const key of keys) columns.add(key.name);
    for (const stem of stems) for (const column of columns) out.add(`${stem}.${column}`);
  }
  return out;
}

/** Adds what one Python file's models say to the repository facts. */
export function addModelFacts(facts: { primaryKeyTypes: Map<string, string>; uniqueColumns: Set<string> }, text: string): void {
  if (!text.includes("primary_key") && !/\bunique\s*=\s*True|UniqueConstraint/.test(text)) return;
  registerLanguages();
  const models = findModels(parse("python", text).root());
  mergePrimaryKeyTypes(facts.primaryKeyTypes, primaryKeyTypesOf(models));
  for (const column of uniqueColumnsOf(models)) facts.uniqueColumns.add(column);
}

/** Adds `from` into `into`; a table declared with two different key types becomes ambiguous. */
export function mergePrimaryKeyTypes(into: Map<string, string>, from: ReadonlyMap<string, string>): void {
  for (const [key, type] of from) {
    const known = into.get(key);
    into.set(key, known === undefined || known === type ? type : AMBIGUOUS_TYPE);
  }
}

/** Paths that hold models: under `models/`, or named `models.py` / `*model*.py`. */
export function isModelFileCandidate(path: string): boolean {
  if (!path.endsWith(".py")) return false;
  if (/(^|\/)(node_modules|\.venv|venv|site-packages|dist|build|vendor|migrations|alembic|versions|tests?)\//.test(path)) return false;
  if (/(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(path)) return false;
  return /(^|\/)models?\//.test(path) || /(^|\/)[^/]*models?[^/]*\.py$/i.test(path);
}
