/**
 * Python dependency manifests, read with their real syntax: pip requirements
 * files (and pip-tools `.in` files), pyproject.toml (PEP 621, PEP 735
 * dependency groups, Poetry, PDM, Hatch, Flit, uv), setup.cfg, Pipfile,
 * setup.py's literal `install_requires`, and tox.ini's `deps`. The result
 * feeds the undeclared-dependency rule: which distributions are declared,
 * which only for development, where manifests live, and which top-level
 * modules belong to the repository itself.
 */
import { parse as parseToml } from "smol-toml";
import { IMPLIED_DISTRIBUTIONS } from "./python-distributions.js";

/** One requirement: a distribution name (PEP 503 normalized) and its extras. */
export interface PythonRequirement {
  name: string;
  extras: string[];
}

/** What one manifest declares. `judgeable` is false when its dependencies are computed (a setup.py that reads them at run time). */
export interface ParsedPythonManifest {
  prod: PythonRequirement[];
  dev: PythonRequirement[];
  /** Other files the manifest takes requirements from (`-r`, `file:`), as repository paths, with their role. */
  includes: Array<{ path: string; dev: boolean }>;
  judgeable: boolean;
}

export interface PythonManifestFacts {
  pythonDeclared: Set<string>;
  pythonDevDeclared: Set<string>;
  pythonManifestFound: boolean;
  pythonManifestDirs: string[];
  pythonLocalModules: Set<string>;
}

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizeDistName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

const REQUIREMENTS_FILE = /(^|\/)[^/]*requirements[^/]*\.(txt|in|pip)$/i;
const IN_REQUIREMENTS_DIR = /(^|\/)requirements\/[^/]+\.(txt|in|pip)$/i;
const OTHER_MANIFEST = /(^|\/)(pyproject\.toml|setup\.cfg|setup\.py|Pipfile|tox\.ini)$/;
const SKIP_DIRS = /(^|\/)(node_modules|\.venv|venv|\.tox|\.nox|site-packages|__pycache__|\.git)\//;

/** Is this path a Python dependency manifest the context reads? */
export function isPythonManifestPath(path: string): boolean {
  if (SKIP_DIRS.test(path)) return false;
  return REQUIREMENTS_FILE.test(path) || IN_REQUIREMENTS_DIR.test(path) || OTHER_MANIFEST.test(path);
}

/** Names of groups, extras and files that hold development-only requirements. */
const DEV_WORD = /(^|[^a-z0-9])(dev|devel|develop|development|tests?|testing|lint|linting|docs?|documentation|ci|typing|types|mypy|style|qa|check|checks|tox|nox|local|bench|benchmarks?|coverage|format|formatting|pre-?commit|build|release|debug|profiling|notebooks?|examples?)([^a-z0-9]|$)/i;

export function isDevGroupName(name: string): boolean {
  return DEV_WORD.test(name);
}

/** Is a requirements file (by its path) for development only? `requirements-dev.txt`, `requirements/test.txt`, `docs/requirements.txt`. */
export function isDevRequirementsPath(path: string): boolean {
  const parts = path.toLowerCase().split("/");
  const base = parts.pop()!.replace(/\.(txt|in|pip)$/, "").replace(/requirements?/g, " ");
  return isDevGroupName(base) || parts.some((p) => isDevGroupName(p));
}

const NAME_AT_START = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[([^\]]*)\])?/;
const MARKER_VARS = /^\s*(python_version|python_full_version|os_name|sys_platform|platform_release|platform_system|platform_version|platform_machine|platform_python_implementation|implementation_name|implementation_version|extra)\b/;

/** A PEP 508 requirement string: `name[extra1,extra2] >=1.0 ; marker`, `name @ https://…`. */
export function parsePep508(spec: string): PythonRequirement | undefined {
  const match = NAME_AT_START.exec(spec.trim());
  if (!match) return undefined;
  const extras = (match[3] ?? "")
    .split(",")
    .map((e) => normalizeDistName(e.trim()))
    .filter(Boolean);
  return { name: normalizeDistName(match[1]!), extras };
}

