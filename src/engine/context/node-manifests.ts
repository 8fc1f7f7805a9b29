/**
 * package.json files and the TypeScript/JavaScript project files that decide
 * what a bare import resolves to: declared dependencies (runtime, peer,
 * optional, bundled; dev separately), the package's own name (workspace
 * packages import each other by it), path aliases from tsconfig/jsconfig
 * `paths` and `baseUrl`, and whether a bundler builds the package.
 */
import type { NodeManifest } from "./repo-facts.js";
import { dirOf } from "./python-manifests.js";

const SKIP_DIRS = /(^|\/)(node_modules|bower_components|\.git|\.next|\.nuxt|\.svelte-kit|\.output|\.turbo|\.yarn|jspm_packages)\//;
const PACKAGE_JSON = /(^|\/)package\.json$/;
const PROJECT_CONFIG = /(^|\/)(tsconfig|jsconfig)(\.[\w.-]+)?\.json$/;

/** Tools that bundle an app or library: what they bundle need not be a runtime dependency. */
const BUNDLERS = new Set([
  "vite",
  "webpack",
  "webpack-cli",
  "rollup",
  "esbuild",
  "parcel",
  "parcel-bundler",
  "react-scripts",
  "next",
  "nuxt",
  "nuxt3",
  "@sveltejs/kit",
  "astro",
  "@angular/cli",
  "@angular-devkit/build-angular",
  "@angular/build",
  "@vue/cli-service",
  "gatsby",
  "@remix-run/dev",
  "@react-router/dev",
  "expo",
  "react-native",
  "@rspack/core",
  "@rsbuild/core",
  "tsup",
  "microbundle",
  "browserify",
  "@vercel/ncc",
  "snowpack",
  "@docusaurus/core",
  "electron-vite",
  "electron-webpack",
  "@electron-forge/cli",
  "umi",
  "@umijs/max",
  "preact-cli",
  "ember-cli",
  "@builder.io/qwik",
  "@solidjs/start",
  "vinxi",
  "wxt",
  "plasmo",
  "@nx/webpack",
  "@nx/vite",
  "unbuild",
  "pkgroll",
  "bun-types",
  "@vitejs/plugin-react",
  "@vitejs/plugin-vue",
]);

/** Is this path one the node context reads? */
export function isNodeManifestPath(path: string): boolean {
  return !SKIP_DIRS.test(path) && PACKAGE_JSON.test(path);
}

function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "object" && value !== null) return Object.keys(value);
  return [];
}

/** A package.json's declarations, or undefined when it is not a JSON object. */
export function parsePackageJson(text: string, dir: string): NodeManifest | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const pkg = doc as Record<string, unknown>;
  const dependencies = new Set([
    ...names(pkg.dependencies),
    ...names(pkg.peerDependencies),
    ...names(pkg.optionalDependencies),
    ...names(pkg.bundledDependencies),
    ...names(pkg.bundleDependencies),
  ]);
  const devDependencies = new Set(names(pkg.devDependencies));
  const manifest: NodeManifest = {
    path: dir,
    dependencies,
    devDependencies,
    aliases: [],
    bundled: [...dependencies, ...devDependencies].some((d) => BUNDLERS.has(d)),
  };
  if (typeof pkg.name === "string" && pkg.name) manifest.name = pkg.name;
  return manifest;
}

/** JSON with comments and trailing commas (tsconfig.json), parsed; undefined when it is not. */
export function parseJsonc(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
  } catch {
    return undefined;
  }
}

export interface ProjectConfigAliases {
  /** `paths` keys: `@/*` (a prefix, kept with its star) or `utils` (the name and its subpaths). */
  paths: string[];
  /** `compilerOptions.baseUrl` as a repository folder, when set. */
  baseDir?: string;
}

/** tsconfig.json / jsconfig.json: `compilerOptions.paths` keys and `baseUrl`. */
export function parseProjectConfig(text: string, dir: string): ProjectConfigAliases {
  const doc = parseJsonc(text);
  const options = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>).compilerOptions : undefined;
  if (typeof options !== "object" || options === null) return { paths: [] };
  const opts = options as Record<string, unknown>;
  const result: ProjectConfigAliases = { paths: names(opts.paths) };
  if (typeof opts.baseUrl === "string") {
    const parts = dir ? dir.split("/") : [];
    for (const part of opts.baseUrl.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") parts.pop();
      else parts.push(part);
    }
    result.baseDir = parts.join("/");
  }
  return result;
}

/** Does an import specifier match one of a manifest's aliases? */
export function matchesAlias(specifier: string, aliases: readonly string[]): boolean {
  return aliases.some((alias) => {
    if (alias.endsWith("*")) {
      const prefix = alias.slice(0, -1);
      return prefix !== "" && specifier.startsWith(prefix);
    }
    return specifier === alias || specifier.startsWith(alias.endsWith("/") ? alias : `${alias}/`);
  });
}

/** The folder of the nearest enclosing manifest of `path` among `dirs` (longest prefix), or undefined. */
function nearest(path: string, dirs: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const dir of dirs) {
    if ((dir === "" || path === dir || path.startsWith(`${dir}/`)) && (best === undefined || dir.length > best.length)) best = dir;
  }
  return best;
}

/** Names directly under a folder (first path segment, file extension dropped). */
function childNames(paths: readonly string[], dir: string): Set<string> {
  const out = new Set<string>();
  const prefix = dir ? `${dir}/` : "";
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest.replace(/\.(d\.ts|[cm]?[jt]sx?|json|vue|svelte)$/, "") : rest.slice(0, slash);
    if (name && !name.startsWith(".") && name !== "node_modules") out.add(name);
  }
  return out;
}

/** At most this many package.json files and project configs are read. */
export const MAX_NODE_MANIFESTS = 300;

const byDepth = (a: string, b: string) => a.split("/").length - b.split("/").length || a.localeCompare(b);

/** The package.json files and project configs the context reads, shallowest first. */
export function selectNodeContextPaths(paths: readonly string[]): { manifests: string[]; configs: string[] } {
  return {
    manifests: paths.filter(isNodeManifestPath).sort(byDepth).slice(0, MAX_NODE_MANIFESTS),
    configs: paths.filter((p) => PROJECT_CONFIG.test(p) && !SKIP_DIRS.test(p)).sort(byDepth).slice(0, MAX_NODE_MANIFESTS),
  };
}

/** Reads every package.json (shallowest first) and the tsconfig/jsconfig files beside and below them. */
export async function gatherNodeManifests(
  paths: readonly string[],
  read: (path: string) => Promise<string | undefined>,
): Promise<NodeManifest[]> {
  const selected = selectNodeContextPaths(paths);
  const manifests: NodeManifest[] = [];
  for (const path of selected.manifests) {
    const text = await read(path);
    if (text === undefined) continue;
    const manifest = parsePackageJson(text, dirOf(path));
    if (manifest) manifests.push(manifest);
  }
  if (manifests.length === 0) return manifests;

  const dirs = manifests.map((m) => m.path);
  const byDir = new Map(manifests.map((m) => [m.path, m]));
  for (const path of selected.configs) {
    const owner = nearest(dirOf(path), dirs);
    if (owner === undefined) continue;
    const text = await read(path);
    if (text === undefined) continue;
    const config = parseProjectConfig(text, dirOf(path));
    const manifest = byDir.get(owner)!;
    manifest.aliases.push(...config.paths);
    if (config.baseDir !== undefined) manifest.aliases.push(...childNames(paths, config.baseDir));
  }
  for (const manifest of manifests) manifest.aliases = [...new Set(manifest.aliases)];
  return manifests;
}
