/**
 * The analysis: a pure function of (files, repository facts, config) →
 * findings. No GitHub calls here, so the app, the CLI and the tests share it.
 */
import { parse, type SgNode } from "@ast-grep/napi";
import { ruleSetting, type TaxonConfig } from "../config/schema.js";
import type { Finding, SuppressedFinding } from "../report/finding.js";
import { fingerprint } from "../report/fingerprint.js";
import { CHECKS } from "./checks/index.js";
import type { Hit } from "./checks/types.js";
import type { RepoFacts } from "./context/repo-facts.js";
import { astGrepLang, detectLanguage, matcherApplies, registerLanguages, type FileLanguage } from "./languages.js";
import type { LoadedRule } from "./load-rules.js";
import { PathClassifier, isGeneratedOrVendored, matchesGlob } from "./paths.js";
import { PrefilterIndex } from "./prefilter.js";
import { spanOfLine, spanOfNode } from "./position.js";
import type { AstGrepMatcher, LineMatcher, Matcher } from "./rule-schema.js";
import { parseSuppressions, suppressionFor } from "./suppressions.js";

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  content: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface RuleError {
  path: string;
  ruleId: string;
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  skipped: SkippedFile[];
  errors: RuleError[];
  filesAnalyzed: number;
  linesAnalyzed: number;
}

export interface AnalysisInput {
  files: readonly SourceFile[];
  rules: readonly LoadedRule[];
  facts: RepoFacts;
  config: TaxonConfig;
  /** For change-level rules (`missing-test-changes`): every path the change touches. */
  changedPaths?: readonly string[];
  /** When given, CPU milliseconds are added up here by rule ID (and `(parse)`), for the rule profiler. */
  profile?: Map<string, number>;
}

/** Files larger than this are skipped with a reason rather than parsed. */
export const MAX_FILE_BYTES = 1_000_000;
/** A line longer than this is minified or generated code, not something a person wrote. */
export const MAX_LINE_LENGTH = 20_000;

export function emptyResult(): AnalysisResult {
  return { findings: [], suppressed: [], skipped: [], errors: [], filesAnalyzed: 0, linesAnalyzed: 0 };
}

export function mergeResults(into: AnalysisResult, from: AnalysisResult): void {
  into.findings.push(...from.findings);
  into.suppressed.push(...from.suppressed);
  into.skipped.push(...from.skipped);
  into.errors.push(...from.errors);
  into.filesAnalyzed += from.filesAnalyzed;
  into.linesAnalyzed += from.linesAnalyzed;
}

export function analyze(input: AnalysisInput): AnalysisResult {
  registerLanguages();
  const result = emptyResult();
  const classifier = new PathClassifier(input.config.paths);
  const active = activeRules(input.rules, input.config);
  const byLanguage: MatchersByLanguage = new Map();
  for (const file of input.files) {
    analyzeFile(file, active, byLanguage, input, classifier, result);
  }
  if (input.changedPaths) runChangeChecks(input.changedPaths, active, classifier, result);
  sortFindings(result.findings);
  return result;
}

interface ActiveRule {
  rule: LoadedRule;
  severity: Finding["severity"];
}

function activeRules(rules: readonly LoadedRule[], config: TaxonConfig): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const severity = ruleSetting(config, rule.id, rule.severity);
    if (severity) active.push({ rule, severity });
  }
  return active;
}

