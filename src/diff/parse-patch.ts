/**
 * Parses a unified-diff patch (GitHub's `files[].patch`, or one file of
 * `git diff`) into the lines of the new file that the diff shows.
 * GitHub accepts a review comment on any line of a hunk on the RIGHT side;
 * taxon reports on the added ones.
 */
export interface PatchLines {
  /** New-file line numbers (1-based) that the change added or modified. */
  added: Set<number>;
  /** New-file line numbers inside any hunk (added or context): where GitHub accepts a comment. */
  commentable: Set<number>;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(patch: string | undefined): PatchLines {
  const result: PatchLines = { added: new Set(), commentable: new Set() };
  if (!patch) return result;
  let line = 0;
  let inHunk = false;
  for (const raw of patch.replace(/\n$/, "").split("\n")) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      line = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const marker = raw[0];
    if (marker === "+") {
      result.added.add(line);
      result.commentable.add(line);
      line += 1;
    } else if (marker === " " || (marker === undefined && raw === "")) {
      // A blank context line may lose its leading space in some tools.
      result.commentable.add(line);
      line += 1;
    } else if (marker === "-" || marker === "\\") {
      // Removed lines and "\ No newline at end of file" do not advance the new side.
    } else {
      inHunk = false;
    }
  }
  return result;
}

/** Is every line of [start, end] one GitHub will accept a comment on? */
export function rangeIsCommentable(lines: PatchLines, start: number, end: number): boolean {
  for (let l = start; l <= end; l += 1) if (!lines.commentable.has(l)) return false;
  return true;
}

/** Does the range touch a line the change added? */
export function rangeTouchesAdded(lines: PatchLines, start: number, end: number): boolean {
  for (let l = start; l <= end; l += 1) if (lines.added.has(l)) return true;
  return false;
}

/** Splits the output of `git diff` into per-file patches keyed by new path. */
export function splitGitDiff(diff: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let buf: string[] = [];
  const flush = () => {
    if (current !== undefined) out.set(current, buf.join("\n"));
  };
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) {
      flush();
      current = undefined;
      buf = [];
      continue;
    }
    if (line.startsWith("+++ ")) {
      const target = line.slice(4);
      current = target === "/dev/null" ? undefined : target.replace(/^b\//, "");
      continue;
    }
    if (line.startsWith("--- ") || line.startsWith("index ") || line.startsWith("new file") || line.startsWith("deleted file") || line.startsWith("similarity") || line.startsWith("rename ") || line.startsWith("old mode") || line.startsWith("new mode") || line.startsWith("Binary files"))
      continue;
    if (current !== undefined) buf.push(line);
  }
  flush();
  return out;
}
