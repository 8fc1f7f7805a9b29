/** Talking to taxon's real HTTP server as GitHub does: a free port, signed deliveries. */
import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { WEBHOOK_SECRET } from "./probot.js";

/** Probot treats port 0 as "use 3000"; this finds a free one instead. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * POSTs a pull_request delivery with node:http, which (unlike fetch) still
 * reads an answer sent before the body was fully written.
 */
export function postDelivery(url: string, body: string, signature: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": id, "x-hub-signature-256": signature },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.end(body);
  });
}
