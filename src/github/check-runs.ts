/**
 * taxon's check run: created `in_progress` when a review starts, completed
 * with the conclusion, the summary and every annotation (50 per request).
 * https://docs.github.com/en/rest/checks/runs
 */
import type { Annotation } from "../review/plan.js";
import { annotationBatches } from "../review/plan.js";
import type { GitHubClient, RepoRef } from "./client.js";
import { CHECK_RUN_NAME, MAX_CHECK_RUN_TEXT, truncate } from "./limits.js";

export type Conclusion = "success" | "failure" | "neutral" | "action_required" | "cancelled" | "skipped" | "timed_out";

export interface ExistingCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
}

/** taxon's check runs on a commit, newest first. */
export async function findCheckRuns(octokit: GitHubClient, repo: RepoRef, sha: string): Promise<ExistingCheckRun[]> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_RUN_NAME, filter: "all", per_page: 100 });
  return data.check_runs
    .map((r) => ({ id: r.id, status: r.status, conclusion: r.conclusion, startedAt: r.started_at }))
    .sort((a, b) => b.id - a.id);
}

export async function startCheckRun(octokit: GitHubClient, repo: RepoRef, sha: string, detailsUrl?: string): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_RUN_NAME,
    head_sha: sha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    output: { title: "Reviewing…", summary: "taxon is reading the changed files." },
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
  });
  return data.id;
}

export interface CheckRunResult {
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: readonly Annotation[];
}

/** Completes the run; annotations beyond the first 50 go in further updates. */
export async function completeCheckRun(octokit: GitHubClient, repo: RepoRef, checkRunId: number, result: CheckRunResult): Promise<void> {
  const batches = annotationBatches(result.annotations ?? []);
  const output = (annotations: Annotation[] | undefined) => ({
    title: truncate(result.title, 255, "…"),
    summary: truncate(result.summary, MAX_CHECK_RUN_TEXT),
    ...(result.text ? { text: truncate(result.text, MAX_CHECK_RUN_TEXT) } : {}),
    ...(annotations?.length ? { annotations } : {}),
  });
  // Annotations are added while the run is still open, then the last request completes it.
  for (const batch of batches.slice(0, -1)) {
    await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, output: output(batch) });
  }
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: output(batches.at(-1)),
  });
}
