/**
 * Validates configuration from any source (a file on disk for the CLI, the
 * repository's `.github/taxon.yml` for the app). An invalid configuration is
 * never guessed at: the caller gets a table of key | problem to show.
 */
import { parseYamlSafely } from "../engine/load-rules.js";
import { TaxonConfig } from "./schema.js";

export interface ConfigProblem {
  key: string;
  problem: string;
}

export type ConfigResult =
  | { ok: true; config: TaxonConfig; source: string }
  | { ok: false; problems: ConfigProblem[]; source: string };

/** Config files larger than this are refused rather than parsed. */
export const MAX_CONFIG_BYTES = 64 * 1024;

export function validateConfig(raw: unknown, source: string): ConfigResult {
  const data = raw ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, source, problems: [{ key: "(top level)", problem: "must be a mapping of keys to values" }] };
  }
  // `_extends` is handled by the loader (Probot's config plugin) before validation.
  const { _extends: _ignored, ...rest } = data as Record<string, unknown>;
  const parsed = TaxonConfig.safeParse(rest);
  if (parsed.success) return { ok: true, config: parsed.data, source };
  return {
    ok: false,
    source,
    problems: parsed.error.issues.map((issue) => ({
      key: issue.path.length ? issue.path.join(".") : "(top level)",
      problem: issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}` : issue.message,
    })),
  };
}

export function parseConfigText(text: string, source: string): ConfigResult {
  if (text.length > MAX_CONFIG_BYTES) {
    return { ok: false, source, problems: [{ key: "(file)", problem: `larger than ${MAX_CONFIG_BYTES} bytes` }] };
  }
  let raw: unknown;
  try {
    raw = parseYamlSafely(text);
  } catch (error) {
    return { ok: false, source, problems: [{ key: "(file)", problem: `not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  return validateConfig(raw, source);
}

/** The problems as a Markdown table, as the check run shows them. */
export function problemsTable(problems: readonly ConfigProblem[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return ["| Key | Problem |", "|---|---|", ...problems.map((p) => `| \`${esc(p.key)}\` | ${esc(p.problem)} |`)].join("\n");
}
