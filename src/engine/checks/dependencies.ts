/** Built-in checks of the dependencies rule families. */
import { builtinModules } from "node:module";
import type { SgNode } from "@ast-grep/napi";
import { matchesAlias } from "../context/node-manifests.js";
import {
  BUILD_TOOL_DISTRIBUTIONS,
  HOST_PROVIDED_MODULES,
  IMPORT_TO_DISTRIBUTIONS,
  NAMESPACE_PACKAGES,
} from "../context/python-distributions.js";
import { normalizeDistName } from "../context/python-manifests.js";
import { PYTHON2_STDLIB, PYTHON_STDLIB, PYTHON_STDLIB_TEST_MODULES } from "../context/python-stdlib.js";
import type { NodeManifest, RepoFacts } from "../context/repo-facts.js";
import type { PathClassifier } from "../paths.js";
import { spanOfNode } from "../position.js";
import type { Check, FileCheckContext, Hit } from "./types.js";

const kindOf = (node: SgNode): string => String(node.kind());
const field = (node: SgNode, name: string): SgNode | null => node.field(name as never) as SgNode | null;
const fieldAll = (node: SgNode, name: string): SgNode[] => node.fieldChildren(name as never) as SgNode[];
const hitAt = (node: SgNode, extra: Partial<Hit> = {}): Hit => ({ ...spanOfNode(node), snippet: node.text().split("\n")[0], ...extra });

// ---------------------------------------------------------------------------
// undeclared-dependency: shared

/** Files that only run during development: tests, scripts, examples, docs, build and tool configuration. */
const DEV_PATH = /(^|\/)(benchmarks?|bench|perf|tools?|\.storybook|storybook|stories|mocks?|__mocks__|__fixtures__|\.github|\.husky|\.circleci|\.devcontainer|hack|ci)\//i;
const DEV_FILE =
  /(^|\/)([^/]+\.(config|conf|setup)\.[cm]?[jt]sx?|\.[^/]+rc\.[cm]?[jt]s|(gulpfile|gruntfile|jakefile|karma\.conf|protractor\.conf|setuptests|jest\.setup|vitest\.setup|test-utils|testutils)[^/]*|conftest\.py|noxfile\.py|fabfile\.py|setup\.py|dodo\.py|pavement\.py)$/i;
/** Stand-alone tests, benchmarks and examples next to the code: `test.js`, `bench.js`, `example.py`, tsd/tstyche type tests. */
const DEV_BASENAME = /(^|\/)((tests?|specs?|bench|benchmarks?|examples?|demo|perf)([-_.][^/]*)?|[^/]*[-_.](tests?|specs?|bench|benchmarks?|example)|[^/]*\.test-d|[^/]*\.tst)\.([cm]?[jt]sx?|py)$/i;
/** Test files: where an undeclared import means the test tooling is declared somewhere this review cannot see when no dev dependency is declared at all. */
const isTestPath = (path: string, paths: PathClassifier) => paths.is(path, "test") || /(^|\/)(tests?|specs?)([-_.][^/]*)?\.[cm]?[jt]sx?$|\.test-d\.ts$|\.tst\.ts$/i.test(path);
/** React Native platform files: the app that bundles the library provides their native modules. */
const PLATFORM_FILE = /\.(native|ios|android)\.[cm]?[jt]sx?$/;

/** A Celery `tasks.py` inside a package is application code, not an invoke task file. */
const CELERY_TASKS = /\/tasks\.py$/;

