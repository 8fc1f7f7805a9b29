/**
 * A repository's own rules: `.github/taxon/rules/*.yml` (or `.yaml`), in the
 * same format as the bundled ones. They are data, never code: ast-grep
 * matchers only (no built-in checks, no JavaScript regexes: ast-grep's match
 * in linear time), and a bad one is reported with its path and key instead
 * of stopping the review.
 */
import { RuleFileError, parseRuleFile, type LoadedRule } from "./load-rules.js";
import type { RepoReader } from "./context/repo-reader.js";

export const CUSTOM_RULES_DIR = ".github/taxon/rules/";
/** At most this many custom rule files are read. */
export const MAX_CUSTOM_RULE_FILES = 50;
/** A custom rule file larger than this is refused. */
export const MAX_CUSTOM_RULE_BYTES = 64 * 1024;

export interface CustomRules {
  rules: LoadedRule[];
  /** One line per rule file that was refused, for the summary. */
  problems: string[];
}

export async function loadCustomRules(reader: RepoReader, bundled: readonly LoadedRule[]): Promise<CustomRules> {
  const paths = (await reader.listPaths()).filter((p) => p.startsWith(CUSTOM_RULES_DIR) && /\.ya?ml$/.test(p)).sort();
  const out: CustomRules = { rules: [], problems: [] };
  if (paths.length > MAX_CUSTOM_RULE_FILES) out.problems.push(`${paths.length} custom rule files; only the first ${MAX_CUSTOM_RULE_FILES} are read`);
  const selected = paths.slice(0, MAX_CUSTOM_RULE_FILES);
  await reader.prefetch?.(selected);
  const ids = new Set(bundled.map((r) => r.id));
  for (const path of selected) {
    const text = await reader.readFile(path);
    if (text === undefined) {
      out.problems.push(`\`${path}\`: could not be read`);
      continue;
    }
    if (text.length > MAX_CUSTOM_RULE_BYTES) {
      out.problems.push(`\`${path}\`: larger than ${MAX_CUSTOM_RULE_BYTES} bytes`);
      continue;
    }
    try {
      const rule = parseRuleFile(text, path, false);
      if (ids.has(rule.id)) throw new RuleFileError(path, [`id: "${rule.id}" is already a rule; pick another id`]);
      ids.add(rule.id);
      out.rules.push(rule);
    } catch (error) {
      const problems = error instanceof RuleFileError ? error.problems : [(error as Error).message];
      out.problems.push(`\`${path}\` ignored: ${problems.join("; ")}`);
    }
  }
  return out;
}
