/**
 * The readiness score formula (src/audit/score.ts, documented in the README):
 *   score = min(10 × e^(−penalty / (40 × √max(1, KLOC))), ceiling)
 *   penalty = Σ per rule family of severity weight × confidence weight × (1 + ln n)
 * Values are pinned by hand computation, properties by fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CEILINGS,
  CONFIDENCE_WEIGHTS,
  SCALE,
  SCORE_FORMULA,
  SEVERITY_WEIGHTS,
  penaltyOf,
  readinessScore,
  readinessScores,
  sizeScale,
  type ScoredFinding,
} from "../../src/audit/score.js";
import { CATEGORIES, CONFIDENCES, SEVERITIES, type Category, type Confidence, type Severity } from "../../src/taxonomy/index.js";

const f = (severity: Severity, confidence: Confidence = "high", ruleId = `rule-${severity}-${confidence}`, category: Category = "security"): ScoredFinding => ({
  ruleId,
  severity,
  confidence,
  category,
});
const times = (n: number, finding: ScoredFinding) => Array.from({ length: n }, () => finding);
const expected = (penalty: number, kloc = 1) => Math.round(10 * Math.exp(-penalty / (40 * Math.sqrt(Math.max(1, kloc)))) * 10) / 10;

describe("readiness score", () => {
  it("uses the documented weights and scale", () => {
    expect(SEVERITY_WEIGHTS).toEqual({ critical: 10, high: 4, medium: 1.5, low: 0.5, info: 0 });
    expect(CONFIDENCE_WEIGHTS).toEqual({ high: 1, medium: 0.75, low: 0.5 });
    expect(SCALE).toBe(40);
    expect(CEILINGS).toEqual({ critical: 5, high: 8 });
    expect(SCORE_FORMULA).toContain("40 × √max(1, KLOC)");
    expect(SCORE_FORMULA).toContain("critical 10, high 4, medium 1.5, low 0.5, info 0");
    expect(SCORE_FORMULA).toContain("high 1, medium 0.75, low 0.5");
    expect(SCORE_FORMULA).toContain("(1 + ln n)");
  });

  it("is 10 with no findings, and with only info findings", () => {
    expect(readinessScore([], 5000)).toEqual({ score: 10, penalty: 0, findings: 0 });
    expect(readinessScore(times(50, f("info")), 1000).score).toBe(10);
  });

  it.each([
    // [findings, lines, score, penalty]
    ["one medium, high confidence", [f("medium")], 1000, 9.6, 1.5],
    ["one medium, medium confidence", [f("medium", "medium")], 1000, 9.7, 1.13],
    ["one low, low confidence", [f("low", "low")], 1000, 9.9, 0.25],
    ["two mediums of two families", [f("medium", "high", "a"), f("medium", "high", "b")], 1000, 9.3, 3],
    ["two mediums of one family", times(2, f("medium")), 1000, 9.4, 2.54],
    ["ten mediums of one family", times(10, f("medium")), 1000, 8.8, 4.95],
  ] as const)("%s", (_name, findings, lines, score, penalty) => {
    const detail = readinessScore(findings, lines);
    expect(detail.score).toBe(score);
    expect(detail.penalty).toBeCloseTo(penalty, 2);
    expect(detail.score).toBe(expected(penaltyOf(findings), lines / 1000));
  });

  it("caps at 5 with a critical finding and at 8 with a high one, unless its confidence is low", () => {
    // Uncapped these would be 10·e^(−10/40) = 7.8 and 10·e^(−3/40) = 9.3.
    expect(readinessScore([f("critical")], 1000)).toEqual({ score: 5, penalty: 10, ceiling: 5, findings: 1 });
    expect(readinessScore([f("high", "medium")], 1000)).toEqual({ score: 8, penalty: 3, ceiling: 8, findings: 1 });
    expect(readinessScore([f("critical", "low")], 1000).score).toBe(8.8);
    // Below the ceiling the formula decides: 26 highs of one family, 3 × (1 + ln 26) = 12.77.
    const many = readinessScore(times(26, f("high", "medium")), 1000);
    expect(many.score).toBe(7.3);
    expect(many.ceiling).toBeUndefined();
  });

  it("normalizes by code size: the same findings weigh less in more code, sub-linearly", () => {
    const findings = times(10, f("medium"));
    expect(sizeScale(200)).toBe(40);
    expect(sizeScale(1000)).toBe(40);
    expect(sizeScale(4000)).toBe(80);
    expect(readinessScore(findings, 200).score).toBe(8.8);
    expect(readinessScore(findings, 4000).score).toBe(9.4);
    expect(readinessScore(findings, 100_000).score).toBe(9.9);
    // A critical finding still caps a large code base.
    expect(readinessScore([f("critical")], 1_000_000).score).toBe(5);
  });

  it("scores each category on its own findings and overall on all of them", () => {
    const findings = [f("critical", "high", "secret", "security"), ...times(3, f("medium", "high", "print", "code-quality"))];
    const scores = readinessScores(findings, 2000);
    expect(scores.categories.security).toMatchObject({ score: 5, findings: 1 });
    expect(scores.categories["code-quality"].score).toBe(expected(1.5 * (1 + Math.log(3)), 2));
    expect(scores.categories.testing).toEqual({ score: 10, penalty: 0, findings: 0 });
    expect(scores.overall.score).toBe(Math.min(5, expected(10 + 1.5 * (1 + Math.log(3)), 2)));
    expect(Object.keys(scores.categories)).toEqual([...CATEGORIES]);
  });

  const arbFinding = fc.record({
    ruleId: fc.constantFrom("r1", "r2", "r3", "r4", "r5"),
    severity: fc.constantFrom(...SEVERITIES),
    confidence: fc.constantFrom(...CONFIDENCES),
    category: fc.constantFrom(...CATEGORIES),
  });

  it("stays within 0–10, never rises when a finding is added, and overall is at most the weakest category", () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 40 }), arbFinding, fc.integer({ min: 0, max: 500_000 }), (findings, extra, lines) => {
        const before = readinessScore(findings, lines).score;
        const after = readinessScore([...findings, extra], lines).score;
        expect(before).toBeGreaterThanOrEqual(0);
        expect(before).toBeLessThanOrEqual(10);
        expect(after).toBeLessThanOrEqual(before);
        const scores = readinessScores(findings, lines);
        for (const c of CATEGORIES) expect(scores.overall.score).toBeLessThanOrEqual(scores.categories[c].score);
      }),
    );
  });
});
