/**
 * GitHub's limits, each named once, with where it is documented and what
 * GitHub answers when it is exceeded.
 */

/**
 * Check-run annotations per create/update request.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run — "The Checks API limits the
 * number of annotations to a maximum of 50 per API request."
 */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/**
 * Check-run `output.summary` and `output.text`: "Maximum length: 65535 characters."
 * (https://docs.github.com/en/rest/checks/runs#create-a-check-run). Longer ones fail with
 * 422 "Invalid request. Only 65535 characters are allowed".
 */
export const MAX_CHECK_RUN_TEXT = 65_535;

/**
 * Review and review-comment bodies: GitHub rejects bodies of 65,536 characters or more
 * with 422 "body is too long (maximum is 65536 characters)".
 */
export const MAX_COMMENT_BODY = 65_535;

/**
 * Pull request files: "Responses include a maximum of 3000 files."
 * https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
export const MAX_PULL_REQUEST_FILES = 3_000;

/** Files per page when listing pull request files (the documented maximum `per_page`). */
export const FILES_PER_PAGE = 100;

/** The check run's name, also how taxon finds its own runs again. */
export const CHECK_RUN_NAME = "taxon";

/** Hidden marker that identifies taxon's own review comments and the finding each carries. */
export const COMMENT_MARKER_PREFIX = "<!-- taxon:fp=";

/** Blobs fetched per GraphQL request when reading many files at once. */
export const BLOBS_PER_GRAPHQL_QUERY = 100;

/** Largest file taxon reads through the API (GraphQL Blob.text is null above ~1 MB anyway). */
export const MAX_BLOB_BYTES = 1_000_000;

/** Cut `text` to `limit` characters, saying that it was cut. */
export function truncate(text: string, limit: number, note = "\n\n…(truncated: GitHub's size limit)"): string {
  if (text.length <= limit) return text;
  return text.slice(0, limit - note.length) + note;
}
