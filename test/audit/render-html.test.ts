/**
 * The HTML renderer without a browser: everything from the report is
 * escaped, only http(s) links become links, Markdown blocks render, and the
 * page holds every section, the heat map and the embedded JSON.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTree } from "../../src/audit/audit-tree.js";
import { escapeHtml, inlineMarkdown, markdownToHtml, renderHtml } from "../../src/audit/render-html.js";
import type { AuditReport } from "../../src/audit/report.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { loadRules } from "../../src/engine/load-rules.js";
import { writeFixture } from "./fixture-tree.js";

describe("Markdown to HTML", () => {
  it("escapes HTML and keeps code spans literal", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(inlineMarkdown("Use `<script>**x**</script>` and **bold** <img src=x onerror=alert(1)>")).toBe(
      "Use <code>&lt;script&gt;**x**&lt;/script&gt;</code> and <strong>bold</strong> &lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("links only http(s) URLs", () => {
    expect(inlineMarkdown("[docs](https://owasp.org/x?a=1&b=2)")).toBe('<a href="https://owasp.org/x?a=1&amp;b=2" rel="noreferrer">docs</a>');
    expect(inlineMarkdown("[click](javascript:alert(1))")).toBe("[click](javascript:alert(1))");
  });

  it("renders paragraphs, lists and fenced code", () => {
    const html = markdownToHtml("Install it once:\n```python\nif a < b:\n    csrf = CSRFProtect(app)\n```\n- one\n- two `x`\n\nDone.");
    expect(html).toBe(
      '<p>Install it once:</p>\n<pre><code class="language-python">if a &lt; b:\n    csrf = CSRFProtect(app)</code></pre>\n<ul><li>one</li><li>two <code>x</code></li></ul>\n<p>Done.</p>',
    );
  });
});

describe("HTML report", () => {
  let root: string;
  let report: AuditReport;
  let html: string;
  beforeAll(async () => {
    root = writeFixture();
    ({ report } = await auditTree({ root, config: DEFAULT_CONFIG, rules: loadRules(), source: { name: "acme/<shop>", sha: "a".repeat(40), blobUrl: `https://github.com/acme/shop/blob/${"a".repeat(40)}` } }));
    html = renderHtml(report);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is one document with every section, filters and a heat map", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const id of ["snapshot", "readiness", "heatmap", "findings", "done-well", "plan", "questions", "scope"]) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('<select id="category-filter">');
    expect(html.match(/data-heat-category=/g)).toHaveLength(9 * 4);
    expect(html.match(/<article class="finding/g)).toHaveLength(report.findings.length);
    expect(html).toContain(`<a href="https://github.com/acme/shop/blob/${"a".repeat(40)}/app.py#L12" rel="noreferrer"><code>app.py:12</code></a>`);
  });

  it("escapes what comes from the repository and embeds the JSON safely", () => {
    expect(html).toContain("<title>Production readiness audit: acme/&lt;shop&gt;</title>");
    expect(html).not.toContain("acme/<shop>");
    const embedded = /<script type="application\/json" id="taxon-audit-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(embedded).not.toContain("<");
    expect(JSON.parse(embedded)).toEqual(report);
  });
});
