/** Runs every rule over its annotated fixtures: what it must flag and what it must not. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureRoots, runFixture } from "../../src/engine/fixtures.js";
import { loadRules, ruleDir } from "../../src/engine/load-rules.js";

const rules = loadRules();

describe.each(rules.map((rule) => [rule.id, rule] as const))("rule %s", (_id, rule) => {
  const fixtures = join(ruleDir(rule), "fixtures");

  it("has fixtures", () => {
    expect(existsSync(fixtures), `add annotated fixtures in ${fixtures}`).toBe(true);
  });

  if (!existsSync(fixtures)) return;
  for (const root of fixtureRoots(fixtures)) {
    it(`matches its annotations in ${root.slice(fixtures.length) || "fixtures/"}`, async () => {
      const outcome = await runFixture(rule, root);
      expect(outcome.problems).toEqual([]);
    });
  }
});