/** The project name of a URL or file requirement: `#egg=name`, or a wheel/sdist file name. */
function nameFromUrl(url: string): PythonRequirement | undefined {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?/.exec(url);
  if (egg) {
    const name = egg[1]!.replace(/-\d.*$/, "");
    return parsePep508(name + (egg[2] ?? ""));
  }
  const file = /([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^/]*\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.exec(url.split(/[?#]/)[0]!);
  return file ? parsePep508(file[1]!) : undefined;
}

function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
  const out = dir ? dir.split("/") : [];
  for (const part of rel.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join("/");
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * A pip requirements file. Handles comments (`#` at the start or after
 * whitespace), line continuations, `-r`/`--requirement` includes (returned,
 * resolved against the file's folder), `-c` constraints (not declarations),
 * `-e` editables, options (`--index-url`, `--hash=…`), environment markers,
 * `name @ url`, and bare VCS/archive URLs with `#egg=`.
 */
export function parseRequirementsTxt(text: string, path: string, dev = isDevRequirementsPath(path)): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: true };
  const target = dev ? out.dev : out.prod;
  const dir = dirOf(path);
  // `.`, `-e .[dev]`, `./libs/core`: a project in the repository whose own manifest says what it needs.
  // The file can be judged only if that manifest can.
  // pip reads these relative to the working folder, not the file: the folder the file speaks for.
  const localProject = (spec: string) => {
    const folder = joinPath(manifestScope(path), spec.replace(/^file:/, "").replace(/\[[^\]]*\]$/, ""));
    if (folder === undefined || /^[a-z][a-z0-9+.-]*:/i.test(spec)) return;
    out.judgeable = false;
    for (const file of ["pyproject.toml", "setup.cfg", "setup.py"]) out.includes.push({ path: folder ? `${folder}/${file}` : file, dev });
  };
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    if (raw.endsWith("\\")) {
      pending += raw.slice(0, -1) + " ";
      continue;
    }
    logical.push(pending + raw);
    pending = "";
  }
  if (pending) logical.push(pending);

  for (const full of logical) {
    const line = full.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const option = /^(-r|--requirement|-c|--constraint|-e|--editable)(?:\s*=\s*|\s+|(?=[^-\s]))(\S+)/.exec(line);
    if (option) {
      const [, flag, value] = option;
      if (flag === "-r" || flag === "--requirement") {
        const included = joinPath(dir, value!);
        if (included !== undefined) out.includes.push({ path: included, dev });
      } else if (flag === "-e" || flag === "--editable") {
        const req = nameFromUrl(value!);
        if (req) target.push(req);
        else localProject(value!);
      }
      continue;
    }
    if (line.startsWith("-")) continue; // --index-url, --find-links, --pre, --no-binary …
    if (line.includes("${")) continue; // environment-variable interpolation: unknown at review time
    const spec = line.replace(/\s--?[a-z][\w-]*(=\S*)?/gi, " ").trim(); // trailing per-requirement options (--hash=…)
    if (/^(git\+|hg\+|svn\+|bzr\+|https?:|file:|\.{1,2}(\/|\[|$)|\/)/i.test(spec) || /\.(whl|tar\.gz|zip)$/i.test(spec)) {
      const req = nameFromUrl(spec);
      if (req) target.push(req);
      else localProject(spec);
      continue;
    }
    const req = parsePep508(spec);
    if (req) target.push(req);
  }
  return out;
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function pep508List(v: unknown): PythonRequirement[] {
  return strings(v)
    .map(parsePep508)
    .filter((r): r is PythonRequirement => r !== undefined);
}

/** Poetry/Pipfile style: `{ name = "^1.0" }` or `{ name = { version = "…", extras = [...] } }`. */
function tableDeps(v: unknown): PythonRequirement[] {
  if (!isTable(v)) return [];
  const out: PythonRequirement[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (key.toLowerCase() === "python") continue;
    const extras = isTable(value) ? strings(value.extras).map(normalizeDistName) : [];
    const req = parsePep508(key);
    if (req) out.push({ name: req.name, extras: [...req.extras, ...extras] });
  }
  return out;
}

function pushGroup(out: ParsedPythonManifest, group: string, reqs: PythonRequirement[], defaultDev = false): void {
  (defaultDev || isDevGroupName(group) ? out.dev : out.prod).push(...reqs);
}

/** pyproject.toml: PEP 621 `[project]`, PEP 735 `[dependency-groups]`, Poetry, PDM, Hatch, Flit, uv, setuptools dynamic files. */
export function parsePyprojectToml(text: string, path = "pyproject.toml"): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: false };
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch {
    return out;
  }
  const dir = dirOf(path);
  const tool = isTable(doc.tool) ? doc.tool : {};
  const project = isTable(doc.project) ? doc.project : undefined;

  if (project) {
    const dynamic = strings(project.dynamic);
    out.prod.push(...pep508List(project.dependencies));
    if (isTable(project["optional-dependencies"])) {
      for (const [group, list] of Object.entries(project["optional-dependencies"])) pushGroup(out, group, pep508List(list));
    }
    let resolved = !dynamic.includes("dependencies");
    // setuptools: [tool.setuptools.dynamic] dependencies = { file = ["requirements.txt"] }
    const setuptoolsDynamic = isTable(tool.setuptools) && isTable(tool.setuptools.dynamic) ? tool.setuptools.dynamic : {};
    const fileRefs = (spec: unknown): string[] => (isTable(spec) ? (typeof spec.file === "string" ? [spec.file] : strings(spec.file)) : []);
    for (const file of fileRefs(setuptoolsDynamic.dependencies)) {
      const included = joinPath(dir, file);
      if (included !== undefined) {
        out.includes.push({ path: included, dev: false });
        resolved = true;
      }
    }
    if (isTable(setuptoolsDynamic["optional-dependencies"])) {
      for (const [group, spec] of Object.entries(setuptoolsDynamic["optional-dependencies"])) {
        for (const file of fileRefs(spec)) {
          const included = joinPath(dir, file);
          if (included !== undefined) out.includes.push({ path: included, dev: isDevGroupName(group) });
        }
      }
    }
    // hatch-requirements-txt: [tool.hatch.metadata.hooks.requirements_txt] files = [...]
    const hatch = isTable(tool.hatch) ? tool.hatch : {};
    const hooks = isTable(hatch.metadata) && isTable(hatch.metadata.hooks) ? hatch.metadata.hooks : {};
    if (isTable(hooks.requirements_txt)) {
      for (const file of strings(hooks.requirements_txt.files)) {
        const included = joinPath(dir, file);
        if (included !== undefined) {
          out.includes.push({ path: included, dev: false });
          resolved = true;
        }
      }
    }
    if (resolved) out.judgeable = true;
  }

  if (isTable(doc["dependency-groups"])) {
    out.judgeable = true;
    const groups = doc["dependency-groups"];
    const expand = (name: string, seen: Set<string>): PythonRequirement[] => {
      if (seen.has(name)) return [];
      seen.add(name);
      const list = groups[name];
      if (!Array.isArray(list)) return [];
      return list.flatMap((item) => {
        if (typeof item === "string") return pep508List([item]);
        if (isTable(item) && typeof item["include-group"] === "string") return expand(item["include-group"], seen);
        return [];
      });
    };
    for (const group of Object.keys(groups)) pushGroup(out, group, expand(group, new Set()));
  }

  const poetry = isTable(tool.poetry) ? tool.poetry : undefined;
  if (poetry && (poetry.dependencies !== undefined || poetry.name !== undefined)) {
    out.judgeable = true;
    out.prod.push(...tableDeps(poetry.dependencies));
    out.dev.push(...tableDeps(poetry["dev-dependencies"]));
    if (isTable(poetry.group)) {
      for (const [group, spec] of Object.entries(poetry.group)) {
        if (isTable(spec)) pushGroup(out, group, tableDeps(spec.dependencies), group !== "main" && spec.optional === true);
      }
    }
  }

  const pdm = isTable(tool.pdm) ? tool.pdm : undefined;
  if (pdm && isTable(pdm["dev-dependencies"])) {
    out.judgeable = true;
    for (const list of Object.values(pdm["dev-dependencies"])) out.dev.push(...pep508List(list));
  }

  const uv = isTable(tool.uv) ? tool.uv : undefined;
  if (uv) out.dev.push(...pep508List(uv["dev-dependencies"]));

  // Hatch environments (test, lint, docs …) install their own dependencies.
  const hatch = isTable(tool.hatch) ? tool.hatch : {};
  if (isTable(hatch.envs)) {
    for (const env of Object.values(hatch.envs)) {
      if (!isTable(env)) continue;
      out.dev.push(...pep508List(env.dependencies), ...pep508List(env["extra-dependencies"]));
    }
  }

  // Flit before PEP 621: [tool.flit.metadata] requires / requires-extra.
  const flit = isTable(tool.flit) && isTable(tool.flit.metadata) ? tool.flit.metadata : undefined;
  if (flit) {
    out.judgeable = true;
    out.prod.push(...pep508List(flit.requires));
    if (isTable(flit["requires-extra"])) {
      for (const [group, list] of Object.entries(flit["requires-extra"])) pushGroup(out, group, pep508List(list));
    }
  }

  // Build requirements (setuptools, hatchling, Cython …) are there for setup.py and build scripts.
  if (isTable(doc["build-system"])) out.dev.push(...pep508List(doc["build-system"].requires));
  return out;
}

/** INI sections → key → value, with continuation lines joined by newlines (setup.cfg, tox.ini). */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") {
      continue;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = new Map();
      sections.set(header[1]!.trim(), section);
      key = undefined;
      continue;
    }
    if (!section) continue;
    if (/^\s/.test(raw) && key !== undefined) {
      section.set(key, `${section.get(key)}\n${raw.trim()}`);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv) {
      key = kv[1]!.trim();
      section.set(key, kv[2]!.trim());
    }
  }
  return sections;
}

