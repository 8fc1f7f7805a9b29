/** `taxon rules`: every rule with its ID, targets, category, severity and CWE/OWASP. The README's rule list is generated from this. */
import type { LoadedRule } from "../engine/load-rules.js";
import { categoryTitle, compareSeverity, categoryRank } from "../taxonomy/index.js";
import type { Format } from "./usage.js";

export function ruleTargets(rule: LoadedRule): string[] {
  return [...new Set(rule.matchers.map((m) => m.language))];
}

function sorted(rules: readonly LoadedRule[]): LoadedRule[] {
  return [...rules].sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || compareSeverity(a.severity, b.severity) || a.id.localeCompare(b.id));
}

export function rulesTable(rules: readonly LoadedRule[]): string {
  const rows = sorted(rules).map(
    (r) =>
      `| \`${r.id}\` | ${categoryTitle(r.category, r.subcategory)} | ${r.severity} | ${ruleTargets(r).join(", ")} | ${[...r.cwe, ...r.owasp.map((o) => `OWASP ${o}`)].join(", ") || "—"} | ${r.title} |`,
  );
  return ["| Rule | Category | Severity | Targets | CWE / OWASP | Finds |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

export function rulesCommand(rules: readonly LoadedRule[], format: Format): string {
  if (format === "json")
    return JSON.stringify(
      sorted(rules).map((r) => ({ id: r.id, title: r.title, category: r.category, subcategory: r.subcategory, severity: r.severity, confidence: r.confidence, targets: ruleTargets(r), cwe: r.cwe, owasp: r.owasp, scope: r.scope })),
      null,
      2,
    );
  if (format === "markdown") return rulesTable(rules);
  const width = Math.max(...rules.map((r) => r.id.length));
  return sorted(rules)
    .map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${categoryTitle(r.category, r.subcategory).padEnd(36)}  ${ruleTargets(r).join(",").padEnd(28)}  ${[...r.cwe, ...r.owasp].join(" ")}`)
    .join("\n");
}
