/**
 * `taxon review`: analyzes a git change exactly as the app would and prints
 * the review it would post (dry run); with --post, publishes that review and
 * check run to a pull request with a token.
 */
import type { Logger } from "pino";
import type { TaxonConfig } from "../config/schema.js";
import { gitRepoReader } from "../engine/context/repo-reader.js";
import { loadCustomRules } from "../engine/custom-rules.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { startCheckRun } from "../github/check-runs.js";
import { publishReview } from "../github/publish.js";
import { restClient } from "../github/rest-client.js";
import { readReviewState } from "../github/review-threads.js";
import { renderReviewPreview } from "../report/review-preview.js";
import { toSarif } from "../report/sarif.js";
import { toText } from "../report/text.js";
import { analyzeChange } from "../review/analyze-change.js";
import { planReview, type ExistingComment } from "../review/plan.js";
import { readGitChange } from "./git-change.js";
import { UsageError, type Format } from "./usage.js";

export interface ReviewArgs {
  repo: string;
  base: string;
  head: string;
  format: Format;
  config: TaxonConfig;
  rules: readonly LoadedRule[];
  post?: { pr: number; githubRepo: string; token: string; apiUrl?: string };
  log: Logger;
}

export async function reviewCommand(args: ReviewArgs): Promise<{ output: string; exitCode: number }> {
  let change;
  try {
    change = readGitChange(args.repo, args.base, args.head, args.config);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.toString().trim() || (error as Error).message;
    throw new UsageError(`cannot read the change ${args.base}...${args.head} in ${args.repo}: ${detail.split("\n")[0]}`);
  }
  const headReader = gitRepoReader(args.repo, change.headSha);
  const custom = await loadCustomRules(headReader, args.rules);
  for (const problem of custom.problems) process.stderr.write(`taxon: custom rule ${problem}\n`);
  const rules = [...args.rules, ...custom.rules];
  const analysis = await analyzeChange({ files: change.files, contents: change.contents, headReader, config: args.config, rules });

  let existing: ExistingComment[] = [];
  let octokit;
  let target;
  if (args.post) {
    const [owner, name] = args.post.githubRepo.split("/");
    if (!owner || !name) throw new UsageError(`--github-repo must be OWNER/NAME (got "${args.post.githubRepo}")`);
    octokit = restClient(args.post.token, args.log, args.post.apiUrl);
    target = { owner, repo: name, pullNumber: args.post.pr };
    const state = await readReviewState(octokit, target);
    if (!state) throw new UsageError(`pull request #${args.post.pr} not found in ${args.post.githubRepo}`);
    if (state.headSha !== change.headSha)
      throw new UsageError(`pull request #${args.post.pr} is at ${state.headSha.slice(0, 7)}, not ${change.headSha.slice(0, 7)}: review the commit GitHub has`);
    existing = state.existing;
  }

  const plan = planReview({
    headSha: change.headSha,
    files: change.files,
    head: analysis.head,
    baseFingerprints: analysis.baseFingerprints,
    config: args.config,
    existing,
  });

  if (octokit && target) {
    const checkRunId = await startCheckRun(octokit, { owner: target.owner, repo: target.repo }, change.headSha);
    await publishReview(octokit, { ...target, headSha: change.headSha, checkRunId }, plan, args.log);
  }

  let output: string;
  switch (args.format) {
    case "json":
      output = JSON.stringify(
        {
          headSha: plan.headSha,
          conclusion: plan.conclusion,
          title: plan.title,
          event: plan.event,
          newFindings: plan.newFindings,
          inline: plan.inline.map(({ finding: _f, ...c }) => c),
          fileLevel: plan.fileLevel.map(({ finding: _f, ...c }) => c),
          summaryOnly: plan.summaryOnly.map((s) => ({ ruleId: s.finding.ruleId, path: s.finding.path, line: s.finding.startLine, reason: s.reason })),
          preExisting: plan.preExisting.length,
          suppressed: analysis.head.suppressed.length,
          summary: plan.summary,
        },
        null,
        2,
      );
      break;
    case "sarif":
      output = JSON.stringify(toSarif(plan.newFindings, rules), null, 2);
      break;
    case "markdown":
      output = renderReviewPreview(plan);
      break;
    default:
      output = `${plan.title} (${plan.conclusion})\n\n${toText(plan.newFindings)}`;
  }
  return { output, exitCode: plan.conclusion === "failure" ? 1 : 0 };
}
