/**
 * An Octokit for CLI/Action mode (a token instead of an app installation),
 * with the same retry and rate-limit handling Probot gives the app.
 */
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { Logger } from "pino";
import type { GitHubClient } from "./client.js";

/** How many times a rate-limited request is retried before the review gives up. */
export const RATE_LIMIT_RETRIES = 3;

export function restClient(token: string, log: Logger, baseUrl?: string): GitHubClient {
  const ThrottledOctokit = Octokit.plugin(retry, throttling);
  return new ThrottledOctokit({
    auth: token,
    ...(baseUrl ? { baseUrl } : {}),
    userAgent: "taxon",
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log.warn({ retryAfter, url: (options as { url?: string }).url }, "rate limit hit");
        return retryCount < RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log.warn({ retryAfter, url: (options as { url?: string }).url }, "secondary rate limit hit");
        return retryCount < RATE_LIMIT_RETRIES;
      },
    },
  });
}
