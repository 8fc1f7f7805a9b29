/**
 * The app's `/taxon audit` job, run from the queue after the webhook is
 * answered: reads the configuration from the default branch, downloads the
 * repository at the default branch's head once as a tarball into a
 * temporary directory, audits it, and posts the report on the issue or pull
 * request where it was asked for (split over several comments when GitHub's
 * size limit requires), or opens a new issue with it when configured.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import { problemsTable, type ConfigResult } from "../config/load.js";
import { loadRules, type LoadedRule } from "../engine/load-rules.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { MAX_COMMENT_BODY, truncate } from "../github/limits.js";
import { isAtLeast, type Severity } from "../taxonomy/index.js";
import { auditTree } from "./audit-tree.js";
import { MAX_AUDIT_COMMENTS, splitIntoComments } from "./comments.js";
import { countsLine, renderMarkdownBlocks, scoreText } from "./render-markdown.js";
import type { AuditReport } from "./report.js";
import { DEFAULT_TAR_LIMITS, downloadTarball, type Extraction, type TarLimits } from "./tarball.js";

export interface AuditRequest extends RepoRef {
  /** The issue or pull request the command was posted on. */
  issueNumber: number;
  requestedBy: string;
  defaultBranch: string;
  /** The repository's web URL (`https://github.com/o/r`), for line links. */
  htmlUrl: string;
  /** Open a new issue with the report instead of commenting. */
  asIssue: boolean;
}

export interface AuditDeps {
  octokit: GitHubClient;
  log: Logger;
  loadConfig: () => Promise<ConfigResult>;
  rules?: readonly LoadedRule[];
  limits?: TarLimits;
  now?: () => Date;
  /** Characters per comment; GitHub's limit unless a test wants splits. */
  commentLimit?: number;
}

export type AuditJobOutcome =
  | { status: "posted"; comments: number; issue?: number; report: AuditReport }
  | { status: "invalid-config" }
  | { status: "failed"; error: string };

/** Locations listed per finding in a comment (all of them are in the JSON report). */
export const COMMENT_MAX_LOCATIONS = 15;

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** The user's permission on the repository, from GitHub's collaborator API (none when not a collaborator). */
export async function permissionOf(octokit: GitHubClient, repo: RepoRef, username: string): Promise<Permission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    // `permission` folds maintain into write and triage into read; `role_name` keeps them.
    const role = (data as { role_name?: string }).role_name;
    if (role === "maintain" || role === "triage") return role;
    return (data.permission as Permission) ?? "none";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "none";
    throw error;
  }
}

export function canRunAudit(permission: Permission): boolean {
  return permission === "admin" || permission === "maintain" || permission === "write";
}

export function refusalBody(username: string, permission: Permission): string {
  return `@${username} thanks for asking! Running \`/taxon audit\` needs write access to this repository${permission === "none" ? "" : ` (yours is \`${permission}\`)`}, so I have not started one. Anyone with write access can run it for you.`;
}

/** Comment bodies for the report; when more than MAX_AUDIT_COMMENTS are needed, the lowest severities are left out first. */
export function reportComments(report: AuditReport, intro: string, sha: string, limit = MAX_COMMENT_BODY): string[] {
  const floors: Array<Severity | undefined> = [undefined, "medium", "high", "critical"];
  for (const [i, floor] of floors.entries()) {
    const kept = floor ? report.findings.filter((g) => isAtLeast(g.severity, floor)) : report.findings;
    const left = report.findings.length - kept.length;
    const notes = left
      ? [...report.notes, `${left} finding group${left === 1 ? "" : "s"} below ${floor} severity ${left === 1 ? "is" : "are"} left out of these comments for GitHub's size limits; \`taxon audit\` on a checkout prints them all.`]
      : report.notes;
    const blocks = renderMarkdownBlocks({ ...report, findings: kept, notes }, { maxLocations: COMMENT_MAX_LOCATIONS });
    blocks[0] = `${intro}\n\n${blocks[0]}`;
    const last = i === floors.length - 1;
    const bodies = splitIntoComments(blocks, { sha, limit, maxParts: last ? MAX_AUDIT_COMMENTS : Infinity });
    if (last || bodies.length <= MAX_AUDIT_COMMENTS) return bodies;
  }
  return [];
}

