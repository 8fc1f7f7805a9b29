/**
 * Property tests: generated file contents, configs and rule files go through
 * the engine and the loaders. No exception escapes, and every rejection
 * comes with a message that names what is wrong.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { parseConfigText, validateConfig } from "../../src/config/load.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { analyze } from "../../src/engine/analyze.js";
import { emptyFacts } from "../../src/engine/context/repo-facts.js";
import { RuleFileError, loadRules, parseRuleFile } from "../../src/engine/load-rules.js";

const rules = loadRules();
const PATHS = ["app.py", "src/server.ts", "web/App.tsx", "lib/util.js", "Dockerfile", "docker-compose.yml", "index.html", "requirements.txt", "tests/test_x.py"];
const SNIPPETS = [
  'os.environ.get("SECRET_KEY", "dev")',
  "app.run(debug=True)",
  "cursor.execute(f\"SELECT * FROM t WHERE id = {x}\")",
  "localStorage.setItem('token', t)",
  "@app.route('/x', methods=['POST'])\ndef f():\n    return request.json['a']",
  "except:\n    pass",
  "def f(\n",
  "}}}{{{",
  "\u0000",
  "FROM python:latest\nUSER root",
  "services:\n  db:\n    privileged: true",
  "<html><head></head></html>",
  "# taxon-ignore: sql-injection",
  "\ufeff",
  "\r\n",
];

describe("the engine on generated files", () => {
  it("never throws, and reports 1-based positions inside the file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 50 })), { maxLength: 12 }),
        (path, parts) => {
          const content = parts.join("\n");
          const result = analyze({ files: [{ path, content }], rules, facts: emptyFacts(), config: DEFAULT_CONFIG });
          const lines = content.split(/\r?\n/).length;
          for (const f of result.findings) {
            expect(f.startLine).toBeGreaterThanOrEqual(1);
            expect(f.endLine).toBeGreaterThanOrEqual(f.startLine);
            expect(f.startLine).toBeLessThanOrEqual(lines + 1);
          }
          for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the config loader on generated input", () => {
  it("accepts or rejects with a key and a problem, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.anything().map((v) => stringify(v) ?? "")), (text) => {
        const result = parseConfigText(text, "taxon.yml");
        if (!result.ok) for (const p of result.problems) expect(p.key.length && p.problem.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("objects of the right keys with wrong values are rejected by key", () => {
    fc.assert(
      fc.property(fc.record({ fail_on: fc.anything(), max_inline_comments: fc.anything(), rules: fc.anything() }, { requiredKeys: [] }), (raw) => {
        const result = validateConfig(raw, "x");
        if (!result.ok) expect(result.problems.every((p) => p.key && p.problem)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the rule loader on generated rule files", () => {
  const base = { id: "custom-rule", title: "t", message: "m", remediation: "```\nfix\n```", severity: "high", category: "security", subcategory: "x", confidence: "high" };
  it("a bad rule file is a RuleFileError naming the file and the key, never anything else", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.anything().map((v) => stringify(v) ?? ""),
          fc.record({ language: fc.constantFrom("python", "javascript", "yaml", "cobol"), rule: fc.anything(), check: fc.string(), line_regex: fc.string() }, { requiredKeys: [] }).map((m) => stringify({ ...base, matchers: [m] })),
          fc.constantFrom("a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]"),
        ),
        (text) => {
          try {
            parseRuleFile(text, "repo/.taxon/rules/x.yml", false);
          } catch (error) {
            expect(error).toBeInstanceOf(RuleFileError);
            const e = error as RuleFileError;
            expect(e.message).toContain("repo/.taxon/rules/x.yml");
            expect(e.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rules from a repository cannot run code or JavaScript regexes", () => {
    const withRegex = stringify({ ...base, matchers: [{ language: "text", line_regex: "(a+)+$" }] });
    expect(() => parseRuleFile(withRegex, "x.yml", false)).toThrow(/only bundled rules may use line_regex/);
  });
});
