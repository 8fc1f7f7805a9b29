/**
 * `taxon audit` as a user runs it: every format, links to GitHub from a
 * checkout's origin, the checkout's own configuration, exit codes, and the
 * progress bar (drawn on a terminal only).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubRepoUrl, parseAuditFormat, progressBar } from "../../src/cli/audit.js";
import { tempRepo, type TempRepo } from "../helpers/git-repo.js";
import { FIXTURE_FILES, writeFixture } from "./fixture-tree.js";

function taxon(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(process.cwd(), "src/cli.ts"), ...args], { cwd, encoding: "utf8", env: { ...process.env, GITHUB_TOKEN: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("taxon audit", () => {
  let dir: string;
  let repo: TempRepo;
  let sha: string;
  beforeAll(() => {
    dir = writeFixture();
    repo = tempRepo();
    sha = repo.commit({ ...FIXTURE_FILES, "services/api/handlers/debug.py": "from flask import Flask\n\napp = Flask(__name__)\n\nif True:\n    app.run(debug=True)\n" }, "shop");
    repo.git("remote", "add", "origin", "git@github.com:acme/shop.git");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    repo.remove();
  });

  it("prints the Markdown report by default, exits 1 on findings at fail_on, and draws no progress bar when piped", () => {
    const r = taxon(["audit", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# Production readiness audit: taxon-audit-fixture-/);
    expect(r.stdout).toContain("**Overall readiness: 5.0/10** · 5 findings: 1 critical, 1 high, 3 medium");
    // A folder that is not a git checkout: plain locations, no links.
    expect(r.stdout).toContain("**Location:** `app.py:12` ·");
  });

  it("prints the report model as JSON and the findings as SARIF", () => {
    const json = JSON.parse(taxon(["audit", dir, "--format", "json"]).stdout);
    expect(json.schema).toBe("taxon-audit/1");
    expect(json.counts.total).toBe(5);
    expect(json.findings.map((g: { ruleId: string }) => g.ruleId)).toEqual(["hardcoded-secret-fallback", "debug-mode-enabled", "swallowed-exception", "debug-print"]);
    const sarif = JSON.parse(taxon(["audit", dir, "--format", "sarif"]).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results).toHaveLength(5);
  });

  it("writes one self-contained HTML file with --output", () => {
    const out = join(dir, "..", `audit-${Date.now()}.html`);
    const r = taxon(["audit", dir, "--format", "html", "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    rmSync(out);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:`);
    // Nothing to fetch: no external scripts, styles, images or fonts.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+(stylesheet|preload|icon)|<img[^>]+src="http|@import|url\(http/i);
    const data = JSON.parse(/<script type="application\/json" id="taxon-audit-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(data.counts.total).toBe(5);
  });

  it("links every location to the audited commit on GitHub when origin is a GitHub repository", () => {
    const json = JSON.parse(taxon(["audit", repo.dir, "--format", "json"]).stdout);
    expect(json.source).toEqual({ name: "acme/shop", sha, ref: "main", blobUrl: `https://github.com/acme/shop/blob/${sha}` });
    const secret = json.findings.find((g: { ruleId: string }) => g.ruleId === "hardcoded-secret-fallback");
    expect(secret.locations[0].url).toBe(`https://github.com/acme/shop/blob/${sha}/app.py#L12`);
    // A subfolder of the checkout: paths are relative to it, links keep the repository path.
    const sub = JSON.parse(taxon(["audit", join(repo.dir, "services"), "--format", "json"]).stdout);
    expect(sub.source.pathPrefix).toBe("services/");
    const debug = sub.findings.find((g: { ruleId: string }) => g.ruleId === "debug-mode-enabled");
    expect(debug.locations[0]).toMatchObject({ path: "api/handlers/debug.py", url: `https://github.com/acme/shop/blob/${sha}/services/api/handlers/debug.py#L6` });
  });

  it("applies the checkout's .github/taxon.yml, and --config and --fail-on over it", () => {
    const configured = writeFixture();
    mkdirSync(join(configured, ".github"));
    writeFileSync(join(configured, ".github/taxon.yml"), "fail_on: never\nrules:\n  hardcoded-secret-fallback: off\n");
    const r = taxon(["audit", configured, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((g: { ruleId: string }) => g.ruleId)).not.toContain("hardcoded-secret-fallback");
    expect(taxon(["audit", configured, "--format", "json", "--fail-on", "medium"]).code).toBe(1);
    const other = join(configured, "other.yml");
    writeFileSync(other, "fail_on: critical\n");
    const withConfig = taxon(["audit", configured, "--format", "json", "--config", other]);
    expect(withConfig.code).toBe(1);
    expect(JSON.parse(withConfig.stdout).findings.map((g: { ruleId: string }) => g.ruleId)).toContain("hardcoded-secret-fallback");
    writeFileSync(join(configured, ".github/taxon.yml"), "fail_on: sometimes\n");
    const bad = taxon(["audit", configured]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid config");
    rmSync(configured, { recursive: true, force: true });
  });

  it.each([
    [["audit", ".", "--format", "text"], /audit --format must be one of markdown, html, json, sarif \(got "text"\)/],
    [["audit", "no/such/dir"], /no such directory: no\/such\/dir/],
    [["audit", "package.json"], /audit needs a directory/],
    [["audit", "src", "test"], /audit takes one directory/],
  ])("exits 2 with a message for %j", (args, message) => {
    const r = taxon(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("is in the help", () => {
    expect(taxon(["--help"]).stdout).toContain("taxon audit [PATH] [--format markdown|html|json|sarif]");
  });
});

describe("progress bar", () => {
  it("draws on a terminal, at most every 100 ms and always at the end, then clears its line", () => {
    const written: string[] = [];
    let t = 0;
    const bar = progressBar({ isTTY: true, columns: 80, write: (s: string) => written.push(s) }, () => t)!;
    bar.onProgress(64, 256);
    t += 50;
    bar.onProgress(128, 256); // too soon: skipped
    t += 100;
    bar.onProgress(192, 256);
    bar.onProgress(256, 256); // the last one is always drawn
    bar.end();
    expect(written).toHaveLength(4);
    // 30 cells wide on an 80-column terminal; a quarter done is 8 of them.
    expect(written[0]).toBe(`\r\x1b[2Ktaxon audit [${"█".repeat(8)}${"░".repeat(22)}]  25% 64/256 files`);
    expect(written[2]).toContain("100% 256/256 files");
    expect(written[3]).toBe("\r\x1b[2K");
  });

  it("is not drawn when stderr is not a terminal", () => {
    expect(progressBar({ isTTY: false, write: () => true })).toBeUndefined();
    expect(progressBar({ write: () => true })).toBeUndefined();
  });
});

describe("helpers", () => {
  it.each([
    ["git@github.com:acme/shop.git", "https://github.com/acme/shop"],
    ["https://github.com/acme/shop", "https://github.com/acme/shop"],
    ["https://x-access-token:abc@github.com/acme/shop.git", "https://github.com/acme/shop"],
    ["ssh://git@github.com/acme/shop.js.git", "https://github.com/acme/shop.js"],
    ["https://gitlab.com/acme/shop.git", undefined],
  ])("githubRepoUrl(%s)", (remote, url) => {
    expect(githubRepoUrl(remote)).toBe(url);
  });

  it("defaults to Markdown", () => {
    expect(parseAuditFormat(undefined)).toBe("markdown");
    expect(parseAuditFormat("html")).toBe("html");
  });
});
