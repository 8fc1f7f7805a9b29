/**
 * What the audit says is done well: practices detected as present in the
 * repository, each tied to the rule family whose problem it prevents. The
 * report lists a practice only when that family has no finding, with the
 * family's `good_practice` text and where the practice was seen.
 *
 * Detection reuses the repository facts (engine/context/flags.ts: CSRF
 * protection, rate limiter, migrations, health endpoint …) and adds a few
 * the rules have no flag for (non-root container, pinned images and
 * dependencies, structured logging, tests, an ORM, pre-pinged pools).
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { FLAG_DETECTORS, isSetupCandidate } from "../engine/context/flags.js";
import { MAX_SETUP_FILES } from "../engine/context/gather-facts.js";
import type { RepoFacts } from "../engine/context/repo-facts.js";
import { MAX_CONTEXT_FILE_BYTES } from "../engine/context/repo-reader.js";
import { PathClassifier } from "../engine/paths.js";

export interface DetectedPractice {
  /** Stable id of the practice, e.g. `csrf-protection`. */
  id: string;
  /** Short name, as a reviewer would head the bullet. */
  label: string;
  /** The rule family whose problem this practice prevents. */
  ruleId: string;
  /** Where it was seen: paths, or a short note. */
  evidence: string[];
}

export interface PracticeInput {
  root: string;
  /** Every file path of the audited tree (forward slashes). */
  paths: readonly string[];
  facts: RepoFacts;
  /** Extra globs per path class (the configuration's `paths`). */
  pathGlobs?: ConstructorParameters<typeof PathClassifier>[0];
}

/** Practices decided by a repository fact, and the family each satisfies. */
const FLAG_PRACTICES: ReadonlyArray<{ flag: string; id: string; label: string; ruleId: string }> = [
  { flag: "has-csrf-protection", id: "csrf-protection", label: "CSRF protection", ruleId: "csrf-protection-missing" },
  { flag: "has-rate-limiter", id: "rate-limiter", label: "Rate limiting", ruleId: "rate-limit-missing" },
  { flag: "has-migrations", id: "migrations", label: "Schema migrations", ruleId: "schema-created-at-runtime" },
  { flag: "sets-csp", id: "csp", label: "Content-Security-Policy", ruleId: "missing-csp" },
  { flag: "has-error-boundary", id: "error-boundary", label: "Error boundary", ruleId: "missing-error-boundary" },
  { flag: "sets-max-content-length", id: "request-size-limit", label: "Request size limit", ruleId: "request-size-unbounded" },
  { flag: "limits-image-pixels", id: "image-pixel-limit", label: "Image size limit", ruleId: "image-dimension-unchecked" },
  { flag: "has-health-endpoint", id: "health-endpoint", label: "Health endpoint", ruleId: "missing-health-endpoint" },
];

const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)(\.[^/]+)?$|(^|\/)[^/]+\.(Dockerfile|dockerfile)$/;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock)$/;
const REQUIREMENTS = /(^|\/)requirements[^/]*\.txt$/;
const VENDORED = /(^|\/)(node_modules|vendor|third_party|\.venv|venv|site-packages|dist|build)\//;
const CODE = /\.(py|[cm]?[jt]sx?|go|rb|java|kt|rs|php|cs)$/;
const STRUCTURED_LOGGING_PY = ["structlog", "python-json-logger", "json-log-formatter", "ecs-logging", "loguru"];
const STRUCTURED_LOGGING_NODE = ["pino", "winston", "bunyan", "pino-http", "nestjs-pino", "roarr", "@google-cloud/logging-winston"];
const ORM_PY = ["sqlalchemy", "flask-sqlalchemy", "sqlmodel", "django", "peewee", "tortoise-orm", "pony", "mongoengine", "beanie", "odmantic"];
const ORM_NODE = ["prisma", "@prisma/client", "typeorm", "sequelize", "mongoose", "drizzle-orm", "knex", "@mikro-orm/core", "objection", "kysely"];
/** Python files likely to create the database engine. */
const ENGINE_FILE = /(^|\/)[^/]*(db|database|session|engine|extensions|config|settings|app|main|core)[^/]*\.py$/i;
const MAX_ENGINE_FILES = 60;

function readSmall(root: string, path: string): string | undefined {
  try {
    const full = join(root, path);
    if (statSync(full).size > MAX_CONTEXT_FILE_BYTES) return undefined;
    return readFileSync(full, "utf8");
  } catch {
    return undefined;
  }
}

const code = (p: string) => `\`${p}\``;

/** Up to `n` items, with "and N more". */
function some(items: readonly string[], n = 3): string[] {
  return items.length <= n ? [...items] : [...items.slice(0, n), `and ${items.length - n} more`];
}

/** The final stage's user in a Dockerfile, or undefined when it never switches from root. */
export function dockerfileUser(text: string): string | undefined {
  let user: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^FROM\s/i.test(line)) user = undefined;
    const m = /^USER\s+(\S+)/i.exec(line);
    if (m) user = m[1]!;
  }
  if (!user) return undefined;
  return /^(root|0)(:.*)?$/.test(user) ? undefined : user;
}

/** Whether every `FROM` pins a version or digest (stage names and `scratch` excepted). */
export function baseImagesPinned(text: string): boolean {
  const stages = new Set<string>();
  let any = false;
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(raw);
    if (!m) continue;
    const image = m[1]!;
    const earlierStage = stages.has(image.toLowerCase());
    if (m[2]) stages.add(m[2].toLowerCase());
    if (image === "scratch" || earlierStage) continue;
    any = true;
    if (image.includes("@sha256:")) continue;
    const tag = /:([^/:]+)$/.exec(image)?.[1];
    if (!tag || tag === "latest" || image.includes("$")) return false;
  }
  return any;
}

