/** The app refuses to start in production without its secrets, and says which are missing. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET"].includes(k)));
  return spawnSync(process.execPath, ["--import", TSX, join(process.cwd(), "src/start.ts")], { encoding: "utf8", env: { ...clean, ...env }, timeout: 20_000 });
}

describe("starting in production", () => {
  it("names every missing secret and exits 1", () => {
    const r = start({ NODE_ENV: "production" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("APP_ID");
    expect(r.stderr).toContain("PRIVATE_KEY");
    expect(r.stderr).toContain("WEBHOOK_SECRET");
  });

  it("names only what is missing", () => {
    const r = start({ NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent.pem" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("WEBHOOK_SECRET");
    expect(r.stderr).not.toMatch(/- APP_ID/);
  });
});