/** A setup.cfg list value: a dangling list, one per line, or `a; b` on one line (setuptools' list-semi). */
function cfgRequirements(value: string, dir: string, includes: ParsedPythonManifest["includes"], dev: boolean): PythonRequirement[] {
  const out: PythonRequirement[] = [];
  const fileDirective = /^file:\s*(.+)$/.exec(value.trim());
  if (fileDirective) {
    for (const file of fileDirective[1]!.split(",")) {
      const included = joinPath(dir, file.trim());
      if (included !== undefined) includes.push({ path: included, dev });
    }
    return out;
  }
  for (const line of value.split("\n")) {
    const clean = line.replace(/(^|\s)#.*$/, "").trim();
    if (!clean) continue;
    const parts = clean.includes(";") && !/;\s*(python_|sys_|os_|platform_|implementation_|extra)/.test(clean) ? clean.split(";") : [clean];
    for (const part of parts) {
      if (MARKER_VARS.test(part)) continue;
      const req = parsePep508(part);
      if (req) out.push(req);
    }
  }
  return out;
}

/** setup.cfg: `[options] install_requires`, `setup_requires`, `tests_require`, `[options.extras_require]`. */
export function parseSetupCfg(text: string, path = "setup.cfg"): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: false };
  const ini = parseIni(text);
  const dir = dirOf(path);
  const options = ini.get("options");
  if (options) {
    out.judgeable = true;
    const install = options.get("install_requires");
    if (install !== undefined) out.prod.push(...cfgRequirements(install, dir, out.includes, false));
    for (const key of ["setup_requires", "tests_require"]) {
      const value = options.get(key);
      if (value !== undefined) out.dev.push(...cfgRequirements(value, dir, out.includes, true));
    }
  } else if (ini.has("metadata")) out.judgeable = true;
  const extras = ini.get("options.extras_require");
  if (extras) {
    for (const [group, value] of extras) {
      const dev = isDevGroupName(group);
      (dev ? out.dev : out.prod).push(...cfgRequirements(value, dir, out.includes, dev));
    }
  }
  return out;
}

