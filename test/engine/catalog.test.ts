/**
 * The catalog as a whole: every family of ../shared/spec/catalog.md has a
 * rule with the catalog's ID, severity, category and a matcher for every
 * target it lists; ids are unique; every matcher has enough fixtures.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureRoots, runFixture } from "../../src/engine/fixtures.js";
import { matcherApplies } from "../../src/engine/languages.js";
import { loadRules, ruleDir } from "../../src/engine/load-rules.js";
import type { MatcherLanguage } from "../../src/engine/rule-schema.js";

type Target = "py" | "js" | "tsx" | "html" | "yaml" | "dockerfile" | "text";
const T = (s: string) => s.split(" ") as Target[];

/** id, severity, category/subcategory, targets — copied from the catalog, which is the contract. */
export const CATALOG: Array<[string, string, string, Target[]]> = [
  ["hardcoded-secret-fallback", "critical", "security/secrets", T("py js")],
  ["hardcoded-credential", "critical", "security/secrets", T("py js yaml dockerfile")],
  ["leaked-secret-token", "critical", "security/secrets", T("text")],
  ["schema-created-at-runtime", "high", "data-integrity/migrations", T("py")],
  ["csrf-protection-missing", "high", "security/csrf", T("py js")],
  ["missing-authorization-check", "high", "security/authz", T("py js")],
  ["user-identity-from-request", "critical", "security/authn", T("py js")],
  ["asyncio-run-in-handler", "high", "reliability/concurrency", T("py")],
  ["unvalidated-request-payload", "medium", "reliability/input-validation", T("py js")],
  ["request-size-unbounded", "medium", "security/dos", T("py js")],
  ["unique-constraint-missing", "critical", "data-integrity/constraints", T("py")],
  ["rate-limit-missing", "critical", "security/rate-limiting", T("py js")],
  ["rate-limit-memory-storage", "critical", "reliability/state", T("py js")],
  ["process-local-state", "critical", "reliability/state", T("py js")],
  ["ssrf-unvalidated-url", "high", "security/ssrf", T("py js")],
  ["weak-password-policy", "high", "security/authn", T("py js")],
  ["sql-injection", "critical", "security/injection", T("py js")],
  ["foreign-key-without-ondelete", "high", "data-integrity/constraints", T("py")],
  ["unbounded-json-column", "medium", "data-integrity", T("py")],
  ["unbounded-pagination", "high", "api-design/pagination", T("py js")],
  ["n-plus-one-query", "high", "performance/database", T("py js")],
  ["swallowed-exception", "medium", "reliability/error-handling", T("py js")],
  ["missing-type-hints", "low", "code-quality/typing", T("py")],
  ["token-in-localstorage", "high", "security/session", T("js")],
  ["missing-csp", "high", "security/xss", T("html js")],
  ["missing-error-boundary", "medium", "reliability/frontend", T("tsx")],
  ["skipped-test", "high", "testing", T("py js")],
  ["foreign-key-type-mismatch", "high", "data-integrity/types", T("py")],
  ["undeclared-dependency", "critical", "deployment/dependencies", T("py js")],
  ["insecure-session-cookie", "high", "security/session", T("py js")],
  ["image-dimension-unchecked", "medium", "security/file-upload", T("py")],
  ["missing-health-endpoint", "medium", "observability/health", T("py js")],
  ["debug-mode-enabled", "high", "security/configuration", T("py js")],
  ["blocking-call-in-async-handler", "high", "performance/concurrency", T("py")],
  ["check-then-insert-race", "high", "data-integrity/concurrency", T("py js")],
  ["unsafe-subprocess", "critical", "security/code-execution", T("py js")],
  ["code-injection-eval", "critical", "security/code-execution", T("py js")],
  ["privileged-container", "high", "deployment/containers", T("yaml")],
  ["container-runs-as-root", "medium", "deployment/containers", T("dockerfile")],
  ["exception-details-exposed", "high", "security/info-disclosure", T("py js")],
  ["security-control-disabled-by-default", "high", "security/configuration", T("py js")],
  ["console-log-in-frontend", "medium", "code-quality/logging", T("js")],
  ["debug-print", "medium", "code-quality/logging", T("py")],
  ["db-pool-pre-ping-missing", "low", "reliability/database", T("py")],
  ["missing-test-changes", "low", "testing", []],
  ["jwt-weak-configuration", "medium", "security/authn", T("py js")],
  ["cors-misconfiguration", "high", "security/cors", T("py js")],
  ["open-redirect", "medium", "security/redirect", T("py js")],
  ["xss-unescaped-output", "high", "security/xss", T("py js")],
  ["unpinned-base-image", "low", "deployment/containers", T("dockerfile")],
  ["insecure-tempfile", "medium", "security/filesystem", T("py")],
];

const TARGET_LANGS: Record<Target, MatcherLanguage[]> = {
  py: ["python"],
  js: ["javascript", "typescript"],
  tsx: ["tsx", "javascript"],
  html: ["html"],
  yaml: ["yaml"],
  dockerfile: ["dockerfile"],
  text: ["text"],
};

const rules = loadRules();
const byId = new Map(rules.map((r) => [r.id, r]));
const MISSING = CATALOG.map(([id]) => id).filter((id) => !byId.has(id));

describe("the rule catalog", () => {
  it("has a rule for every catalog family", () => {
    expect(MISSING).toEqual([]);
  });

  it("has unique ids", () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(CATALOG.filter(([id]) => byId.has(id)))("%s keeps the catalog's severity, category and targets", (id, severity, category, targets) => {
    const rule = byId.get(id)!;
    expect(rule.severity).toBe(severity);
    expect(`${rule.category}/${rule.subcategory}`.startsWith(category)).toBe(true);
    for (const target of targets) {
      const langs = TARGET_LANGS[target];
      expect(rule.matchers.some((m) => langs.includes(m.language)), `${id} needs a matcher for ${target}`).toBe(true);
    }
  });

  it("metadata is complete: security rules name a CWE, messages are one paragraph", () => {
    for (const rule of rules) {
      if (rule.category === "security") expect(rule.cwe.length, `${rule.id}: add a CWE`).toBeGreaterThan(0);
      expect(rule.title.includes("\n"), `${rule.id}: title is one line`).toBe(false);
      expect(rule.remediation.includes("```"), `${rule.id}: show the fix as code`).toBe(true);
    }
  });

  it.each(rules.filter((r) => r.scope !== "pr").map((r) => [r.id, r] as const))(
    "%s has at least three flagged and three silent fixture lines per matcher language",
    async (_id, rule) => {
      const outcomes = await Promise.all(fixtureRoots(join(ruleDir(rule), "fixtures")).map((root) => runFixture(rule, root)));
      const expectations = outcomes.flatMap((o) => o.expectations);
      for (const language of new Set(rule.matchers.map((m) => m.language))) {
        const relevant = expectations.filter((e) => matcherApplies(language, e.language));
        const flagged = relevant.reduce((n, e) => n + e.mustFlag.size, 0);
        const silent = relevant.reduce((n, e) => n + e.mustNotFlag.size, 0);
        expect(flagged, `${rule.id} (${language}): ruleid: lines`).toBeGreaterThanOrEqual(3);
        expect(silent, `${rule.id} (${language}): ok: lines`).toBeGreaterThanOrEqual(3);
      }
    },
  );
});
