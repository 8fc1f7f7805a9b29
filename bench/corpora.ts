/** The real code the benchmarks read: present on every machine that runs taxon's tests. */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { detectLanguage } from "../src/engine/languages.js";

export interface Corpus {
  name: string;
  root: string;
  paths: string[];
}

function walk(dir: string, root: string, keep: (path: string) => boolean, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, keep, out);
    else if (entry.isFile()) {
      const rel = relative(root, full).split(sep).join("/");
      if (keep(rel)) out.push(rel);
    }
  }
}

/** The CPython standard library of this machine's python3 (`sysconfig.get_paths()['stdlib']`). */
export function cpythonStdlib(): Corpus {
  const root = execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: "utf8" }).trim();
  const paths: string[] = [];
  walk(root, root, (p) => p.endsWith(".py") && !p.includes("site-packages/"), paths);
  return { name: "cpython-stdlib", root, paths: paths.sort() };
}

/** The JavaScript and TypeScript inside this project's node_modules (declaration files excluded). */
export function nodeModules(): Corpus {
  const root = resolve("node_modules");
  const paths: string[] = [];
  walk(root, root, (p) => {
    if (p.endsWith(".d.ts") || p.endsWith(".d.mts") || p.endsWith(".d.cts")) return false;
    const lang = detectLanguage(p);
    return lang === "javascript" || lang === "typescript" || lang === "tsx";
  }, paths);
  return { name: "node_modules-js-ts", root, paths: paths.sort() };
}
