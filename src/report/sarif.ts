/**
 * SARIF 2.1.0 for GitHub code scanning: `ruleId` is the catalog ID, URIs are
 * relative to the scanned root with forward slashes, regions are 1-based,
 * rules carry `security-severity`, CWE tags and help; results carry
 * `partialFingerprints`.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type { LoadedRule } from "../engine/load-rules.js";
import { SECURITY_SEVERITY_SCORE, categoryTitle, sarifLevel } from "../taxonomy/index.js";
import type { Finding } from "./finding.js";

const VERSION = "0.1.0";

export function toSarif(findings: readonly Finding[], rules: readonly LoadedRule[]): object {
  const used = rules.filter((r) => findings.some((f) => f.ruleId === r.id));
  const index = new Map(used.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "taxon",
            version: VERSION,
            informationUri: "https://github.com/taxon-review/taxon",
            rules: used.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.message },
              help: { text: `${r.message}\n\n${r.remediation}`, markdown: `${r.message}\n\n**How to fix.** ${r.remediation}` },
              defaultConfiguration: { level: sarifLevel(r.severity) },
              properties: {
                tags: [r.category, ...r.cwe.map((c) => `external/cwe/${c.toLowerCase()}`), ...(r.category === "security" ? ["security"] : [])],
                precision: r.confidence === "high" ? "high" : r.confidence === "medium" ? "medium" : "low",
                "security-severity": SECURITY_SEVERITY_SCORE[r.severity],
                severity: r.severity,
                category: r.category,
                subcategory: r.subcategory,
              },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? 0,
          level: sarifLevel(f.severity),
          message: { text: `${f.title}. ${f.message}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.path.split("\\").join("/"), uriBaseId: "%SRCROOT%" },
                region: { startLine: f.startLine, endLine: f.endLine, startColumn: f.startColumn, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: { "taxonFingerprint/v1": f.fingerprint },
          properties: { severity: f.severity, category: f.category, subcategory: categoryTitle(f.category, f.subcategory), confidence: f.confidence },
          ...(f.fix !== undefined
            ? {
                fixes: [
                  {
                    description: { text: "Suggested fix" },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: f.path },
                        replacements: [
                          {
                            deletedRegion: { startLine: f.startLine, endLine: f.endLine },
                            insertedContent: { text: f.fix + "\n" },
                          },
                        ],
                      },
                    ],
                  },
                ],
              }
            : {}),
        })),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}
