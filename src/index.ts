/** taxon's Probot app: connects events to handlers and health endpoints to the queue, nothing else. */
import type { ApplicationFunction, Probot } from "probot";
import { handleCheckRerequested } from "./handlers/check-rerequested.js";
import { handleIssueComment } from "./handlers/issue-comment.js";
import { PULL_REQUEST_ACTIONS, handlePullRequest } from "./handlers/pull-request.js";
import { ReviewQueue } from "./queue/review-queue.js";
import { healthHandler } from "./server/health.js";
import { onShutdown } from "./server/shutdown.js";

export interface TaxonAppOptions {
  /** The review queue; tests pass their own to wait for it. */
  queue?: ReviewQueue;
}

export function createTaxonApp(options: TaxonAppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const queue = options.queue ?? new ReviewQueue({ log: app.log, concurrency: Number(process.env.TAXON_CONCURRENCY) || undefined });
    app.on(
      PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
      (context) => handlePullRequest(context, queue),
    );
    app.on(["check_run.rerequested", "check_suite.rerequested"], (context) => handleCheckRerequested(context, queue));
    // `/taxon audit` in a comment: a whole-repository audit, queued like a review.
    app.on("issue_comment.created", (context) => handleIssueComment(context, queue, { auditAsIssue: process.env.TAXON_AUDIT_OUTPUT === "issue" }));

    let shuttingDown = false;
    const health = healthHandler({
        queue,
        shuttingDown: () => shuttingDown,
        checkAuth: async () => {
          const octokit = await app.auth();
          await octokit.rest.apps.getAuthenticated();
        },
      });
    // Without a server (probot.receive in tests, serverless) there is nothing to add routes to.
    try {
      addHandler(health);
    } catch {
      app.log.debug("no HTTP server: health endpoints not mounted");
    }
    if (!options.queue) {
      onShutdown(app.log, async (graceMs) => {
        shuttingDown = true;
        return queue.close(graceMs);
      });
    }
  };
}

export default createTaxonApp();
