import { describe, expect, it } from "vitest";
import { parseConfigText, problemsTable } from "../../src/config/load.js";
import { DEFAULT_CONFIG, ruleSetting } from "../../src/config/schema.js";

describe("config: valid", () => {
  it.each([
    ["empty file", "", { fail_on: "high", max_inline_comments: 30 }],
    ["fail_on", "fail_on: critical", { fail_on: "critical" }],
    ["never fail", "fail_on: never", { fail_on: "never" }],
    ["caps", "max_inline_comments: 5\ncomment_min_severity: medium", { max_inline_comments: 5, comment_min_severity: "medium" }],
    ["ignores and paths", "ignore: ['legacy/**']\npaths:\n  test: ['qa/**']", { ignore: ["legacy/**"], paths: { test: ["qa/**"] } }],
    ["_extends is the loader's", "_extends: .github\nfail_on: medium", { fail_on: "medium" }],
  ])("%s", (_name, text, expected) => {
    const result = parseConfigText(text, "taxon.yml");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config).toMatchObject(expected);
  });

  it("rule settings: off, severity, object", () => {
    const result = parseConfigText("rules:\n  a: off\n  b: low\n  c: { severity: critical }\n  d: { enabled: false }\n  e: on", "x");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(ruleSetting(result.config, "a", "high")).toBeUndefined();
    expect(ruleSetting(result.config, "b", "high")).toBe("low");
    expect(ruleSetting(result.config, "c", "high")).toBe("critical");
    expect(ruleSetting(result.config, "d", "high")).toBeUndefined();
    expect(ruleSetting(result.config, "e", "high")).toBe("high");
    expect(ruleSetting(result.config, "zzz", "medium")).toBe("medium");
  });

  it("defaults apply when the file is absent", () => {
    expect(DEFAULT_CONFIG).toMatchObject({ fail_on: "high", comment_min_severity: "low", max_inline_comments: 30, review_drafts: false });
  });
});

describe("config: invalid, with the exact key and problem", () => {
  it.each([
    ["wrong enum", "fail_on: severe", "fail_on"],
    ["wrong type", "max_inline_comments: many", "max_inline_comments"],
    ["out of range", "max_inline_comments: 1000", "max_inline_comments"],
    ["unknown key", "fail_onn: high", "(top level)"],
    ["bad rule setting", "rules:\n  sql-injection: loud", "rules.sql-injection"],
    ["bad path class", "paths:\n  tests: ['x']", "paths"],
    ["not a mapping", "- a\n- b", "(top level)"],
    ["not YAML", "fail_on: [high", "(file)"],
    ["YAML bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]", "(file)"],
    ["huge file", "x: " + "a".repeat(70_000), "(file)"],
  ])("%s", (_name, text, key) => {
    const result = parseConfigText(text, "taxon.yml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key)).toContain(key);
    expect(result.problems.every((p) => p.problem.length > 0)).toBe(true);
    expect(problemsTable(result.problems)).toMatch(/^\| Key \| Problem \|/);
  });
});
