/**
 * Analyzes a change the way every caller does (app, CLI dry run, CLI --post):
 * the touched files at the head, their previous versions at the base (to
 * tell new findings from old ones), with repository facts from the head.
 */
import type { TaxonConfig } from "../config/schema.js";
import { analyze, skipReason, type AnalysisInput, type AnalysisResult, type SourceFile } from "../engine/analyze.js";
import { gatherFacts } from "../engine/context/gather-facts.js";
import type { RepoReader } from "../engine/context/repo-reader.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { generatedReason, parseGitattributes } from "../engine/gitattributes.js";
import type { ChangedFile } from "./plan.js";

export interface ChangeContents {
  /** Text at the head by path; absent when unreadable. */
  head: Map<string, string>;
  /** Text at the base by the file's previous path (or its path). */
  base: Map<string, string>;
  /** Files that could not be read, with why. */
  unreadable: Array<{ path: string; reason: string }>;
}

/**
 * The changed files worth reading: not removed, not ignored, generated or
 * vendored (those go to `unreadable` with the reason, for the summary).
 */
export function filesToRead(files: readonly ChangedFile[], config: TaxonConfig): { read: ChangedFile[]; contents: ChangeContents } {
  const contents: ChangeContents = { head: new Map(), base: new Map(), unreadable: [] };
  const read: ChangedFile[] = [];
  for (const f of files) {
    if (f.status === "removed") continue;
    const reason = skipReason({ path: f.path, content: "" }, config);
    if (reason) contents.unreadable.push({ path: f.path, reason });
    else read.push(f);
  }
  return { read, contents };
}

/** Drops the files `.gitattributes` marks as generated or vendored (read with the other files, at no extra cost). */
export function dropGenerated(contents: ChangeContents, gitattributes: string | undefined): void {
  if (!gitattributes) return;
  const patterns = parseGitattributes(gitattributes);
  if (!patterns.length) return;
  for (const path of [...contents.head.keys()]) {
    const reason = generatedReason(path, patterns);
    if (!reason) continue;
    contents.head.delete(path);
    contents.unreadable.push({ path, reason });
  }
}

export interface ChangeAnalysis {
  head: AnalysisResult;
  baseFingerprints: Set<string>;
}

export async function analyzeChange(input: {
  files: readonly ChangedFile[];
  contents: ChangeContents;
  headReader: RepoReader;
  config: TaxonConfig;
  rules: readonly LoadedRule[];
  /** Where the analysis runs: in this process by default; the app passes its process pool. */
  analyzer?: (input: AnalysisInput) => Promise<AnalysisResult>;
}): Promise<ChangeAnalysis> {
  const { files, contents, config, rules } = input;
  const run = input.analyzer ?? (async (i: AnalysisInput) => analyze(i));
  const headFiles: SourceFile[] = [];
  const baseFiles: SourceFile[] = [];
  for (const file of files) {
    if (file.status === "removed") continue;
    const text = contents.head.get(file.path);
    if (text === undefined) continue;
    headFiles.push({ path: file.path, content: text });
    // Renamed files compare against their previous version, under the new path so fingerprints line up.
    const before = contents.base.get(file.previousPath ?? file.path);
    if (before !== undefined) baseFiles.push({ path: file.path, content: before });
  }
  const facts = await gatherFacts(input.headReader, headFiles);
  const [head, base] = await Promise.all([
    run({ files: headFiles, rules, facts, config, changedPaths: files.map((f) => f.path) }),
    run({ files: baseFiles, rules, facts, config }),
  ]);
  head.skipped.push(...contents.unreadable);
  return { head, baseFingerprints: new Set(base.findings.map((f) => f.fingerprint)) };
}
