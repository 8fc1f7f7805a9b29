/** The files a pull request changes, paginated, up to GitHub's listing limit. */
import type { ChangedFile } from "../review/plan.js";
import type { GitHubClient, PullRequestRef } from "./client.js";
import { FILES_PER_PAGE, MAX_PULL_REQUEST_FILES } from "./limits.js";

export interface ChangedFiles {
  files: ChangedFile[];
  /** The pull request's own count, which can exceed what GitHub lists. */
  changedFilesCount?: number;
  /** True when GitHub stopped listing at MAX_PULL_REQUEST_FILES. */
  truncated: boolean;
}

export async function listChangedFiles(octokit: GitHubClient, pr: PullRequestRef, changedFilesCount?: number): Promise<ChangedFiles> {
  const files: ChangedFile[] = [];
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.pullNumber,
    per_page: FILES_PER_PAGE,
  })) {
    for (const f of data) {
      const file: ChangedFile = { path: f.filename, status: f.status };
      if (f.previous_filename) file.previousPath = f.previous_filename;
      if (f.patch !== undefined) file.patch = f.patch;
      files.push(file);
    }
    if (files.length >= MAX_PULL_REQUEST_FILES) break;
  }
  const truncated = files.length >= MAX_PULL_REQUEST_FILES || (changedFilesCount !== undefined && changedFilesCount > files.length);
  return { files: files.slice(0, MAX_PULL_REQUEST_FILES), changedFilesCount, truncated };
}
