/**
 * Fits a Markdown report into GitHub comments: one comment when it fits,
 * else consecutive comments split between blocks (never inside a finding),
 * at most MAX_AUDIT_COMMENTS of them; what still does not fit is named in
 * the last one. Each part carries a hidden marker with the audited commit.
 */
import { MAX_COMMENT_BODY, truncate } from "../github/limits.js";

/** More comments than this would bury the conversation; the rest is summarized. */
export const MAX_AUDIT_COMMENTS = 10;

export const AUDIT_MARKER_PREFIX = "<!-- taxon:audit";

export function auditMarker(sha: string, part: number, parts: number): string {
  return `${AUDIT_MARKER_PREFIX} sha=${sha} part=${part}/${parts} -->`;
}

export interface SplitOptions {
  sha: string;
  /** Characters per comment (GitHub's limit by default). */
  limit?: number;
  maxParts?: number;
}

/** Room kept in each part for the part line, the marker and the overflow note. */
const RESERVE = 600;

export function splitIntoComments(blocks: readonly string[], options: SplitOptions): string[] {
  const limit = options.limit ?? MAX_COMMENT_BODY;
  const maxParts = options.maxParts ?? MAX_AUDIT_COMMENTS;
  const budget = limit - RESERVE;
  const parts: string[] = [];
  let current = "";
  for (const raw of blocks) {
    const block = raw.length > budget ? truncate(raw, budget, "\n\n…(cut: this finding alone exceeds GitHub's comment size)") : raw;
    if (current && current.length + 2 + block.length > budget) {
      parts.push(current);
      current = block;
    } else current = current ? `${current}\n\n${block}` : block;
  }
  if (current) parts.push(current);

  let kept = parts;
  if (parts.length > maxParts) {
    kept = parts.slice(0, maxParts);
    const left = parts.slice(maxParts).reduce((sum, p) => sum + p.split("\n##### ").length - 1 + (p.startsWith("##### ") ? 1 : 0), 0);
    kept[maxParts - 1] +=
      `\n\n---\n\n_The rest of this report (${left ? `${left} more finding${left === 1 ? "" : "s"}, ` : ""}what is done well, the plan and the open questions) does not fit in ${maxParts} comments. Run \`taxon audit --format html\` on a checkout for the full report._`;
  }
  const n = kept.length;
  return kept.map((body, i) => {
    const head = n > 1 && i > 0 ? `_Production readiness audit, part ${i + 1} of ${n}._\n\n` : "";
    const tail = n > 1 && i < n - 1 ? `\n\n_Continued in the next comment (part ${i + 2} of ${n})._` : "";
    return `${head}${body}${tail}\n\n${auditMarker(options.sha, i + 1, n)}`;
  });
}
