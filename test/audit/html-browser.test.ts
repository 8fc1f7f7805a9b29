/**
 * The HTML report in a real headless browser (Debian's chromium driven by
 * playwright-core): it loads from a file with no network request, the
 * counts it shows match the JSON report, the severity and category filters
 * and the heat map's cells filter the findings, and it fits a phone's
 * width. Screenshots go to $TAXON_SCREENSHOT_DIR (default: the temp dir).
 *
 * Skipped, with a message, only when chromium is missing outside CI; in CI
 * (.ci/run installs chromium) it always runs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTree } from "../../src/audit/audit-tree.js";
import { renderHtml } from "../../src/audit/render-html.js";
import type { AuditReport } from "../../src/audit/report.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { loadRules } from "../../src/engine/load-rules.js";
import { CATEGORIES, SEVERITIES } from "../../src/taxonomy/index.js";
import { FIXTURE_FILES, writeFixture } from "./fixture-tree.js";

const CHROMIUM = "/usr/bin/chromium";
const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const SKIP_MESSAGE = `skipped: Debian's chromium is not installed at ${CHROMIUM} (apt-get update && apt-get install -y chromium); in CI this test always runs`;
if (SKIP) console.warn(`HTML report browser test ${SKIP_MESSAGE}`);
const SHA = "0123456789abcdef0123456789abcdef01234567";

/** More categories than the base fixture, so the heat map has something to show. */
const FILES: Record<string, string> = {
  ...FIXTURE_FILES,
  "api/routes/users.py": `from fastapi import APIRouter, Query

router = APIRouter()


@router.get("/users")
def list_users(limit: int = Query(50, ge=1)):
    return []
`,
  "frontend/src/api.ts": `export async function load(token: string) {
  localStorage.setItem("access_token", token);
  const res = await fetch("/api/users");
  console.log("users", await res.clone().json());
  return res.json();
}
`,
};

describe.skipIf(SKIP)(`HTML report in headless Chromium${SKIP ? ` (${SKIP_MESSAGE})` : ""}`, () => {
  let dir: string;
  let root: string;
  let report: AuditReport;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  const shots = process.env.TAXON_SCREENSHOT_DIR ?? tmpdir();

  beforeAll(async () => {
    root = writeFixture(FILES);
    ({ report } = await auditTree({
      root,
      config: DEFAULT_CONFIG,
      rules: loadRules(),
      source: { name: "acme/shop", ref: "main", sha: SHA, blobUrl: `https://github.com/acme/shop/blob/${SHA}` },
      generatedAt: new Date("2025-01-02T03:04:05Z"),
    }));
    dir = mkdtempSync(join(tmpdir(), "taxon-html-"));
    writeFileSync(join(dir, "audit.html"), renderHtml(report));
    // The JSON report, as `taxon audit --format json` prints it: what the page must agree with.
    writeFileSync(join(dir, "audit.json"), JSON.stringify(report, null, 2));
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1100, height: 900 },
    });
    context.on("request", (r) => requests.push(r.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(pathToFileURL(join(dir, "audit.html")).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const shown = async () => Number((await page.textContent("#shown-count"))!.replace(/,/g, ""));
  // In-page code: the project compiles without the DOM library, so browser objects are typed by what is used.
  const visibleFindings = () => page.$$eval("article.finding", (els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => e.id));

  it("loads from the file alone, without errors or network requests", async () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(dir, "audit.html")).href]);
    expect(await page.title()).toBe("Production readiness audit: acme/shop");
  });

  it("shows the counts, scores and heat map of the JSON report", async () => {
    const json = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(join(dir, "audit.json"), "utf8"))) as AuditReport;
    expect(json.counts.total).toBeGreaterThan(5);
    expect(Number(await page.textContent("[data-testid=total-count]"))).toBe(json.counts.total);
    expect(await page.textContent("[data-testid=overall-score]")).toBe(json.scores.overall.score.toFixed(1));
    for (const s of SEVERITIES) expect(Number(await page.textContent(`[data-severity-count=${s}]`))).toBe(json.counts.bySeverity[s]);
    for (const c of CATEGORIES) {
      for (const s of SEVERITIES.filter((x) => x !== "info")) {
        const count = await page.getAttribute(`[data-heat-category=${c}][data-heat-severity=${s}]`, "data-count");
        expect(Number(count), `${c} × ${s}`).toBe(json.counts.byCategory[c][s]);
      }
    }
    const scores = await page.$$eval("table.scores [data-score]", (els) => els.map((e) => e.textContent));
    expect(scores).toEqual([...CATEGORIES.map((c) => json.scores.categories[c].score.toFixed(1)), json.scores.overall.score.toFixed(1)]);
    expect(await shown()).toBe(json.counts.total);
    expect(await visibleFindings()).toEqual(json.findings.map((g) => `F${g.id}`));
    // The embedded data is the same report.
    const embedded = JSON.parse((await page.textContent("#taxon-audit-data"))!) as AuditReport;
    expect(embedded).toEqual(json);
  });

  it("filters by severity, by category, and from a heat-map cell", async () => {
    const medium = report.findings.filter((g) => g.severity === "medium");
    await page.click(".filters [data-filter-severity=medium]");
    expect(await page.getAttribute(".filters [data-filter-severity=medium]", "aria-pressed")).toBe("true");
    expect(await shown()).toBe(report.counts.bySeverity.medium);
    expect(await visibleFindings()).toEqual(medium.map((g) => `F${g.id}`));
    await page.screenshot({ path: join(shots, "taxon-audit-filtered.png"), fullPage: false });

    await page.selectOption("#category-filter", "code-quality");
    expect(await shown()).toBe(report.counts.byCategory["code-quality"].medium);
    expect(await visibleFindings()).toEqual(medium.filter((g) => g.category === "code-quality").map((g) => `F${g.id}`));

    await page.click("#reset-filters");
    expect(await shown()).toBe(report.counts.total);

    await page.click("[data-cell][data-heat-category=security][data-heat-severity=critical]");
    expect(await shown()).toBe(report.counts.byCategory.security.critical);
    expect(await visibleFindings()).toEqual(["F1"]);
    expect(await page.$eval("#category-filter", (e) => (e as unknown as { value: string }).value)).toBe("security");
    await page.click("#reset-filters");
  });

  it("fits a phone's width, and takes a screenshot", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(page.url());
    const overflow = (await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const fontSize = Number(await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: join(shots, "taxon-audit-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(page.url());
    await page.screenshot({ path: join(shots, "taxon-audit-desktop.png"), fullPage: true });
  });
});
