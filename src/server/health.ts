/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the
 * app can authenticate with GitHub and the review queue is not saturated),
 * for load balancers and orchestrators.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReviewQueue } from "../queue/review-queue.js";

/** How long a successful GitHub authentication counts for readiness. */
export const AUTH_CHECK_TTL_MS = 60_000;

export interface HealthDeps {
  queue: ReviewQueue;
  /** Authenticates as the app (e.g. GET /app); throws when it cannot. */
  checkAuth: () => Promise<void>;
  shuttingDown: () => boolean;
}

export function healthHandler(deps: HealthDeps) {
  let lastAuthOk = 0;
  let lastAuthError: string | undefined;
  const send = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/healthz" && path !== "/readyz")) return false;
    if (path === "/healthz") {
      send(res, 200, { status: "ok" });
      return true;
    }
    if (Date.now() - lastAuthOk > AUTH_CHECK_TTL_MS) {
      try {
        await deps.checkAuth();
        lastAuthOk = Date.now();
        lastAuthError = undefined;
      } catch (error) {
        lastAuthError = (error as Error).message;
      }
    }
    const checks = {
      auth: lastAuthError === undefined ? "ok" : `cannot authenticate with GitHub: ${lastAuthError}`,
      queue: deps.queue.saturated() ? `saturated (${deps.queue.size.waiting} waiting)` : "ok",
      shutdown: deps.shuttingDown() ? "shutting down" : "ok",
    };
    const ready = Object.values(checks).every((v) => v === "ok");
    send(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks, queue: deps.queue.size });
    return true;
  };
}
