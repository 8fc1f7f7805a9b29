/**
 * Publishes a planned review: ONE review with all inline comments, file-level
 * fallbacks, replies and resolutions for fixed findings, then the completed
 * check run. Shared by the app and `taxon review --post`.
 */
import type { Logger } from "pino";
import type { ReviewPlan } from "../review/plan.js";
import { completeCheckRun } from "./check-runs.js";
import type { GitHubClient, PullRequestRef } from "./client.js";
import { MAX_COMMENT_BODY, truncate } from "./limits.js";
import { resolveThread } from "./review-threads.js";

export interface PublishTarget extends PullRequestRef {
  headSha: string;
  checkRunId: number;
}

export interface PublishOutcome {
  reviewId?: number;
  inlinePosted: number;
  fileLevelPosted: number;
  resolved: number;
  /** Comments GitHub refused; they are listed in the review body instead. */
  fellBackToBody: number;
}

function status(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : undefined;
}

export async function publishReview(octokit: GitHubClient, target: PublishTarget, plan: ReviewPlan, log: Logger): Promise<PublishOutcome> {
  const repo = { owner: target.owner, repo: target.repo };
  const outcome: PublishOutcome = { inlinePosted: 0, fileLevelPosted: 0, resolved: 0, fellBackToBody: 0 };

  if (plan.inline.length > 0) {
    const comments = plan.inline.map((c) => ({
      path: c.path,
      line: c.line,
      side: "RIGHT" as const,
      ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: "RIGHT" as const } : {}),
      body: c.body,
    }));
    try {
      const { data } = await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: target.pullNumber,
        commit_id: target.headSha,
        event: plan.event,
        body: plan.reviewBody,
        comments,
      });
      outcome.reviewId = data.id;
      outcome.inlinePosted = comments.length;
    } catch (error) {
      if (status(error) !== 422) throw error;
      // One position GitHub refuses must not lose the whole review: post it without inline comments.
      log.warn({ err: error }, "GitHub refused the inline comments; posting them in the review body");
      const listed = plan.inline.map((c) => `<details><summary><code>${c.path}:${c.startLine ?? c.line}</code> — ${c.finding.title}</summary>\n\n${c.body}\n</details>`);
      const { data } = await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: target.pullNumber,
        commit_id: target.headSha,
        event: plan.event,
        body: truncate(`${plan.reviewBody}\n\n${listed.join("\n\n")}`, MAX_COMMENT_BODY),
      });
      outcome.reviewId = data.id;
      outcome.fellBackToBody = plan.inline.length;
    }
  }

  for (const c of plan.fileLevel) {
    try {
      await octokit.rest.pulls.createReviewComment({
        ...repo,
        pull_number: target.pullNumber,
        commit_id: target.headSha,
        path: c.path,
        subject_type: "file",
        body: c.body,
      });
      outcome.fileLevelPosted += 1;
    } catch (error) {
      if (status(error) !== 422) throw error;
      log.warn({ err: error, path: c.path }, "GitHub refused a file-level comment; it stays in the summary");
    }
  }

  for (const c of plan.toResolve) {
    await octokit.rest.pulls.createReplyForReviewComment({
      ...repo,
      pull_number: target.pullNumber,
      comment_id: c.commentId,
      body: `Resolved in ${target.headSha.slice(0, 7)}.`,
    });
    await resolveThread(octokit, c.threadId);
    outcome.resolved += 1;
  }

  await completeCheckRun(octokit, repo, target.checkRunId, {
    conclusion: plan.conclusion,
    title: plan.title,
    summary: plan.summary,
    annotations: plan.annotations,
  });
  return outcome;
}
