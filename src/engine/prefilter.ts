/**
 * Which prefilter tokens occur in a file, found in one pass over its text
 * instead of one `includes` per token (with a few hundred tokens that was
 * the largest cost of a scan after parsing).
 *
 * One regex of all tokens inside a lookahead visits every position without
 * consuming text, so overlapping tokens are all seen; at one position only
 * the longest token is reported, so each token also implies the tokens it
 * contains.
 */
export class PrefilterIndex {
  private readonly re: RegExp | undefined;
  private readonly contained = new Map<string, string[]>();

  constructor(tokens: Iterable<string>) {
    const distinct = [...new Set(tokens)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (distinct.length === 0) return;
    const escaped = distinct.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.re = new RegExp(`(?=(${escaped.join("|")}))`, "g");
    for (const t of distinct) this.contained.set(t, distinct.filter((u) => u !== t && t.includes(u)));
  }

  /** The tokens present in `text`. */
  scan(text: string): Set<string> {
    const found = new Set<string>();
    if (!this.re) return found;
    this.re.lastIndex = 0;
    for (const m of text.matchAll(this.re)) {
      const token = m[1]!;
      if (found.has(token)) continue;
      found.add(token);
      for (const inner of this.contained.get(token) ?? []) found.add(inner);
    }
    return found;
  }
}
