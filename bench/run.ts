/**
 * `npm run bench`: the engine on the CPython standard library and on the
 * JavaScript/TypeScript in node_modules (full catalog, bare-parse baseline,
 * worker threads), then one 100-file pull-request review through the app.
 * Prints a table and writes bench-results/latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { availableParallelism, cpus, totalmem } from "node:os";
import { cpythonStdlib, nodeModules } from "./corpora.js";
import { benchEngine } from "./engine.js";
import { benchPullRequest } from "./pull-request.js";

const only = process.argv[2];
// Measure the compiled analysis worker, as production runs it (`npm run bench` builds first).
process.env.TAXON_CHILD_SCRIPT ??= resolve("dist/engine/analysis-child.js");
const machine = { cpus: availableParallelism(), model: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const results: Record<string, unknown> = { date: new Date().toISOString(), machine };

const stdlib = cpythonStdlib();
for (const corpus of [stdlib, nodeModules()]) {
  if (only && only !== corpus.name && only !== "engine") continue;
  process.stderr.write(`engine: ${corpus.name} (${corpus.paths.length} files)…\n`);
  const figures = await benchEngine(corpus);
  results[corpus.name] = figures;
  console.log(`\n## ${corpus.name}`);
  console.log(`files ${figures.files} (analyzed ${figures.filesAnalyzed}), lines ${figures.lines}`);
  console.log(`full catalog, 1 worker: wall ${figures.wallSeconds}s, CPU ${figures.cpuSeconds}s, ${figures.linesPerCpuSecond} lines/CPU-s`);
  console.log(`bare parse:             CPU ${figures.bareParse.cpuSeconds}s, ${figures.bareParse.linesPerCpuSecond} lines/CPU-s`);
  console.log(`ratio to bare parse:    ${figures.ratioToBareParse}`);
  console.log(`${figures.parallel.workers} workers:              wall ${figures.parallel.wallSeconds}s, same output: ${figures.parallel.sameOutput}`);
  console.log(`worker processes:       ${figures.workersStarted} started over the 1-worker run (recycled at their memory limit)`);
  console.log(`peak RSS:               main ${figures.peakRssMiB.main} MiB, worker ${figures.peakRssMiB.worker} MiB, whole scan ≤ ${figures.peakRssMiB.totalParallel} MiB`);
  console.log(`findings ${figures.findings}, rule errors ${figures.ruleErrors}: ${JSON.stringify(figures.findingsByRule)}`);
}

if (!only || only === "pr") {
  process.stderr.write("pull request: 100 files through the app…\n");
  const pr = await benchPullRequest(stdlib);
  results["pull-request"] = pr;
  console.log(`\n## pull request (${pr.files} files, ${pr.changedLines} changed lines)`);
  console.log(`GitHub requests: ${pr.requests} (budget ${pr.budget}); annotations ${pr.annotations}`);
  for (const [endpoint, n] of Object.entries(pr.requestsByEndpoint)) console.log(`  ${String(n).padStart(3)}  ${endpoint}`);
  console.log(`review: wall ${pr.wallSeconds}s; CPU: app ${pr.cpuSeconds}s, analysis workers ${pr.analysisCpuSeconds}s`);
}

mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/latest.json", JSON.stringify(results, null, 2) + "\n");
console.log("\nwrote bench-results/latest.json");
