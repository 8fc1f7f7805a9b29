/**
 * The review taxonomy: the one place that knows severities, categories, their
 * order and how they map onto SARIF and GitHub code scanning.
 * Everything else (rules, reporters, config) reads from here.
 */
import { z } from "zod";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const CATEGORIES = [
  "security",
  "reliability",
  "performance",
  "data-integrity",
  "api-design",
  "observability",
  "testing",
  "deployment",
  "code-quality",
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const CONFIDENCES = ["high", "medium", "low"] as const;
export const Confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof Confidence>;

/** Human labels, as the seeds write their section headings. */
export const CATEGORY_LABELS: Record<Category, string> = {
  security: "Security",
  reliability: "Reliability",
  performance: "Performance",
  "data-integrity": "Data integrity",
  "api-design": "API design",
  observability: "Observability",
  testing: "Testing",
  deployment: "Deployment",
  "code-quality": "Code quality",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** Badges as the seeds use them (🔴 critical, 🟠 high, 🟡 medium, 🔵 low). */
export const SEVERITY_BADGES: Record<Severity, string> = {
  critical: "🔴",
  high: "🟠",
  medium: "🟡",
  low: "🔵",
  info: "⚪",
};

/** 0 is the most severe: sort ascending to list critical first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

export function categoryRank(category: Category): number {
  return CATEGORIES.indexOf(category);
}

/** SARIF 2.1.0 `level` for a result. */
export function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

/**
 * GitHub code scanning reads `security-severity` (a CVSS-like score) to label
 * security alerts: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
export const SECURITY_SEVERITY_SCORE: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.5",
};

/** Check-run annotation level for a finding. */
export function annotationLevel(severity: Severity): "failure" | "warning" | "notice" {
  if (severity === "critical" || severity === "high") return "failure";
  if (severity === "medium") return "warning";
  return "notice";
}

/** Subcategory words that are not written in sentence case. */
const SUBCATEGORY_WORDS: Record<string, string> = {
  csrf: "CSRF",
  cors: "CORS",
  dos: "DoS",
  ssrf: "SSRF",
  xss: "XSS",
  authn: "Authentication",
  authz: "Authorization",
  api: "API",
  sql: "SQL",
  jwt: "JWT",
};

/** "Security › Secrets", "Security › CSRF" as a reviewer would write it. */
export function categoryTitle(category: Category, subcategory?: string): string {
  const head = CATEGORY_LABELS[category];
  if (!subcategory) return head;
  const words = subcategory.split(/[-_ ]+/).map((w) => SUBCATEGORY_WORDS[w] ?? w);
  const sub = words.join(" ");
  return `${head} › ${sub.charAt(0).toUpperCase()}${sub.slice(1)}`;
}

/** OWASP Top 10 2021 names, for footers and reports. */
export const OWASP_2021: Record<string, string> = {
  A01: "Broken Access Control",
  A02: "Cryptographic Failures",
  A03: "Injection",
  A04: "Insecure Design",
  A05: "Security Misconfiguration",
  A06: "Vulnerable and Outdated Components",
  A07: "Identification and Authentication Failures",
  A08: "Software and Data Integrity Failures",
  A09: "Security Logging and Monitoring Failures",
  A10: "Server-Side Request Forgery",
};
