/**
 * Graceful shutdown: on SIGTERM/SIGINT stop taking deliveries, let running
 * reviews finish within a bound, then exit. A review cut off here leaves its
 * check run `in_progress`; the next delivery for that commit takes it over
 * (run-review.ts, STALE_IN_PROGRESS_MS).
 */
import type { Logger } from "pino";

/** How long running reviews get to finish after SIGTERM (orchestrators usually allow 30 s). */
export const SHUTDOWN_GRACE_MS = Number(process.env.TAXON_SHUTDOWN_GRACE_MS) || 25_000;

export function onShutdown(log: Logger, drain: (graceMs: number) => Promise<{ dropped: number; unfinished: number }>): void {
  let started = false;
  const stop = (signal: string) => {
    if (started) return;
    started = true;
    log.info({ signal }, "shutting down: no new reviews, finishing running ones");
    drain(SHUTDOWN_GRACE_MS).then(
      ({ dropped, unfinished }) => {
        log.info({ dropped, unfinished }, "review queue drained");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "error while draining the review queue");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}