/** tox.ini: `deps` of every `[testenv…]` section (test and lint tooling), with `-r` includes. */
export function parseToxIni(text: string, path = "tox.ini"): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: false };
  for (const [name, section] of parseIni(text)) {
    if (!name.startsWith("testenv")) continue;
    const deps = section.get("deps");
    if (deps === undefined) continue;
    // tox factor conditions (`py38: mock`) prefix a requirement.
    const lines = deps.split("\n").map((l) => l.replace(/^[\w,{}-]+:\s+/, ""));
    const parsed = parseRequirementsTxt(lines.join("\n"), path, true);
    out.dev.push(...parsed.dev, ...parsed.prod);
    out.includes.push(...parsed.includes.map((i) => ({ ...i, dev: true })));
  }
  return out;
}

/** Pipfile: `[packages]` and `[dev-packages]`. */
export function parsePipfile(text: string): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: false };
  try {
    const doc = parseToml(text) as Table;
    out.judgeable = isTable(doc.packages) || isTable(doc["dev-packages"]);
    out.prod.push(...tableDeps(doc.packages));
    out.dev.push(...tableDeps(doc["dev-packages"]));
  } catch {
    // not TOML: nothing declared, nothing judged
  }
  return out;
}

/** The string literals of a Python list literal starting at `text[start] === "["`, or undefined if it holds anything else. */
function stringListAt(text: string, start: number): string[] | undefined {
  return stringListWithEnd(text, start)?.items;
}

