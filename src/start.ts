/**
 * Production entry point: refuses to start without its secrets (and says
 * which is missing), then runs the app with Probot's server. In development
 * `npm start` without APP_ID runs Probot's manifest flow instead.
 */
import { run } from "probot";
import { TaxonOctokit } from "./github/app-octokit.js";
import app from "./index.js";

/** What the app cannot run without in production, and where each comes from. */
export const REQUIRED_SETTINGS = {
  APP_ID: "the GitHub App's ID (app settings page)",
  PRIVATE_KEY: "the app's private key (PEM), or PRIVATE_KEY_PATH pointing at the .pem file",
  WEBHOOK_SECRET: "the webhook secret set in the app's settings",
} as const;

export function missingSettings(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(REQUIRED_SETTINGS)
    .filter(([name]) => !(env[name] || (name === "PRIVATE_KEY" && env.PRIVATE_KEY_PATH)))
    .map(([name, what]) => `${name}: ${what}`);
}

if (process.env.NODE_ENV === "production") {
  const missing = missingSettings(process.env);
  if (missing.length) {
    process.stderr.write(`taxon: cannot start in production without:\n${missing.map((m) => `  - ${m}`).join("\n")}\n`);
    process.exit(1);
  }
}

await run(app, { Octokit: TaxonOctokit });
