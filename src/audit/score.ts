/**
 * The readiness score of an audit, per category and overall, on a 0–10 scale.
 *
 *   weight(f)  = SEVERITY_WEIGHTS[f.severity] × CONFIDENCE_WEIGHTS[f.confidence]
 *   penalty(S) = Σ over the rule families in S of weight × (1 + ln n),
 *                n being the family's number of findings in S
 *   scale      = SCALE × √max(1, lines analyzed / 1000)
 *   raw(S)     = 10 × e^(−penalty(S) / scale)
 *   score(S)   = min(raw(S), ceiling(S)), rounded to one decimal
 *   ceiling(S) = 5 if S holds a critical finding, 8 if it holds a high one, else 10
 *                (findings of low confidence set no ceiling)
 *
 * A family's repeated findings count logarithmically: 26 routes without CSRF
 * protection are one missing setting, not 26 problems, yet worse than one.
 * A category's score uses its own findings; the overall score uses all of
 * them, so it is never above the weakest category. Dividing by the square
 * root of the size (in thousands of lines) makes the same findings weigh
 * less in a larger code base, but less than proportionally: a critical
 * problem does not disappear in a large repository. The formula is in the
 * README; test/audit/score.test.ts pins its values.
 */
import type { Finding } from "../report/finding.js";
import { CATEGORIES, type Category, type Confidence, type Severity } from "../taxonomy/index.js";

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 4, medium: 1.5, low: 0.5, info: 0 };
export const CONFIDENCE_WEIGHTS: Record<Confidence, number> = { high: 1, medium: 0.75, low: 0.5 };
/** Penalty points that take a category of at most 1,000 lines from 10 to 10/e ≈ 3.7. */
export const SCALE = 40;
/** The highest score a set of findings can reach while it holds a finding of this severity. */
export const CEILINGS: Partial<Record<Severity, number>> = { critical: 5, high: 8 };

export type ScoredFinding = Pick<Finding, "ruleId" | "severity" | "confidence" | "category">;

export interface ScoreDetail {
  /** 0–10, one decimal. */
  score: number;
  /** Σ over families of severity × confidence weight × (1 + ln n). */
  penalty: number;
  /** The ceiling that applied, when it was below the computed value. */
  ceiling?: number;
  findings: number;
}

export interface ReadinessScores {
  overall: ScoreDetail;
  categories: Record<Category, ScoreDetail>;
  /** The size the scores were normalized by. */
  linesAnalyzed: number;
}

export function findingWeight(f: Pick<Finding, "severity" | "confidence">): number {
  return SEVERITY_WEIGHTS[f.severity] * CONFIDENCE_WEIGHTS[f.confidence];
}

/** The penalty of a set of findings: per rule family (and severity), weight × (1 + ln n). */
export function penaltyOf(findings: readonly Pick<Finding, "ruleId" | "severity" | "confidence">[]): number {
  const families = new Map<string, { weight: number; count: number }>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.severity}\u0000${f.confidence}`;
    const family = families.get(key);
    if (family) family.count += 1;
    else families.set(key, { weight: findingWeight(f), count: 1 });
  }
  let penalty = 0;
  for (const { weight, count } of families.values()) penalty += weight * (1 + Math.log(count));
  return penalty;
}

/** The divisor of the penalty for a code base of `lines` lines. */
export function sizeScale(lines: number): number {
  return SCALE * Math.sqrt(Math.max(1, lines / 1000));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The ceiling a set of findings imposes (10 when none). */
export function ceilingOf(findings: readonly Pick<Finding, "severity" | "confidence">[]): number {
  let ceiling = 10;
  for (const f of findings) {
    if (f.confidence === "low") continue;
    const c = CEILINGS[f.severity];
    if (c !== undefined && c < ceiling) ceiling = c;
  }
  return ceiling;
}

/** The score of one set of findings in a code base of `lines` lines. */
export function readinessScore(findings: readonly Pick<Finding, "ruleId" | "severity" | "confidence">[], lines: number): ScoreDetail {
  const penalty = penaltyOf(findings);
  const raw = 10 * Math.exp(-penalty / sizeScale(lines));
  const ceiling = ceilingOf(findings);
  const detail: ScoreDetail = { score: round1(Math.min(raw, ceiling)), penalty: Math.round(penalty * 100) / 100, findings: findings.length };
  if (ceiling < raw) detail.ceiling = ceiling;
  return detail;
}

export function readinessScores(findings: readonly ScoredFinding[], linesAnalyzed: number): ReadinessScores {
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, readinessScore(findings.filter((f) => f.category === c), linesAnalyzed)]),
  ) as Record<Category, ScoreDetail>;
  return { overall: readinessScore(findings, linesAnalyzed), categories, linesAnalyzed };
}

/** The formula in one paragraph, for the report's scope section. */
export const SCORE_FORMULA =
  "score = min(10 × e^(−penalty / (40 × √max(1, KLOC))), ceiling), where penalty sums, per rule family, severity (critical 10, high 4, medium 1.5, low 0.5, info 0) × confidence (high 1, medium 0.75, low 0.5) × (1 + ln n) for the family's n findings, KLOC is thousands of lines analyzed, and the ceiling is 5 with a critical finding, 8 with a high one (low-confidence findings set none). Each category uses its own findings, overall uses all of them.";
