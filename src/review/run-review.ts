/**
 * The pull-request review pipeline, top to bottom:
 * check run → config → changed files → contents → analysis → plan → publish.
 * Every state it needs (what was posted, which check runs exist, the current
 * head) is read from GitHub, so several app instances can share the work.
 */
import type { Logger } from "pino";
import { problemsTable, type ConfigResult } from "../config/load.js";
import type { AnalysisInput, AnalysisResult } from "../engine/analyze.js";
import { sharedAnalysisPool } from "../engine/analysis-pool.js";
import { loadCustomRules } from "../engine/custom-rules.js";
import { loadRules, type LoadedRule } from "../engine/load-rules.js";
import { blobKey, readBlobs, type BlobRequest } from "../github/blobs.js";
import { completeCheckRun, findCheckRuns, startCheckRun } from "../github/check-runs.js";
import type { GitHubClient, PullRequestRef } from "../github/client.js";
import { CHECK_RUN_NAME } from "../github/limits.js";
import { listChangedFiles } from "../github/pull-request-files.js";
import { publishReview, type PublishOutcome } from "../github/publish.js";
import { githubRepoReader } from "../github/repo-reader.js";
import { readReviewState } from "../github/review-threads.js";
import type { TaxonConfig } from "../config/schema.js";
import { analyzeChange, dropGenerated, filesToRead, type ChangeContents } from "./analyze-change.js";
import { planReview, type ChangedFile, type ReviewPlan } from "./plan.js";

export interface ReviewRequest extends PullRequestRef {
  headSha: string;
  baseSha: string;
  /** The pull request's `changed_files`, to tell when GitHub's listing stopped short. */
  changedFilesCount?: number;
  /** A re-run the user asked for: review again even if a completed run exists. */
  rerun: boolean;
  htmlUrl?: string;
}

export type ReviewOutcome =
  | { status: "skipped"; reason: string }
  | { status: "invalid-config"; checkRunId: number }
  | { status: "superseded"; checkRunId: number; newerHead: string }
  | { status: "published"; checkRunId: number; plan: ReviewPlan; publish: PublishOutcome }
  | { status: "failed"; checkRunId: number; error: string };

export interface ReviewDeps {
  octokit: GitHubClient;
  log: Logger;
  loadConfig: () => Promise<ConfigResult>;
  rules?: readonly LoadedRule[];
  /** Where analyses run; default the shared process pool (see engine/analysis-pool.ts). */
  analyzer?: (input: AnalysisInput) => Promise<AnalysisResult>;
}

const analyzeInPool = (input: AnalysisInput) => sharedAnalysisPool().run({ ...input, files: [...input.files] });

/** A check run `in_progress` longer than this was left behind by a crash and is taken over. */
export const STALE_IN_PROGRESS_MS = 10 * 60 * 1000;

