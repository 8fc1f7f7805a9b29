/**
 * pull_request.opened / synchronize / reopened / ready_for_review: queue a
 * review of the new head and answer the webhook at once. Exits early, with a
 * logged reason, for closed pull requests and payloads that lack what a
 * review needs; drafts are skipped unless the config says otherwise.
 */
import type { Context } from "probot";
import type { GitHubClient } from "../github/client.js";
import { loadRepoConfig } from "../github/config.js";
import type { ReviewQueue } from "../queue/review-queue.js";
import { runReview } from "../review/run-review.js";
import { PullRequestPayload, describeIssues } from "./payloads.js";

export const PULL_REQUEST_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"] as const;

export async function handlePullRequest(context: Context<"pull_request">, queue: ReviewQueue): Promise<void> {
  const parsed = PullRequestPayload.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ deliveryId: context.id }, `pull_request payload ignored: ${describeIssues(parsed.error)}`);
    return;
  }
  const { repository, pull_request: pr, installation } = parsed.data;
  const log = context.log.child({
    deliveryId: context.id,
    installation: installation?.id,
    repo: `${repository.owner.login}/${repository.name}`,
    pr: pr.number,
    sha: pr.head.sha,
  });
  if (pr.state !== "open") {
    log.debug("pull request is not open; nothing to review");
    return;
  }
  const repo = { owner: repository.owner.login, repo: repository.name };
  const octokit = context.octokit as unknown as GitHubClient;
  const loadConfig = () => loadRepoConfig(context.octokit, repo, pr.base.ref);

  const accepted = queue.push({
    key: `${repo.owner}/${repo.repo}#${pr.number}`,
    sha: pr.head.sha,
    // Re-delivered or late events carry their original time: they never displace a newer push.
    order: Date.parse(pr.updated_at ?? "") || Date.now(),
    run: async () => {
      if (pr.draft) {
        const config = await loadConfig();
        if (config.ok && !config.config.review_drafts) {
          log.debug("draft pull request and review_drafts is off; not reviewed");
          return;
        }
      }
      const outcome = await runReview(
        { ...repo, pullNumber: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, changedFilesCount: pr.changed_files, rerun: false, htmlUrl: pr.html_url },
        { octokit, log, loadConfig },
      );
      if (outcome.status === "skipped") log.info(`review skipped: ${outcome.reason}`);
    },
  });
  if (!accepted) log.warn("shutting down; review not queued (GitHub will show no check run until the next push or a re-run)");
}
