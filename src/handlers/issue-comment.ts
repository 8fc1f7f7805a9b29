/**
 * issue_comment.created: `/taxon audit` on an issue or pull request queues a
 * whole-repository audit and answers the webhook at once. Only people with
 * write access (admin, maintain, write) may start one, as GitHub's
 * collaborator-permission API reports it; others get a polite refusal.
 * `/taxon audit --issue` (or TAXON_AUDIT_OUTPUT=issue for the whole app)
 * posts the report as a new issue instead of comments.
 */
import type { Context } from "probot";
import { z } from "zod";
import { canRunAudit, permissionOf, refusalBody, runAuditJob } from "../audit/github.js";
import type { GitHubClient } from "../github/client.js";
import { loadRepoConfig } from "../github/config.js";
import type { ReviewQueue } from "../queue/review-queue.js";
import { describeIssues } from "./payloads.js";

export const IssueCommentPayload = z.object({
  action: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  repository: z.object({
    name: z.string().min(1),
    owner: z.object({ login: z.string().min(1) }),
    default_branch: z.string().min(1),
    html_url: z.string().min(1),
  }),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.unknown().optional() }),
  comment: z.object({ id: z.number(), body: z.string().nullable(), user: z.object({ login: z.string(), type: z.string().optional() }) }),
  sender: z.object({ login: z.string(), type: z.string().optional() }),
});

export interface AuditCommand {
  asIssue: boolean;
}

/** The `/taxon audit` command in a comment: a line of its own, outside quotes and code. */
export function parseAuditCommand(body: string | null | undefined): AuditCommand | undefined {
  if (!body) return undefined;
  let inFence = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^\/taxon\s+audit(?:\s+(.*))?$/i.exec(line);
    if (m) {
      const args = (m[1] ?? "").trim().toLowerCase().split(/\s+/).filter(Boolean);
      return { asIssue: args.some((a) => a === "--issue" || a === "issue" || a === "as-issue") };
    }
  }
  return undefined;
}

export interface IssueCommentOptions {
  /** Post every audit as a new issue (TAXON_AUDIT_OUTPUT=issue). */
  auditAsIssue?: boolean;
}

export async function handleIssueComment(context: Context<"issue_comment">, queue: ReviewQueue, options: IssueCommentOptions = {}): Promise<void> {
  const parsed = IssueCommentPayload.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ deliveryId: context.id }, `issue_comment payload ignored: ${describeIssues(parsed.error)}`);
    return;
  }
  const { repository, issue, comment, sender, installation } = parsed.data;
  if (parsed.data.action !== "created") return;
  const command = parseAuditCommand(comment.body);
  if (!command) return;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const log = context.log.child({ deliveryId: context.id, installation: installation?.id, repo: `${repo.owner}/${repo.repo}`, issue: issue.number, user: comment.user.login });
  if (sender.type === "Bot" || comment.user.type === "Bot") {
    log.debug("audit command from a bot ignored");
    return;
  }
  const octokit = context.octokit as unknown as GitHubClient;
  const permission = await permissionOf(octokit, repo, comment.user.login);
  if (!canRunAudit(permission)) {
    log.info({ permission }, "audit refused: the commenter has no write access");
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: refusalBody(comment.user.login, permission) });
    return;
  }
  // An acknowledgement while the audit waits and runs; it is fine if GitHub refuses it.
  await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" }).catch((error: unknown) => log.debug({ err: error }, "could not add the reaction"));
  const accepted = queue.push({
    key: `${repo.owner}/${repo.repo}#audit`,
    sha: `comment-${comment.id}`,
    run: async () => {
      const outcome = await runAuditJob(
        {
          ...repo,
          issueNumber: issue.number,
          requestedBy: comment.user.login,
          defaultBranch: repository.default_branch,
          htmlUrl: repository.html_url,
          asIssue: command.asIssue || options.auditAsIssue === true,
        },
        { octokit, log, loadConfig: () => loadRepoConfig(context.octokit, repo, repository.default_branch) },
      );
      log.info({ status: outcome.status }, "audit finished");
    },
  });
  if (!accepted) {
    log.warn("shutting down; audit not queued");
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: `@${comment.user.login} taxon is restarting and could not queue the audit; please comment \`/taxon audit\` again in a minute.` });
  }
}
