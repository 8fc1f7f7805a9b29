/** The CLI as a user runs it: `scan` and `review` on fixture repositories, every format, exit codes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempRepo, type TempRepo } from "../helpers/git-repo.js";

const FLASK = `import os
from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    app.run(debug=True)
`;

/** tsx's loader by absolute URL, so the CLI also runs from a working directory outside the project. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function taxon(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, ["--import", TSX, join(process.cwd(), "src/cli.ts"), ...args], { cwd, encoding: "utf8", env: { ...process.env, GITHUB_TOKEN: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("taxon scan", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "taxon-scan-"));
    writeFileSync(join(dir, "app.py"), FLASK);
    writeFileSync(join(dir, "requirements.txt"), "flask\n");
  });

  it("prints SARIF with debug-mode-enabled and hardcoded-secret-fallback on the right lines", () => {
    const r = taxon(["scan", dir, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe("2.1.0");
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; partialFingerprints: object; properties: { severity: string } }>;
    const at = (id: string) => results.filter((x) => x.ruleId === id).map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    expect(at("hardcoded-secret-fallback")).toEqual(["app.py:5"]);
    expect(at("debug-mode-enabled")).toEqual(["app.py:14"]);
    for (const x of results) {
      expect(x.partialFingerprints).toBeTruthy();
      expect(x.properties.severity).toMatch(/critical|high|medium|low|info/);
    }
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; properties: Record<string, unknown>; help: { text: string } }>;
    const secret = rules.find((x) => x.id === "hardcoded-secret-fallback")!;
    expect(secret.properties["security-severity"]).toBe("9.5");
    expect(secret.properties.tags).toContain("external/cwe/cwe-798");
    expect(secret.help.text.length).toBeGreaterThan(20);
  });

  it.each(["text", "json", "markdown"])("prints %s", (format) => {
    const r = taxon(["scan", join(dir, "app.py"), "--format", format], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("hardcoded-secret-fallback");
    if (format === "json") expect(JSON.parse(r.stdout).findings.length).toBeGreaterThanOrEqual(2);
  });

  it("exits 0 when nothing reaches the threshold", () => {
    const clean = mkdtempSync(join(tmpdir(), "taxon-clean-"));
    writeFileSync(join(clean, "util.py"), "def add(a: int, b: int) -> int:\n    return a + b\n");
    const r = taxon(["scan", clean]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("exits 0 with --fail-on never", () => {
    expect(taxon(["scan", dir, "--fail-on", "never"]).code).toBe(0);
  });

  it.each([
    [["scan", "/no/such/path"], /no such file/],
    [["scan", ".", "--format", "xml"], /--format must be one of/],
    [["scan", ".", "--bogus"], /Unknown option/],
    [["review", "--repo", "."], /needs --repo DIR and --base REV/],
    [["frobnicate"], /unknown command/],
    [["scan", ".", "--config", "/no/such.yml"], /cannot read config/],
  ])("exits 2 with a message for %j", (args, message) => {
    const r = taxon(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("exits 2 on an invalid config file, naming the key", () => {
    const cfg = join(dir, "bad.yml");
    writeFileSync(cfg, "fail_on: sometimes\n");
    const r = taxon(["scan", dir, "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fail_on");
  });
});

describe("taxon review", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempRepo();
    repo.commit({ "requirements.txt": "flask\n", "app.py": "from flask import Flask\n\napp = Flask(__name__)\napp.run(debug=True)\n" }, "base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({ "app.py": FLASK }, "feature");
  });
  afterAll(() => repo.remove());

  it("prints the review the app would post, with only findings the change introduced", () => {
    const r = taxon(["review", "--repo", repo.dir, "--base", "main", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const rules = out.inline.map((c: { body: string }) => /`([a-z0-9-]+)`/.exec(c.body.split("<sub>")[1]!)![1]);
    expect(rules).toContain("hardcoded-secret-fallback");
    expect(out.inline.find((c: { path: string; line: number }) => c.line === 5)).toMatchObject({ path: "app.py" });
    // app.run(debug=True) existed at the base and only moved: pre-existing, not commented again.
    expect(rules).not.toContain("debug-mode-enabled");
    expect(out.preExisting).toBeGreaterThanOrEqual(1);
    expect(out.conclusion).toBe("failure");
  });

  it.each(["text", "markdown", "sarif"])("prints %s", (format) => {
    const r = taxon(["review", "--repo", repo.dir, "--base", "main", "--format", format]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("hardcoded-secret-fallback");
  });

  it("exits 2 for an unknown revision", () => {
    const r = taxon(["review", "--repo", repo.dir, "--base", "no-such-branch"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the change/);
  });

  it("--post needs a token and a pull request number", () => {
    expect(taxon(["review", "--repo", repo.dir, "--base", "main", "--post"]).stderr).toMatch(/--pr N/);
    expect(taxon(["review", "--repo", repo.dir, "--base", "main", "--post", "--pr", "3"]).stderr).toMatch(/GITHUB_TOKEN/);
  });
});

describe("taxon rules", () => {
  it("lists every rule with ID, targets, category, severity, CWE/OWASP", () => {
    const r = taxon(["rules", "--format", "json"]);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as Array<{ id: string; targets: string[]; category: string; severity: string; cwe: string[] }>;
    expect(rules.find((x) => x.id === "hardcoded-secret-fallback")).toMatchObject({ category: "security", severity: "critical", targets: ["python", "javascript"] });
  });
});
