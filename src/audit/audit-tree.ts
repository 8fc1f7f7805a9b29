/**
 * Audits a folder on disk (a checkout, or a downloaded tarball extracted to a
 * temporary directory): lists its files, analyzes them with scanTree in
 * batches, gathers the repository facts, detects good practices and the
 * questions that apply, and builds the report. Shared by `taxon audit` and
 * the app's `/taxon audit` job.
 */
import type { TaxonConfig } from "../config/schema.js";
import { skipReason, type AnalysisResult } from "../engine/analyze.js";
import { gatherFacts } from "../engine/context/gather-facts.js";
import { localRepoReader } from "../engine/context/repo-reader.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { scanTree } from "../engine/scan.js";
import { detectPractices } from "./practices.js";
import { humanQuestions, repoProfile } from "./questions.js";
import { buildAuditReport, type AuditReport, type AuditSource } from "./report.js";

export interface AuditTreeInput {
  root: string;
  config: TaxonConfig;
  rules: readonly LoadedRule[];
  source: AuditSource;
  onProgress?: (done: number, total: number) => void;
  notes?: readonly string[];
  generatedAt?: Date;
}

/** Folders no audit reads, beyond those the repository reader already leaves out. */
const NOT_SOURCE_DIRS = /(^|\/)(\.next|\.nuxt|coverage|\.pytest_cache|\.ruff_cache|\.cache|\.idea|\.vscode)\//;
/** Assets that are never source: not even read. */
const ASSET = /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|svgz|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|whl|egg|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|wav|ogg|flac|sqlite3?|db|pyc|pyo|so|dylib|dll|exe|bin|o|a|class|psd|ai|sketch|fig)$/i;

export interface AuditPaths {
  /** Files handed to the analysis. */
  paths: string[];
  /** Every file of the tree (for facts and practices). */
  all: string[];
  notes: string[];
}

/** The files an audit analyzes, and notes on what it leaves out. */
export async function auditPaths(root: string, config: TaxonConfig): Promise<AuditPaths> {
  const all = (await localRepoReader(root).listPaths()).filter((p) => !NOT_SOURCE_DIRS.test(p));
  const paths: string[] = [];
  const left: Record<string, number> = {};
  for (const path of all) {
    const reason = ASSET.test(path) ? "binary assets" : skipReason({ path, content: "" }, config);
    if (reason) left[reason] = (left[reason] ?? 0) + 1;
    else paths.push(path);
  }
  const notes = Object.entries(left).map(([reason, count]) => `${count.toLocaleString("en-US")} file${count === 1 ? "" : "s"} not read: ${reason}.`);
  return { paths, all, notes };
}

export interface AuditOutcome {
  report: AuditReport;
  /** The analysis the report was built from (SARIF is rendered from its findings). */
  result: AnalysisResult;
}

export async function auditTree(input: AuditTreeInput): Promise<AuditOutcome> {
  const { root, config, rules } = input;
  const { paths, all, notes } = await auditPaths(root, config);
  const facts = await gatherFacts(localRepoReader(root), []);
  const result = await scanTree({ root, paths, config, rules, facts, onProgress: input.onProgress });
  const practices = detectPractices({ root, paths: all, facts, pathGlobs: config.paths });
  const questions = humanQuestions(repoProfile(all, facts));
  const report = buildAuditReport({
    source: input.source,
    result,
    rules,
    practices,
    questions,
    generatedAt: input.generatedAt,
    notes: [...(input.notes ?? []), ...notes],
  });
  return { report, result };
}
