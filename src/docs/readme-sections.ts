/**
 * The README sections generated from the code: the rule list (from the rule
 * files, like `taxon rules`) and the configuration reference (from the zod
 * schema's descriptions). `npm run docs` rewrites them; a test fails when
 * the README drifts.
 */
import { z } from "zod";
import { rulesTable } from "../cli/rules.js";
import { readGitChange } from "../cli/git-change.js";
import { DEFAULT_CONFIG, TaxonConfig } from "../config/schema.js";
import { gitRepoReader } from "../engine/context/repo-reader.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { analyzeChange } from "../review/analyze-change.js";
import { planReview } from "../review/plan.js";
import { createDemoRepo } from "./demo-change.js";

export function configReference(): string {
  const schema = z.toJSONSchema(TaxonConfig, { io: "input" }) as { properties: Record<string, { description?: string; default?: unknown }> };
  const rows = Object.entries(schema.properties).map(
    ([key, p]) => `| \`${key}\` | ${p.default === undefined ? "—" : `\`${JSON.stringify(p.default)}\``} | ${(p.description ?? "").replace(/\|/g, "\\|")} |`,
  );
  return ["| Key | Default | Meaning |", "|---|---|---|", ...rows].join("\n");
}

/** The demo's summary and its first inline comment with a suggested fix, demoted to sit inside the README. */
export async function demoSample(rules: readonly LoadedRule[]): Promise<string> {
  const repo = createDemoRepo(process.cwd());
  try {
    const change = readGitChange(repo.dir, repo.base, repo.head, DEFAULT_CONFIG);
    const analysis = await analyzeChange({ files: change.files, contents: change.contents, headReader: gitRepoReader(repo.dir, change.headSha), config: DEFAULT_CONFIG, rules });
    const plan = planReview({ headSha: change.headSha, files: change.files, head: analysis.head, baseFingerprints: analysis.baseFingerprints, config: DEFAULT_CONFIG });
    const quote = (md: string) => md.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n");
    const comment = plan.inline.find((c) => c.body.includes("```suggestion")) ?? plan.inline[0];
    const out = [`**Check run \`taxon\` — ${plan.conclusion}: ${plan.title}**`, "", quote(plan.summary)];
    if (comment) {
      out.push("", `**Inline comment on \`${comment.path}:${comment.line}\`** (\`${comment.finding.snippet.split("\n")[0]!.trim()}\`):`, "", quote(comment.body.replace(/\n<!-- taxon:fp=[0-9a-f]+ -->$/, "")));
    }
    return out.join("\n");
  } finally {
    repo.remove();
  }
}

export const SECTIONS = {
  rules: (rules: readonly LoadedRule[]) => rulesTable(rules),
  config: () => configReference(),
} as const;

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} … ${end} section`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}

export async function renderReadme(readme: string, rules: readonly LoadedRule[]): Promise<string> {
  let out = replaceSection(readme, "rules", SECTIONS.rules(rules));
  out = replaceSection(out, "config", SECTIONS.config());
  return replaceSection(out, "demo", await demoSample(rules));
}
