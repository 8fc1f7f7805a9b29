/**
 * The neutral finding record between the engines and the reporters.
 * Lines and columns are 1-based, as GitHub and SARIF count them; the engines
 * convert from their own positions in exactly one place (engine/position.ts).
 */
import type { Category, Confidence, Severity } from "../taxonomy/index.js";

export interface Finding {
  ruleId: string;
  /** Repository-relative path with forward slashes. */
  path: string;
  startLine: number;
  endLine: number;
  startColumn: number;
  endColumn: number;
  severity: Severity;
  category: Category;
  subcategory: string;
  confidence: Confidence;
  cwe: string[];
  owasp: string[];
  /** One line: what is wrong. */
  title: string;
  /** Why it matters (Markdown). */
  message: string;
  /** How to fix it (Markdown, usually with a short code block). */
  remediation: string;
  /** Replacement for lines startLine..endLine when the rule has a safe fix. */
  fix?: string;
  /** The matched source text. */
  snippet: string;
  /** Stable identity of the finding that survives moved code (report/fingerprint.ts). */
  fingerprint: string;
  /** `line` findings go inline; `pr` and `repo` findings go to the summary. */
  scope: "line" | "file" | "pr" | "repo";
}

/** A finding silenced by a `taxon-ignore` comment: counted, never hidden silently. */
export interface SuppressedFinding {
  finding: Finding;
  reason: string;
}
