/**
 * A child process of the analysis pool: analyzes the jobs it is sent and
 * retires (exits) once its memory passes the pool's limit, so the operating
 * system takes back what the native parser never returns (see
 * analysis-pool.ts).
 */
import { parse } from "@ast-grep/napi";
import { analyze, emptyResult, skipReason, type AnalysisResult } from "./analyze.js";
import { astGrepLang, detectLanguage, registerLanguages } from "./languages.js";
import type { AnalysisJob, ChildReply } from "./analysis-pool.js";
import { readBatch } from "./scan.js";

const rssLimit = Number(process.env.TAXON_CHILD_RSS_LIMIT) || 0;

process.on("message", (message: { id: number; job: AnalysisJob }) => {
  const { job } = message;
  let files = job.files ?? [];
  let unreadable: Array<{ path: string; reason: string }> = [];
  if (job.root && job.paths) ({ files, unreadable } = readBatch(job.root, job.paths));
  const result = job.parseOnly ? parseOnly(files, job) : analyze({ files, rules: job.rules, facts: job.facts, config: job.config, changedPaths: job.changedPaths });
  result.skipped.push(...unreadable);
  const rss = process.memoryUsage.rss();
  const retire = rssLimit > 0 && rss > rssLimit;
  const cpu = process.cpuUsage();
  const reply: ChildReply = { id: message.id, result, rss, retire, cpuMicros: cpu.user + cpu.system };
  process.send!(reply, () => {
    if (retire) process.exit(0);
  });
});

/** The benchmark's floor: parse each file and nothing else. */
function parseOnly(files: AnalysisJob["files"] & object, job: AnalysisJob): AnalysisResult {
  registerLanguages();
  const result = emptyResult();
  for (const file of files) {
    if (skipReason(file, job.config)) continue;
    const grammar = astGrepLang(detectLanguage(file.path));
    if (!grammar) continue;
    parse(grammar, file.content).root();
    result.filesAnalyzed += 1;
    result.linesAnalyzed += file.content.split(/\r?\n/).length;
  }
  return result;
}
