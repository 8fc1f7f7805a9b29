/**
 * The GitHub client taxon needs: the part of Octokit that Probot's
 * `context.octokit` (app mode) and `@octokit/rest` (CLI/Action mode) share,
 * so the publishing code is the same for both.
 */
import type { Octokit } from "@octokit/rest";

export type GitHubClient = Pick<Octokit, "rest" | "paginate" | "graphql" | "request">;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestRef extends RepoRef {
  pullNumber: number;
}
