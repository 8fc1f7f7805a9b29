/**
 * The audit as Markdown, in the seeds' order: executive snapshot, findings by
 * severity then category, what is done well, the remediation plan, the
 * questions for a human, and the scope. Rendered as blocks that are never
 * cut, so a report too long for one GitHub comment splits between them.
 * Findings are numbered F1, F2 … (not #1, which GitHub links to an issue).
 */
import {
  CATEGORIES,
  CATEGORY_LABELS,
  OWASP_2021,
  SEVERITIES,
  SEVERITY_BADGES,
  SEVERITY_LABELS,
  type Severity,
} from "../taxonomy/index.js";
import type { AuditLocation, AuditReport, FindingGroup, PlanItem } from "./report.js";

export interface MarkdownOptions {
  /** Locations listed per finding before "and N more"; all by default. */
  maxLocations?: number;
  /** Skipped files listed in the scope section before "and N more". */
  maxSkipped?: number;
}

const n = (x: number) => x.toLocaleString("en-US");
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

export function findingLabel(id: number): string {
  return `F${id}`;
}

export function scoreText(score: number): string {
  return `${score.toFixed(1)}/10`;
}

function locationText(loc: AuditLocation): string {
  const text = `${loc.path}:${loc.startLine}${loc.endLine > loc.startLine ? `-${loc.endLine}` : ""}`;
  return loc.url ? `[\`${text}\`](${loc.url})` : `\`${text}\``;
}

export function countsLine(bySeverity: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => bySeverity[s] > 0).map((s) => `${n(bySeverity[s])} ${s}`);
  return parts.length ? parts.join(", ") : "no findings";
}

function fence(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${language}\n${code}\n${ticks}`;
}

function header(report: AuditReport): string {
  const s = report.source;
  const commit = s.sha ? (s.blobUrl ? `[\`${s.sha.slice(0, 7)}\`](${s.blobUrl.replace(/\/blob\/[^/]+$/, `/commit/${s.sha}`)})` : `\`${s.sha.slice(0, 7)}\``) : undefined;
  const facts = [
    commit ? `**Commit:** ${commit}${s.ref ? ` on \`${s.ref}\`` : ""}` : undefined,
    `**Scope:** ${plural(report.size.filesAnalyzed, "file")}, ${plural(report.size.linesAnalyzed, "line")}${s.pathPrefix ? ` under \`${s.pathPrefix}\`` : ""}`,
    `**Date:** ${report.generatedAt.slice(0, 10)}`,
    `taxon ${report.tool.version}`,
  ].filter(Boolean);
  return `# Production readiness audit: ${s.name}\n\n${facts.join(" · ")}`;
}

function snapshot(report: AuditReport): string {
  const out: string[] = ["## Executive snapshot", ""];
  const overall = report.scores.overall;
  out.push(`**Overall readiness: ${scoreText(overall.score)}** · ${plural(report.counts.total, "finding")}: ${countsLine(report.counts.bySeverity)}`);
  if (report.highestRisks.length) {
    out.push("", "**Highest risks**");
    for (const r of report.highestRisks) {
      const more = r.locations > 1 ? ` and ${plural(r.locations - 1, "more place")}` : "";
      out.push(`- ${SEVERITY_BADGES[r.severity]} **${r.title}** (${r.section}): ${locationText(r.first)}${more} · ${findingLabel(r.group)}`);
    }
  } else {
    out.push("", "**Highest risks:** none found by the rules; see what is done well and the questions for a human below.");
  }
  out.push("", "| Severity | Findings |", "|---|---:|");
  for (const s of SEVERITIES) out.push(`| ${SEVERITY_BADGES[s]} ${SEVERITY_LABELS[s]} | ${n(report.counts.bySeverity[s])} |`);
  const shown = SEVERITIES.filter((s) => s !== "info" || report.counts.bySeverity.info > 0);
  out.push("", `| Category | Readiness | ${shown.map((s) => SEVERITY_BADGES[s]).join(" | ")} |`, `|---|---:|${shown.map(() => "---:").join("|")}|`);
  for (const c of CATEGORIES) {
    const cells = shown.map((s) => (report.counts.byCategory[c][s] ? n(report.counts.byCategory[c][s]) : "·"));
    out.push(`| ${CATEGORY_LABELS[c]} | ${scoreText(report.scores.categories[c].score)} | ${cells.join(" | ")} |`);
  }
  out.push(`| **Overall** | **${scoreText(overall.score)}** | ${shown.map((s) => `**${n(report.counts.bySeverity[s])}**`).join(" | ")} |`);
  out.push(
    "",
    `<sub>Readiness = 10 × e^(−penalty ÷ (40 × √KLOC)), at most 5 with a critical and 8 with a high finding; penalty = Σ per rule family of severity weight × confidence weight × (1 + ln n); KLOC = ${(report.size.linesAnalyzed / 1000).toFixed(1)}. Details in the scope section.</sub>`,
  );
  return out.join("\n");
}

