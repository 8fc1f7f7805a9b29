/**
 * Whole-tree analysis for `taxon scan`, audits and the benchmark: files are
 * read and analyzed in bounded batches so memory does not grow with the
 * repository, facts are gathered once, and large trees are spread over
 * child processes (one per core, recycled by memory: analysis-pool.ts). The
 * output is sorted, so it is identical whatever the number of workers.
 */
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { TaxonConfig } from "../config/schema.js";
import { analyze, emptyResult, mergeResults, sortFindings, type AnalysisResult, type SourceFile } from "./analyze.js";
import { gatherFacts } from "./context/gather-facts.js";
import type { RepoFacts } from "./context/repo-facts.js";
import { localRepoReader } from "./context/repo-reader.js";
import type { LoadedRule } from "./load-rules.js";
import { AnalysisPool } from "./analysis-pool.js";

/** At most this many files are read into memory at once (per worker)… */
export const SCAN_BATCH_FILES = 64;
/** …and at most about this many bytes of source, so one batch cannot push a worker far past its memory limit. */
export const SCAN_BATCH_BYTES = 512 * 1024;

/** Splits paths into batches bounded by file count and (from the file sizes on disk) by bytes. */
export function scanBatches(root: string, paths: readonly string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const path of paths) {
    let size = 0;
    try {
      size = statSync(join(root, path)).size;
    } catch {
      // Unreadable files are reported by readBatch.
    }
    if (current.length && (current.length >= SCAN_BATCH_FILES || bytes + size > SCAN_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(path);
    bytes += Math.min(size, MAX_READ_BYTES);
  }
  if (current.length) batches.push(current);
  return batches;
}
/** Below this many files, starting workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 400;
/** Files larger than this are not even read: analyze would skip them anyway. */
const MAX_READ_BYTES = 2_000_000;

export interface ScanInput {
  root: string;
  paths: readonly string[];
  config: TaxonConfig;
  rules: readonly LoadedRule[];
  /** Repository facts, when the caller already gathered them (they are gathered otherwise). */
  facts?: RepoFacts;
  /** Worker processes; default one per core for large trees, 0 or 1 to analyze in this process. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export function readBatch(root: string, paths: readonly string[]): { files: SourceFile[]; unreadable: Array<{ path: string; reason: string }> } {
  const files: SourceFile[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  for (const path of paths) {
    try {
      const buf = readFileSync(join(root, path));
      // A NUL marks it as too large/binary for analyze's skip logic without decoding megabytes.
      files.push({ path, content: buf.length > MAX_READ_BYTES ? "\u0000" : buf.toString("utf8") });
    } catch (error) {
      unreadable.push({ path, reason: `could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  }
  return { files, unreadable };
}

export async function scanFacts(root: string): Promise<RepoFacts> {
  return gatherFacts(localRepoReader(root), []);
}

export async function scanTree(input: ScanInput): Promise<AnalysisResult> {
  const facts = input.facts ?? (await scanFacts(input.root));
  const batches = scanBatches(input.root, input.paths);
  const workers = input.workers ?? (input.paths.length >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 1);
  const total = workers > 1 ? await scanOnWorkers(input, facts, batches, workers) : scanHere(input, facts, batches);
  sortFindings(total.findings);
  total.skipped.sort((a, b) => a.path.localeCompare(b.path));
  total.errors.sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId));
  total.suppressed.sort((a, b) => a.finding.path.localeCompare(b.finding.path) || a.finding.startLine - b.finding.startLine);
  return total;
}

function scanHere(input: ScanInput, facts: RepoFacts, batches: string[][]): AnalysisResult {
  const total = emptyResult();
  let done = 0;
  for (const batch of batches) {
    const { files, unreadable } = readBatch(input.root, batch);
    total.skipped.push(...unreadable);
    mergeResults(total, analyze({ files, rules: input.rules, facts, config: input.config }));
    done += batch.length;
    input.onProgress?.(done, input.paths.length);
  }
  return total;
}

async function scanOnWorkers(input: ScanInput, facts: RepoFacts, batches: string[][], count: number): Promise<AnalysisResult> {
  const total = emptyResult();
  const pool = new AnalysisPool(count);
  let done = 0;
  try {
    await Promise.all(
      batches.map(async (paths) => {
        const result = await pool.run({ root: input.root, paths, rules: input.rules, facts, config: input.config });
        mergeResults(total, result);
        done += paths.length;
        input.onProgress?.(done, input.paths.length);
      }),
    );
  } finally {
    pool.close();
  }
  return total;
}

