/**
 * The audit as one self-contained HTML file: inline styles and script, no
 * fonts, images or requests (its Content-Security-Policy forbids loading
 * anything), readable on a phone. It shows the executive snapshot, the
 * readiness per category, a severity × category heat map, the findings with
 * filters by severity and category (the heat map's cells and the severity
 * counts filter too), what is done well, the plan and the open questions.
 * The report's JSON is embedded in `#taxon-audit-data`.
 */
import {
  CATEGORIES,
  CATEGORY_LABELS,
  OWASP_2021,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from "../taxonomy/index.js";
import { countsLine, findingLabel } from "./render-markdown.js";
import type { AuditLocation, AuditReport, FindingGroup, PlanItem } from "./report.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Inline Markdown: `code`, **bold**, _emphasis_ and [links](https://…); everything else escaped. */
export function inlineMarkdown(text: string): string {
  // Code spans are set aside behind private-use placeholders so no other markup applies inside them.
  const codes: string[] = [];
  const held = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, body: string) => {
    codes.push(`<code>${escapeHtml(body.trim())}</code>`);
    return `\uE000${codes.length - 1}\uE001`;
  });
  return escapeHtml(held)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,;:!?]|$)/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<a href="${url}" rel="noreferrer">${label}</a>`)
    .replace(/\uE000(\d+)\uE001/g, (_m, i: string) => codes[Number(i)]!);
}

/** Block Markdown: fenced code, bullet lists and paragraphs. */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split(/\r?\n/);
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inlineMarkdown(paragraph.join(" "))}</p>`);
    if (list.length) out.push(`<ul>${list.map((item) => `<li>${inlineMarkdown(item)}</li>`).join("")}</ul>`);
    paragraph = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== fence[1]; i++) code.push(lines[i]!);
      out.push(`<pre><code${fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : ""}>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (bullet) {
      if (paragraph.length) {
        out.push(`<p>${inlineMarkdown(paragraph.join(" "))}</p>`);
        paragraph = [];
      }
      list.push(bullet[1]!);
    } else if (!line.trim()) flush();
    else if (list.length && /^\s+/.test(line)) list[list.length - 1] += ` ${line.trim()}`;
    else {
      if (list.length) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return out.join("\n");
}

const SEVERITY_RGB: Record<Severity, [number, number, number]> = {
  critical: [185, 28, 28],
  high: [194, 65, 12],
  medium: [161, 98, 7],
  low: [29, 78, 216],
  info: [107, 114, 128],
};

const n = (x: number) => x.toLocaleString("en-US");

function locationHtml(loc: AuditLocation): string {
  const text = escapeHtml(`${loc.path}:${loc.startLine}${loc.endLine > loc.startLine ? `-${loc.endLine}` : ""}`);
  const link = loc.url ? `<a href="${escapeHtml(loc.url)}" rel="noreferrer"><code>${text}</code></a>` : `<code>${text}</code>`;
  return loc.detail ? `${link} <span class="detail">${inlineMarkdown(loc.detail)}</span>` : link;
}

function scoreClass(score: number): string {
  return score >= 8 ? "good" : score >= 5 ? "fair" : "poor";
}

function findingArticle(g: FindingGroup): string {
  const refs = [
    `<code>${escapeHtml(g.ruleId)}</code>`,
    ...g.cwe.map((c) => `<a href="https://cwe.mitre.org/data/definitions/${c.slice(4)}.html" rel="noreferrer">${c}</a>`),
    ...g.owasp.map((o) => `OWASP ${o}${OWASP_2021[o] ? ` ${escapeHtml(OWASP_2021[o])}` : ""}`),
    `confidence ${g.confidence}`,
    `effort ${g.effort}`,
  ];
  const locations =
    g.locations.length === 1
      ? `<p class="where"><strong>Location:</strong> ${locationHtml(g.locations[0]!)}</p>`
      : `<details class="where"${g.locations.length <= 5 ? " open" : ""}><summary><strong>${n(g.locations.length)} locations</strong></summary><ul>${g.locations.map((l) => `<li>${locationHtml(l)}</li>`).join("")}</ul></details>`;
  return `<article class="finding sev-${g.severity}" id="${findingLabel(g.id)}" data-severity="${g.severity}" data-category="${g.category}" data-count="${g.locations.length}">
<h5><span class="fid">${findingLabel(g.id)}</span> <span class="badge sev-${g.severity}">${SEVERITY_LABELS[g.severity]}</span> ${inlineMarkdown(g.title)}</h5>
<p class="meta">${escapeHtml(g.section)} · ${refs.join(" · ")}</p>
${locations}
<div class="why"><h6>Why it matters</h6>${markdownToHtml(g.why)}</div>
${g.snippet.trim() ? `<pre class="snippet"><code>${escapeHtml(g.snippet)}</code></pre>` : ""}
<div class="fix"><h6>Fix</h6>${markdownToHtml(g.fix)}${g.suggestion !== undefined ? `<p>Suggested change for the first location:</p><pre><code>${escapeHtml(g.suggestion)}</code></pre>` : ""}</div>
</article>`;
}

function findingsSection(report: AuditReport): string {
  const out: string[] = [];
  for (const s of SEVERITIES) {
    const groups = report.findings.filter((g) => g.severity === s);
    if (!groups.length) continue;
    out.push(`<section class="sev-section" data-severity="${s}"><h3><span class="dot sev-${s}"></span>${SEVERITY_LABELS[s]}</h3>`);
    for (const c of CATEGORIES) {
      const inCategory = groups.filter((g) => g.category === c);
      if (!inCategory.length) continue;
      out.push(`<div class="cat-section" data-category="${c}"><h4>${CATEGORY_LABELS[c]}</h4>${inCategory.map(findingArticle).join("\n")}</div>`);
    }
    out.push("</section>");
  }
  return out.join("\n");
}

function heatMap(report: AuditReport): string {
  const shown = SEVERITIES.filter((s) => s !== "info" || report.counts.bySeverity.info > 0);
  const max = Math.max(1, ...CATEGORIES.flatMap((c) => shown.map((s) => report.counts.byCategory[c][s])));
  const short: Record<Severity, string> = { critical: "Crit", high: "High", medium: "Med", low: "Low", info: "Info" };
  const head = `<tr><th scope="col">Category</th>${shown
    .map((s) => `<th scope="col" title="${SEVERITY_LABELS[s]}"><span class="dot sev-${s}"></span><span class="long">${SEVERITY_LABELS[s]}</span><span class="short" aria-hidden="true">${short[s]}</span></th>`)
    .join("")}</tr>`;
  const rows = CATEGORIES.map((c) => {
    const cells = shown.map((s) => {
      const count = report.counts.byCategory[c][s];
      if (!count) return `<td><span class="cell empty" data-heat-severity="${s}" data-heat-category="${c}" data-count="0">·</span></td>`;
      const alpha = 0.18 + (0.82 * count) / max;
      const [r, g, b] = SEVERITY_RGB[s];
      const style = `background: rgba(${r}, ${g}, ${b}, ${alpha.toFixed(2)}); color: ${alpha > 0.5 ? "#fff" : "inherit"}`;
      return `<td><button type="button" class="cell" data-cell data-heat-severity="${s}" data-heat-category="${c}" data-count="${count}" style="${style}" aria-label="${n(count)} ${SEVERITY_LABELS[s].toLowerCase()} in ${CATEGORY_LABELS[c]}: show them">${n(count)}</button></td>`;
    });
    return `<tr><th scope="row">${CATEGORY_LABELS[c]}</th>${cells.join("")}</tr>`;
  });
  return `<div class="scroll"><table class="heat"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function scoresTable(report: AuditReport): string {
  const row = (label: string, score: number, findings: number, strong = false) =>
    `<tr${strong ? ' class="overall-row"' : ""}><th scope="row">${label}</th><td class="bar-cell"><span class="bar ${scoreClass(score)}" style="width: ${(score * 10).toFixed(0)}%"></span></td><td class="num" data-score>${score.toFixed(1)}</td><td class="num muted">${n(findings)}</td></tr>`;
  return `<div class="scroll"><table class="scores"><thead><tr><th scope="col">Category</th><th scope="col" class="bar-head">Readiness</th><th scope="col" class="num">/10</th><th scope="col" class="num">Findings</th></tr></thead><tbody>${CATEGORIES.map((c) =>
    row(CATEGORY_LABELS[c], report.scores.categories[c].score, report.scores.categories[c].findings),
  ).join("")}${row("Overall", report.scores.overall.score, report.scores.overall.findings, true)}</tbody></table></div>`;
}

function planList(items: readonly PlanItem[], none: string): string {
  if (!items.length) return `<p class="muted">${none}</p>`;
  return `<ol class="plan">${items
    .map(
      (i) =>
        `<li><strong>${inlineMarkdown(i.action)}</strong><br><span class="muted">Closes ${i.closes.map((id) => `<a href="#${findingLabel(id)}">${findingLabel(id)}</a>`).join(", ")} (${n(i.locations)} place${i.locations === 1 ? "" : "s"}) · effort ${escapeHtml(i.effortHint)} · <code>${escapeHtml(i.ruleId)}</code></span></li>`,
    )
    .join("")}</ol>`;
}

const STYLE = `
:root { --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; --link: #0969da;
  --critical: #b91c1c; --high: #c2410c; --medium: #a16207; --low: #1d4ed8; --info: #6b7280; --good: #1a7f37; --fair: #9a6700; --poor: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23; --link: #4493f8; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main, header.top { max-width: 980px; margin: 0 auto; padding: 0 16px; }
header.top { padding-top: 20px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 24px 0 8px; }
h4 { font-size: 1rem; margin: 16px 0 8px; color: var(--muted); }
h5 { font-size: 1rem; margin: 0 0 4px; }
h6 { font-size: .8rem; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
a { color: var(--link); }
code { font: .875em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
pre { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
pre code { overflow-wrap: normal; }
.muted, .meta { color: var(--muted); }
.meta { font-size: .875rem; margin: 0 0 8px; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.snapshot { display: grid; grid-template-columns: minmax(140px, 200px) 1fr; gap: 16px; align-items: start; }
@media (max-width: 600px) { .snapshot { grid-template-columns: 1fr; } }
.overall { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; text-align: center; }
.overall .big { font-size: 2.75rem; font-weight: 700; line-height: 1; }
.overall.good .big { color: var(--good); } .overall.fair .big { color: var(--fair); } .overall.poor .big { color: var(--poor); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0 0 12px; }
.chip { display: inline-flex; gap: 6px; align-items: baseline; border: 1px solid var(--line); background: var(--bg); color: var(--fg); border-radius: 999px; padding: 6px 12px; font: inherit; font-size: .9rem; cursor: pointer; min-height: 40px; }
.chip .count { font-weight: 700; font-variant-numeric: tabular-nums; }
.chip[aria-pressed="true"] { background: var(--fg); color: var(--bg); border-color: var(--fg); }
.dot { display: inline-block; width: .7em; height: .7em; border-radius: 50%; margin-right: 4px; vertical-align: baseline; }
.dot.sev-critical, .badge.sev-critical { background: var(--critical); } .dot.sev-high, .badge.sev-high { background: var(--high); }
.dot.sev-medium, .badge.sev-medium { background: var(--medium); } .dot.sev-low, .badge.sev-low { background: var(--low); } .dot.sev-info, .badge.sev-info { background: var(--info); }
.badge { color: #fff; border-radius: 4px; padding: 0 6px; font-size: .75rem; font-weight: 600; vertical-align: middle; }
.risks { margin: 0; padding-left: 20px; }
.ok { color: var(--good); font-weight: 700; }
table.heat td { padding: 3px; text-align: center; }
table.heat th[scope="col"] { white-space: nowrap; }
.short { display: none; }
@media (max-width: 600px) {
  .long { display: none; } .short { display: inline; }
  table.heat th, table.heat td { padding-left: 2px; padding-right: 2px; }
  .filters { position: static; }
}
.cell { display: block; width: 100%; min-width: 40px; min-height: 36px; border: 0; border-radius: 4px; font: inherit; font-weight: 600; cursor: pointer; color: inherit; background: transparent; }
.cell.empty { color: var(--muted); cursor: default; line-height: 36px; }
.cell.active { outline: 3px solid var(--fg); outline-offset: -3px; }
table.scores .bar-cell { width: 50%; }
.bar { display: block; height: 10px; border-radius: 5px; background: var(--good); min-width: 2px; }
.bar.fair { background: var(--fair); } .bar.poor { background: var(--poor); }
.overall-row th, .overall-row td { font-weight: 700; }
.filters { position: sticky; top: 0; z-index: 1; background: var(--bg); padding: 8px 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.filters select, .filters .reset { font: inherit; font-size: .9rem; min-height: 40px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); padding: 4px 8px; }
.filters .shown { margin: 0; width: 100%; font-size: .9rem; color: var(--muted); }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; padding: 12px; margin: 0 0 12px; background: var(--bg); }
.finding.sev-critical { border-left-color: var(--critical); } .finding.sev-high { border-left-color: var(--high); }
.finding.sev-medium { border-left-color: var(--medium); } .finding.sev-low { border-left-color: var(--low); }
.finding p { margin: 4px 0; }
.fid { font-variant-numeric: tabular-nums; color: var(--muted); }
.where ul { margin: 4px 0; padding-left: 20px; }
.where summary { cursor: pointer; }
.detail { color: var(--muted); font-size: .9rem; }
ul.practices, ul.questions { padding-left: 20px; }
ul.practices li, ul.questions li, ol.plan li { margin-bottom: 8px; }
footer { max-width: 980px; margin: 32px auto; padding: 0 16px; color: var(--muted); font-size: .85rem; }
`;

const SCRIPT = `
(function () {
  var severities = new Set();
  var category = "";
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var select = document.getElementById("category-filter");
  var shownCount = document.getElementById("shown-count");
  var noMatch = document.getElementById("no-match");
  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
  function apply() {
    var shown = 0;
    articles.forEach(function (a) {
      var ok = (severities.size === 0 || severities.has(a.dataset.severity)) && (!category || a.dataset.category === category);
      a.hidden = !ok;
      if (ok) shown += Number(a.dataset.count);
    });
    each(".cat-section, .sev-section", function (s) { s.hidden = !s.querySelector("article.finding:not([hidden])"); });
    each("[data-filter-severity]", function (b) { b.setAttribute("aria-pressed", String(severities.has(b.dataset.filterSeverity))); });
    each("[data-cell]", function (c) {
      c.classList.toggle("active", severities.size === 1 && severities.has(c.dataset.heatSeverity) && category === c.dataset.heatCategory);
    });
    if (select) select.value = category;
    if (shownCount) shownCount.textContent = shown.toLocaleString("en-US");
    if (noMatch) noMatch.hidden = shown > 0 || articles.length === 0;
  }
  each("[data-filter-severity]", function (b) {
    b.addEventListener("click", function () {
      var s = b.dataset.filterSeverity;
      if (severities.has(s)) severities.delete(s); else severities.add(s);
      apply();
      if (b.hasAttribute("data-scroll")) document.getElementById("findings").scrollIntoView();
    });
  });
  each("[data-cell]", function (c) {
    c.addEventListener("click", function () {
      severities = new Set([c.dataset.heatSeverity]);
      category = c.dataset.heatCategory;
      apply();
      document.getElementById("findings").scrollIntoView();
    });
  });
  if (select) select.addEventListener("change", function () { category = select.value; apply(); });
  var reset = document.getElementById("reset-filters");
  if (reset) reset.addEventListener("click", function () { severities = new Set(); category = ""; apply(); });
  apply();
})();
`;

export function renderHtml(report: AuditReport): string {
  const s = report.source;
  const title = `Production readiness audit: ${s.name}`;
  const commit = s.sha ? `<code>${escapeHtml(s.sha.slice(0, 12))}</code>${s.ref ? ` on <code>${escapeHtml(s.ref)}</code>` : ""} · ` : "";
  const overall = report.scores.overall.score;
  const chips = SEVERITIES.map(
    (sev) =>
      `<li><button type="button" class="chip" data-filter-severity="${sev}" data-scroll aria-pressed="false"><span class="dot sev-${sev}"></span><span class="count" data-severity-count="${sev}">${n(report.counts.bySeverity[sev])}</span> ${SEVERITY_LABELS[sev]}</button></li>`,
  ).join("");
  const risks = report.highestRisks.length
    ? `<ol class="risks">${report.highestRisks
        .map(
          (r) =>
            `<li><span class="badge sev-${r.severity}">${SEVERITY_LABELS[r.severity]}</span> <a href="#${findingLabel(r.group)}">${inlineMarkdown(r.title)}</a> <span class="muted">(${escapeHtml(r.section)}) ${locationHtml(r.first)}${r.locations > 1 ? ` and ${n(r.locations - 1)} more` : ""}</span></li>`,
        )
        .join("")}</ol>`
    : `<p class="muted">No finding of high or critical severity.</p>`;
  const usedCategories = CATEGORIES.filter((c) => report.findings.some((g) => g.category === c));
  const practices = report.goodPractices.length
    ? `<ul class="practices">${report.goodPractices
        .map(
          (p) =>
            `<li><strong>${escapeHtml(p.label)}:</strong> ${inlineMarkdown(p.statement)}${p.evidence.length ? ` <span class="muted">Evidence: ${p.evidence.map(inlineMarkdown).join(", ")}.</span>` : ""} <span class="muted">(${CATEGORY_LABELS[p.category]} · <code>${escapeHtml(p.ruleId)}</code>)</span></li>`,
        )
        .join("")}</ul>`
    : `<p class="muted">taxon detected none of the practices it looks for without a finding in the same family.</p>`;
  const questions = report.questions.length
    ? `<p class="muted">No static reader can answer these from the code; they are listed once and are not findings.</p><ul class="questions">${report.questions
        .map((q) => `<li><strong>${escapeHtml(q.topic)}:</strong> ${escapeHtml(q.question)}</li>`)
        .join("")}</ul>`
    : `<p class="muted">taxon saw no web service, database, user accounts or deployment files.</p>`;
  const scope = [
    `Analyzed ${n(report.size.filesAnalyzed)} files (${n(report.size.linesAnalyzed)} lines) with taxon ${escapeHtml(report.tool.version)}.`,
    report.skipped.length ? `${n(report.skipped.length)} files not analyzed: ${report.skipped.slice(0, 30).map((k) => `<code>${escapeHtml(k.path)}</code> (${escapeHtml(k.reason)})`).join(", ")}${report.skipped.length > 30 ? ", …" : ""}.` : "",
    report.suppressed.length ? `${n(report.suppressed.length)} findings suppressed by <code>taxon-ignore</code> (not counted).` : "",
    report.errors.length ? `${n(report.errors.length)} rule errors: analysis incomplete for ${report.errors.slice(0, 10).map((e) => `<code>${escapeHtml(e.path)}</code>`).join(", ")}.` : "",
    ...report.notes.map((note) => inlineMarkdown(note)),
    `Readiness score: ${escapeHtml(report.scores.formula)}`,
  ].filter(Boolean);
  const data = JSON.stringify(report).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="taxon ${escapeHtml(report.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<p class="muted">${commit}${n(report.size.filesAnalyzed)} files, ${n(report.size.linesAnalyzed)} lines · ${escapeHtml(report.generatedAt.slice(0, 10))} · taxon ${escapeHtml(report.tool.version)}</p>
</header>
<main>
<section id="snapshot" aria-labelledby="snapshot-h">
<h2 id="snapshot-h">Executive snapshot</h2>
<div class="snapshot">
<div class="overall ${scoreClass(overall)}"><div class="big" data-testid="overall-score">${overall.toFixed(1)}</div><div>overall readiness / 10</div><div class="muted"><span data-testid="total-count">${n(report.counts.total)}</span> findings</div></div>
<div>
<ul class="counts" aria-label="Findings by severity (click to filter)">${chips}</ul>
<h3>Highest risks</h3>
${risks}
</div>
</div>
</section>
<section id="readiness" aria-labelledby="readiness-h">
<h2 id="readiness-h">Readiness by category</h2>
${scoresTable(report)}
</section>
<section id="heatmap" aria-labelledby="heatmap-h">
<h2 id="heatmap-h">Severity × category</h2>
<p class="muted">Click a cell to show its findings.</p>
${heatMap(report)}
</section>
<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<div class="filters" role="group" aria-label="Filter findings">
<ul class="counts">${SEVERITIES.filter((sev) => report.counts.bySeverity[sev] > 0)
    .map((sev) => `<li><button type="button" class="chip" data-filter-severity="${sev}" aria-pressed="false"><span class="dot sev-${sev}"></span>${SEVERITY_LABELS[sev]}</button></li>`)
    .join("")}</ul>
<label>Category <select id="category-filter"><option value="">All categories</option>${usedCategories.map((c) => `<option value="${c}">${CATEGORY_LABELS[c]}</option>`).join("")}</select></label>
<button type="button" class="reset" id="reset-filters">Show all</button>
<p class="shown" aria-live="polite">Showing <strong id="shown-count">${n(report.counts.total)}</strong> of ${n(report.counts.total)} findings (${countsLine(report.counts.bySeverity)})</p>
</div>
<p id="no-match" class="muted" hidden>No finding matches these filters.</p>
${report.findings.length ? findingsSection(report) : `<p class="muted">No rule found a problem in the audited files.</p>`}
</section>
<section id="done-well" aria-labelledby="done-well-h">
<h2 id="done-well-h"><span class="ok" aria-hidden="true">✓</span> What is done well</h2>
${practices}
</section>
<section id="plan" aria-labelledby="plan-h">
<h2 id="plan-h">Remediation plan</h2>
<h3>Immediate (critical)</h3>
${planList(report.plan.immediate, "Nothing critical.")}
<h3>Short term (high)</h3>
${planList(report.plan.shortTerm, "Nothing of high severity.")}
<h3>Medium term (medium and low)</h3>
${planList(report.plan.mediumTerm, "Nothing of medium or low severity.")}
</section>
<section id="questions" aria-labelledby="questions-h">
<h2 id="questions-h">For a human to decide</h2>
${questions}
</section>
<section id="scope" aria-labelledby="scope-h">
<h2 id="scope-h">Scope and method</h2>
<ul>${scope.map((line) => `<li>${line}</li>`).join("")}</ul>
</section>
</main>
<footer>Generated by taxon ${escapeHtml(report.tool.version)} on ${escapeHtml(report.generatedAt)}. This file is self-contained and loads nothing from the network.</footer>
<script type="application/json" id="taxon-audit-data">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