export async function runReview(req: ReviewRequest, deps: ReviewDeps): Promise<ReviewOutcome> {
  const { octokit, log } = deps;
  const repo = { owner: req.owner, repo: req.repo };

  const existingRuns = await findCheckRuns(octokit, repo, req.headSha);
  const latest = existingRuns[0];
  if (!req.rerun && latest?.status === "completed") return { status: "skipped", reason: `${CHECK_RUN_NAME} already completed for ${req.headSha}` };
  const inProgressRecently =
    latest !== undefined && latest.status !== "completed" && Date.now() - Date.parse(latest.startedAt ?? "") < STALE_IN_PROGRESS_MS;
  if (!req.rerun && inProgressRecently) return { status: "skipped", reason: `another review of ${req.headSha} is in progress` };

  const checkRunId = latest && latest.status !== "completed" && !inProgressRecently ? latest.id : await startCheckRun(octokit, repo, req.headSha);
  try {
    const config = await deps.loadConfig();
    if (!config.ok) {
      log.info({ problems: config.problems }, "invalid configuration; no review posted");
      await completeCheckRun(octokit, repo, checkRunId, {
        conclusion: "action_required",
        title: `Invalid configuration in ${config.source}`,
        summary: `taxon did not review this change because its configuration is invalid. Fix these and push again:\n\n${problemsTable(config.problems)}`,
      });
      return { status: "invalid-config", checkRunId };
    }

    const listing = await listChangedFiles(octokit, req, req.changedFilesCount);
    const notes: string[] = [];
    if (listing.truncated)
      notes.push(`GitHub lists at most 3,000 files of a pull request; this one changes ${req.changedFilesCount ?? "more"}. Files beyond the first ${listing.files.length} were not reviewed.`);
    const contents = await readChangeContents(octokit, req, listing.files, config.config);
    const headReader = githubRepoReader(octokit, repo, req.headSha);
    const bundled = deps.rules ?? loadRules();
    const custom = await loadCustomRules(headReader, bundled);
    notes.push(...custom.problems.map((p) => `Custom rule ${p}`));
    const rules = [...bundled, ...custom.rules];
    const analysis = await analyzeChange({ files: listing.files, contents, headReader, config: config.config, rules, analyzer: deps.analyzer ?? analyzeInPool });

    const state = await readReviewState(octokit, req);
    if (state && state.headSha !== req.headSha) {
      log.info({ newerHead: state.headSha }, "a newer head was pushed; this review is not published");
      await completeCheckRun(octokit, repo, checkRunId, {
        conclusion: "neutral",
        title: "Superseded by a newer push",
        summary: `The pull request's head moved to ${state.headSha.slice(0, 7)} while ${req.headSha.slice(0, 7)} was being reviewed; that newer commit gets its own review.`,
      });
      return { status: "superseded", checkRunId, newerHead: state.headSha };
    }

    const plan = planReview({
      headSha: req.headSha,
      files: listing.files,
      head: analysis.head,
      baseFingerprints: analysis.baseFingerprints,
      config: config.config,
      existing: state?.existing ?? [],
      notes,
      incomplete: listing.truncated,
      link: req.htmlUrl ? (path, line) => `${req.htmlUrl!.replace(/\/pull\/\d+$/, "")}/blob/${req.headSha}/${encodeURI(path)}#L${line}` : undefined,
    });
    const publish = await publishReview(octokit, { ...req, checkRunId }, plan, log);
    log.info(
      { newFindings: plan.newFindings.length, inline: publish.inlinePosted, fileLevel: publish.fileLevelPosted, resolved: publish.resolved, conclusion: plan.conclusion },
      "review published",
    );
    return { status: "published", checkRunId, plan, publish };
  } catch (error) {
    const message = (error as Error).message;
    log.error({ err: error }, "review failed");
    await completeCheckRun(octokit, repo, checkRunId, {
      conclusion: "failure",
      title: "taxon could not finish this review",
      summary: `The review stopped with an error and nothing was posted for ${req.headSha.slice(0, 7)}:\n\n\`\`\`\n${message.slice(0, 2000)}\n\`\`\`\n\nRe-run the check to try again.`,
    }).catch((e: unknown) => log.error({ err: e }, "could not complete the check run after a failure"));
    return { status: "failed", checkRunId, error: message };
  }
}

/** Reads every reviewable changed file at the head and its previous version at the base, in GraphQL batches. */
async function readChangeContents(
  octokit: GitHubClient,
  req: ReviewRequest,
  files: readonly ChangedFile[],
  config: TaxonConfig,
): Promise<ChangeContents> {
  const { read, contents } = filesToRead(files, config);
  const requests: BlobRequest[] = [];
  for (const f of read) {
    requests.push({ sha: req.headSha, path: f.path });
    if (f.status !== "added") requests.push({ sha: req.baseSha, path: f.previousPath ?? f.path });
  }
  // .gitattributes rides along in the same request: it says which files are generated.
  requests.push({ sha: req.headSha, path: ".gitattributes" });
  const blobs = await readBlobs(octokit, req, requests);
  const attributes = blobs.get(blobKey(req.headSha, ".gitattributes"));
  for (const f of read) {
    const head = blobs.get(blobKey(req.headSha, f.path));
    if (head && "text" in head) contents.head.set(f.path, head.text);
    else if (head) contents.unreadable.push({ path: f.path, reason: head.skipped });
    const basePath = f.previousPath ?? f.path;
    const base = blobs.get(blobKey(req.baseSha, basePath));
    if (base && "text" in base) contents.base.set(basePath, base.text);
  }
  dropGenerated(contents, attributes && "text" in attributes ? attributes.text : undefined);
  return contents;
}