/** Why a file is not analyzed, or undefined when it is. */
export function skipReason(file: SourceFile, config: TaxonConfig): string | undefined {
  if (config.ignore.some((glob) => matchesGlob(file.path, glob))) return "ignored by the configuration";
  const generated = isGeneratedOrVendored(file.path);
  if (generated) return generated;
  if (file.content.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES} bytes`;
  if (file.content.includes("\u0000")) return "binary (contains NUL bytes)";
  return undefined;
}

function analyzeFile(
  file: SourceFile,
  active: readonly ActiveRule[],
  byLanguage: MatchersByLanguage,
  input: AnalysisInput,
  classifier: PathClassifier,
  result: AnalysisResult,
): void {
  const reason = skipReason(file, input.config);
  if (reason) {
    result.skipped.push({ path: file.path, reason });
    return;
  }
  const text = file.content.charCodeAt(0) === 0xfeff ? file.content.slice(1) : file.content;
  const language = detectLanguage(file.path);
  const lines = text.split(/\r?\n/);
  if (language !== "text" && lines.some((line) => line.length > MAX_LINE_LENGTH)) {
    result.skipped.push({ path: file.path, reason: `has a line longer than ${MAX_LINE_LENGTH} characters (minified or generated)` });
    return;
  }
  const selecting = input.profile ? performance.now() : 0;
  const work = applicableMatchers(file.path, text, matchersFor(language, active, byLanguage), input.facts, classifier);
  if (input.profile) input.profile.set("(selection)", (input.profile.get("(selection)") ?? 0) + performance.now() - selecting);
  result.filesAnalyzed += 1;
  result.linesAnalyzed += lines.length;
  if (work.length === 0) return;

  const grammar = astGrepLang(language);
  let root: SgNode | undefined;
  const rootNode = (): SgNode | undefined => {
    if (root === undefined && grammar) root = parse(grammar, text).root();
    return root;
  };
  const suppressions = parseSuppressions(lines);
  const occurrences = new Map<string, number>();
  const profile = input.profile;
  if (profile) {
    const t = performance.now();
    rootNode();
    profile.set("(parse)", (profile.get("(parse)") ?? 0) + performance.now() - t);
  }

  for (const { rule, severity, matcher } of work) {
    let hits: Hit[];
    const started = profile ? performance.now() : 0;
    try {
      hits = runMatcher(matcher, { path: file.path, language, text, lines, root: rootNode, input, classifier });
    } catch (error) {
      result.errors.push({ path: file.path, ruleId: rule.id, message: (error as Error).message });
      continue;
    } finally {
      if (profile) profile.set(rule.id, (profile.get(rule.id) ?? 0) + performance.now() - started);
    }
    for (const hit of hits) {
      const finding = toFinding(rule, severity, matcher, hit, file.path, lines, occurrences);
      const suppression = suppressionFor(suppressions, rule.id, hit.startLine);
      if (suppression) result.suppressed.push({ finding, reason: suppression.reason });
      else result.findings.push(finding);
    }
  }
}

interface WorkItem extends ActiveRule {
  matcher: Matcher;
}

interface Candidates {
  items: WorkItem[];
  prefilter: PrefilterIndex;
}

/** The candidate matchers per file language and their prefilter index, computed once per analysis. */
type MatchersByLanguage = Map<FileLanguage, Candidates>;

function matchersFor(language: FileLanguage, active: readonly ActiveRule[], cache: MatchersByLanguage): Candidates {
  let entry = cache.get(language);
  if (!entry) {
    const items: WorkItem[] = [];
    for (const { rule, severity } of active)
      for (const matcher of rule.matchers) {
        if ("check" in matcher && CHECKS[matcher.check]?.kind === "change") continue;
        if (matcherApplies(matcher.language, language)) items.push({ rule, severity, matcher });
      }
    entry = { items, prefilter: new PrefilterIndex(items.flatMap((i) => i.matcher.prefilter ?? [])) };
    cache.set(language, entry);
  }
  return entry;
}

function applicableMatchers(
  path: string,
  text: string,
  candidates: Candidates,
  facts: RepoFacts,
  classifier: PathClassifier,
): WorkItem[] {
  const work: WorkItem[] = [];
  const classes = new Set(classifier.classes(path));
  const present = candidates.prefilter.scan(text);
  const has = (token: string) => present.has(token);
  for (const item of candidates.items) {
    const { matcher } = item;
    if (matcher.prefilter && !matcher.prefilter.some(has)) continue;
    if (!pathAllowed(path, matcher, classes)) continue;
    if (matcher.when && !factsHold(matcher.when, facts)) continue;
    work.push(item);
  }
  return work;
}

function pathAllowed(path: string, matcher: Matcher, classes: ReadonlySet<string>): boolean {
  const filter = matcher.paths;
  if (!filter) return true;
  if (filter.exclude?.some((c) => classes.has(c))) return false;
  if (filter.only && !filter.only.some((c) => classes.has(c))) return false;
  if (filter.include_globs && !filter.include_globs.some((g) => matchesGlob(path, g))) return false;
  if (filter.exclude_globs?.some((g) => matchesGlob(path, g))) return false;
  return true;
}

export function factsHold(when: Record<string, boolean>, facts: RepoFacts): boolean {
  return Object.entries(when).every(([name, expected]) => (facts.flags[name] ?? false) === expected);
}

interface MatchContext {
  path: string;
  language: FileLanguage;
  text: string;
  lines: readonly string[];
  root: () => SgNode | undefined;
  input: AnalysisInput;
  classifier: PathClassifier;
}

function runMatcher(matcher: Matcher, ctx: MatchContext): Hit[] {
  if ("rule" in matcher) return runAstGrep(matcher, ctx);
  if ("line_regex" in matcher) return runLineRegex(matcher, ctx.lines, ctx.language);
  const check = CHECKS[matcher.check];
  if (!check || check.kind !== "file") return [];
  return check.run({
    path: ctx.path,
    language: ctx.language,
    text: ctx.text,
    lines: ctx.lines,
    root: ctx.root(),
    facts: ctx.input.facts,
    options: matcher.options ?? {},
    paths: ctx.classifier,
  });
}

function runAstGrep(matcher: AstGrepMatcher, ctx: MatchContext): Hit[] {
  const root = ctx.root();
  if (!root) return [];
  const nodes = root.findAll({ rule: matcher.rule, constraints: matcher.constraints, utils: matcher.utils } as never);
  return nodes.map((node) => {
    const reported = matcher.report_on ? (node.getMatch(matcher.report_on.replace(/^\$/, "")) ?? node) : node;
    const span = spanOfNode(reported);
    const hit: Hit = { ...span, snippet: reported.text() };
    if (matcher.fix !== undefined) hit.fix = lineFix(ctx.lines, node, expandTemplate(matcher.fix, node));
    return hit;
  });
}

/** Substitutes $VAR and $$$VAR in a fix template with the matched text. */
function expandTemplate(template: string, node: SgNode): string {
  return template.replace(/\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g, (_all, multi: string | undefined, single: string | undefined) => {
    if (multi) {
      const nodes = node.getMultipleMatches(multi);
      if (nodes.length === 0) return "";
      const first = nodes[0]!.range().start.index;
      const last = nodes[nodes.length - 1]!.range().end.index;
      return node.getRoot().root().text().slice(first, last);
    }
    return node.getMatch(single!)?.text() ?? "";
  });
}

/** The full lines of the match with the matched node replaced: a complete suggestion body. */
function lineFix(lines: readonly string[], node: SgNode, replacement: string): string {
  const { start, end } = node.range();
  const head = (lines[start.line] ?? "").slice(0, start.column);
  const tail = (lines[end.line] ?? "").slice(end.column);
  return head + replacement + tail;
}

function runLineRegex(matcher: LineMatcher, lines: readonly string[], language: FileLanguage): Hit[] {
  const re = new RegExp(matcher.line_regex);
  const not = matcher.not_line_regex ? new RegExp(matcher.not_line_regex) : undefined;
  const instruction = matcher.instruction ? new RegExp(`^\\s*${matcher.instruction}\\s`, "i") : undefined;
  const hits: Hit[] = [];
  lines.forEach((line, index) => {
    if (line.length > MAX_LINE_LENGTH) return;
    if (instruction && !instruction.test(line)) return;
    if (language === "dockerfile" && /^\s*#/.test(line)) return;
    if (!re.test(line) || not?.test(line)) return;
    hits.push({ ...spanOfLine(index + 1, line), snippet: line.trim() });
  });
  return hits;
}

function toFinding(
  rule: LoadedRule,
  severity: Finding["severity"],
  matcher: Matcher,
  hit: Hit,
  path: string,
  lines: readonly string[],
  occurrences: Map<string, number>,
): Finding {
  const snippet = hit.snippet ?? lines.slice(hit.startLine - 1, hit.endLine).join("\n");
  // The whole text of the finding's lines, not its neighbours: moved code keeps its fingerprint.
  const context = lines.slice(hit.startLine - 1, hit.endLine).join("\n");
  const key = `${rule.id}\u0000${snippet}\u0000${context}`;
  const occurrence = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, occurrence);
  const finding: Finding = {
    ruleId: rule.id,
    path,
    startLine: hit.startLine,
    endLine: hit.endLine,
    startColumn: hit.startColumn,
    endColumn: hit.endColumn,
    severity,
    category: rule.category,
    subcategory: rule.subcategory,
    confidence: rule.confidence,
    cwe: rule.cwe,
    owasp: rule.owasp,
    title: hit.title ?? matcher.title ?? rule.title,
    message: hit.message ?? matcher.message ?? rule.message,
    remediation: rule.remediation,
    snippet,
    fingerprint: fingerprint({ ruleId: rule.id, path, snippet, context, occurrence }),
    scope: rule.scope === "pr" ? "pr" : rule.scope === "repo" ? "repo" : "line",
  };
  if (hit.fix !== undefined) finding.fix = hit.fix;
  return finding;
}

function runChangeChecks(
  changedPaths: readonly string[],
  active: readonly ActiveRule[],
  classifier: PathClassifier,
  result: AnalysisResult,
): void {
  for (const { rule, severity } of active) {
    for (const matcher of rule.matchers) {
      if (!("check" in matcher)) continue;
      const check = CHECKS[matcher.check];
      if (check?.kind !== "change") continue;
      for (const hit of check.run({ changedPaths, paths: classifier, options: matcher.options ?? {} })) {
        const finding = toFinding(rule, severity, matcher, hit, hit.path, [], new Map());
        result.findings.push({ ...finding, scope: "pr" });
      }
    }
  }
}

export function sortFindings(findings: Finding[]): void {
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine || a.ruleId.localeCompare(b.ruleId));
}
