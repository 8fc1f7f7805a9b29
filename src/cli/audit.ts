/**
 * `taxon audit [PATH]`: a whole-repository production-readiness audit of a
 * checkout, as Markdown (default), one self-contained HTML file, JSON (the
 * report model) or SARIF. Reads `.github/taxon.yml` from the checkout unless
 * --config is given; links every location to its lines on GitHub when the
 * checkout's `origin` is a GitHub repository. Shows a progress bar on stderr
 * when stderr is a terminal.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { auditTree } from "../audit/audit-tree.js";
import { renderHtml } from "../audit/render-html.js";
import { renderMarkdown } from "../audit/render-markdown.js";
import type { AuditSource } from "../audit/report.js";
import { parseConfigText, problemsTable } from "../config/load.js";
import type { TaxonConfig } from "../config/schema.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { CONFIG_PATH } from "../github/config.js";
import { toSarif } from "../report/sarif.js";
import { isAtLeast } from "../taxonomy/index.js";
import { UsageError } from "./usage.js";

export const AUDIT_FORMATS = ["markdown", "html", "json", "sarif"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function parseAuditFormat(value: string | undefined): AuditFormat {
  if (value === undefined) return "markdown";
  if ((AUDIT_FORMATS as readonly string[]).includes(value)) return value as AuditFormat;
  throw new UsageError(`audit --format must be one of ${AUDIT_FORMATS.join(", ")} (got "${value}")`);
}

/** What the progress bar writes to: a terminal's stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  onProgress(done: number, total: number): void;
  /** Clears the bar's line. */
  end(): void;
}

/** Minimum milliseconds between two redraws (the last one is always drawn). */
export const PROGRESS_REDRAW_MS = 100;

/** A one-line bar for a terminal; undefined when the stream is not one (piped, redirected, CI). */
export function progressBar(stream: ProgressStream, now: () => number = Date.now): ProgressBar | undefined {
  if (!stream.isTTY) return undefined;
  let last = -Infinity;
  let drawn = false;
  return {
    onProgress(done, total) {
      const t = now();
      if (done < total && t - last < PROGRESS_REDRAW_MS) return;
      last = t;
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 45));
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      stream.write(`\r\x1b[2Ktaxon audit [${bar}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} files`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}

/** `https://github.com/OWNER/NAME` for a GitHub remote URL (https, ssh or scp-like), else undefined. */
export function githubRepoUrl(remote: string): string | undefined {
  const m = /^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote.trim());
  return m ? `https://github.com/${m[1]}/${m[2]}` : undefined;
}

/** Where a checkout comes from: its GitHub repository, branch and commit, when it is a git checkout. */
export function checkoutSource(root: string): { source: AuditSource; notes: string[] } {
  const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const source: AuditSource = { name: basename(root) };
  const notes: string[] = [];
  try {
    source.sha = git("rev-parse", "HEAD");
  } catch {
    return { source, notes };
  }
  try {
    const ref = git("rev-parse", "--abbrev-ref", "HEAD");
    if (ref && ref !== "HEAD") source.ref = ref;
  } catch {
    // A detached head has no branch name.
  }
  try {
    const prefix = git("rev-parse", "--show-prefix");
    if (prefix) source.pathPrefix = prefix.endsWith("/") ? prefix : `${prefix}/`;
  } catch {
    // Not inside a work tree.
  }
  let url: string | undefined;
  try {
    url = githubRepoUrl(git("remote", "get-url", "origin"));
  } catch {
    // No origin.
  }
  if (url) {
    source.name = url.replace("https://github.com/", "");
    source.blobUrl = `${url}/blob/${source.sha}`;
  }
  try {
    if (git("status", "--porcelain", "--untracked-files=no", "--", ".")) notes.push(`The work tree has uncommitted changes; links point at the committed lines of \`${source.sha.slice(0, 7)}\`.`);
  } catch {
    // Status is informational only.
  }
  return { source, notes };
}

export interface AuditArgs {
  path?: string;
  format: AuditFormat;
  config: TaxonConfig;
  /** Whether --config was given; without it the checkout's own `.github/taxon.yml` applies. */
  configGiven: boolean;
  /** --fail-on, which wins over the checkout's config too. */
  failOn?: TaxonConfig["fail_on"];
  rules: readonly LoadedRule[];
  /** stderr, for the progress bar. */
  progress?: ProgressStream;
  now?: Date;
}

function checkoutConfig(root: string, fallback: TaxonConfig): TaxonConfig {
  const file = join(root, CONFIG_PATH);
  if (!existsSync(file)) return fallback;
  const result = parseConfigText(readFileSync(file, "utf8"), file);
  if (!result.ok) throw new UsageError(`invalid config ${file}:\n${problemsTable(result.problems)}`);
  return result.config;
}

export async function auditCommand(args: AuditArgs): Promise<{ output: string; exitCode: number }> {
  const root = resolve(args.path ?? ".");
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`no such directory: ${args.path ?? "."}`);
  }
  if (!isDir) throw new UsageError(`audit needs a directory (a checkout), not a file: ${args.path}`);
  const base = args.configGiven ? args.config : checkoutConfig(root, args.config);
  const config: TaxonConfig = args.failOn ? { ...base, fail_on: args.failOn } : base;
  const { source, notes } = checkoutSource(root);
  const bar = args.progress ? progressBar(args.progress) : undefined;
  let outcome;
  try {
    outcome = await auditTree({ root, config, rules: args.rules, source, notes, onProgress: bar?.onProgress, generatedAt: args.now });
  } finally {
    bar?.end();
  }
  const { report, result } = outcome;
  let output: string;
  switch (args.format) {
    case "html":
      output = renderHtml(report);
      break;
    case "json":
      output = JSON.stringify(report, null, 2);
      break;
    case "sarif":
      output = JSON.stringify(toSarif(result.findings, args.rules), null, 2);
      break;
    default:
      output = renderMarkdown(report);
  }
  const fail = config.fail_on;
  const failing = fail !== "never" && result.findings.some((f) => isAtLeast(f.severity, fail));
  return { output, exitCode: failing ? 1 : 0 };
}
