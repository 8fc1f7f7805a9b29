import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { analyze } from "../../src/engine/analyze.js";
import { memoryRepoReader } from "../../src/engine/context/repo-reader.js";
import { emptyFacts } from "../../src/engine/context/repo-facts.js";
import { loadCustomRules } from "../../src/engine/custom-rules.js";
import { loadRules } from "../../src/engine/load-rules.js";

const rule = (over: Record<string, unknown> = {}) =>
  stringify({
    id: "no-legacy-client",
    title: "Use the new billing client",
    message: "The legacy client retries charges without idempotency keys.",
    remediation: "```python\nfrom billing import Client\n```",
    severity: "high",
    category: "reliability",
    subcategory: "payments",
    confidence: "high",
    matchers: [{ language: "python", rule: { pattern: "LegacyBillingClient($$$)" } }],
    ...over,
  });

describe("a repository's own rules", () => {
  const bundled = loadRules();

  it("are loaded from .github/taxon/rules and run like bundled ones", async () => {
    const reader = memoryRepoReader([{ path: ".github/taxon/rules/billing.yml", content: rule() }]);
    const custom = await loadCustomRules(reader, bundled);
    expect(custom.problems).toEqual([]);
    const result = analyze({ files: [{ path: "pay.py", content: "c = LegacyBillingClient(key)\n" }], rules: custom.rules, facts: emptyFacts(), config: DEFAULT_CONFIG });
    expect(result.findings.map((f) => [f.ruleId, f.startLine, f.severity])).toEqual([["no-legacy-client", 1, "high"]]);
  });

  it("a bad one is reported with its path and key, the good ones still load", async () => {
    const reader = memoryRepoReader([
      { path: ".github/taxon/rules/a.yml", content: rule({ severity: "urgent" }) },
      { path: ".github/taxon/rules/b.yml", content: rule({ id: "sql-injection" }) },
      { path: ".github/taxon/rules/c.yml", content: rule({ matchers: [{ language: "text", line_regex: "(a+)+$" }] }) },
      { path: ".github/taxon/rules/d.yml", content: "a: &a [x]\nb: [" + "*a,".repeat(200) + "]" },
      { path: ".github/taxon/rules/e.yml", content: rule({ id: "ok-rule" }) },
      { path: ".github/taxon/rules/f.yml", content: rule({ id: "gated", matchers: [{ language: "python", check: "gated-ast-grep", options: { regex: "(a+)+$" } }] }) },
    ]);
    const custom = await loadCustomRules(reader, bundled);
    expect(custom.rules.map((r) => r.id)).toEqual(["ok-rule"]);
    expect(custom.problems).toHaveLength(5);
    expect(custom.problems[0]).toMatch(/a\.yml.*severity/);
    expect(custom.problems[1]).toMatch(/b\.yml.*already a rule/);
    expect(custom.problems[2]).toMatch(/c\.yml.*only bundled rules may use line_regex/);
    expect(custom.problems[3]).toMatch(/d\.yml.*(alias|YAML)/i);
    expect(custom.problems[4]).toMatch(/f\.yml.*only bundled rules may use built-in checks/);
  });
});
