/**
 * Probot's Octokit with retry and rate-limit handling configured, not
 * disabled: 5xx answers are retried with backoff, primary and secondary
 * rate limits wait for GitHub's Retry-After, and both give up after a bound
 * so a review ends with a completed check run instead of waiting forever.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
import { ProbotOctokit } from "probot";

/** Retries of one request after a rate limit before the review gives up. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** A wait longer than this (seconds) is not worth holding a review for. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/** Retries of a request that failed with a 5xx or a dropped connection. */
export const MAX_SERVER_ERROR_RETRIES = 3;

interface LimitOptions {
  /** Milliseconds per second of Retry-After and per backoff step; tests make it small. */
  retryAfterBaseValue?: number;
  /** Extra plugin-throttling options (e.g. Bottleneck groups without the 1 s spacing of writes, for tests). */
  throttle?: Record<string, unknown>;
}

export function taxonOctokit(options: LimitOptions = {}): typeof ProbotOctokit {
  const decide = (kind: string) => (retryAfter: number, request: { method?: string; url?: string }, octokit: { log: { warn: (msg: string) => void } }, retryCount: number) => {
    const retry = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    octokit.log.warn(`${kind} on ${request.method} ${request.url}: ${retry ? `retrying in ${retryAfter}s` : "giving up"}`);
    return retry;
  };
  // A function, not an object: Probot passes its own throttle options (which never retry a
  // secondary rate limit) when it builds the installation client; ours must win over them.
  return ProbotOctokit.defaults((instanceOptions: Record<string, any>) => ({
    ...instanceOptions,
    throttle: {
      ...instanceOptions.throttle,
      enabled: true,
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
      onRateLimit: decide("rate limit"),
      onSecondaryRateLimit: decide("secondary rate limit"),
      ...options.throttle,
    },
    retry: {
      ...instanceOptions.retry,
      enabled: true,
      retries: MAX_SERVER_ERROR_RETRIES,
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
    },
  })) as typeof ProbotOctokit;
}

export const TaxonOctokit = taxonOctokit();
