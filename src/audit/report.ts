/**
 * The audit report model: everything the Markdown, HTML and JSON renderers
 * show, computed once from a whole-tree analysis. Its shape follows the seed
 * reviews: an executive snapshot (highest risks, counts, readiness scores),
 * the findings by severity then category (one entry per rule family with
 * every location), what is done well, a remediation plan in three horizons,
 * and the questions left for a human. `--format json` prints it as is.
 */
import { createRequire } from "node:module";
import type { AnalysisResult, RuleError, SkippedFile } from "../engine/analyze.js";
import type { LoadedRule } from "../engine/load-rules.js";
import type { Finding } from "../report/finding.js";
import {
  CATEGORIES,
  SEVERITIES,
  categoryRank,
  categoryTitle,
  compareSeverity,
  type Category,
  type Confidence,
  type Severity,
} from "../taxonomy/index.js";
import type { DetectedPractice } from "./practices.js";
import type { HumanQuestion } from "./questions.js";
import { SCORE_FORMULA, readinessScores, type ReadinessScores } from "./score.js";

const require = createRequire(import.meta.url);
export const TAXON_VERSION: string = (require("../../package.json") as { version: string }).version;

/** The JSON report's format identifier; bumped on incompatible changes. */
export const AUDIT_SCHEMA = "taxon-audit/1";

export interface AuditSource {
  /** `owner/name` on GitHub, else the folder's name. */
  name: string;
  /** The branch audited, when known. */
  ref?: string;
  /** The commit audited, when known. */
  sha?: string;
  /** Base of line links (`https://github.com/o/r/blob/<sha>`); without it locations are plain text. */
  blobUrl?: string;
  /** Where the audited folder sits inside the repository (`services/api/`), for links. */
  pathPrefix?: string;
}

export interface AuditLocation {
  path: string;
  startLine: number;
  endLine: number;
  /** Link to the lines at the audited commit. */
  url?: string;
  /** The finding's own title when it says more than the family's. */
  detail?: string;
  fingerprint: string;
}

export type Effort = "small" | "medium" | "large";

/** One rule family's findings at one severity: how the seeds list a problem with all its places. */
export interface FindingGroup {
  /** 1-based number, in report order; plan items refer to it. */
  id: number;
  ruleId: string;
  severity: Severity;
  category: Category;
  subcategory: string;
  /** "Security › Secrets". */
  section: string;
  title: string;
  confidence: Confidence;
  cwe: string[];
  owasp: string[];
  effort: Effort;
  /** Why it matters (Markdown). */
  why: string;
  /** How to fix it, with a short code block (Markdown). */
  fix: string;
  /** A concrete replacement for the first location, when the rule has a safe fix. */
  suggestion?: string;
  /** The code at the first location (secrets redacted). */
  snippet: string;
  /** Code-fence language of the snippet. */
  language: string;
  locations: AuditLocation[];
}

export interface PlanItem {
  ruleId: string;
  /** What to do, in the imperative (the remediation's first sentence). */
  action: string;
  title: string;
  severity: Severity;
  effort: Effort;
  effortHint: string;
  /** The finding groups this item closes. */
  closes: number[];
  /** How many locations those groups hold. */
  locations: number;
}

export interface GoodPractice extends DetectedPractice {
  /** The family's `good_practice` text. */
  statement: string;
  category: Category;
  ruleTitle: string;
}

export interface HighestRisk {
  group: number;
  severity: Severity;
  title: string;
  section: string;
  locations: number;
  first: AuditLocation;
}

export interface AuditReport {
  schema: typeof AUDIT_SCHEMA;
  tool: { name: "taxon"; version: string };
  generatedAt: string;
  source: AuditSource;
  size: { filesAnalyzed: number; linesAnalyzed: number; filesSkipped: number };
  counts: { total: number; bySeverity: Record<Severity, number>; byCategory: Record<Category, Record<Severity, number>> };
  scores: ReadinessScores & { formula: string };
  highestRisks: HighestRisk[];
  findings: FindingGroup[];
  goodPractices: GoodPractice[];
  plan: { immediate: PlanItem[]; shortTerm: PlanItem[]; mediumTerm: PlanItem[] };
  questions: HumanQuestion[];
  suppressed: Array<{ ruleId: string; path: string; line: number; reason: string }>;
  skipped: SkippedFile[];
  errors: RuleError[];
  notes: string[];
}

