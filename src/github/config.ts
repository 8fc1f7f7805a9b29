/**
 * Loads `.github/taxon.yml` with Probot's config plugin, so `_extends` and
 * the organization's `.github` repository work. Read from the pull
 * request's base branch: a pull request cannot relax its own review.
 */
import { validateConfig, type ConfigResult } from "../config/load.js";
import type { RepoRef } from "./client.js";

export const CONFIG_PATH = ".github/taxon.yml";

export interface ConfigCapableOctokit {
  config: {
    get(options: { owner: string; repo: string; path: string; branch?: string }): Promise<{ config: unknown; files: Array<{ config: unknown }> }>;
  };
}

export async function loadRepoConfig(octokit: ConfigCapableOctokit, repo: RepoRef, branch?: string): Promise<ConfigResult> {
  try {
    const { config, files } = await octokit.config.get({ ...repo, path: CONFIG_PATH, ...(branch ? { branch } : {}) });
    const found = files.some((f) => f.config !== null);
    return validateConfig(found ? config : {}, found ? CONFIG_PATH : "defaults (no .github/taxon.yml)");
  } catch (error) {
    const message = (error as Error).message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, "");
    const cause = (error as { cause?: Error }).cause?.message?.split("\n")[0];
    if ((error as { status?: number }).status && (error as { status: number }).status >= 500) throw error;
    return { ok: false, source: CONFIG_PATH, problems: [{ key: "(file)", problem: cause ? `${message}: ${cause}` : message }] };
  }
}
