/**
 * `.github/taxon.yml`: the per-repository configuration. This zod schema is
 * the documentation; `npm run docs` writes schema/taxon-config.schema.json
 * from it for editors, and a test fails when the two drift apart.
 */
import { z } from "zod";
import { PathClass } from "../engine/rule-schema.js";
import { Severity } from "../taxonomy/index.js";

const RuleSetting = z
  .union([
    z.literal("off").describe("Turn the rule off."),
    z.literal("on").describe("Keep the rule on with its default severity."),
    Severity.describe("Keep the rule on with this severity."),
    z.strictObject({
      enabled: z.boolean().default(true).describe("false turns the rule off."),
      severity: Severity.optional().describe("Override the rule's default severity."),
    }),
  ])
  .describe("`off`, `on`, a severity, or { enabled, severity }.");

export const TaxonConfig = z
  .strictObject({
    fail_on: z
      .union([Severity, z.literal("never")])
      .default("high")
      .describe("The check run fails when a new finding is at or above this severity; `never` always passes."),
    comment_min_severity: Severity.default("low").describe(
      "Findings below this severity are listed in the summary but not commented inline.",
    ),
    max_inline_comments: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(30)
      .describe("At most this many inline comments per review; the rest go to the summary."),
    review_drafts: z.boolean().default(false).describe("Review draft pull requests too."),
    request_changes: z
      .boolean()
      .default(false)
      .describe("Post the review as REQUEST_CHANGES (instead of COMMENT) when the check run fails."),
    report_pre_existing: z
      .boolean()
      .default(true)
      .describe("Say in the summary how many findings were already present in the touched files."),
    ignore: z.array(z.string()).default([]).describe("Globs of paths taxon does not read (e.g. `legacy/**`)."),
    paths: z
      .partialRecord(PathClass, z.array(z.string()))
      .default({})
      .describe("Extra globs per path class, e.g. `test: ['qa/**']`, `frontend: ['site/**']`."),
    rules: z.record(z.string(), RuleSetting).default({}).describe("Per-rule settings by rule ID."),
  })
  .describe("taxon configuration (.github/taxon.yml)");

export type TaxonConfig = z.infer<typeof TaxonConfig>;

export const DEFAULT_CONFIG: TaxonConfig = TaxonConfig.parse({});

/** The effective severity of a rule, or undefined when the config turns it off. */
export function ruleSetting(
  config: TaxonConfig,
  ruleId: string,
  defaultSeverity: Severity,
): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === undefined || setting === "on") return defaultSeverity;
  if (setting === "off") return undefined;
  if (typeof setting === "string") return setting;
  if (!setting.enabled) return undefined;
  return setting.severity ?? defaultSeverity;
}
