/** Plain text for a terminal: one block per finding, most severe first. */
import { SEVERITY_LABELS, categoryTitle } from "../taxonomy/index.js";
import type { Finding } from "./finding.js";
import { countsTitle, sortForReport } from "./summary.js";

export function toText(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of sortForReport(findings)) {
    lines.push(`${f.path}:${f.startLine}:${f.startColumn}  ${SEVERITY_LABELS[f.severity].toUpperCase()}  ${f.ruleId}`);
    lines.push(`  ${f.title} (${categoryTitle(f.category, f.subcategory)})`);
    lines.push(`  ${f.snippet.split("\n")[0]!.trim().slice(0, 160)}`);
    lines.push("");
  }
  lines.push(`${findings.length} finding${findings.length === 1 ? "" : "s"}: ${countsTitle(findings)}`);
  return lines.join("\n");
}
