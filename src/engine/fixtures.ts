/**
 * Annotated fixtures, in the spirit of semgrep's rule tests. A fixture is
 * ordinary code; a comment `ruleid: <id>` marks the next code line (or its
 * own line, when the comment trails code) as one that must be flagged,
 * `ok: <id>` as one that must not be. `todoruleid:` / `todook:` record
 * known misses and false alarms without failing.
 *
 * Each rule folder has `fixtures/`; its files form one small repository.
 * Sub-folders named `case-*` are separate repositories (e.g. one with CSRF
 * protection installed, one without).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { analyze, type SourceFile } from "./analyze.js";
import { gatherFacts } from "./context/gather-facts.js";
import { memoryRepoReader } from "./context/repo-reader.js";
import type { LoadedRule } from "./load-rules.js";
import { detectLanguage, type FileLanguage } from "./languages.js";

export interface FixtureExpectation {
  path: string;
  language: FileLanguage;
  mustFlag: Set<number>;
  mustNotFlag: Set<number>;
  /** Lines where the rule is known to miss or over-report: not checked. */
  todo: Set<number>;
}

export interface FixtureOutcome {
  root: string;
  expectations: FixtureExpectation[];
  /** Human-readable problems; empty when the fixture passes. */
  problems: string[];
  /** Lines flagged in each file. */
  flagged: Map<string, number[]>;
}

const ANNOTATION = /\b(todoruleid|todook|ruleid|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

export function readExpectations(path: string, content: string, ruleId: string): FixtureExpectation {
  const lines = content.split(/\r?\n/);
  const exp: FixtureExpectation = { path, language: detectLanguage(path), mustFlag: new Set(), mustNotFlag: new Set(), todo: new Set() };
  let pending: Array<"ruleid" | "ok" | "todo"> = [];
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const match = ANNOTATION.exec(line);
    const kind = match && match[2]!.split(",").map((s) => s.trim()).includes(ruleId) ? match[1]! : undefined;
    const mark = kind === "ruleid" ? "ruleid" : kind === "ok" ? "ok" : kind ? "todo" : undefined;
    const beforeComment = match ? line.slice(0, match.index).replace(/(#|\/\/|<!--|\/\*|\{\/\*)\s*$/, "").trim() : line.trim();
    if (mark && beforeComment === "") {
      pending.push(mark);
      return;
    }
    if (mark) record(exp, mark, lineNo);
    if (line.trim() === "") return;
    for (const p of pending) record(exp, p, lineNo);
    pending = [];
  });
  return exp;
}

function record(exp: FixtureExpectation, mark: "ruleid" | "ok" | "todo", line: number): void {
  if (mark === "ruleid") exp.mustFlag.add(line);
  else if (mark === "ok") exp.mustNotFlag.add(line);
  else exp.todo.add(line);
}

function listFiles(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (dir === root && entry.startsWith("case-")) continue;
      out.push(...listFiles(full, root));
    } else out.push(full);
  }
  return out;
}

/** The fixture repositories of a rule folder: `fixtures/` and each `fixtures/case-*`. */
export function fixtureRoots(fixturesDir: string): string[] {
  const roots = [fixturesDir];
  for (const entry of readdirSync(fixturesDir).sort()) {
    const full = join(fixturesDir, entry);
    if (entry.startsWith("case-") && statSync(full).isDirectory()) roots.push(full);
  }
  return roots;
}

/** Runs one rule over one fixture repository and compares with its annotations. */
export async function runFixture(rule: LoadedRule, root: string): Promise<FixtureOutcome> {
  const files: SourceFile[] = listFiles(root, root).map((full) => ({
    path: relative(root, full).split("\\").join("/"),
    content: readFileSync(full, "utf8"),
  }));
  // Exactly the files of this fixture repository: `case-*` siblings must not leak into its facts.
  const facts = await gatherFacts(memoryRepoReader(files), files);
  const config = { ...DEFAULT_CONFIG, rules: { [rule.id]: "on" as const } };
  const result = analyze({ files, rules: [rule], facts, config, changedPaths: rule.scope === "pr" ? files.map((f) => f.path) : undefined });
  const problems: string[] = result.errors.map((e) => `${e.path}: rule error: ${e.message}`);
  const flagged = new Map<string, number[]>();
  for (const f of result.findings) {
    if (f.ruleId !== rule.id) continue;
    flagged.set(f.path, [...(flagged.get(f.path) ?? []), f.startLine]);
  }
  const expectations = files.map((f) => readExpectations(f.path, f.content, rule.id));
  for (const exp of expectations) {
    const lines = new Set(flagged.get(exp.path) ?? []);
    for (const line of exp.mustFlag) if (!lines.has(line)) problems.push(`${exp.path}:${line}: expected ${rule.id}, not flagged`);
    for (const line of lines) {
      if (exp.todo.has(line) || exp.mustFlag.has(line)) continue;
      problems.push(`${exp.path}:${line}: flagged ${rule.id}${exp.mustNotFlag.has(line) ? " on an ok: line" : " without a ruleid: annotation"}`);
    }
  }
  return { root, expectations, problems, flagged };
}
