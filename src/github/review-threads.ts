/**
 * What taxon already said on a pull request, read back from GitHub (never
 * from process memory, so any number of app instances can share the work):
 * its review threads, each with the fingerprint in its first comment, and
 * the pull request's current head.
 * https://docs.github.com/en/graphql/reference/objects#pullrequestreviewthread
 */
import { readMarker } from "../report/comment.js";
import type { ExistingComment } from "../review/plan.js";
import type { GitHubClient, PullRequestRef } from "./client.js";

interface ThreadsPage {
  repository: {
    pullRequest: {
      headRefOid: string;
      state: string;
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          isResolved: boolean;
          path: string;
          comments: { totalCount: number; nodes: Array<{ databaseId: number; body: string }> };
        }>;
      };
    } | null;
  } | null;
}

const QUERY = `query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      headRefOid
      state
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          path
          comments(first: 1) { totalCount nodes { databaseId body } }
        }
      }
    }
  }
}`;

export interface ReviewState {
  headSha: string;
  state: string;
  existing: ExistingComment[];
}

export async function readReviewState(octokit: GitHubClient, pr: PullRequestRef): Promise<ReviewState | undefined> {
  const existing: ExistingComment[] = [];
  let cursor: string | null = null;
  let headSha = "";
  let state = "";
  for (;;) {
    const data: ThreadsPage = await octokit.graphql<ThreadsPage>(QUERY, { owner: pr.owner, name: pr.repo, number: pr.pullNumber, cursor });
    const pull = data.repository?.pullRequest;
    if (!pull) return undefined;
    headSha = pull.headRefOid;
    state = pull.state;
    for (const thread of pull.reviewThreads.nodes) {
      const first = thread.comments.nodes[0];
      const fingerprint = first ? readMarker(first.body) : undefined;
      if (!first || !fingerprint) continue;
      existing.push({
        commentId: first.databaseId,
        threadId: thread.id,
        fingerprint,
        path: thread.path,
        resolved: thread.isResolved,
        hasReplies: thread.comments.totalCount > 1,
      });
    }
    if (!pull.reviewThreads.pageInfo.hasNextPage) break;
    cursor = pull.reviewThreads.pageInfo.endCursor;
  }
  return { headSha, state, existing };
}

const RESOLVE = `mutation($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`;

export async function resolveThread(octokit: GitHubClient, threadId: string): Promise<void> {
  await octokit.graphql(RESOLVE, { threadId });
}