/** Like stringListAt, with the index just past the closing bracket. */
function stringListWithEnd(text: string, start: number): { items: string[]; end: number } | undefined {
  const items: string[] = [];
  let i = start + 1;
  const re = /\s*(?:#[^\n]*\n\s*)*(?:([rbuRBU]?)("""|'''|"|')|(\])|(,))/y;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    i = re.lastIndex;
    if (m[3]) return { items, end: i };
    if (m[4]) continue;
    const quote = m[2]!;
    const end = text.indexOf(quote, i);
    if (end < 0) return undefined;
    items.push(text.slice(i, end));
    i = end + quote.length;
  }
}

/** Finds `NAME = [` at module level and returns the literal's strings. */
function moduleListLiteral(text: string, name: string): string[] | undefined {
  const m = new RegExp(`^${name}\\s*=\\s*\\[`, "m").exec(text);
  return m ? stringListAt(text, m.index + m[0].length - 1) : undefined;
}

/** A keyword argument whose value is a list literal or a module-level name bound to one. */
function setupKeywordList(text: string, keyword: string): string[] | undefined | null {
  const m = new RegExp(`\\b${keyword}\\s*=\\s*(\\[|[A-Za-z_][A-Za-z0-9_]*)`).exec(text);
  if (!m) return null;
  if (m[1] === "[") return stringListAt(text, m.index + m[0].length - 1);
  return moduleListLiteral(text, m[1]!);
}

/**
 * setup.py: the literal `install_requires=[…]` (or a module-level list it
 * names), `extras_require={…: […]}`, `tests_require`, `setup_requires`.
 * A setup.py that computes its requirements is not judgeable.
 */
export function parseSetupPy(text: string): ParsedPythonManifest {
  const out: ParsedPythonManifest = { prod: [], dev: [], includes: [], judgeable: false };
  const install = setupKeywordList(text, "install_requires");
  if (install === undefined || install === null) return out;
  out.judgeable = true;
  out.prod.push(...pep508List(install));
  for (const keyword of ["tests_require", "setup_requires"]) out.dev.push(...pep508List(setupKeywordList(text, keyword) ?? []));
  const extras = /\bextras_require\s*=\s*\{/.exec(text);
  if (extras) {
    const body = /\s*["']([^"']+)["']\s*:\s*\[/y;
    let i = extras.index + extras[0].length;
    for (;;) {
      body.lastIndex = i;
      const m = body.exec(text);
      if (!m) break;
      const list = stringListWithEnd(text, body.lastIndex - 1);
      if (!list) break;
      pushGroup(out, m[1]!, pep508List(list.items));
      i = list.end;
      const comma = /\s*,?/y;
      comma.lastIndex = i;
      comma.exec(text);
      i = comma.lastIndex;
    }
  }
  return out;
}

/** Parses one manifest by its file name. */
export function parsePythonManifest(path: string, text: string): ParsedPythonManifest {
  const base = path.slice(path.lastIndexOf("/") + 1);
  switch (base) {
    case "pyproject.toml":
      return parsePyprojectToml(text, path);
    case "setup.cfg":
      return parseSetupCfg(text, path);
    case "setup.py":
      return parseSetupPy(text);
    case "Pipfile":
      return parsePipfile(text);
    case "tox.ini":
      return parseToxIni(text, path);
    default:
      return parseRequirementsTxt(text, path);
  }
}

/** Folders whose manifests describe the project around them (`requirements/base.txt`, `docker/requirements.txt`). */
const PARENT_SCOPED_DIR = /^(requirements|reqs|deps|dependencies|docker|deploy|deployment|ci|\.ci|\.github|\.circleci|build|env|envs|environments|config|conf|infra|ops|pip|\.devcontainer)$/i;

/** The folder a manifest speaks for: its own, or the parent of a `requirements/`-like folder. */
export function manifestScope(path: string): string {
  const dir = dirOf(path);
  const base = dir.slice(dir.lastIndexOf("/") + 1);
  return dir && PARENT_SCOPED_DIR.test(base) ? dirOf(dir) : dir;
}

const PY_SOURCE = /\.(py|pyi|pyx|pxd|so|pyd)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Top-level names the repository itself provides. A module or folder is
 * importable at the top level when the folder holding it is not itself a
 * package (has no `__init__.py`): the repository root, `src/` layouts,
 * folders whose scripts run with their own folder on sys.path, test folders
 * pytest inserts. `shop/celery.py` inside the package `shop` is
 * `shop.celery`, and does not hide the celery distribution.
 */
export function pythonLocalModules(paths: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const path of paths) if (/(^|\/)__init__\.pyi?$/.test(path)) packages.add(dirOf(path));
  const local = new Set<string>();
  for (const path of paths) {
    if (!PY_SOURCE.test(path)) continue;
    const parts = path.split("/");
    const file = parts.pop()!;
    const names = [...parts, file.slice(0, file.indexOf("."))];
    for (let i = 0; i < names.length; i += 1) {
      const parent = parts.slice(0, i).join("/");
      if (i > 0 && packages.has(parent)) continue;
      if (IDENTIFIER.test(names[i]!) && names[i] !== "__init__") local.add(names[i]!);
    }
  }
  return local;
}

/** Adds the hard requirements of well-known distributions (Flask brings Werkzeug), transitively. */
export function withImplied(requirements: Iterable<PythonRequirement>): Set<string> {
  const out = new Set<string>();
  const queue: string[] = [];
  for (const req of requirements) {
    queue.push(req.name);
    for (const extra of req.extras) queue.push(`${req.name}[${extra}]`);
  }
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    for (const implied of IMPLIED_DISTRIBUTIONS[next] ?? []) if (!out.has(implied)) queue.push(implied);
  }
  for (const name of [...out]) if (name.includes("[")) out.delete(name);
  return out;
}

