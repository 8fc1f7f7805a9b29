/** `taxon scan`: analyze files and print the findings. */
import type { TaxonConfig } from "../config/schema.js";
import { localRepoReader } from "../engine/context/repo-reader.js";
import { loadCustomRules } from "../engine/custom-rules.js";
import type { LoadedRule } from "../engine/load-rules.js";
import { scanTree } from "../engine/scan.js";
import { renderComment } from "../report/comment.js";
import { toSarif } from "../report/sarif.js";
import { countsTitle, severityTable, sortForReport } from "../report/summary.js";
import { toText } from "../report/text.js";
import { isAtLeast } from "../taxonomy/index.js";
import { collectPaths } from "./collect-files.js";
import type { Format } from "./usage.js";

export async function scanCommand(args: { paths: string[]; format: Format; config: TaxonConfig; rules: readonly LoadedRule[] }): Promise<{ output: string; exitCode: number }> {
  const { root, paths } = collectPaths(args.paths);
  const custom = await loadCustomRules(localRepoReader(root), args.rules);
  for (const problem of custom.problems) process.stderr.write(`taxon: custom rule ${problem}\n`);
  const rules = [...args.rules, ...custom.rules];
  const result = await scanTree({ root, paths, config: args.config, rules });
  const findings = result.findings;
  let output: string;
  switch (args.format) {
    case "json":
      output = JSON.stringify({ findings, suppressed: result.suppressed, skipped: result.skipped, errors: result.errors, filesAnalyzed: result.filesAnalyzed, linesAnalyzed: result.linesAnalyzed }, null, 2);
      break;
    case "sarif":
      output = JSON.stringify(toSarif(findings, rules), null, 2);
      break;
    case "markdown":
      output = [
        `# taxon scan: ${countsTitle(findings)}`,
        "",
        severityTable(findings),
        "",
        ...sortForReport(findings).map((f) => `## \`${f.path}:${f.startLine}\`\n\n${renderComment(f)}\n`),
      ].join("\n");
      break;
    default:
      output = toText(findings);
  }
  const fail = args.config.fail_on;
  const failing = fail !== "never" && findings.some((f) => isAtLeast(f.severity, fail));
  return { output, exitCode: failing ? 1 : 0 };
}