function isDevContext(path: string, paths: PathClassifier): boolean {
  if (paths.is(path, "test") || paths.is(path, "example") || paths.is(path, "docs")) return true;
  if (paths.is(path, "script") && (!CELERY_TASKS.test(path) || /(^|\/)(scripts?|bin|tools|devtools)\//i.test(path))) return true;
  return DEV_PATH.test(path) || DEV_FILE.test(path) || DEV_BASENAME.test(path);
}

const UNDECLARED_TITLE = (what: string) => `Import of ${what}, which no dependency manifest declares`;
const DEV_ONLY_TITLE = (what: string) => `Production code imports ${what}, which is declared only as a dev dependency`;

// ---------------------------------------------------------------------------
// undeclared-dependency: Python

interface PythonImport {
  /** The dotted module path (`google.cloud.storage`). */
  module: string;
  /** For `from m import a, b`: the imported names (namespace packages resolve through them). */
  names: string[];
  node: SgNode;
}

const GUARD_CONDITION = /\b(TYPE_CHECKING|version_info|sys\.platform|platform\.|os\.name|PY2|PY3|PYPY|IS_WINDOWS|WINDOWS|sys\.implementation)\b/;
const IMPORT_ERRORS = /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/;

/** An import inside `try: … except ImportError`, under `if TYPE_CHECKING:`/a version or platform test, or `with suppress(ImportError)` is optional by design. */
function pythonImportIsGuarded(node: SgNode): boolean {
  for (const ancestor of node.ancestors()) {
    const kind = kindOf(ancestor);
    if (kind === "try_statement") {
      for (const clause of ancestor.children()) {
        if (kindOf(clause) !== "except_clause" && kindOf(clause) !== "except_group_clause") continue;
        const header = clause.text().split(":")[0]!;
        if (/^except\*?\s*$/.test(header.trim()) || IMPORT_ERRORS.test(header)) return true;
      }
    } else if (kind === "if_statement") {
      const condition = field(ancestor, "condition");
      if (condition && GUARD_CONDITION.test(condition.text())) return true;
      for (const clause of ancestor.children()) {
        if (kindOf(clause) === "elif_clause") {
          const c = field(clause, "condition");
          if (c && GUARD_CONDITION.test(c.text())) return true;
        }
      }
    } else if (kind === "with_statement") {
      if (/\bsuppress\s*\([^)]*\b(ImportError|ModuleNotFoundError)\b/.test(ancestor.text().split("\n")[0]!)) return true;
    }
    // Keep walking past functions and classes: a guard around a function guards its imports too.
  }
  return false;
}

function dottedName(node: SgNode | null): string | undefined {
  if (!node) return undefined;
  if (kindOf(node) === "aliased_import") return dottedName(field(node, "name"));
  if (kindOf(node) === "dotted_name") return node.text().replace(/\s+/g, "");
  return undefined;
}

export function pythonImports(root: SgNode): PythonImport[] {
  const out: PythonImport[] = [];
  for (const node of root.findAll({ rule: { any: [{ kind: "import_statement" }, { kind: "import_from_statement" }] } })) {
    if (pythonImportIsGuarded(node)) continue;
    if (kindOf(node) === "import_statement") {
      for (const name of fieldAll(node, "name")) {
        const module = dottedName(name);
        if (module) out.push({ module, names: [], node: name });
      }
    } else {
      const moduleNode = field(node, "module_name");
      const module = dottedName(moduleNode);
      if (!module || !moduleNode) continue; // relative import: local by definition
      const names = fieldAll(node, "name")
        .map(dottedName)
        .filter((n): n is string => n !== undefined);
      out.push({ module, names, node: moduleNode });
    }
  }
  return out;
}

/**
 * The absolute modules the text imports (`import a.b, c as d`, `from a.b import x`), read without the tree: a
 * superset of the unguarded ones `pythonImports` returns (guards and strings are not told apart).
 */
function pythonModulesInText(text: string): string[] {
  const out: string[] = [];
  const re = /\b(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*(?:\\\s*)?[A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?)*))/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) out.push(m[1]);
    else for (const part of m[2]!.split(",")) out.push(part.replace(/\\/g, "").trim().split(/\s+/)[0]!);
  }
  return out;
}

/** Distributions that could provide a module, most specific first, PEP 503 normalized. */
export function candidateDistributions(module: string, names: readonly string[] = []): string[] {
  const top = module.split(".")[0]!;
  const namespace = NAMESPACE_PACKAGES.has(top);
  const paths = [module, ...names.map((n) => `${module}.${n}`)];
  const out: string[] = [];
  for (const path of paths.sort((a, b) => b.length - a.length)) {
    const segs = path.split(".");
    for (let n = segs.length; n >= 1; n -= 1) {
      const prefix = segs.slice(0, n).join(".");
      for (const dist of IMPORT_TO_DISTRIBUTIONS[prefix] ?? []) out.push(normalizeDistName(dist));
      if (n >= 2) out.push(normalizeDistName(segs.slice(0, n).join("-")));
    }
  }
  if (!namespace) {
    const name = normalizeDistName(top);
    out.push(name, `python-${name}`, `py${name}`, `${name}-python`, `${name}-py`, `${name}-binary`, `${name}-headless`);
  }
  return [...new Set(out)];
}

