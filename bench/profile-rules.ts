/**
 * Which rules cost what: milliseconds per rule over a sample of a corpus,
 * measured inside one run of the full catalog (so the parse is shared, as
 * in a real scan), against the parse itself. For rule authors:
 *   npx tsx bench/profile-rules.ts py 600     (or js)
 * A rule that costs a large share of the parse needs a tighter `prefilter`,
 * a `paths` filter, or a cheaper structure.
 */
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import { analyze } from "../src/engine/analyze.js";
import { loadRules } from "../src/engine/load-rules.js";
import { readBatch, scanFacts } from "../src/engine/scan.js";
import { cpythonStdlib, nodeModules } from "./corpora.js";

const corpus = process.argv[2] === "js" ? nodeModules() : cpythonStdlib();
const step = Math.max(1, Math.floor(corpus.paths.length / Number(process.argv[3] ?? 400)));
const sample = corpus.paths.filter((_p, i) => i % step === 0);
const rules = loadRules();
const facts = await scanFacts(corpus.root);
const profile = new Map<string, number>();
let lines = 0;
const started = performance.now();
for (let i = 0; i < sample.length; i += 64) {
  const { files } = readBatch(corpus.root, sample.slice(i, i + 64));
  lines += analyze({ files, rules, facts, config: DEFAULT_CONFIG, profile }).linesAnalyzed;
}
const elapsed = performance.now() - started;
const parse = profile.get("(parse)") ?? 0;
profile.delete("(parse)");
const selection = profile.get("(selection)") ?? 0;
profile.delete("(selection)");
const total = [...profile.values()].reduce((a, b) => a + b, 0);
console.log(`${corpus.name}: ${sample.length} files, ${lines} lines; parse ${Math.round(parse)} ms, rules ${Math.round(total)} ms (${(total / parse).toFixed(2)}× parse), choosing matchers ${Math.round(selection)} ms, everything else ${Math.round(elapsed - parse - total - selection)} ms (reading, suppressions, findings)`);
for (const [id, ms] of [...profile.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 20)))
  console.log(`${String(Math.round(ms)).padStart(7)} ms  ${(ms / parse).toFixed(2).padStart(5)}× parse  ${id}`);
