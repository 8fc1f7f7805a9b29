/**
 * Whole-tree analysis for `taxon scan` (and audits, and the benchmark):
 * files are read and analyzed in bounded batches so memory does not grow
 * with the repository, and facts are gathered once.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TaxonConfig } from "../config/schema.js";
import { analyze, emptyResult, sortFindings, type AnalysisResult, type SourceFile } from "./analyze.js";
import { gatherFacts } from "./context/gather-facts.js";
import type { RepoFacts } from "./context/repo-facts.js";
import { localRepoReader } from "./context/repo-reader.js";
import type { LoadedRule } from "./load-rules.js";

/** Files read into memory at once. */
export const SCAN_BATCH_FILES = 64;

export interface ScanInput {
  root: string;
  paths: readonly string[];
  config: TaxonConfig;
  rules: readonly LoadedRule[];
  onProgress?: (done: number, total: number) => void;
}

export function readBatch(root: string, paths: readonly string[]): { files: SourceFile[]; unreadable: Array<{ path: string; reason: string }> } {
  const files: SourceFile[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  for (const path of paths) {
    try {
      const buf = readFileSync(join(root, path));
      files.push({ path, content: buf.length > 2_000_000 ? "\u0000" : buf.toString("utf8") });
    } catch (error) {
      unreadable.push({ path, reason: `could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  }
  return { files, unreadable };
}

export function mergeResults(into: AnalysisResult, from: AnalysisResult): void {
  into.findings.push(...from.findings);
  into.suppressed.push(...from.suppressed);
  into.skipped.push(...from.skipped);
  into.errors.push(...from.errors);
  into.filesAnalyzed += from.filesAnalyzed;
  into.linesAnalyzed += from.linesAnalyzed;
}

export async function scanFacts(root: string): Promise<RepoFacts> {
  return gatherFacts(localRepoReader(root), []);
}

export async function scanTree(input: ScanInput): Promise<AnalysisResult> {
  const facts = await scanFacts(input.root);
  const total = emptyResult();
  for (let i = 0; i < input.paths.length; i += SCAN_BATCH_FILES) {
    const { files, unreadable } = readBatch(input.root, input.paths.slice(i, i + SCAN_BATCH_FILES));
    total.skipped.push(...unreadable);
    mergeResults(total, analyze({ files, rules: input.rules, facts, config: input.config }));
    input.onProgress?.(Math.min(i + SCAN_BATCH_FILES, input.paths.length), input.paths.length);
  }
  sortFindings(total.findings);
  return total;
}
