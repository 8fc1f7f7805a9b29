/**
 * The audit report on a small fixture tree: the seeds' structure (snapshot,
 * findings by severity then category, done well, plan, questions), links to
 * the blob at the audited SHA, practices tied to rule families, the plan
 * naming the findings it closes, secrets not repeated, and GitHub comment
 * splitting.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTree } from "../../src/audit/audit-tree.js";
import { splitIntoComments } from "../../src/audit/comments.js";
import { reportComments } from "../../src/audit/github.js";
import { baseImagesPinned, dockerfileUser, requirementsPinned } from "../../src/audit/practices.js";
import { renderMarkdown, renderMarkdownBlocks } from "../../src/audit/render-markdown.js";
import { firstSentence, redactLiterals, type AuditReport } from "../../src/audit/report.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { loadRules } from "../../src/engine/load-rules.js";
import { SEVERITIES, categoryRank, severityRank } from "../../src/taxonomy/index.js";
import { writeFixture } from "./fixture-tree.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const BLOB = `https://github.com/acme/shop/blob/${SHA}`;
const WHEN = new Date("2025-01-02T03:04:05Z");

describe("audit report", () => {
  let root: string;
  let report: AuditReport;
  let markdown: string;

  beforeAll(async () => {
    root = writeFixture();
    ({ report } = await auditTree({ root, config: DEFAULT_CONFIG, rules: loadRules(), source: { name: "acme/shop", ref: "main", sha: SHA, blobUrl: BLOB }, generatedAt: WHEN }));
    markdown = renderMarkdown(report);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const group = (ruleId: string) => report.findings.find((g) => g.ruleId === ruleId);

  it("counts what it analyzed and what it found", () => {
    expect(report.schema).toBe("taxon-audit/1");
    expect(report.generatedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(report.size.filesAnalyzed).toBe(9);
    expect(report.counts.bySeverity).toEqual({ critical: 1, high: 1, medium: 3, low: 0, info: 0 });
    expect(report.counts.total).toBe(5);
    expect(report.counts.total).toBe(report.findings.reduce((n, g) => n + g.locations.length, 0));
    for (const s of SEVERITIES) {
      const byCategory = Object.values(report.counts.byCategory).reduce((n, row) => n + row[s], 0);
      expect(byCategory).toBe(report.counts.bySeverity[s]);
    }
  });

  it("lists findings by severity, then category, numbered F1…, one group per rule family with every location", () => {
    expect(report.findings.map((g) => `${g.id} ${g.severity} ${g.category} ${g.ruleId} ${g.locations.length}`)).toEqual([
      "1 critical security hardcoded-secret-fallback 1",
      "2 high security debug-mode-enabled 1",
      "3 medium reliability swallowed-exception 1",
      "4 medium code-quality debug-print 2",
    ]);
    for (let i = 1; i < report.findings.length; i++) {
      const [a, b] = [report.findings[i - 1]!, report.findings[i]!];
      expect(severityRank(a.severity) * 100 + categoryRank(a.category)).toBeLessThanOrEqual(severityRank(b.severity) * 100 + categoryRank(b.category));
    }
    const prints = group("debug-print")!;
    expect(prints.locations.map((l) => `${l.path}:${l.startLine}`)).toEqual(["shop/services/orders.py:7", "shop/services/orders.py:12"]);
    expect(prints.locations[0]!.url).toBe(`${BLOB}/shop/services/orders.py#L7`);
    expect(prints.fix).toMatch(/```/);
    expect(prints.why.length).toBeGreaterThan(40);
    expect(group("swallowed-exception")!.locations[0]!.url).toBe(`${BLOB}/shop/services/orders.py#L10-L11`);
  });

  it("does not repeat the secret it reports", () => {
    const secret = group("hardcoded-secret-fallback")!;
    expect(secret.locations[0]).toMatchObject({ path: "app.py", startLine: 12, url: `${BLOB}/app.py#L12` });
    expect(secret.snippet).toContain('"SECRET_KEY"');
    expect(secret.snippet).toContain("«redacted»");
    expect(JSON.stringify(report)).not.toContain("dev-secret-do-not-use");
    expect(markdown).not.toContain("dev-secret-do-not-use");
    expect(redactLiterals(`get("API_KEY", 'hunter2') + "" + \`x\``)).toBe(`get("API_KEY", '«redacted»') + "" + \`«redacted»\``);
  });

  it("puts the highest risks, the counts and a score per category in the snapshot", () => {
    expect(report.highestRisks.map((r) => `${r.severity} F${r.group} ${r.first.path}:${r.first.startLine}`)).toEqual(["critical F1 app.py:12", "high F2 app.py:38"]);
    expect(report.scores.categories.security.score).toBe(5);
    expect(report.scores.overall.score).toBeLessThanOrEqual(report.scores.categories["code-quality"].score);
    expect(report.scores.categories.testing).toEqual({ score: 10, penalty: 0, findings: 0 });
    expect(markdown).toContain("**Overall readiness: 5.0/10** · 5 findings: 1 critical, 1 high, 3 medium");
    expect(markdown).toContain(`| Security | 5.0/10 | 1 | 1 | · | · |`);
    expect(markdown).toContain(`- 🔴 **Secret falls back to a hard-coded default** (Security › Secrets): [\`app.py:12\`](${BLOB}/app.py#L12) · F1`);
  });

  it("says what is done well, each practice tied to a rule family without findings", () => {
    const practices = Object.fromEntries(report.goodPractices.map((p) => [p.id, p]));
    expect(Object.keys(practices).sort()).toEqual(
      ["csrf-protection", "health-endpoint", "migrations", "non-root-container", "orm", "pinned-base-images", "pinned-dependencies", "rate-limiter", "request-size-limit", "tests"].sort(),
    );
    expect(practices["csrf-protection"]).toMatchObject({ ruleId: "csrf-protection-missing", category: "security", evidence: ["`app.py`", "`requirements.txt`"] });
    expect(practices["csrf-protection"]!.statement).toBe(loadRules().find((r) => r.id === "csrf-protection-missing")!.good_practice);
    expect(practices["non-root-container"]!.evidence).toEqual(["`Dockerfile` (`USER app`)"]);
    expect(practices.tests!.evidence[0]).toContain("`tests/test_orders.py`");
    // structlog is declared, but print() calls remain: not "done well".
    expect(practices["structured-logging"]).toBeUndefined();
    const withFindings = new Set(report.findings.map((g) => g.ruleId));
    for (const p of report.goodPractices) expect(withFindings.has(p.ruleId)).toBe(false);
    expect(markdown).toMatch(/- \*\*CSRF protection:\*\* CSRF protection is installed app-wide[^\n]*_Evidence: `app\.py`, `requirements\.txt`\._ <sub>Security · `csrf-protection-missing`<\/sub>/);
  });

  it("plans immediate, short and medium term work, each item closing named findings with an effort hint", () => {
    const line = (items: AuditReport["plan"]["immediate"]) => items.map((i) => `${i.ruleId} ${i.closes.join(",")} ${i.effort}`);
    expect(line(report.plan.immediate)).toEqual(["hardcoded-secret-fallback 1 small"]);
    expect(line(report.plan.shortTerm)).toEqual(["debug-mode-enabled 2 small"]);
    expect(line(report.plan.mediumTerm)).toEqual(["swallowed-exception 3 small", "debug-print 4 small"]);
    const closed = [...report.plan.immediate, ...report.plan.shortTerm, ...report.plan.mediumTerm].flatMap((i) => i.closes).sort();
    expect(closed).toEqual(report.findings.map((g) => g.id).sort());
    expect(report.plan.immediate[0]!.action).toBe("Require the secret and fail fast when it is missing; load it from a secrets manager in production.");
    expect(markdown).toContain("1. **Require the secret and fail fast when it is missing; load it from a secrets manager in production.** Closes F1 (1 place) · effort small: about an hour · `hardcoded-secret-fallback`");
    expect(firstSentence("Validate the size, e.g. in the schema. Then more.")).toBe("Validate the size, e.g. in the schema.");
  });

  it("leaves the questions no static reader can answer to a human, once", () => {
    const ids = report.questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(["password-rotation", "audit-log", "soft-delete", "caching", "api-versioning", "load-testing", "monitoring", "runbooks"]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of report.questions) expect(markdown.split(q.question).length - 1).toBe(1);
  });

  it("renders Markdown in the seeds' order, deterministically", async () => {
    const order = [
      "# Production readiness audit: acme/shop",
      "## Executive snapshot",
      "**Highest risks**",
      "## Findings",
      "### 🔴 Critical",
      "#### Security",
      "##### F1. Secret falls back to a hard-coded default",
      "### 🟠 High",
      "### 🟡 Medium",
      "#### Reliability",
      "#### Code quality",
      "## ✅ What is done well",
      "## Remediation plan",
      "### Immediate (critical)",
      "### Short term (high)",
      "### Medium term (medium and low)",
      "## For a human to decide",
      "<details><summary>Scope and method</summary>",
    ];
    const positions = order.map((h) => markdown.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain(`**Commit:** [\`0123456\`](https://github.com/acme/shop/commit/${SHA}) on \`main\``);
    const again = await auditTree({ root, config: DEFAULT_CONFIG, rules: loadRules(), source: report.source, generatedAt: WHEN });
    expect(renderMarkdown(again.report)).toBe(markdown);
  });

  it("splits a report too long for one comment between findings, never inside one", () => {
    const blocks = renderMarkdownBlocks(report);
    const parts = splitIntoComments(blocks, { sha: SHA, limit: 4000 });
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(4000);
      expect(p.endsWith(`<!-- taxon:audit sha=${SHA} part=${i + 1}/${parts.length} -->`)).toBe(true);
    });
    for (const g of report.findings) {
      const head = `##### F${g.id}. `;
      const holder = parts.filter((p) => p.includes(head));
      expect(holder).toHaveLength(1);
      expect(holder[0]).toContain(`**Fix.**`);
    }
    expect(parts[1]).toMatch(/^_Production readiness audit, part 2 of \d+\._/);
    expect(parts[0]).toContain("_Continued in the next comment (part 2 of");
    expect(splitIntoComments(blocks, { sha: SHA })).toHaveLength(1);
  });

  it("keeps to at most 10 comments, leaving out the lowest severities first", () => {
    const bodies = reportComments(report, "@octocat asked for this audit.", SHA, 2500);
    expect(bodies.length).toBeLessThanOrEqual(10);
    for (const b of bodies) expect(b.length).toBeLessThanOrEqual(2500);
    const all = bodies.join("\n");
    expect(all).toContain("@octocat asked for this audit.");
    expect(all).toContain("##### F1. ");
  });
});

describe("practice detectors", () => {
  it("reads the final stage's user from a Dockerfile", () => {
    expect(dockerfileUser("FROM node:20 AS build\nUSER node\nFROM node:20-slim\nCMD node x")).toBeUndefined();
    expect(dockerfileUser("FROM python:3.12\nUSER root\n")).toBeUndefined();
    expect(dockerfileUser("FROM python:3.12\nUSER 0:0\n")).toBeUndefined();
    expect(dockerfileUser("FROM python:3.12\nUSER 10001:10001\n")).toBe("10001:10001");
  });

  it("tells pinned base images from floating ones", () => {
    expect(baseImagesPinned("FROM node:20.11-alpine AS build\nFROM build\nFROM scratch\n")).toBe(true);
    expect(baseImagesPinned("FROM python@sha256:abc\n")).toBe(true);
    expect(baseImagesPinned("FROM python\n")).toBe(false);
    expect(baseImagesPinned("FROM python:latest\n")).toBe(false);
    expect(baseImagesPinned("FROM registry:5000/team/app\n")).toBe(false);
    expect(baseImagesPinned("ARG V\nFROM python:${V}\n")).toBe(false);
  });

  it("tells pinned requirements from ranges", () => {
    expect(requirementsPinned("flask==3.0.0\n# comment\n-r base.txt\nrequests===2.31.0 --hash=sha256:x\n")).toBe(true);
    expect(requirementsPinned("flask>=3\n")).toBe(false);
    expect(requirementsPinned("")).toBe(false);
  });
});
