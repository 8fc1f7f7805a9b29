/**
 * The repository at one commit, read from GitHub by path: one request for
 * the tree, then file contents in GraphQL batches, each file at most once.
 * Nothing is cloned; only what the repository-context facts ask for is read.
 */
import type { RepoReader } from "../engine/context/repo-reader.js";
import { blobKey, readBlobs } from "./blobs.js";
import type { GitHubClient, RepoRef } from "./client.js";

export interface GitHubRepoReader extends RepoReader {
  /** Whether GitHub truncated the tree listing (very large repositories). */
  truncated(): boolean;
}

export function githubRepoReader(octokit: GitHubClient, repo: RepoRef, sha: string): GitHubRepoReader {
  let paths: Promise<string[]> | undefined;
  let wasTruncated = false;
  const cache = new Map<string, Promise<string | undefined>>();

  const fetchMany = (wanted: readonly string[]) => {
    const missing = wanted.filter((p) => !cache.has(p));
    if (!missing.length) return;
    const batch = readBlobs(octokit, repo, missing.map((path) => ({ sha, path })));
    for (const path of missing) {
      cache.set(
        path,
        batch.then((results) => {
          const r = results.get(blobKey(sha, path));
          return r && "text" in r ? r.text : undefined;
        }),
      );
    }
  };

  return {
    listPaths() {
      paths ??= octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: "true" }).then(({ data }) => {
        wasTruncated = data.truncated;
        return data.tree.filter((e) => e.type === "blob" && e.path).map((e) => e.path!);
      });
      return paths;
    },
    async readFile(path) {
      fetchMany([path]);
      return cache.get(path)!;
    },
    async prefetch(wanted) {
      fetchMany(wanted);
      await Promise.all(wanted.map((p) => cache.get(p)));
    },
    truncated: () => wasTruncated,
  };
}
