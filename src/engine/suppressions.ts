/**
 * `taxon-ignore` comments: `# taxon-ignore: rule-id, other-id  reason` on the
 * flagged line or the line above silences those rules; a bare `taxon-ignore`
 * silences every rule on that line.
 */
export interface Suppression {
  /** Empty means every rule. */
  ruleIds: string[];
  reason: string;
}

const MARKER = /taxon-ignore(?::\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?\s*(.*)$/;

/** Suppressions by 1-based line number of the comment. */
export function parseSuppressions(lines: readonly string[]): Map<number, Suppression> {
  const found = new Map<number, Suppression>();
  lines.forEach((line, index) => {
    if (!line.includes("taxon-ignore")) return;
    const match = MARKER.exec(line);
    if (!match) return;
    const ruleIds = match[1] ? match[1].split(",").map((s) => s.trim()) : [];
    const reason = (match[2] ?? "").replace(/(\*\/|-->|\*\/\})\s*$/, "").trim();
    found.set(index + 1, { ruleIds, reason });
  });
  return found;
}

/** The suppression that covers a finding of `ruleId` starting on `line`, if any. */
export function suppressionFor(
  suppressions: Map<number, Suppression>,
  ruleId: string,
  line: number,
): Suppression | undefined {
  for (const candidate of [line, line - 1]) {
    const s = suppressions.get(candidate);
    if (s && (s.ruleIds.length === 0 || s.ruleIds.includes(ruleId))) return s;
  }
  return undefined;
}
