/**
 * A change in a local git repository, read the way the app reads a pull
 * request: the changed files with their patches (3 lines of context, as
 * GitHub shows them), contents at the head and at the merge base.
 */
import { execFileSync } from "node:child_process";
import { splitGitDiff } from "../diff/parse-patch.js";
import type { TaxonConfig } from "../config/schema.js";
import { dropGenerated, filesToRead, type ChangeContents } from "../review/analyze-change.js";
import type { ChangedFile } from "../review/plan.js";

export interface GitChange {
  headSha: string;
  baseSha: string;
  files: ChangedFile[];
  contents: ChangeContents;
}

const STATUS: Record<string, ChangedFile["status"]> = { A: "added", M: "modified", D: "removed", R: "renamed", C: "copied", T: "changed" };

export function readGitChange(repoDir: string, base: string, head: string, config: TaxonConfig): GitChange {
  const git = (args: string[]) => execFileSync("git", ["-C", repoDir, ...args], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  const headSha = git(["rev-parse", "--verify", `${head}^{commit}`]).trim();
  const baseSha = git(["merge-base", base, headSha]).trim();
  const nameStatus = git(["diff", "--no-color", "--name-status", "-M", "-z", baseSha, headSha]).split("\u0000").filter(Boolean);
  const patches = splitGitDiff(git(["diff", "--no-color", "--no-ext-diff", "-M", "-U3", baseSha, headSha]));
  const files: ChangedFile[] = [];
  for (let i = 0; i < nameStatus.length; ) {
    const code = nameStatus[i++]!;
    const kind = code[0]!;
    const file: ChangedFile = { path: "", status: STATUS[kind] ?? "changed" };
    if (kind === "R" || kind === "C") {
      file.previousPath = nameStatus[i++]!;
      file.path = nameStatus[i++]!;
    } else {
      file.path = nameStatus[i++]!;
    }
    const patch = patches.get(file.path);
    if (patch) file.patch = patch;
    files.push(file);
  }
  const { read, contents } = filesToRead(files, config);
  for (const f of read) {
    const text = show(git, headSha, f.path);
    if (text === undefined) contents.unreadable.push({ path: f.path, reason: "could not be read at this commit" });
    else contents.head.set(f.path, text);
    const basePath = f.previousPath ?? f.path;
    const before = f.status === "added" ? undefined : show(git, baseSha, basePath);
    if (before !== undefined) contents.base.set(basePath, before);
  }
  dropGenerated(contents, show(git, headSha, ".gitattributes"));
  return { headSha, baseSha, files, contents };
}

function show(git: (args: string[]) => string, sha: string, path: string): string | undefined {
  try {
    return git(["show", `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}
