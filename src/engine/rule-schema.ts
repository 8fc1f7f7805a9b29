/**
 * The rule file format. A rule file is data: taxonomy metadata for one rule
 * family plus one matcher per language. This zod schema is the documentation;
 * `npm run docs` writes schema/rule.schema.json from it for editors, and a
 * test fails when the two drift apart.
 */
import { z } from "zod";
import { Category, Confidence, Severity } from "../taxonomy/index.js";

/** Languages a matcher can target. `javascript` covers .js/.jsx/.mjs/.cjs/.ts/.tsx. */
export const MatcherLanguage = z.enum([
  "python",
  "javascript",
  "typescript",
  "tsx",
  "html",
  "yaml",
  "dockerfile",
  "text",
]);
export type MatcherLanguage = z.infer<typeof MatcherLanguage>;

/** Classes of files that a rule can leave out or be limited to (engine/paths.ts). */
export const PathClass = z.enum(["test", "script", "example", "migration", "frontend", "backend", "config", "docs"]);
export type PathClass = z.infer<typeof PathClass>;

const PathFilter = z
  .strictObject({
    exclude: z.array(PathClass).optional().describe("Skip files of these classes (e.g. `test`, `script`)."),
    only: z.array(PathClass).optional().describe("Only files of these classes (e.g. `frontend`)."),
    include_globs: z.array(z.string()).optional().describe("Only files whose path matches one of these globs."),
    exclude_globs: z.array(z.string()).optional().describe("Skip files whose path matches one of these globs."),
  })
  .describe("Which files the matcher applies to.");

const Facts = z
  .record(z.string(), z.boolean())
  .describe(
    "Repository facts that must hold for a hit to be reported, e.g. `{ has-csrf-protection: false }`. Facts are computed once per review from the repository at the head SHA (engine/context).",
  );

const MatcherBase = {
  language: MatcherLanguage.describe("The language this matcher reads."),
  paths: PathFilter.optional(),
  when: Facts.optional(),
  title: z.string().optional().describe("Overrides the family title for hits of this matcher."),
  message: z.string().optional().describe("Overrides the family message for hits of this matcher."),
  prefilter: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "Literal strings of which at least one must occur in the file for the matcher to run at all. A cheap text test that keeps whole-repository scans fast.",
    ),
};

/** ast-grep's rule object: pattern/kind/regex/inside/has/not/all/any/matches … (validated by ast-grep itself). */
const AstGrepRule = z.record(z.string(), z.unknown()).describe("An ast-grep rule object: https://ast-grep.github.io/reference/rule.html");

export const AstGrepMatcher = z.strictObject({
  ...MatcherBase,
  rule: AstGrepRule,
  constraints: z.record(z.string(), AstGrepRule).optional().describe("ast-grep constraints on meta-variables."),
  utils: z.record(z.string(), AstGrepRule).optional().describe("ast-grep utility rules, referenced with `matches`."),
  fix: z
    .string()
    .optional()
    .describe("Replacement for the matched node, with $METAVARS. Only for safe, complete fixes: it becomes a ```suggestion."),
  report_on: z
    .string()
    .optional()
    .describe("Meta-variable whose node is reported instead of the whole match (e.g. `$ARG`)."),
});

export const LineMatcher = z.strictObject({
  ...MatcherBase,
  line_regex: z
    .string()
    .describe("A JavaScript regular expression tested on each line. Bundled rules only; write it without nested quantifiers."),
  instruction: z
    .string()
    .optional()
    .describe("For Dockerfiles: the instruction (FROM, ENV, ARG, USER, RUN …) the line must start with."),
  not_line_regex: z.string().optional().describe("Lines that also match this are not reported."),
});

export const CheckMatcher = z.strictObject({
  ...MatcherBase,
  check: z.string().describe("The name of a built-in check (src/engine/checks) for logic a pattern cannot express."),
  options: z.record(z.string(), z.unknown()).optional().describe("Options passed to the check."),
});

export const Matcher = z.union([AstGrepMatcher, LineMatcher, CheckMatcher]);
export type Matcher = z.infer<typeof Matcher>;
export type AstGrepMatcher = z.infer<typeof AstGrepMatcher>;
export type LineMatcher = z.infer<typeof LineMatcher>;
export type CheckMatcher = z.infer<typeof CheckMatcher>;

export const RuleFile = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "rule ids are kebab-case")
    .describe("The catalog ID, kept in every output (SARIF ruleId, comment footer, config keys)."),
  title: z.string().min(1).max(120).describe("One line: what is wrong, as a reviewer would title it."),
  message: z.string().min(1).describe("Why it matters: the impact, in the seeds' voice (Markdown)."),
  remediation: z.string().min(1).describe("How to fix it, with the fix as a short code block (Markdown)."),
  severity: Severity.describe("Default severity; repositories can override it."),
  category: Category,
  subcategory: z.string().min(1).describe("e.g. `secrets` for Security › Secrets."),
  cwe: z.array(z.string().regex(/^CWE-\d+$/)).default([]).describe("CWE ids, e.g. CWE-798."),
  owasp: z
    .array(z.string().regex(/^A(0[1-9]|10)$/))
    .default([])
    .describe("OWASP Top 10 2021 ids, e.g. A07."),
  confidence: Confidence.describe("How often a hit is a real problem."),
  scope: z.enum(["line", "cross-file", "pr", "repo"]).default("line").describe("What the rule needs to decide."),
  effort: z.enum(["small", "medium", "large"]).default("small").describe("Effort hint for remediation plans."),
  references: z.array(z.string()).default([]).describe("Links for the reader."),
  seeds: z.array(z.string()).default([]).describe("Which seed reviews reported this family."),
  good_practice: z
    .string()
    .optional()
    .describe("What an audit says is done well when the family has no finding and the practice is detected."),
  matchers: z.array(Matcher).min(1).describe("One matcher per language (or more)."),
});
export type RuleFile = z.infer<typeof RuleFile>;
