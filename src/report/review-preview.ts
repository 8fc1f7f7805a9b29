/**
 * A planned review rendered as it would appear on GitHub: the check run's
 * title and summary, the review body and each inline comment at its place.
 * `taxon review` prints this (dry run); `npm run demo` shows it.
 */
import type { ReviewPlan } from "../review/plan.js";

export function renderReviewPreview(plan: ReviewPlan): string {
  const out: string[] = [];
  out.push(`# Check run \`taxon\` — ${plan.conclusion}`, "", `**${plan.title}**`, "", plan.summary, "");
  if (plan.inline.length + plan.fileLevel.length === 0) {
    out.push("---", "", "_No review is posted: nothing new to comment on._");
    return out.join("\n");
  }
  out.push("---", "", `# Review (${plan.event})`, "", plan.reviewBody, "");
  for (const c of plan.inline) {
    const where = c.startLine !== undefined ? `${c.path}:${c.startLine}-${c.line}` : `${c.path}:${c.line}`;
    out.push(`## 💬 \`${where}\``, "", "```", c.finding.snippet.split("\n").slice(0, 6).join("\n"), "```", "", c.body, "");
  }
  for (const c of plan.fileLevel) {
    out.push(`## 💬 \`${c.path}\` (file comment)`, "", c.body, "");
  }
  return out.join("\n");
}
