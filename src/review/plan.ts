/**
 * Decides what a review says, from the analysis of the change: which
 * findings the change introduced, which become inline comments (and where),
 * which fall back to a file-level comment or the summary, which earlier
 * comments are now resolved, and the check run's conclusion. Pure: the app
 * and the CLI's dry run plan the same review.
 */
import type { TaxonConfig } from "../config/schema.js";
import { parsePatch, rangeIsCommentable, rangeTouchesAdded, type PatchLines } from "../diff/parse-patch.js";
import type { AnalysisResult } from "../engine/analyze.js";
import { MAX_ANNOTATIONS_PER_REQUEST } from "../github/limits.js";
import { renderComment } from "../report/comment.js";
import type { Finding } from "../report/finding.js";
import { countsTitle, renderSummary, sortForReport } from "../report/summary.js";
import { annotationLevel, isAtLeast } from "../taxonomy/index.js";

export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";
  /** Unified-diff hunks; absent for binary, too large, or rename-only files. */
  patch?: string;
}

/** A review comment taxon posted earlier, read back from GitHub. */
export interface ExistingComment {
  commentId: number;
  threadId: string;
  fingerprint: string;
  path: string;
  resolved: boolean;
  /** Whether someone other than taxon replied in the thread. */
  hasReplies: boolean;
}

