/**
 * What kind of file a path is: a test, a script, an example, frontend code …
 * Rules use these classes to stay quiet where a finding would be noise
 * (`print` in a script, a literal password in a test fixture). The
 * repository config can add globs to each class.
 */
import { Minimatch } from "minimatch";
import type { PathClass } from "./rule-schema.js";

export type PathClassGlobs = Partial<Record<PathClass, string[]>>;

const BUILT_IN: Record<PathClass, RegExp[]> = {
  test: [
    /(^|\/)(tests?|__tests__|__mocks__|spec|specs|testing|e2e|cypress|playwright)\//i,
    /(^|\/)test_[^/]*\.py$/,
    /_tests?\.py$/,
    /(^|\/)conftest\.py$/,
    /\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$/,
    /(^|\/)fixtures?\//,
  ],
  // `tasks.py` is not here: in Celery and Django projects it is production code.
  script: [/(^|\/)(scripts?|bin|tools|devtools)\//i, /(^|\/)(manage|setup|noxfile|fabfile)\.py$/, /(^|\/)__main__\.py$/],
  example: [/(^|\/)(examples?|samples?|demos?|docs?|tutorials?)\//],
  migration: [/(^|\/)(migrations|alembic|versions)\//],
  frontend: [
    /\.(tsx|jsx|vue|svelte)$/,
    /(^|\/)(frontend|client|web|webapp|ui|components|pages|hooks|public|static|browser)\//,
  ],
  backend: [/(^|\/)(backend|server|api|services|routes|routers|controllers|models)\//, /\.py$/],
  config: [/(^|\/)(settings|config|conf|configuration)\.(py|[jt]s)$/, /(^|\/)(config|settings|core)\//],
  docs: [/\.(md|rst|txt)$/i, /(^|\/)docs?\//],
};

const DEV_TOOLING = /(^|\/)(vite|vitest|jest|webpack|rollup|babel|eslint|prettier|tailwind|postcss|next|playwright)\.config\.[cm]?[jt]s$/;

export class PathClassifier {
  constructor(private readonly extraGlobs: PathClassGlobs = {}) {}

  is(path: string, pathClass: PathClass): boolean {
    if (BUILT_IN[pathClass].some((re) => re.test(path))) {
      // Next.js `pages/api/*` routes run on the server.
      if (pathClass === "frontend" && /(^|\/)pages\/api\//.test(path)) return false;
      return true;
    }
    if (pathClass === "script" && DEV_TOOLING.test(path)) return true;
    const globs = this.extraGlobs[pathClass];
    return globs !== undefined && globs.some((g) => matchesGlob(path, g));
  }

  classes(path: string): PathClass[] {
    return (Object.keys(BUILT_IN) as PathClass[]).filter((c) => this.is(path, c));
  }
}

/** Files no reviewer reads: generated, vendored, lock files, minified bundles. */
export function isGeneratedOrVendored(path: string): string | undefined {
  if (/(^|\/)(node_modules|vendor|third_party|bower_components|\.venv|venv|site-packages|dist|build)\//.test(path)) return "vendored or build output";
  if (/\.min\.(js|css)$/.test(path) || /\.(map|snap)$/.test(path)) return "minified or generated";
  // Bundler output: content-hashed names (main.3f9a1c2e.js, index-4f3a2b1c.js), chunks, Next.js builds.
  if (/[.-][0-9a-f]{8,}\.(js|mjs|css)$/.test(path) || /\.(chunk|bundle)\.js$/.test(path) || /(^|\/)\.next\//.test(path)) return "bundler output";
  if (/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|Cargo\.lock|composer\.lock)$/.test(path))
    return "lock file";
  return undefined;
}

const compiled = new Map<string, Minimatch>();
/**
 * Glob matching with each glob compiled once. A glob without a slash matches
 * the file name anywhere (`*.min.js`), one with a slash the whole path.
 */
export function matchesGlob(path: string, glob: string): boolean {
  let m = compiled.get(glob);
  if (!m) compiled.set(glob, (m = new Minimatch(glob, { dot: true, matchBase: !glob.includes("/") })));
  return m.match(path);
}