export function findingBlock(g: FindingGroup, options: MarkdownOptions = {}): string {
  const out: string[] = [`##### ${findingLabel(g.id)}. ${g.title}`, ""];
  const refs = [
    `\`${g.ruleId}\``,
    ...g.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`),
    ...g.owasp.map((o) => `OWASP ${o}${OWASP_2021[o] ? ` ${OWASP_2021[o]}` : ""}`),
    `confidence ${g.confidence}`,
  ];
  const max = options.maxLocations ?? Infinity;
  if (g.locations.length === 1) {
    out.push(`**Location:** ${locationText(g.locations[0]!)}${g.locations[0]!.detail ? ` (${g.locations[0]!.detail})` : ""} · ${refs.join(" · ")}`);
  } else {
    out.push(`**Locations (${n(g.locations.length)}):** ${refs.join(" · ")}`);
    for (const loc of g.locations.slice(0, max)) out.push(`- ${locationText(loc)}${loc.detail ? ` (${loc.detail})` : ""}`);
    if (g.locations.length > max) out.push(`- …and ${plural(g.locations.length - max, "more place")} (all in \`taxon audit --format json\`)`);
  }
  out.push("", `**Why it matters.** ${g.why}`);
  if (g.snippet.trim()) out.push("", fence(g.snippet, g.language));
  out.push("", `**Fix.** ${g.fix}`);
  if (g.suggestion !== undefined) out.push("", `Suggested change for ${locationText(g.locations[0]!)}:`, "", fence(g.suggestion, g.language));
  return out.join("\n");
}

function findingBlocks(report: AuditReport, options: MarkdownOptions): string[] {
  const blocks: string[] = ["## Findings"];
  if (!report.findings.length) {
    blocks.push("No rule found a problem in the audited files.");
    return blocks;
  }
  for (const s of SEVERITIES) {
    const ofSeverity = report.findings.filter((g) => g.severity === s);
    if (!ofSeverity.length) continue;
    let first = true;
    for (const c of CATEGORIES) {
      const groups = ofSeverity.filter((g) => g.category === c);
      if (!groups.length) continue;
      // Headings travel with their first finding, so a split never leaves a heading alone.
      groups.forEach((g, i) => {
        const heads = [first ? `### ${SEVERITY_BADGES[s]} ${SEVERITY_LABELS[s]}` : "", i === 0 ? `#### ${CATEGORY_LABELS[c]}` : ""].filter(Boolean);
        blocks.push([...heads, findingBlock(g, options)].join("\n\n"));
        first = false;
      });
    }
  }
  return blocks;
}

function practicesBlock(report: AuditReport): string {
  const out = ["## ✅ What is done well", ""];
  if (!report.goodPractices.length) {
    out.push("_taxon detected none of the practices it looks for (CSRF protection, rate limiting, migrations, health endpoint, non-root container, pinned dependencies, structured logging, tests …) without a finding in the same family._");
    return out.join("\n");
  }
  for (const p of report.goodPractices) {
    const seen = p.evidence.length ? ` _Evidence: ${p.evidence.join(", ")}._` : "";
    out.push(`- **${p.label}:** ${p.statement}${seen} <sub>${CATEGORY_LABELS[p.category]} · \`${p.ruleId}\`</sub>`);
  }
  return out.join("\n");
}

