/** The files under the paths given to `taxon scan`, relative to the scanned root. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { SourceFile } from "../engine/analyze.js";
import { UsageError } from "./usage.js";

const SKIP_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", "dist", "build", ".next", "coverage"]);

export interface CollectedFiles {
  root: string;
  paths: string[];
}

/** Lists files; the root is the one folder given, else the working directory. */
export function collectPaths(inputs: readonly string[], cwd = process.cwd()): CollectedFiles {
  const targets = inputs.length ? inputs : ["."];
  const absolute = targets.map((t) => resolve(cwd, t));
  for (const a of absolute) {
    try {
      statSync(a);
    } catch {
      throw new UsageError(`no such file or directory: ${relative(cwd, a) || a}`);
    }
  }
  const single = absolute.length === 1 && statSync(absolute[0]!).isDirectory() ? absolute[0]! : cwd;
  const files: string[] = [];
  const walk = (path: string) => {
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
        walk(join(path, entry.name));
      }
    } else if (st.isFile()) files.push(path);
  };
  absolute.forEach(walk);
  return { root: single, paths: files.map((f) => relative(single, f).split(sep).join("/")).sort() };
}

export function readSource(root: string, path: string): SourceFile {
  return { path, content: readFileSync(join(root, path), "utf8") };
}