/** The distribution to name in the finding: the table's, or the import name spelled as a distribution. */
function suggestedDistribution(module: string, names: readonly string[]): string {
  const segs = module.split(".");
  for (const path of [...names.map((n) => `${module}.${n}`), module]) {
    const s = path.split(".");
    for (let n = s.length; n >= 1; n -= 1) {
      const dist = IMPORT_TO_DISTRIBUTIONS[s.slice(0, n).join(".")];
      if (dist) return dist[0]!;
    }
  }
  return segs[0]!.replace(/_/g, "-");
}

const sameName = (importName: string, dist: string) => normalizeDistName(importName) === normalizeDistName(dist);

function pythonAppliesTo(path: string, facts: RepoFacts): boolean {
  return facts.pythonManifestDirs.some((dir) => dir === "" || path.startsWith(`${dir}/`));
}

function isNotThirdParty(top: string, facts: RepoFacts): boolean {
  return (
    top === "__main__" ||
    PYTHON_STDLIB.has(top) ||
    PYTHON_STDLIB_TEST_MODULES.has(top) ||
    PYTHON2_STDLIB.has(top) ||
    HOST_PROVIDED_MODULES.has(top) ||
    facts.pythonLocalModules.has(top) ||
    // Private top-level modules are C extensions built by the project or stdlib internals; none is a PyPI project.
    (top.startsWith("_") && IMPORT_TO_DISTRIBUTIONS[top] === undefined)
  );
}

type Declaration = "prod" | "dev" | "none";

function pythonDeclaration(imp: PythonImport, facts: RepoFacts): Declaration {
  const candidates = candidateDistributions(imp.module, imp.names);
  if (candidates.some((c) => facts.pythonDeclared.has(c) && !facts.pythonDevDeclared.has(c))) return "prod";
  return candidates.some((c) => facts.pythonDevDeclared.has(c)) ? "dev" : "none";
}

