/**
 * Engine benchmark: the full rule catalog over a corpus in one worker
 * process (lines per CPU-second), against a bare tree-sitter parse of the
 * same files in the same run (the floor for any engine built on it), then
 * the same scan the way `taxon scan` runs it, on one worker per core.
 */
import { availableParallelism } from "node:os";
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import { emptyResult, mergeResults, type AnalysisResult } from "../src/engine/analyze.js";
import { AnalysisPool } from "../src/engine/analysis-pool.js";
import { loadRules } from "../src/engine/load-rules.js";
import { scanBatches, scanFacts, scanTree } from "../src/engine/scan.js";
import type { Corpus } from "./corpora.js";

export interface EngineFigures {
  corpus: string;
  files: number;
  filesAnalyzed: number;
  lines: number;
  wallSeconds: number;
  cpuSeconds: number;
  linesPerCpuSecond: number;
  bareParse: { cpuSeconds: number; linesPerCpuSecond: number };
  ratioToBareParse: number;
  parallel: { workers: number; wallSeconds: number; sameOutput: boolean };
  /** Worker processes started over the single-worker run (each retires at its memory limit). */
  workersStarted: number;
  peakRssMiB: { main: number; worker: number; totalParallel: number };
  findingsByRule: Record<string, number>;
  findings: number;
  ruleErrors: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const mib = (n: number) => Math.round(n / 2 ** 20);

async function inOneWorker(
  corpus: Corpus,
  parseOnly: boolean,
): Promise<{ result: AnalysisResult; cpuSeconds: number; wallSeconds: number; peakRss: number; workersStarted: number }> {
  const rules = loadRules();
  const facts = await scanFacts(corpus.root);
  const pool = new AnalysisPool(1);
  // Warm-up: start the worker and compile the grammars outside the measurement.
  await pool.run({ root: corpus.root, paths: corpus.paths.slice(0, 8), rules, facts, config: DEFAULT_CONFIG, parseOnly });
  const cpuBefore = pool.cpuSeconds;
  const start = performance.now();
  const result = emptyResult();
  for (const paths of scanBatches(corpus.root, corpus.paths)) {
    mergeResults(result, await pool.run({ root: corpus.root, paths, rules, facts, config: DEFAULT_CONFIG, parseOnly }));
  }
  const wallSeconds = (performance.now() - start) / 1000;
  const cpuSeconds = pool.cpuSeconds - cpuBefore;
  pool.close();
  return { result, cpuSeconds, wallSeconds, peakRss: pool.peakChildRss, workersStarted: pool.started };
}

const fingerprints = (r: AnalysisResult) =>
  [...r.findings]
    .map((f) => `${f.path}:${f.startLine}:${f.ruleId}:${f.fingerprint}`)
    .sort()
    .join("\n");

export async function benchEngine(corpus: Corpus): Promise<EngineFigures> {
  const bare = await inOneWorker(corpus, true);
  const engine = await inOneWorker(corpus, false);

  const workers = availableParallelism();
  const parStart = performance.now();
  const parallel = await scanTree({ root: corpus.root, paths: corpus.paths, config: DEFAULT_CONFIG, rules: loadRules(), workers });
  const parWall = (performance.now() - parStart) / 1000;

  const findingsByRule: Record<string, number> = {};
  for (const f of engine.result.findings) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
  const engineRate = engine.result.linesAnalyzed / engine.cpuSeconds;
  const bareRate = bare.result.linesAnalyzed / bare.cpuSeconds;
  const mainRss = process.memoryUsage.rss();
  const workerRss = Math.max(engine.peakRss, bare.peakRss);
  return {
    corpus: corpus.name,
    files: corpus.paths.length,
    filesAnalyzed: engine.result.filesAnalyzed,
    lines: engine.result.linesAnalyzed,
    wallSeconds: round(engine.wallSeconds),
    cpuSeconds: round(engine.cpuSeconds),
    linesPerCpuSecond: Math.round(engineRate),
    bareParse: { cpuSeconds: round(bare.cpuSeconds), linesPerCpuSecond: Math.round(bareRate) },
    ratioToBareParse: round(engineRate / bareRate),
    parallel: { workers, wallSeconds: round(parWall), sameOutput: fingerprints(parallel) === fingerprints(engine.result) },
    workersStarted: engine.workersStarted,
    peakRssMiB: { main: mib(mainRss), worker: mib(workerRss), totalParallel: mib(mainRss + workers * workerRss) },
    findingsByRule: Object.fromEntries(Object.entries(findingsByRule).sort((a, b) => b[1] - a[1])),
    findings: engine.result.findings.length,
    ruleErrors: engine.result.errors.length,
  };
}