function extractionNotes(x: Extraction): string[] {
  const notes: string[] = [];
  if (x.rejected.length)
    notes.push(
      `⚠️ ${x.rejected.length} archive entr${x.rejected.length === 1 ? "y was" : "ies were"} refused because ${x.rejected.length === 1 ? "it" : "they"} would have escaped the audit's directory: ${x.rejected
        .slice(0, 5)
        .map((r) => `\`${r.path}\` (${r.reason})`)
        .join(", ")}${x.rejected.length > 5 ? ", …" : ""}.`,
    );
  const links = x.skipped.filter((s) => /link/.test(s.reason)).length;
  if (links) notes.push(`${links} link${links === 1 ? " was" : "s were"} not followed.`);
  return notes;
}

export async function runAuditJob(req: AuditRequest, deps: AuditDeps): Promise<AuditJobOutcome> {
  const { octokit, log } = deps;
  const repo = { owner: req.owner, repo: req.repo };
  const comment = (issue: number, body: string) => octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: truncate(body, MAX_COMMENT_BODY) });
  let tmp: string | undefined;
  try {
    const config = await deps.loadConfig();
    if (!config.ok) {
      await comment(
        req.issueNumber,
        `@${req.requestedBy} taxon did not audit this repository because its configuration (${config.source}) is invalid. Fix these on \`${req.defaultBranch}\` and ask again:\n\n${problemsTable(config.problems)}`,
      );
      return { status: "invalid-config" };
    }
    const { data: branch } = await octokit.rest.repos.getBranch({ ...repo, branch: req.defaultBranch });
    const sha = branch.commit.sha;
    tmp = await mkdtemp(join(tmpdir(), "taxon-audit-"));
    const root = join(tmp, "tree");
    const extraction = await downloadTarball(octokit, repo, sha, root, deps.limits ?? DEFAULT_TAR_LIMITS);
    log.info({ sha, files: extraction.files, bytes: extraction.bytes, rejected: extraction.rejected.length }, "repository archive extracted");

    const { report } = await auditTree({
      root,
      config: config.config,
      rules: deps.rules ?? loadRules(),
      source: { name: `${req.owner}/${req.repo}`, ref: req.defaultBranch, sha, blobUrl: `${req.htmlUrl.replace(/\/$/, "")}/blob/${sha}` },
      notes: extractionNotes(extraction),
      generatedAt: deps.now?.(),
    });
    const summary = `overall readiness ${scoreText(report.scores.overall.score)}, ${report.counts.total} finding${report.counts.total === 1 ? "" : "s"} (${countsLine(report.counts.bySeverity)})`;
    const intro = `@${req.requestedBy} asked for this audit with \`/taxon audit\`: the whole repository at the head of \`${req.defaultBranch}\`.`;
    const bodies = reportComments(report, intro, sha, deps.commentLimit);

    if (req.asIssue) {
      const { data: issue } = await octokit.rest.issues.create({
        ...repo,
        title: `Production readiness audit: ${req.owner}/${req.repo} at ${sha.slice(0, 7)}`,
        body: bodies[0]!,
      });
      for (const body of bodies.slice(1)) await comment(issue.number, body);
      await comment(req.issueNumber, `@${req.requestedBy} the audit of \`${req.defaultBranch}\` at \`${sha.slice(0, 7)}\` is in #${issue.number}: ${summary}.`);
      log.info({ issue: issue.number, comments: bodies.length }, "audit posted as a new issue");
      return { status: "posted", comments: bodies.length + 1, issue: issue.number, report };
    }
    for (const body of bodies) await comment(req.issueNumber, body);
    log.info({ comments: bodies.length, overall: report.scores.overall.score }, "audit posted");
    return { status: "posted", comments: bodies.length, report };
  } catch (error) {
    const message = (error as Error).message;
    log.error({ err: error }, "audit failed");
    await comment(
      req.issueNumber,
      `@${req.requestedBy} taxon could not finish the audit of \`${req.defaultBranch}\`:\n\n\`\`\`\n${message.slice(0, 2000)}\n\`\`\`\n\nComment \`/taxon audit\` again to retry.`,
    ).catch((e: unknown) => log.error({ err: e }, "could not report the failed audit"));
    return { status: "failed", error: message };
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
