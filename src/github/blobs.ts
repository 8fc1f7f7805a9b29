/**
 * Reads many files' contents at given commits with one GraphQL request per
 * BLOBS_PER_GRAPHQL_QUERY files, instead of one REST request per file.
 * https://docs.github.com/en/graphql/reference/objects#blob
 */
import { BLOBS_PER_GRAPHQL_QUERY, MAX_BLOB_BYTES } from "./limits.js";
import type { GitHubClient, RepoRef } from "./client.js";

export interface BlobRequest {
  sha: string;
  path: string;
}

export type BlobResult = { text: string } | { skipped: string };

interface BlobNode {
  text: string | null;
  isBinary: boolean | null;
  byteSize: number;
  isTruncated: boolean;
}

export const blobKey = (sha: string, path: string) => `${sha}:${path}`;

export async function readBlobs(octokit: GitHubClient, repo: RepoRef, requests: readonly BlobRequest[]): Promise<Map<string, BlobResult>> {
  const out = new Map<string, BlobResult>();
  const unique = [...new Map(requests.map((r) => [blobKey(r.sha, r.path), r])).values()];
  for (let i = 0; i < unique.length; i += BLOBS_PER_GRAPHQL_QUERY) {
    const batch = unique.slice(i, i + BLOBS_PER_GRAPHQL_QUERY);
    const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
    const fields = batch.map((r, j) => {
      variables[`e${j}`] = `${r.sha}:${r.path}`;
      return `b${j}: object(expression: $e${j}) { ... on Blob { text isBinary byteSize isTruncated } }`;
    });
    const query = `query(${["$owner: String!", "$name: String!", ...batch.map((_r, j) => `$e${j}: String!`)].join(", ")}) {
  repository(owner: $owner, name: $name) {
    ${fields.join("\n    ")}
  }
}`;
    const data = await octokit.graphql<{ repository: Record<string, BlobNode | null> | null }>(query, variables);
    batch.forEach((r, j) => {
      const node = data.repository?.[`b${j}`];
      out.set(blobKey(r.sha, r.path), toResult(node));
    });
  }
  return out;
}

function toResult(node: BlobNode | null | undefined): BlobResult {
  if (!node) return { skipped: "could not be read at this commit" };
  if (node.isBinary) return { skipped: "binary" };
  if (node.byteSize > MAX_BLOB_BYTES || node.isTruncated || node.text === null) return { skipped: `larger than ${MAX_BLOB_BYTES} bytes` };
  return { text: node.text };
}