function planLine(item: PlanItem, index: number): string {
  const closes = item.closes.map(findingLabel).join(", ");
  return `${index + 1}. **${item.action}** Closes ${closes} (${plural(item.locations, "place")}) · effort ${item.effortHint} · \`${item.ruleId}\``;
}

function planBlock(report: AuditReport): string {
  const out = ["## Remediation plan"];
  const phases: Array<[string, PlanItem[], string]> = [
    ["### Immediate (critical)", report.plan.immediate, "Nothing critical."],
    ["### Short term (high)", report.plan.shortTerm, "Nothing of high severity."],
    ["### Medium term (medium and low)", report.plan.mediumTerm, "Nothing of medium or low severity."],
  ];
  for (const [title, items, none] of phases) {
    out.push("", title, "");
    if (!items.length) out.push(`_${none}_`);
    else out.push(...items.map(planLine));
  }
  return out.join("\n");
}

function questionsBlock(report: AuditReport): string {
  const out = ["## For a human to decide", ""];
  if (!report.questions.length) {
    out.push("_taxon saw no web service, database, user accounts or deployment files, so it has no operational questions to leave open._");
    return out.join("\n");
  }
  out.push("No static reader can answer these from the code; they are listed once and are not findings.", "");
  for (const q of report.questions) out.push(`- **${q.topic}:** ${q.question}`);
  return out.join("\n");
}

function scopeBlock(report: AuditReport, options: MarkdownOptions): string {
  const out = ["<details><summary>Scope and method</summary>", ""];
  out.push(`- Analyzed ${plural(report.size.filesAnalyzed, "file")} (${plural(report.size.linesAnalyzed, "line")}) with taxon ${report.tool.version}.`);
  const maxSkipped = options.maxSkipped ?? 30;
  if (report.skipped.length) {
    out.push(`- ${plural(report.skipped.length, "file")} not analyzed:`);
    for (const s of report.skipped.slice(0, maxSkipped)) out.push(`  - \`${s.path}\`: ${s.reason}`);
    if (report.skipped.length > maxSkipped) out.push(`  - …and ${n(report.skipped.length - maxSkipped)} more`);
  }
  if (report.suppressed.length) {
    out.push(`- ${plural(report.suppressed.length, "finding")} suppressed by \`taxon-ignore\` (not counted in the scores):`);
    for (const s of report.suppressed.slice(0, 20)) out.push(`  - \`${s.ruleId}\` at \`${s.path}:${s.line}\`${s.reason ? `: ${s.reason}` : ""}`);
    if (report.suppressed.length > 20) out.push(`  - …and ${n(report.suppressed.length - 20)} more`);
  }
  if (report.errors.length) {
    out.push(`- ⚠️ ${plural(report.errors.length, "rule error")} (analysis incomplete for these files):`);
    for (const e of report.errors.slice(0, 20)) out.push(`  - \`${e.ruleId}\` on \`${e.path}\`: ${e.message.split("\n")[0]}`);
  }
  for (const note of report.notes) out.push(`- ${note}`);
  out.push(`- Readiness score: ${report.scores.formula}`);
  out.push("", "</details>");
  return out.join("\n");
}

/** The report as blocks that a split never cuts. */
export function renderMarkdownBlocks(report: AuditReport, options: MarkdownOptions = {}): string[] {
  return [
    header(report),
    snapshot(report),
    ...findingBlocks(report, options),
    practicesBlock(report),
    planBlock(report),
    questionsBlock(report),
    scopeBlock(report, options),
  ];
}

export function renderMarkdown(report: AuditReport, options: MarkdownOptions = {}): string {
  return renderMarkdownBlocks(report, options).join("\n\n") + "\n";
}
