/**
 * Reads rule files, validates them with zod and ast-grep, and reports a bad
 * rule file with its path and the key that is wrong.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseAst } from "@ast-grep/napi";
import { parse as parseYaml } from "yaml";
import { type z } from "zod";
import { astGrepLang, registerLanguages, type FileLanguage } from "./languages.js";
import { RuleFile, type Matcher } from "./rule-schema.js";
import { CHECKS } from "./checks/index.js";

export interface LoadedRule extends RuleFile {
  /** Where the rule came from, for messages. */
  source: string;
}

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid rule file ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RuleFileError";
  }
}

/** The folder of rules that ships with taxon. */
export const BUNDLED_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../rules");

/** YAML with aliases capped, so a "billion laughs" file cannot blow up memory. */
export function parseYamlSafely(text: string): unknown {
  return parseYaml(text, { maxAliasCount: 50, prettyErrors: true, uniqueKeys: true, logLevel: "error" });
}

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.length ? issue.path.join(".") : "(top level)";
    return `${key}: ${issue.message}`;
  });
}

const ASTGREP_LANGS: Record<string, FileLanguage[]> = {
  python: ["python"],
  javascript: ["typescript", "tsx", "javascript"],
  typescript: ["typescript"],
  tsx: ["tsx"],
  html: ["html"],
  yaml: ["yaml"],
};

function validateMatcher(matcher: Matcher, index: number, allowChecks: boolean): string[] {
  const problems: string[] = [];
  const where = `matchers.${index}`;
  if ("rule" in matcher) {
    const langs = ASTGREP_LANGS[matcher.language];
    if (!langs) return [`${where}.language: ast-grep rules need python, javascript, typescript, tsx, html or yaml`];
    for (const lang of langs) {
      try {
        const grammar = astGrepLang(lang)!;
        parseAst(grammar, "").root().findAll({ rule: matcher.rule, constraints: matcher.constraints, utils: matcher.utils } as never);
      } catch (error) {
        problems.push(`${where}.rule: ast-grep rejects it for ${lang}: ${(error as Error).message}`);
        break;
      }
    }
  } else if ("line_regex" in matcher) {
    if (!allowChecks) problems.push(`${where}.line_regex: only bundled rules may use line_regex; write an ast-grep rule (its regex is linear-time)`);
    try {
      new RegExp(matcher.line_regex);
      if (matcher.not_line_regex) new RegExp(matcher.not_line_regex);
    } catch (error) {
      problems.push(`${where}.line_regex: ${(error as Error).message}`);
    }
  } else if (!allowChecks) {
    // Built-in checks take options (some of them JavaScript regexes): bundled rules only.
    problems.push(`${where}.check: only bundled rules may use built-in checks; write an ast-grep rule`);
  } else if (!CHECKS[matcher.check]) {
    problems.push(`${where}.check: unknown check "${matcher.check}"; known: ${Object.keys(CHECKS).sort().join(", ")}`);
  }
  return problems;
}

/** Validates one rule file's text. `allowChecks` is false for rules from repositories. */
export function parseRuleFile(text: string, source: string, allowChecks = true): LoadedRule {
  registerLanguages();
  let data: unknown;
  try {
    data = parseYamlSafely(text);
  } catch (error) {
    throw new RuleFileError(source, [`not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const parsed = RuleFile.safeParse(data);
  if (!parsed.success) throw new RuleFileError(source, formatZodIssues(parsed.error));
  const problems = parsed.data.matchers.flatMap((m, i) => validateMatcher(m, i, allowChecks));
  if (problems.length) throw new RuleFileError(source, problems);
  return { ...parsed.data, source };
}

function findRuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "fixtures") out.push(...findRuleFiles(full));
    } else if (entry === "rule.yml") {
      out.push(full);
    }
  }
  return out;
}

const cache = new Map<string, LoadedRule[]>();

/** Loads every `rule.yml` under `dir` (the bundled rules by default), once per process. */
export function loadRules(dir = BUNDLED_RULES_DIR): LoadedRule[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const rules = findRuleFiles(dir).map((file) => parseRuleFile(readFileSync(file, "utf8"), relative(process.cwd(), file) || file));
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const other = seen.get(rule.id);
    if (other) throw new RuleFileError(rule.source, [`id: "${rule.id}" is already defined in ${other}`]);
    seen.set(rule.id, rule.source);
  }
  cache.set(dir, rules);
  return rules;
}

/** The folder that holds a rule file, where its fixtures live. */
export function ruleDir(rule: LoadedRule): string {
  return dirname(resolve(rule.source));
}
