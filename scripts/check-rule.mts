/**
 * Runs one rule folder's fixtures and prints what it flagged and every
 * mismatch with the annotations. For rule authors:
 *   npx tsx scripts/check-rule.mts rules/security/hardcoded-secret-fallback
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fixtureRoots, runFixture } from "../src/engine/fixtures.js";
import { parseRuleFile } from "../src/engine/load-rules.js";

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, "rule.yml"))) {
  console.error("usage: npx tsx scripts/check-rule.mts rules/<category>/<id>");
  process.exit(2);
}
const file = join(dir, "rule.yml");
const rule = parseRuleFile(readFileSync(file, "utf8"), relative(process.cwd(), file));
let failed = 0;
for (const root of fixtureRoots(join(dir, "fixtures"))) {
  const outcome = await runFixture(rule, root);
  console.log(`\n${relative(process.cwd(), root)}`);
  for (const exp of outcome.expectations) {
    console.log(`  ${exp.path}: ruleid ${exp.mustFlag.size}, ok ${exp.mustNotFlag.size}, flagged [${(outcome.flagged.get(exp.path) ?? []).join(", ")}]`);
  }
  for (const p of outcome.problems) console.log(`  PROBLEM ${p}`);
  failed += outcome.problems.length;
}
console.log(failed ? `\n${failed} problem(s)` : "\nall annotations hold");
process.exit(failed ? 1 : 0);
