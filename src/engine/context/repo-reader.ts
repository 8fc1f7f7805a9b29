/**
 * Read access to a repository at one revision, by path. The app reads from
 * GitHub (github/repo-reader.ts), the CLI from a git checkout or a folder;
 * the repository-context code does not know which.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

export interface RepoReader {
  /** Every file path in the repository (forward slashes). */
  listPaths(): Promise<string[]>;
  /** A file's text, or undefined when it does not exist or is not text. */
  readFile(path: string): Promise<string | undefined>;
  /** Reads many files ahead in as few requests as the source allows. */
  prefetch?(paths: readonly string[]): Promise<void>;
}

const SKIP_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", "dist", "build", ".tox", ".mypy_cache"]);

/** Largest file the context reads: manifests and app setup files are small. */
export const MAX_CONTEXT_FILE_BYTES = 512 * 1024;

function walk(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, root, out);
    } else if (entry.isFile()) {
      out.push(relative(root, full).split(sep).join("/"));
    }
  }
}

/** A folder on disk. Paths are confined to the folder. */
export function localRepoReader(rootDir: string): RepoReader {
  const root = resolve(rootDir);
  let paths: string[] | undefined;
  return {
    async listPaths() {
      if (!paths) {
        paths = [];
        walk(root, root, paths);
        paths.sort();
      }
      return paths;
    },
    async readFile(path) {
      const full = resolve(root, path);
      if (!full.startsWith(root + sep)) return undefined;
      try {
        if (statSync(full).size > MAX_CONTEXT_FILE_BYTES) return undefined;
        return readFileSync(full, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** Files already in memory (fixtures, tests): exactly these and nothing else. */
export function memoryRepoReader(files: ReadonlyArray<{ path: string; content: string }>): RepoReader {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const paths = [...byPath.keys()].sort();
  return {
    listPaths: async () => paths,
    readFile: async (path) => byPath.get(path),
  };
}

/** A revision of a git checkout, read with `git ls-tree` and `git show`. */
export function gitRepoReader(repoDir: string, rev: string): RepoReader {
  let paths: string[] | undefined;
  const git = (args: string[]) => execFileSync("git", ["-C", repoDir, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return {
    async listPaths() {
      paths ??= git(["ls-tree", "-r", "--name-only", "-z", rev]).split("\u0000").filter(Boolean);
      return paths;
    },
    async readFile(path) {
      try {
        const text = git(["show", `${rev}:${path}`]);
        return text.length > MAX_CONTEXT_FILE_BYTES ? undefined : text;
      } catch {
        return undefined;
      }
    },
  };
}