function undeclaredPythonImports(ctx: FileCheckContext): Hit[] {
  const { facts, root, path } = ctx;
  if (!root || path.endsWith(".pyi") || !facts.pythonManifestFound || !pythonAppliesTo(path, facts)) return [];
  const devContext = isDevContext(path, ctx.paths);
  // Test tooling that no manifest lists is installed by CI configuration this review cannot judge (tox, nox, a workflow).
  if (devContext && facts.pythonDevDeclared.size === 0 && isTestPath(path, ctx.paths)) return [];
  const hits: Hit[] = [];
  const reported = new Set<string>();
  const ancestors = new Set(path.split("/").slice(0, -1));
  // Text pre-pass: the tree is walked only when some imported module could be undeclared.
  const mayReport = (module: string): boolean => {
    const top = module.split(".")[0]!;
    if (isNotThirdParty(top, facts) || (ancestors.has(top) && IMPORT_TO_DISTRIBUTIONS[top] === undefined)) return false;
    const declaration = pythonDeclaration({ module, names: [], node: root }, facts);
    return declaration === "none" || (declaration === "dev" && !devContext);
  };
  if (!pythonModulesInText(ctx.text).some(mayReport)) return [];
  for (const imp of pythonImports(root)) {
    const top = imp.module.split(".")[0]!;
    if (isNotThirdParty(top, facts)) continue;
    // Python 2 implicit relative import of the enclosing package (`from pgen2 import grammar` inside lib2to3/pgen2/),
    // unless the name is a known distribution's (a package `stripe/` wrapping the stripe SDK still needs it declared).
    if (ancestors.has(top) && IMPORT_TO_DISTRIBUTIONS[top] === undefined) continue;
    const declaration = pythonDeclaration(imp, facts);
    if (declaration === "prod" || (declaration === "dev" && devContext)) continue;
    const dist = suggestedDistribution(imp.module, imp.names);
    if (devContext && BUILD_TOOL_DISTRIBUTIONS.has(normalizeDistName(dist))) continue;
    if (reported.has(dist)) continue;
    reported.add(dist);
    if (declaration === "dev") {
      hits.push(
        hitAt(imp.node, {
          title: DEV_ONLY_TITLE(`\`${top}\`${sameName(top, dist) ? "" : ` (${dist})`}`),
          message: `\`${dist}\` is declared only for development (a dev requirements file, a dev/test dependency group or extra), but \`${path}\` is application code. A production install (\`pip install -r requirements.txt\`, \`pip install .\`, \`poetry install --only main\`) leaves it out, so importing \`${imp.module}\` raises \`ModuleNotFoundError\` when this module loads.`,
        }),
      );
    } else {
      const impact = devContext
        ? `a fresh CI runner or a new developer's environment fails with \`ModuleNotFoundError: No module named '${top}'\` before a single test or script runs`
        : `a fresh deployment (CI/CD, a new machine, the container build) fails with \`ModuleNotFoundError: No module named '${top}'\`, and everything that imports this module crashes at startup`;
      hits.push(
        hitAt(imp.node, {
          title: UNDECLARED_TITLE(`\`${top}\`${sameName(top, dist) ? "" : ` (${dist})`}`),
          message: `\`${imp.module}\` comes from the \`${dist}\` distribution, which no requirements file, pyproject.toml, setup.cfg, Pipfile or setup.py of this project declares. It works only where the package happens to be installed already: ${impact}.`,
        }),
      );
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------
// undeclared-dependency: JavaScript / TypeScript

interface JsImport {
  specifier: string;
  node: SgNode;
  typeOnly: boolean;
}

const NODE_BUILTINS = new Set(builtinModules);
/** Modules the host runtime provides: VS Code extensions, k6 scripts, Electron (its runtime serves `require("electron")` itself). */
const JS_HOST_PROVIDED = /^(vscode|k6|electron)$/;
/** Packages an app's runtime provides though projects declare them as dev dependencies (Electron, the Lambda runtime's AWS SDK). */
const JS_RUNTIME_PROVIDED_DEV = /^(electron|aws-sdk|@aws-sdk\/.+)$/;
const PACKAGE_NAME = /^(@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;

function stringValue(node: SgNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const kind = kindOf(node);
  if (kind === "string") return node.text().slice(1, -1);
  if (kind === "template_string" && !node.children().some((c) => kindOf(c) === "template_substitution")) return node.text().slice(1, -1);
  return undefined;
}

function jsImportIsGuarded(node: SgNode): boolean {
  for (const ancestor of node.ancestors()) {
    if (kindOf(ancestor) === "try_statement") {
      const body = field(ancestor, "body");
      if (body && body.range().start.index <= node.range().start.index && node.range().end.index <= body.range().end.index) return true;
    }
  }
  return false;
}

function isTypeOnlyImport(node: SgNode): boolean {
  if (node.children().some((c) => kindOf(c) === "type")) return true;
  const clause = node.children().find((c) => kindOf(c) === "import_clause");
  if (!clause) return false;
  const parts = clause.children().filter((c) => c.isNamed());
  if (parts.length !== 1 || kindOf(parts[0]!) !== "named_imports") return false;
  const specs = parts[0]!.children().filter((c) => kindOf(c) === "import_specifier");
  return specs.length > 0 && specs.every((s) => s.children().some((c) => kindOf(c) === "type"));
}

/**
 * The imports of a module. With `only`, the imports of those specifiers alone (the tree is still walked once,
 * but ast-grep filters the nodes natively).
 */
export function jsImports(root: SgNode, typescript: boolean, only?: ReadonlySet<string>): JsImport[] {
  const out: JsImport[] = [];
  const source = only ? { regex: `^.(${[...only].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}).$` } : {};
  const rule = {
    any: [
      { kind: "import_statement", ...(only ? { has: { field: "source", ...source } } : {}) },
      { kind: "export_statement", has: { field: "source", kind: "string", ...source } },
      {
        kind: "call_expression",
        all: [
          { has: { field: "function", any: [{ kind: "import" }, { kind: "identifier", regex: "^require$" }] } },
          ...(only ? [{ has: { field: "arguments", has: { any: [{ kind: "string" }, { kind: "template_string" }], ...source } } }] : []),
        ],
      },
      // `import fs = require("fs")` exists in TypeScript only.
      ...(typescript ? [{ kind: "import_require_clause", ...(only ? { has: { kind: "string", ...source } } : {}) }] : []),
    ],
  };
  for (const node of root.findAll({ rule } as never)) {
    const kind = kindOf(node);
    let source: SgNode | null | undefined;
    if (kind === "import_statement" || kind === "export_statement") source = field(node, "source");
    else if (kind === "import_require_clause") source = node.children().find((c) => kindOf(c) === "string");
    else {
      const args = field(node, "arguments");
      const first = args?.children().filter((c) => c.isNamed())[0];
      source = first;
    }
    const specifier = stringValue(source);
    if (specifier === undefined || !source) continue;
    if (kind === "call_expression" && jsImportIsGuarded(node)) continue;
    out.push({ specifier, node: source, typeOnly: (kind === "import_statement" || kind === "export_statement") && isTypeOnlyImport(node) });
  }
  return out;
}

/**
 * Every string that could be an import specifier, read from the text: `from "x"`, `import "x"`, `import("x")`,
 * `require("x")`, `export … from "x"`. A superset of what `jsImports` finds in the tree (it may include strings in
 * comments), so a file none of whose candidates could be reported needs no tree walk.
 */
function jsSpecifiersInText(text: string): string[] {
  const out: string[] = [];
  const re = /(?:from|import|require)\s*\(?\s*(["'`])([^"'`\n]{1,1000})\1/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // The keyword stands alone: not `.require(`, `$import`, `global-require`, `xfrom` (the text after it is rescanned).
    if (m.index > 0 && /[\w$.-]/.test(text[m.index - 1]!)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    // A JSDoc or line comment (`* import { x } from "y"`, `// require("y")`): no import starts a line that way.
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    if (/^\s*(\*|\/\/)/.test(text.slice(lineStart, m.index))) continue;
    out.push(m[2]!);
  }
  return out;
}

/** The npm package an import specifier names, or undefined for builtins, relative paths, URLs and aliases. */
export function packageOfSpecifier(specifier: string): string | undefined {
  const spec = specifier.split("?")[0]!;
  if (!spec || /^[./]/.test(spec) || spec.includes(":") || spec.includes("!") || /^[#~$]/.test(spec)) return undefined;
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  if (!PACKAGE_NAME.test(name)) return undefined;
  if (NODE_BUILTINS.has(name) || NODE_BUILTINS.has(spec)) return undefined;
  return name;
}

/** `@types/express` for express, `@types/babel__core` for @babel/core. */
function typesPackage(name: string): string {
  return `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
}

/** Per-review caches of what every file would recompute: workspace package names, manifests by folder. */
interface NodeManifestIndex {
  workspaceNames: Set<string>;
  byDir: Map<string, NodeManifest[]>;
  /** Manifests by their folder. */
  atPath: Map<string, NodeManifest[]>;
}
const manifestIndexes = new WeakMap<RepoFacts, NodeManifestIndex>();

function manifestIndex(facts: RepoFacts): NodeManifestIndex {
  let index = manifestIndexes.get(facts);
  if (!index) {
    const atPath = new Map<string, NodeManifest[]>();
    for (const m of facts.nodeManifests) atPath.set(m.path, [...(atPath.get(m.path) ?? []), m]);
    index = { workspaceNames: new Set(facts.nodeManifests.map((m) => m.name).filter((n): n is string => n !== undefined)), byDir: new Map(), atPath };
    manifestIndexes.set(facts, index);
  }
  return index;
}

/** What the manifests say of an import specifier: declared (or not a package), dev-only, or undeclared. */
type Verdict = "declared" | "dev" | "undeclared";
/** Per nearest package.json: it and the ones above it are the manifests that apply, so the verdicts are shared. */
const verdictCaches = new WeakMap<NodeManifest, Map<string, Verdict>>();
function specifierVerdicts(nearest: NodeManifest): Map<string, Verdict> {
  let cache = verdictCaches.get(nearest);
  if (!cache) verdictCaches.set(nearest, (cache = new Map()));
  return cache;
}

function manifestsFor(path: string, facts: RepoFacts): NodeManifest[] {
  const index = manifestIndex(facts);
  const dir = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  let found = index.byDir.get(dir);
  if (!found) {
    // The package.json files of the file's folder and of every folder above it (nearest first).
    found = [];
    for (let d = dir; ; d = d.slice(0, Math.max(0, d.lastIndexOf("/")))) {
      const here = index.atPath.get(d);
      if (here) found.push(...here);
      if (d === "") break;
    }
    index.byDir.set(dir, found);
  }
  return found;
}

function undeclaredJsImports(ctx: FileCheckContext): Hit[] {
  const { facts, root, path } = ctx;
  if (!root || /\.d\.[cm]?ts$/.test(path) || PLATFORM_FILE.test(path)) return [];
  const manifests = manifestsFor(path, facts);
  if (manifests.length === 0) return [];
  // A package whose manifests declare no dev dependency at all (a published copy, a monorepo package whose
  // tooling lives in a root this review does not see) cannot be judged on its tests.
  if (manifests.every((m) => m.devDependencies.size === 0) && isTestPath(path, ctx.paths)) return [];
  const { workspaceNames } = manifestIndex(facts);
  const nearest = manifests.reduce((a, b) => (b.path.length > a.path.length ? b : a));
  // The package's own build decides: a bundler in the monorepo root does not bundle a workspace's server.
  const bundled = nearest.bundled;
  const declaredIn = (name: string, key: "dependencies" | "devDependencies") => manifests.some((m) => m[key].has(name));
  // Text pre-pass: the tree is walked only when some import names a package no applicable manifest declares
  // (or only as a dev dependency, from runtime code).
  const verdicts = specifierVerdicts(nearest);
  const verdictOf = (spec: string): Verdict => {
    const first = spec.charCodeAt(0);
    if (first === 46 || first === 47) return "declared"; // `./x`, `../x`, `/x`: files, not packages
    let verdict = verdicts.get(spec);
    if (verdict === undefined) {
      const name = packageOfSpecifier(spec);
      verdict =
        name === undefined || workspaceNames.has(name) || JS_HOST_PROVIDED.test(name) || declaredIn(name, "dependencies") || manifests.some((m) => matchesAlias(spec, m.aliases))
          ? "declared"
          : declaredIn(name, "devDependencies")
            ? bundled || JS_RUNTIME_PROVIDED_DEV.test(name)
              ? "declared"
              : "dev"
            : "undeclared";
      verdicts.set(spec, verdict);
    }
    return verdict;
  };
  let devContextCache: boolean | undefined;
  const isDev = (): boolean => (devContextCache ??= isDevContext(path, ctx.paths));
  const candidates = new Set(
    jsSpecifiersInText(ctx.text).filter((spec) => {
      const verdict = verdictOf(spec);
      return verdict === "undeclared" || (verdict === "dev" && !isDev());
    }),
  );
  if (candidates.size === 0) return [];
  const devContext = isDev();
  const hits: Hit[] = [];
  const reported = new Set<string>();
  for (const imp of jsImports(root, ctx.language !== "javascript", candidates)) {
    const name = packageOfSpecifier(imp.specifier);
    if (!name || workspaceNames.has(name) || JS_HOST_PROVIDED.test(name)) continue;
    if (manifests.some((m) => matchesAlias(imp.specifier, m.aliases))) continue;
    if (declaredIn(name, "dependencies")) continue;
    const dev = declaredIn(name, "devDependencies");
    if (imp.typeOnly && (dev || declaredIn(typesPackage(name), "dependencies") || declaredIn(typesPackage(name), "devDependencies"))) continue;
    if (dev && (devContext || bundled || JS_RUNTIME_PROVIDED_DEV.test(name))) continue;
    if (reported.has(name)) continue;
    reported.add(name);
    const manifestPath = nearest.path ? `${nearest.path}/package.json` : "package.json";
    if (dev) {
      hits.push(
        hitAt(imp.node, {
          title: DEV_ONLY_TITLE(`\`${name}\``),
          message: `\`${name}\` is listed only in \`devDependencies\` of ${manifestPath}, but \`${path}\` is runtime code. A production install (\`npm ci --omit=dev\`, \`yarn install --production\`, the published package's consumers) leaves dev dependencies out, so this import fails with \`Cannot find module '${name}'\` when the module loads.`,
        }),
      );
    } else {
      const typesOnly = declaredIn(typesPackage(name), "dependencies") || declaredIn(typesPackage(name), "devDependencies");
      const elsewhere = facts.nodeManifests.find((m) => !manifests.includes(m) && (m.dependencies.has(name) || m.devDependencies.has(name)));
      const why = elsewhere
        ? `it resolves today only because the package manager hoists it from ${elsewhere.path ? `${elsewhere.path}/package.json` : "package.json"}, another package that declares it`
        : "it resolves today only where it happens to be installed (hoisted from another package's dependencies, or installed by hand)";
      hits.push(
        hitAt(imp.node, {
          title: `Import of \`${name}\`, which this package's package.json does not declare`,
          message: `No package.json that applies to \`${path}\` (${manifestPath}${manifests.length > 1 ? " and the ones above it" : ""}) declares \`${name}\`${typesOnly ? ` — only its type definitions, \`${typesPackage(name)}\`` : ""}, so ${why}. A clean install (\`npm ci\`, the Docker build, CI) or a workspace layout change breaks it with \`Cannot find module '${name}'\`.`,
        }),
      );
    }
  }
  return hits;
}

function undeclaredDependency(ctx: FileCheckContext): Hit[] {
  if (ctx.language === "python") return undeclaredPythonImports(ctx);
  if (ctx.language === "javascript" || ctx.language === "typescript" || ctx.language === "tsx") return undeclaredJsImports(ctx);
  return [];
}

// ---------------------------------------------------------------------------
// image-dimension-unchecked

/** Expressions that hold uploaded data: Flask/Werkzeug, Django, FastAPI/Starlette, aiohttp. */
const UPLOAD_SOURCE =
  /\brequest\.(files|FILES|stream|data|body|get_data|form|post|multipart|content)\b|\b(UploadFile|FileStorage|UploadedFile|InMemoryUploadedFile|TemporaryUploadedFile|SimpleUploadedFile)\b/;
const UPLOAD_PARAM_NAME = /upload|attachment/i;
/** A bound on the decoder: a positive MAX_IMAGE_PIXELS, or decompression-bomb warnings turned into errors. */
const PIXEL_BOUND = /\bMAX_IMAGE_PIXELS\s*=\s*(?!None\b)[\w(]|simplefilter\(\s*["']error["']\s*,\s*(\w+\.)*DecompressionBombWarning/;
const PIXEL_BOUND_DISABLED = /\bMAX_IMAGE_PIXELS\s*=\s*None\b/;
const SIZE_HELPER = /(dimension|size|pixel|resolution|bounds?)/i;

/** Names under which the file refers to PIL's Image module. */
function pilImageNames(root: SgNode): { modules: Set<string>; pil: Set<string> } {
  const modules = new Set<string>();
  const pil = new Set<string>();
  for (const node of root.findAll({ rule: { any: [{ kind: "import_statement" }, { kind: "import_from_statement" }] } })) {
    if (kindOf(node) === "import_from_statement") {
      if (dottedName(field(node, "module_name")) !== "PIL") continue;
      for (const name of fieldAll(node, "name")) {
        if (dottedName(name) !== "Image") continue;
        const alias = kindOf(name) === "aliased_import" ? field(name, "alias")?.text() : "Image";
        if (alias) modules.add(alias);
      }
    } else {
      for (const name of fieldAll(node, "name")) {
        const module = dottedName(name);
        if (module !== "PIL.Image" && module !== "PIL") continue;
        if (kindOf(name) === "aliased_import") {
          const alias = field(name, "alias")?.text();
          if (alias) (module === "PIL" ? pil : modules).add(alias);
        } else pil.add("PIL");
      }
    }
  }
  return { modules, pil };
}

function isImageOpen(call: SgNode, names: { modules: Set<string>; pil: Set<string> }): boolean {
  const fn = field(call, "function");
  if (!fn || kindOf(fn) !== "attribute" || field(fn, "attribute")?.text() !== "open") return false;
  const object = field(fn, "object");
  if (!object) return false;
  if (kindOf(object) === "identifier") return names.modules.has(object.text());
  if (kindOf(object) === "attribute") {
    const base = field(object, "object");
    return field(object, "attribute")?.text() === "Image" && base !== null && names.pil.has(base.text());
  }
  return false;
}

function identifiersIn(node: SgNode): string[] {
  if (kindOf(node) === "identifier") return [node.text()];
  return node.findAll({ rule: { kind: "identifier" } }).map((n) => n.text());
}

const mentions = (text: string, names: ReadonlySet<string>): boolean => {
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) if (names.has(word)) return true;
  return false;
};

/** Names in a function that hold uploaded data: annotated/`File()` parameters and what is assigned from them. */
function uploadNames(fn: SgNode): Set<string> {
  const tainted = new Set<string>();
  const params = field(fn, "parameters");
  for (const param of params?.children() ?? []) {
    const kind = kindOf(param);
    const nameNode = kind === "identifier" ? param : param.children().find((c) => kindOf(c) === "identifier");
    if (!nameNode) continue;
    const name = nameNode.text();
    if (UPLOAD_SOURCE.test(param.text()) || /=\s*File\s*\(/.test(param.text()) || UPLOAD_PARAM_NAME.test(name)) tainted.add(name);
  }
  const bindings: Array<{ targets: SgNode; value: SgNode }> = [];
  for (const node of fn.findAll({ rule: { any: [{ kind: "assignment" }, { kind: "for_statement" }, { kind: "as_pattern" }, { kind: "named_expression" }] } })) {
    const kind = kindOf(node);
    if (kind === "assignment") {
      const left = field(node, "left");
      const right = field(node, "right");
      if (left && right) bindings.push({ targets: left, value: right });
    } else if (kind === "for_statement") {
      const left = field(node, "left");
      const right = field(node, "right");
      if (left && right) bindings.push({ targets: left, value: right });
    } else if (kind === "named_expression") {
      const name = field(node, "name");
      const value = field(node, "value");
      if (name && value) bindings.push({ targets: name, value });
    } else {
      const target = node.children().find((c) => kindOf(c) === "as_pattern_target");
      const value = node.children().filter((c) => c.isNamed())[0];
      if (target && value) bindings.push({ targets: target, value });
    }
  }
  for (let round = 0; round < 3; round += 1) {
    for (const { targets, value } of bindings) {
      const text = value.text();
      if (UPLOAD_SOURCE.test(text) || mentions(text, tainted)) for (const id of identifiersIn(targets)) tainted.add(id);
    }
  }
  return tainted;
}

/** The names bound to the opened image: `img = Image.open(…)…`, `with Image.open(…) as img`. */
function boundImageNames(call: SgNode, fn: SgNode): string[] {
  for (const ancestor of call.ancestors()) {
    const kind = kindOf(ancestor);
    if (kind === "assignment") {
      const left = field(ancestor, "left");
      return left ? identifiersIn(left) : [];
    }
    if (kind === "as_pattern") {
      const target = ancestor.children().find((c) => kindOf(c) === "as_pattern_target");
      return target ? identifiersIn(target) : [];
    }
    if (ancestor.id() === fn.id() || kind === "expression_statement" || kind === "return_statement" || kind === "block") return [];
  }
  return [];
}

function checksDimensions(fn: SgNode, images: readonly string[]): boolean {
  const body = fn.text();
  for (const img of images) {
    const esc = img.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`\\b${esc}\\.(size|width|height)\\b`).test(body)) return true;
    if (new RegExp(`\\b\\w*${SIZE_HELPER.source}\\w*\\s*\\(\\s*${esc}\\b`, "i").test(body)) return true;
  }
  return false;
}

function imageDimensionUnchecked(ctx: FileCheckContext): Hit[] {
  const { root, text } = ctx;
  if (!root || ctx.language !== "python") return [];
  if (PIXEL_BOUND.test(text) && !PIXEL_BOUND_DISABLED.test(text)) return [];
  const names = pilImageNames(root);
  if (names.modules.size === 0 && names.pil.size === 0) return [];
  const hits: Hit[] = [];
  for (const call of root.findAll({ rule: { kind: "call" } })) {
    if (!isImageOpen(call, names)) continue;
    const fn = call.ancestors().find((a) => kindOf(a) === "function_definition");
    if (!fn) continue;
    const args = field(call, "arguments");
    const first = args?.children().filter((c) => c.isNamed())[0];
    if (!first) continue;
    const tainted = uploadNames(fn);
    if (!UPLOAD_SOURCE.test(first.text()) && !mentions(first.text(), tainted)) continue;
    if (checksDimensions(fn, boundImageNames(call, fn))) continue;
    hits.push(hitAt(call));
  }
  return hits;
}

export const dependenciesChecks: Record<string, Check> = {
  "undeclared-dependency": { kind: "file", run: undeclaredDependency },
  "image-dimension-unchecked": { kind: "file", run: imageDimensionUnchecked },
};