/** At most this many Python manifests (and included files) are read. */
export const MAX_PYTHON_MANIFESTS = 120;

/** The manifests the context reads, shallowest first (the root's before a vendored copy's). */
export function selectPythonManifests(paths: readonly string[]): string[] {
  return paths
    .filter(isPythonManifestPath)
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))
    .slice(0, MAX_PYTHON_MANIFESTS);
}

/**
 * Reads the repository's Python manifests by path and computes the Python
 * part of the repository facts.
 */
export async function gatherPythonManifests(
  paths: readonly string[],
  read: (path: string) => Promise<string | undefined>,
): Promise<PythonManifestFacts> {
  const present = new Set(paths);
  const manifests = selectPythonManifests(paths);
  const prod: PythonRequirement[] = [];
  const dev: PythonRequirement[] = [];
  const dirs = new Set<string>();
  let reads = 0;

  const visit = async (path: string, parsedAs: ParsedPythonManifest | undefined, role: boolean | undefined, seen: Set<string>): Promise<boolean> => {
    if (seen.has(path) || reads >= MAX_PYTHON_MANIFESTS * 2) return false;
    seen.add(path);
    let parsed = parsedAs;
    if (!parsed) {
      if (!present.has(path)) return false;
      const text = await read(path);
      reads += 1;
      if (text === undefined) return false;
      // An included file takes the role of the file that includes it.
      parsed = path.endsWith(".toml") || path.endsWith(".cfg") || path.endsWith(".py") ? parsePythonManifest(path, text) : parseRequirementsTxt(text, path, role ?? isDevRequirementsPath(path));
    }
    if (role === true) dev.push(...parsed.prod, ...parsed.dev);
    else {
      prod.push(...parsed.prod);
      dev.push(...parsed.dev);
    }
    let judgeable = parsed.judgeable;
    for (const include of parsed.includes) {
      if (await visit(include.path, undefined, role === true || include.dev, seen)) judgeable = true;
    }
    return judgeable;
  };

  for (const path of manifests) {
    const text = await read(path);
    reads += 1;
    if (text === undefined) continue;
    const parsed = parsePythonManifest(path, text);
    if (await visit(path, parsed, undefined, new Set())) dirs.add(manifestScope(path));
  }

  const declaredProd = withImplied(prod);
  const declaredDev = withImplied(dev);
  const devOnly = new Set([...declaredDev].filter((name) => !declaredProd.has(name)));
  return {
    pythonDeclared: new Set([...declaredProd, ...declaredDev]),
    pythonDevDeclared: devOnly,
    pythonManifestFound: dirs.size > 0,
    pythonManifestDirs: [...dirs].sort(),
    pythonLocalModules: pythonLocalModules(paths),
  };
}
