/**
 * check_run.rerequested and check_suite.rerequested: review the pull
 * requests of that commit again. Comments already posted are not repeated
 * (their fingerprints are read back from GitHub).
 */
import type { Context } from "probot";
import { loadRepoConfig } from "../github/config.js";
import type { GitHubClient } from "../github/client.js";
import { CHECK_RUN_NAME } from "../github/limits.js";
import type { ReviewQueue } from "../queue/review-queue.js";
import { runReview } from "../review/run-review.js";
import { CheckRunPayload, CheckSuitePayload, describeIssues } from "./payloads.js";

export async function handleCheckRerequested(
  context: Context<"check_run.rerequested" | "check_suite.rerequested">,
  queue: ReviewQueue,
): Promise<void> {
  const parsed = context.name === "check_run" ? CheckRunPayload.safeParse(context.payload) : CheckSuitePayload.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ deliveryId: context.id }, `${context.name} payload ignored: ${describeIssues(parsed.error)}`);
    return;
  }
  const data = parsed.data;
  if ("check_run" in data && data.check_run.name !== CHECK_RUN_NAME) {
    context.log.debug({ deliveryId: context.id }, `re-requested check "${data.check_run.name}" is not taxon's`);
    return;
  }
  const target = "check_run" in data ? data.check_run : data.check_suite;
  const repo = { owner: data.repository.owner.login, repo: data.repository.name };
  if (target.pull_requests.length === 0) {
    context.log.info({ deliveryId: context.id, sha: target.head_sha }, "re-requested commit belongs to no open pull request of this repository");
    return;
  }
  for (const pr of target.pull_requests) {
    const log = context.log.child({ deliveryId: context.id, repo: `${repo.owner}/${repo.repo}`, pr: pr.number, sha: pr.head.sha });
    queue.push({
      key: `${repo.owner}/${repo.repo}#${pr.number}`,
      sha: target.head_sha,
      run: () => rerunReview(context, repo, pr.number, target.head_sha, log),
    });
  }
}

async function rerunReview(
  context: Context<"check_run.rerequested" | "check_suite.rerequested">,
  repo: { owner: string; repo: string },
  pullNumber: number,
  sha: string,
  log: Context["log"],
): Promise<void> {
  const { data: pull } = await context.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    if (pull.state !== "open" || pull.head.sha !== sha) {
      log.info("pull request is closed or has moved on; not re-reviewed");
      return;
    }
    await runReview(
      {
        ...repo,
        pullNumber,
        headSha: pull.head.sha,
        baseSha: pull.base.sha,
        changedFilesCount: pull.changed_files,
        rerun: true,
        htmlUrl: pull.html_url,
      },
      { octokit: context.octokit as unknown as GitHubClient, log, loadConfig: () => loadRepoConfig(context.octokit, repo, pull.base.ref) },
    );
}
