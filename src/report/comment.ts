/**
 * An inline review comment that reads like a reviewer wrote it: severity
 * badge and category, a one-line title, why it matters, how to fix it (a
 * ```suggestion when the rule has a safe fix) and a footer with the rule ID,
 * CWE and OWASP ids. A hidden marker carries the finding's fingerprint so
 * re-runs can tell what was already said.
 */
import { COMMENT_MARKER_PREFIX, MAX_COMMENT_BODY, truncate } from "../github/limits.js";
import { OWASP_2021, SEVERITY_BADGES, SEVERITY_LABELS, categoryTitle } from "../taxonomy/index.js";
import type { Finding } from "./finding.js";

export function footer(finding: Finding): string {
  const parts = [`taxon`, `\`${finding.ruleId}\``];
  if (finding.cwe.length) parts.push(finding.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(", "));
  if (finding.owasp.length) parts.push(finding.owasp.map((o) => `OWASP ${o}:2021${OWASP_2021[o] ? ` ${OWASP_2021[o]}` : ""}`).join(", "));
  parts.push(`confidence ${finding.confidence}`);
  return `<sub>${parts.join(" · ")}</sub>`;
}

export function marker(fingerprint: string): string {
  return `${COMMENT_MARKER_PREFIX}${fingerprint} -->`;
}

/** The fingerprint in a comment body written by taxon, if any. */
export function readMarker(body: string): string | undefined {
  const start = body.indexOf(COMMENT_MARKER_PREFIX);
  if (start < 0) return undefined;
  const rest = body.slice(start + COMMENT_MARKER_PREFIX.length);
  const match = /^([0-9a-f]{8,64}) -->/.exec(rest);
  return match?.[1];
}

export interface CommentOptions {
  /** Include a ```suggestion block (only when the comment covers exactly the finding's lines). */
  suggestion: boolean;
}

export function renderComment(finding: Finding, options: CommentOptions = { suggestion: true }): string {
  const head = `${SEVERITY_BADGES[finding.severity]} **${SEVERITY_LABELS[finding.severity]}** · ${categoryTitle(finding.category, finding.subcategory)}`;
  const parts = [head, `**${finding.title}**`, finding.message.trim(), `**How to fix.** ${finding.remediation.trim()}`];
  if (options.suggestion && finding.fix !== undefined) {
    parts.push("Suggested change:\n```suggestion\n" + finding.fix + "\n```");
  }
  parts.push(footer(finding));
  const body = parts.join("\n\n");
  const tail = "\n" + marker(finding.fingerprint);
  return truncate(body, MAX_COMMENT_BODY - tail.length) + tail;
}