export interface AuditInput {
  source: AuditSource;
  result: AnalysisResult;
  rules: readonly LoadedRule[];
  practices: readonly DetectedPractice[];
  questions: readonly HumanQuestion[];
  generatedAt?: Date;
  notes?: readonly string[];
}

export const EFFORT_HINTS: Record<Effort, string> = {
  small: "small: about an hour",
  medium: "medium: a few hours to a day",
  large: "large: several days, plan it",
};

/** At most this many highest risks in the snapshot. */
export const MAX_HIGHEST_RISKS = 5;

const FENCE_LANGUAGES: Array<[RegExp, string]> = [
  [/\.py$/, "python"],
  [/\.tsx$/, "tsx"],
  [/\.[cm]?ts$/, "ts"],
  [/\.jsx$/, "jsx"],
  [/\.[cm]?js$/, "js"],
  [/(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i, "dockerfile"],
  [/\.ya?ml$/, "yaml"],
  [/\.html?$/, "html"],
  [/\.json$/, "json"],
  [/\.toml$/, "toml"],
  [/\.sh$/, "sh"],
];

export function fenceLanguage(path: string): string {
  return FENCE_LANGUAGES.find(([re]) => re.test(path))?.[1] ?? "";
}

const SECRET_CWES = new Set(["CWE-798", "CWE-259", "CWE-321", "CWE-522", "CWE-312"]);

/** Whether a family's snippets may hold a credential, which a report must not repeat. */
export function holdsSecrets(rule: Pick<Finding, "ruleId" | "subcategory" | "cwe">): boolean {
  return rule.cwe.some((c) => SECRET_CWES.has(c)) || /secret|credential/i.test(`${rule.subcategory} ${rule.ruleId}`);
}

/** String literals replaced by «redacted», except environment-variable names. */
export function redactLiterals(code: string): string {
  return code.replace(/(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g, (all, quote: string, body: string) =>
    /^[A-Z][A-Z0-9_]*$/.test(body) || body.length === 0 ? all : `${quote}«redacted»${quote}`,
  );
}

/** The first lines of a snippet, each cut to a readable width. */
export function shortSnippet(snippet: string, maxLines = 8, maxWidth = 160): string {
  const lines = snippet.replace(/\s+$/, "").split("\n");
  const kept = lines.slice(0, maxLines).map((l) => (l.length > maxWidth ? `${l.slice(0, maxWidth - 1)}…` : l));
  if (lines.length > maxLines) kept.push("…");
  return kept.join("\n");
}

/** The remediation's first sentence, as a plan item's action. */
export function firstSentence(markdown: string): string {
  const prose = markdown.split("```")[0]!.replace(/\s+/g, " ").trim();
  // A sentence ends at . ! ? before a capital, a code span or the end ("e.g. in" goes on).
  const m = /^(.+?[.!?])(?=\s+[A-Z`(]|\s*$)/.exec(prose);
  const sentence = (m ? m[1]! : prose).replace(/[:;,]\s*$/, "");
  return sentence.length > 240 ? `${sentence.slice(0, 239)}…` : sentence;
}

export function lineLink(source: AuditSource, path: string, start: number, end: number): string | undefined {
  if (!source.blobUrl) return undefined;
  const full = `${source.pathPrefix ?? ""}${path}`;
  const anchor = end > start ? `#L${start}-L${end}` : `#L${start}`;
  return `${source.blobUrl}/${full.split("/").map(encodeURIComponent).join("/")}${anchor}`;
}

function emptyBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function groupFindings(findings: readonly Finding[], rules: ReadonlyMap<string, LoadedRule>, source: AuditSource): FindingGroup[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.severity}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const groups: FindingGroup[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine);
    const first = list[0]!;
    const rule = rules.get(first.ruleId);
    const title = rule?.title ?? first.title;
    const messages = new Set(list.map((f) => f.message));
    const why = messages.size === 1 ? first.message : (rule?.message ?? first.message);
    const snippet = shortSnippet(first.snippet);
    const group: FindingGroup = {
      id: 0,
      ruleId: first.ruleId,
      severity: first.severity,
      category: first.category,
      subcategory: first.subcategory,
      section: categoryTitle(first.category, first.subcategory),
      title: messages.size === 1 && list.every((f) => f.title === first.title) ? first.title : title,
      confidence: first.confidence,
      cwe: first.cwe,
      owasp: first.owasp,
      effort: rule?.effort ?? "small",
      why: why.trim(),
      fix: first.remediation.trim(),
      snippet: holdsSecrets(first) ? redactLiterals(snippet) : snippet,
      language: fenceLanguage(first.path),
      locations: [],
    };
    if (first.fix !== undefined && !holdsSecrets(first)) group.suggestion = first.fix;
    group.locations = list.map((f) => {
      const loc: AuditLocation = { path: f.path, startLine: f.startLine, endLine: f.endLine, fingerprint: f.fingerprint };
      const url = lineLink(source, f.path, f.startLine, f.endLine);
      if (url) loc.url = url;
      if (f.title !== group.title) loc.detail = f.title;
      return loc;
    });
    groups.push(group);
  }
  groups.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      categoryRank(a.category) - categoryRank(b.category) ||
      b.locations.length - a.locations.length ||
      a.ruleId.localeCompare(b.ruleId),
  );
  groups.forEach((g, i) => (g.id = i + 1));
  return groups;
}

function planFor(groups: readonly FindingGroup[], severities: readonly Severity[]): PlanItem[] {
  const items = new Map<string, PlanItem>();
  for (const g of groups) {
    if (!severities.includes(g.severity)) continue;
    const item = items.get(g.ruleId);
    if (item) {
      item.closes.push(g.id);
      item.locations += g.locations.length;
      continue;
    }
    items.set(g.ruleId, {
      ruleId: g.ruleId,
      action: firstSentence(g.fix),
      title: g.title,
      severity: g.severity,
      effort: g.effort,
      effortHint: EFFORT_HINTS[g.effort],
      closes: [g.id],
      locations: g.locations.length,
    });
  }
  return [...items.values()];
}

export function buildAuditReport(input: AuditInput): AuditReport {
  const { result, source } = input;
  const rules = new Map(input.rules.map((r) => [r.id, r]));
  const findings = result.findings;

  const bySeverity = emptyBySeverity();
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, emptyBySeverity()])) as Record<Category, Record<Severity, number>>;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byCategory[f.category][f.severity] += 1;
  }

  const groups = groupFindings(findings, rules, source);
  const risky = groups.filter((g) => g.severity === "critical" || g.severity === "high");
  const highestRisks = (risky.length ? risky : groups.filter((g) => g.severity === "medium"))
    .slice(0, MAX_HIGHEST_RISKS)
    .map((g) => ({ group: g.id, severity: g.severity, title: g.title, section: g.section, locations: g.locations.length, first: g.locations[0]! }));

  const withFindings = new Set(findings.map((f) => f.ruleId));
  const goodPractices: GoodPractice[] = [];
  for (const p of input.practices) {
    if (withFindings.has(p.ruleId)) continue;
    const rule = rules.get(p.ruleId);
    if (!rule) continue;
    goodPractices.push({ ...p, statement: rule.good_practice ?? rule.title, category: rule.category, ruleTitle: rule.title });
  }
  goodPractices.sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || a.label.localeCompare(b.label));

  return {
    schema: AUDIT_SCHEMA,
    tool: { name: "taxon", version: TAXON_VERSION },
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    source,
    size: { filesAnalyzed: result.filesAnalyzed, linesAnalyzed: result.linesAnalyzed, filesSkipped: result.skipped.length },
    counts: { total: findings.length, bySeverity, byCategory },
    scores: { ...readinessScores(findings, result.linesAnalyzed), formula: SCORE_FORMULA },
    highestRisks,
    findings: groups,
    goodPractices,
    plan: {
      immediate: planFor(groups, ["critical"]),
      shortTerm: planFor(groups, ["high"]),
      mediumTerm: planFor(groups, ["medium", "low", "info"]),
    },
    questions: [...input.questions],
    suppressed: result.suppressed.map((s) => ({ ruleId: s.finding.ruleId, path: s.finding.path, line: s.finding.startLine, reason: s.reason })),
    skipped: result.skipped,
    errors: result.errors,
    notes: [...(input.notes ?? [])],
  };
}
