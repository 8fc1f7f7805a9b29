/**
 * The check-run summary, shaped like the seeds' executive summaries:
 * counts by category × severity, then the findings grouped by severity and
 * category, then what was already there, suppressed or skipped, and the
 * configuration in effect.
 */
import type { TaxonConfig } from "../config/schema.js";
import { MAX_CHECK_RUN_TEXT, truncate } from "../github/limits.js";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  SEVERITIES,
  SEVERITY_BADGES,
  SEVERITY_LABELS,
  categoryRank,
  categoryTitle,
  compareSeverity,
  type Severity,
} from "../taxonomy/index.js";
import type { Finding, SuppressedFinding } from "./finding.js";

export interface SummaryInput {
  headSha: string;
  /** Builds a link to a line at the head SHA; plain text when absent. */
  link?: (path: string, line: number) => string;
  findings: readonly Finding[];
  /** Findings listed in the summary only (overflow, below the inline threshold, outside the diff). */
  notInline: ReadonlySet<string>;
  preExisting: number;
  suppressed: readonly SuppressedFinding[];
  skipped: ReadonlyArray<{ path: string; reason: string }>;
  errors: ReadonlyArray<{ path: string; ruleId: string; message: string }>;
  config: TaxonConfig;
  notes?: readonly string[];
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** "2 critical, 1 high" — or "no findings". */
export function countsTitle(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "no findings";
}

export function severityTable(findings: readonly Finding[]): string {
  const used = CATEGORIES.filter((c) => findings.some((f) => f.category === c));
  if (!used.length) return "";
  const rows = used.map((c) => {
    const cells = SEVERITIES.map((s) => findings.filter((f) => f.category === c && f.severity === s).length || "·");
    return `| ${CATEGORY_LABELS[c]} | ${cells.join(" | ")} |`;
  });
  const header = `| Category | ${SEVERITIES.map((s) => `${SEVERITY_BADGES[s]} ${SEVERITY_LABELS[s]}`).join(" | ")} |`;
  const rule = `|---|${SEVERITIES.map(() => "---:").join("|")}|`;
  return [header, rule, ...rows].join("\n");
}

export function sortForReport(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      categoryRank(a.category) - categoryRank(b.category) ||
      a.path.localeCompare(b.path) ||
      a.startLine - b.startLine,
  );
}

function location(f: Finding, link?: (path: string, line: number) => string): string {
  if (f.scope === "pr") return "this pull request";
  const text = `${f.path}:${f.startLine}`;
  return link ? `[\`${text}\`](${link(f.path, f.startLine)})` : `\`${text}\``;
}

export function renderSummary(input: SummaryInput): string {
  const { findings } = input;
  const out: string[] = [];
  if (findings.length === 0) {
    out.push("No new findings on the lines this change adds.");
  } else {
    out.push(`**${findings.length} new finding${findings.length === 1 ? "" : "s"}** on the lines this change adds: ${countsTitle(findings)}.`);
    out.push("", severityTable(findings));
    for (const severity of SEVERITIES) {
      const group = sortForReport(findings.filter((f) => f.severity === severity));
      if (!group.length) continue;
      out.push("", `### ${SEVERITY_BADGES[severity]} ${SEVERITY_LABELS[severity]}`);
      for (const f of group) {
        const where = input.notInline.has(f.fingerprint) ? " _(summary only)_" : "";
        out.push(`- **${f.title}** — ${categoryTitle(f.category, f.subcategory)} — ${location(f, input.link)} \`${f.ruleId}\`${where}`);
      }
    }
  }
  const extra: string[] = [];
  if (input.config.report_pre_existing && input.preExisting > 0)
    extra.push(`- ${input.preExisting} finding${input.preExisting === 1 ? "" : "s"} already present in the files this change touches (not commented).`);
  if (input.suppressed.length) {
    extra.push(`- ${input.suppressed.length} suppressed by \`taxon-ignore\`:`);
    for (const s of input.suppressed.slice(0, 20))
      extra.push(`  - \`${s.finding.ruleId}\` at \`${s.finding.path}:${s.finding.startLine}\`${s.reason ? ` — ${s.reason}` : ""}`);
  }
  if (input.skipped.length) {
    extra.push(`- ${input.skipped.length} file${input.skipped.length === 1 ? "" : "s"} not analyzed:`);
    for (const s of input.skipped.slice(0, 30)) extra.push(`  - \`${s.path}\`: ${s.reason}`);
    if (input.skipped.length > 30) extra.push(`  - …and ${input.skipped.length - 30} more`);
  }
  if (input.errors.length) {
    extra.push(`- ⚠️ ${input.errors.length} rule error${input.errors.length === 1 ? "" : "s"} (analysis incomplete for these files):`);
    for (const e of input.errors.slice(0, 20)) extra.push(`  - \`${e.ruleId}\` on \`${e.path}\`: ${e.message.split("\n")[0]}`);
  }
  for (const note of input.notes ?? []) extra.push(`- ${note}`);
  if (extra.length) out.push("", "### Also", ...extra);
  const c = input.config;
  out.push(
    "",
    `<details><summary>Configuration in effect</summary>\n\nfail_on: \`${c.fail_on}\` · comment_min_severity: \`${c.comment_min_severity}\` · max_inline_comments: \`${c.max_inline_comments}\`` +
      (Object.keys(c.rules).length ? ` · rules: ${Object.entries(c.rules).map(([k, v]) => `\`${k}\`=${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ")}` : "") +
      (c.ignore.length ? ` · ignore: ${c.ignore.map((g) => `\`${g}\``).join(", ")}` : "") +
      "\n</details>",
  );
  return truncate(out.join("\n"), MAX_CHECK_RUN_TEXT);
}
