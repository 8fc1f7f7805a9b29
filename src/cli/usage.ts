/** Errors in how the CLI was called or in its input: exit code 2 with a message saying what is wrong. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined, fallback: Format = "text"): Format {
  if (value === undefined) return fallback;
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${value}")`);
}

export const HELP = `taxon — reviews code the way a senior engineer writes a production-readiness review

Usage:
  taxon scan [PATH...] [--format text|json|sarif|markdown] [--config FILE] [--output FILE]
  taxon review --repo DIR --base REV [--head REV] [--format text|json|sarif|markdown] [--config FILE]
               [--post --pr N [--github-repo OWNER/NAME]]   (GITHUB_TOKEN in the environment)
  taxon audit [PATH] [--format markdown|html|json|sarif] [--config FILE] [--output FILE]
  taxon rules [--format text|json|markdown]

Exit codes: 0 nothing reaches the fail threshold, 1 something does, 2 usage or input error.
`;
