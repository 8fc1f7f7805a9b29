/** The CLI's commands, argument parsing and exit codes. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pino from "pino";
import { parseConfigText, problemsTable } from "../config/load.js";
import { DEFAULT_CONFIG, type TaxonConfig } from "../config/schema.js";
import { loadRules, RuleFileError } from "../engine/load-rules.js";
import { auditCommand, parseAuditFormat } from "./audit.js";
import { emit } from "./output.js";
import { reviewCommand } from "./review.js";
import { rulesCommand } from "./rules.js";
import { scanCommand } from "./scan.js";
import { HELP, UsageError, parseFormat } from "./usage.js";

function readConfig(path: string | undefined): TaxonConfig {
  if (!path) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`cannot read config file ${path}`);
  }
  const result = parseConfigText(text, path);
  if (!result.ok) throw new UsageError(`invalid config ${path}:\n${problemsTable(result.problems)}`);
  return result.config;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = pino({ level: process.env.LOG_LEVEL ?? "warn" }, pino.destination(2));
  try {
    if (!command || command === "--help" || command === "-h" || command === "help") {
      emit(HELP);
      return command ? 0 : 2;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        config: { type: "string" },
        output: { type: "string" },
        repo: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        post: { type: "boolean" },
        pr: { type: "string" },
        "github-repo": { type: "string" },
        "fail-on": { type: "string" },
      },
    });
    const rules = loadRules();
    const config = readConfig(values.config);
    if (values["fail-on"]) {
      const r = parseConfigText(`fail_on: ${values["fail-on"]}`, "--fail-on");
      if (!r.ok) throw new UsageError(`--fail-on: ${r.problems[0]!.problem}`);
      config.fail_on = r.config.fail_on;
    }
    switch (command) {
      case "scan": {
        const { output, exitCode } = await scanCommand({ paths: positionals, format: parseFormat(values.format), config, rules });
        emit(output, values.output);
        return exitCode;
      }
      case "review": {
        if (!values.repo || !values.base) throw new UsageError("review needs --repo DIR and --base REV");
        let post;
        if (values.post) {
          const pr = Number(values.pr);
          if (!Number.isInteger(pr) || pr <= 0) throw new UsageError("--post needs --pr N (the pull request number)");
          const token = process.env.GITHUB_TOKEN;
          if (!token) throw new UsageError("--post needs GITHUB_TOKEN in the environment");
          const githubRepo = values["github-repo"] ?? process.env.GITHUB_REPOSITORY;
          if (!githubRepo) throw new UsageError("--post needs --github-repo OWNER/NAME (or GITHUB_REPOSITORY)");
          post = { pr, githubRepo, token, apiUrl: process.env.GITHUB_API_URL };
        }
        const { output, exitCode } = await reviewCommand({
          repo: values.repo,
          base: values.base,
          head: values.head ?? "HEAD",
          format: parseFormat(values.format),
          config,
          rules,
          post,
          log,
        });
        emit(output, values.output);
        return exitCode;
      }
      case "audit": {
        if (positionals.length > 1) throw new UsageError("audit takes one directory (a checkout)");
        const { output, exitCode } = await auditCommand({
          path: positionals[0],
          format: parseAuditFormat(values.format),
          config,
          configGiven: values.config !== undefined,
          failOn: values["fail-on"] ? config.fail_on : undefined,
          rules,
          progress: process.stderr,
        });
        emit(output, values.output);
        return exitCode;
      }
      case "rules":
        emit(rulesCommand(rules, parseFormat(values.format)), values.output);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof RuleFileError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`taxon: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
