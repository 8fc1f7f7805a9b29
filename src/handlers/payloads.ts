/**
 * The parts of webhook payloads taxon relies on, validated with zod: a
 * payload without them ends with a logged reason, never a crash.
 */
import { z } from "zod";

const Repository = z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) });

export const PullRequestPayload = z.object({
  action: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  repository: Repository,
  pull_request: z.object({
    number: z.number().int().positive(),
    state: z.string(),
    draft: z.boolean().optional(),
    html_url: z.string().optional(),
    changed_files: z.number().int().optional(),
    updated_at: z.string().optional(),
    head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/), ref: z.string().optional() }),
    base: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/), ref: z.string() }),
  }),
});
export type PullRequestPayload = z.infer<typeof PullRequestPayload>;

const PullRef = z.object({
  number: z.number().int().positive(),
  head: z.object({ sha: z.string() }),
  base: z.object({ sha: z.string(), ref: z.string().optional() }),
});

export const CheckRunPayload = z.object({
  action: z.string(),
  repository: Repository,
  check_run: z.object({
    name: z.string(),
    head_sha: z.string(),
    app: z.object({ id: z.number() }).nullable().optional(),
    pull_requests: z.array(PullRef),
  }),
});

export const CheckSuitePayload = z.object({
  action: z.string(),
  repository: Repository,
  check_suite: z.object({
    head_sha: z.string(),
    pull_requests: z.array(PullRef),
  }),
});

/** "pull_request.number: expected number" — for the log line that says why an event was dropped. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
}