export interface InlineComment {
  finding: Finding;
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

export interface FileComment {
  finding: Finding;
  path: string;
  body: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
  raw_details?: string;
}

export interface ReviewPlan {
  headSha: string;
  /** Findings the change introduced (new lines, not present at the base). */
  newFindings: Finding[];
  inline: InlineComment[];
  fileLevel: FileComment[];
  /** New findings that are only in the summary, with why. */
  summaryOnly: Array<{ finding: Finding; reason: string }>;
  /** New findings that already have an open taxon thread from an earlier push. */
  alreadyCommented: Finding[];
  preExisting: Finding[];
  toResolve: ExistingComment[];
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  annotations: Annotation[];
  event: "COMMENT" | "REQUEST_CHANGES";
  reviewBody: string;
  partial: boolean;
}

export interface PlanInput {
  headSha: string;
  files: readonly ChangedFile[];
  head: AnalysisResult;
  /** Fingerprints of the findings in the touched files at the base (renamed files under their new path). */
  baseFingerprints: ReadonlySet<string>;
  config: TaxonConfig;
  existing?: readonly ExistingComment[];
  /** Things the summary must say (files beyond GitHub's listing limit, budgets hit …). */
  notes?: readonly string[];
  /** Whether something outside the analysis left it incomplete (e.g. files not listed). */
  incomplete?: boolean;
  link?: (path: string, line: number) => string;
}

/** Reasons a skipped file makes the analysis partial (rather than being out of scope by design). */
const PARTIAL_SKIP = /larger than|longer than|time budget|could not be read/;

export function planReview(input: PlanInput): ReviewPlan {
  const { config } = input;
  const patches = new Map<string, PatchLines | undefined>(
    input.files.map((f) => [f.path, f.patch === undefined ? undefined : parsePatch(f.patch)]),
  );

  const newFindings: Finding[] = [];
  const preExisting: Finding[] = [];
  for (const finding of input.head.findings) {
    if (finding.scope === "pr") {
      newFindings.push(finding);
      continue;
    }
    const lines = patches.get(finding.path);
    const onAddedLine = lines !== undefined && rangeTouchesAdded(lines, finding.startLine, finding.endLine);
    if (onAddedLine && !input.baseFingerprints.has(finding.fingerprint)) newFindings.push(finding);
    else preExisting.push(finding);
  }

  const openThreads = new Map<string, ExistingComment>();
  for (const c of input.existing ?? []) if (!c.resolved) openThreads.set(c.fingerprint, c);
  const currentFingerprints = new Set(input.head.findings.map((f) => f.fingerprint));

  const inline: InlineComment[] = [];
  const fileLevel: FileComment[] = [];
  const summaryOnly: ReviewPlan["summaryOnly"] = [];
  const alreadyCommented: Finding[] = [];
  for (const finding of sortForReport(newFindings)) {
    if (openThreads.has(finding.fingerprint)) {
      alreadyCommented.push(finding);
      continue;
    }
    if (finding.scope === "pr") {
      summaryOnly.push({ finding, reason: "about the pull request as a whole" });
      continue;
    }
    if (!isAtLeast(finding.severity, config.comment_min_severity)) {
      summaryOnly.push({ finding, reason: `below comment_min_severity (${config.comment_min_severity})` });
      continue;
    }
    if (inline.length + fileLevel.length >= config.max_inline_comments) {
      summaryOnly.push({ finding, reason: `over max_inline_comments (${config.max_inline_comments})` });
      continue;
    }
    const lines = patches.get(finding.path);
    if (lines === undefined) {
      summaryOnly.push({ finding, reason: "the file has no diff GitHub can comment on" });
    } else if (rangeIsCommentable(lines, finding.startLine, finding.endLine)) {
      const comment: InlineComment = { finding, path: finding.path, line: finding.endLine, body: renderComment(finding) };
      if (finding.endLine > finding.startLine) comment.startLine = finding.startLine;
      inline.push(comment);
    } else {
      fileLevel.push({ finding, path: finding.path, body: renderComment(finding, { suggestion: false }) });
    }
  }

  // Earlier comments whose finding is gone from the file are resolved, unless a person replied.
  const touched = new Set(input.files.map((f) => f.path));
  const toResolve = [...openThreads.values()].filter(
    (c) => touched.has(c.path) && !currentFingerprints.has(c.fingerprint) && !c.hasReplies,
  );

  const partial = Boolean(input.incomplete) || input.head.errors.length > 0 || input.head.skipped.some((s) => PARTIAL_SKIP.test(s.reason));
  const failing = config.fail_on !== "never" && newFindings.some((f) => isAtLeast(f.severity, config.fail_on as Exclude<typeof config.fail_on, "never">));
  const conclusion = failing ? "failure" : partial ? "neutral" : "success";
  const title = `${partial ? "Partial analysis: " : ""}${newFindings.length ? countsTitle(newFindings) : "No new findings"}`;
  const notInline = new Set(summaryOnly.map((s) => s.finding.fingerprint));
  const summary = renderSummary({
    headSha: input.headSha,
    link: input.link,
    findings: newFindings,
    notInline,
    preExisting: preExisting.length,
    suppressed: input.head.suppressed,
    skipped: input.head.skipped,
    errors: input.head.errors,
    config,
    notes: [
      ...(input.notes ?? []),
      ...(alreadyCommented.length ? [`${alreadyCommented.length} finding${alreadyCommented.length === 1 ? " is" : "s are"} already commented in an open thread from an earlier push.`] : []),
      ...(toResolve.length ? [`${toResolve.length} earlier comment${toResolve.length === 1 ? "" : "s"} resolved: the finding is gone.`] : []),
    ],
  });
  const posted = inline.length + fileLevel.length;
  return {
    headSha: input.headSha,
    newFindings,
    inline,
    fileLevel,
    summaryOnly,
    alreadyCommented,
    preExisting,
    toResolve,
    conclusion,
    title,
    summary,
    annotations: newFindings.filter((f) => f.scope !== "pr").map(toAnnotation),
    event: failing && config.request_changes ? "REQUEST_CHANGES" : "COMMENT",
    reviewBody: `taxon found ${countsTitle(newFindings)} on the lines this change adds${posted < newFindings.length ? `; ${posted} commented inline, the rest are in the \`taxon\` check run` : ""}.`,
    partial,
  };
}

function toAnnotation(f: Finding): Annotation {
  const a: Annotation = {
    path: f.path,
    start_line: f.startLine,
    end_line: f.endLine,
    annotation_level: annotationLevel(f.severity),
    title: `${f.title} (${f.ruleId})`.slice(0, 255),
    message: f.message.slice(0, 64 * 1024),
  };
  // GitHub accepts columns only on single-line annotations.
  if (f.startLine === f.endLine) {
    a.start_column = f.startColumn;
    a.end_column = f.endColumn;
  }
  return a;
}

/** Annotations in GitHub-sized batches. */
export function annotationBatches(annotations: readonly Annotation[]): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  return batches;
}
