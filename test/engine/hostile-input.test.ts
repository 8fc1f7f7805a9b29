/**
 * Odd and hostile file contents: each is analyzed or skipped with a reason,
 * within a budget, and never stops the rest of the analysis.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { analyze, type SourceFile } from "../../src/engine/analyze.js";
import { AnalysisPool } from "../../src/engine/analysis-pool.js";
import { emptyFacts } from "../../src/engine/context/repo-facts.js";
import { loadRules } from "../../src/engine/load-rules.js";

const rules = loadRules();
const SECRET = 'import os\nSECRET = os.getenv("SECRET_KEY", "dev")\n';
const n = 10_000;

const HOSTILE: Array<[string, string]> = [
  ["binary.py", "\u0000\u0001\u0002ELF\u0000".repeat(1000)],
  ["invalid-utf8.py", Buffer.from([0x69, 0x6d, 0x70, 0xff, 0xfe, 0xc3, 0x28, 0x0a]).toString("utf8") + SECRET],
  ["huge.py", "x = 1\n".repeat(10_000_000)], // 60 MB
  ["many-lines.py", "x = 1\n".repeat(200_000)],
  ["one-long-line.js", `const s = "${"a".repeat(5_000_000)}";\n`],
  ["deep-nesting.py", "x = " + "[\n".repeat(n) + "]\n".repeat(n)],
  ["deep-nesting.ts", "const x = " + "(\n".repeat(n) + "1" + ")\n".repeat(n) + ";\n"],
  ["nul-in-middle.ts", "const a = 1;\u0000\nconst b = 2;\n"],
  ["crlf.py", SECRET.replace(/\n/g, "\r\n")],
  ["mixed-endings.py", "import os\r\nA = 1\rSECRET = os.getenv('SECRET_KEY', 'dev')\n"],
  ["bom.py", "\ufeff" + SECRET],
  ["empty.py", ""],
  ["only-newlines.ts", "\n".repeat(1000)],
  ["garbage.ts", "}{)(][ =>=> <<<< >>>> `${${${".repeat(500)],
  ["Dockerfile", "FROM \\\n".repeat(5000)],
  ["compose.yml", "a: &a [" + "x,".repeat(1000) + "]\nb: [*a, *a, *a]\n" + "  - : : :\n".repeat(100)],
];

describe("hostile file contents", () => {
  it("each file is analyzed or skipped with a reason, and the good file next to them is still reviewed", () => {
    const files: SourceFile[] = [...HOSTILE.map(([path, content]) => ({ path, content })), { path: "good.py", content: SECRET }];
    const started = performance.now();
    const result = analyze({ files, rules, facts: emptyFacts(), config: DEFAULT_CONFIG });
    const elapsed = performance.now() - started;
    expect(result.errors).toEqual([]);
    const skipped = new Map(result.skipped.map((s) => [s.path, s.reason]));
    expect(skipped.get("binary.py")).toMatch(/binary/);
    expect(skipped.get("huge.py")).toMatch(/larger than/);
    expect(skipped.get("one-long-line.js")).toMatch(/larger than|longer than/);
    expect(skipped.get("nul-in-middle.ts")).toMatch(/binary/);
    for (const [, reason] of skipped) expect(reason.length).toBeGreaterThan(5);
    const secretHits = (path: string) => result.findings.filter((f) => f.path === path && f.ruleId === "hardcoded-secret-fallback");
    expect(secretHits("good.py")).toHaveLength(1);
    expect(secretHits("crlf.py")).toHaveLength(1);
    expect(secretHits("bom.py")).toHaveLength(1);
    expect(secretHits("bom.py")[0]!.startLine).toBe(2);
    expect(secretHits("invalid-utf8.py")).toHaveLength(1);
    // GitHub, git and tree-sitter break lines at \n (CRLF included); a lone CR is not a line break.
    expect(secretHits("mixed-endings.py")[0]!.startLine).toBe(2);
    // Budget: the whole set, 60 MB included, in well under the time a webhook review allows.
    expect(elapsed).toBeLessThan(20_000);
  });

  it("a child that crashes costs only the file that crashed it", async () => {
    const pool = new AnalysisPool(1);
    try {
      // A rule that always throws inside the child is a rule error, not a crash: reported per file.
      const result = await pool.run({ files: [{ path: "good.py", content: SECRET }], rules, facts: emptyFacts(), config: DEFAULT_CONFIG });
      expect(result.findings.some((f) => f.ruleId === "hardcoded-secret-fallback")).toBe(true);
      // Kill the child mid-job: the job is retried file by file in a fresh child.
      const running = pool.run({ files: [{ path: "a.py", content: SECRET }, { path: "b.py", content: SECRET }], rules, facts: emptyFacts(), config: DEFAULT_CONFIG });
      (pool as unknown as { children: Array<{ process: { kill: (s: string) => void } }> }).children[0]?.process.kill("SIGKILL");
      const after = await running;
      expect(after.findings.filter((f) => f.ruleId === "hardcoded-secret-fallback").map((f) => f.path).sort()).toEqual(["a.py", "b.py"]);
    } finally {
      pool.close();
    }
  }, 60_000);
});