/** Whether every requirement line pins an exact version (`==` or `===`), or uses hashes. */
export function requirementsPinned(text: string): boolean {
  let any = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#") || line.startsWith("-")) continue;
    any = true;
    if (!/===?\s*[\w.*+!-]+/.test(line) && !line.includes("@")) return false;
  }
  return any;
}

export function detectPractices(input: PracticeInput): DetectedPractice[] {
  const { root, paths, facts } = input;
  const out: DetectedPractice[] = [];
  const kept = paths.filter((p) => !VENDORED.test(p));

  // Facts: evidence is each setup file (or path) that alone satisfies the detector.
  const setupPaths = kept.filter(isSetupCandidate).slice(0, MAX_SETUP_FILES);
  const texts = setupPaths.flatMap((path) => {
    const text = readSmall(root, path);
    return text === undefined ? [] : [{ path, text }];
  });
  for (const p of FLAG_PRACTICES) {
    if (!facts.flags[p.flag]) continue;
    const detect = FLAG_DETECTORS[p.flag];
    const evidence = detect
      ? [
          ...texts.filter((t) => detect({ paths: [], texts: [t] })).map((t) => t.path),
          ...kept.filter((path) => detect({ paths: [path], texts: [] })),
        ]
      : [];
    out.push({ id: p.id, label: p.label, ruleId: p.ruleId, evidence: some([...new Set(evidence)].map(code)) });
  }

  // Containers: a non-root user in the final stage, and pinned base images.
  const dockerfiles = kept.filter((p) => DOCKERFILE.test(p));
  const dockerTexts = dockerfiles.flatMap((path) => {
    const text = readSmall(root, path);
    return text === undefined ? [] : [{ path, text }];
  });
  if (dockerTexts.length) {
    const users = dockerTexts.map((d) => ({ path: d.path, user: dockerfileUser(d.text) }));
    if (users.every((u) => u.user !== undefined))
      out.push({ id: "non-root-container", label: "Non-root container", ruleId: "container-runs-as-root", evidence: some(users.map((u) => `${code(u.path)} (\`USER ${u.user}\`)`)) });
    if (dockerTexts.every((d) => baseImagesPinned(d.text)))
      out.push({ id: "pinned-base-images", label: "Pinned base images", ruleId: "unpinned-base-image", evidence: some(dockerTexts.map((d) => code(d.path))) });
  }

  // Dependencies: a lock file, or requirements pinned to exact versions.
  const locks = kept.filter((p) => LOCKFILE.test(p));
  const pinnedRequirements = kept.filter((p) => REQUIREMENTS.test(p) && requirementsPinned(readSmall(root, p) ?? ""));
  if (locks.length || pinnedRequirements.length)
    out.push({ id: "pinned-dependencies", label: "Pinned dependencies", ruleId: "undeclared-dependency", evidence: some([...locks, ...pinnedRequirements].map(code)) });

  // Structured logging: a structured logger is a declared dependency.
  const nodeDeps = new Set(facts.nodeManifests.flatMap((m) => [...m.dependencies]));
  const loggers = [
    ...STRUCTURED_LOGGING_PY.filter((d) => facts.pythonDeclared.has(d)),
    ...STRUCTURED_LOGGING_NODE.filter((d) => nodeDeps.has(d)),
  ];
  if (loggers.length)
    out.push({ id: "structured-logging", label: "Structured logging", ruleId: "debug-print", evidence: some(loggers.map((d) => `${code(d)} declared`)) });

  // Tests: test files in the tree (fixtures and snapshots are not tests).
  const classifier = new PathClassifier(input.pathGlobs);
  const tests = kept.filter((p) => CODE.test(p) && classifier.is(p, "test") && !/(^|\/)(fixtures?|__snapshots__|__mocks__)\//.test(p) && !/(^|\/)conftest\.py$/.test(p));
  if (tests.length)
    out.push({ id: "tests", label: "Automated tests", ruleId: "skipped-test", evidence: [`${tests.length} test file${tests.length === 1 ? "" : "s"}, e.g. ${code(tests[0]!)}`] });

  // Database access through an ORM or query builder.
  const orms = [...ORM_PY.filter((d) => facts.pythonDeclared.has(d)), ...ORM_NODE.filter((d) => nodeDeps.has(d))];
  if (orms.length) out.push({ id: "orm", label: "Parameterized database access", ruleId: "sql-injection", evidence: some(orms.map((d) => `${code(d)} declared`)) });

  // Pooled connections pre-pinged.
  const engineFiles = kept.filter((p) => ENGINE_FILE.test(p) && !classifier.is(p, "test")).slice(0, MAX_ENGINE_FILES);
  const prePing = engineFiles.filter((p) => /\bpool_pre_ping\s*=\s*True\b/.test(readSmall(root, p) ?? ""));
  if (prePing.length) out.push({ id: "pool-pre-ping", label: "Pre-pinged connection pool", ruleId: "db-pool-pre-ping-missing", evidence: some(prePing.map(code)) });

  // Secure session cookies in Python settings.
  const cookieFiles = texts.filter((t) => /\bSESSION_COOKIE_SECURE\s*[=:]\s*True\b/.test(t.text)).map((t) => t.path);
  if (cookieFiles.length)
    out.push({ id: "secure-session-cookie", label: "Secure session cookies", ruleId: "insecure-session-cookie", evidence: some(cookieFiles.map(code)) });

  return out;
}
