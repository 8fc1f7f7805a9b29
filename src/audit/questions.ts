/**
 * "For a human to decide": the production-readiness questions the seed
 * reviews raise that no static reader can answer from the code (policies,
 * operations, expected load). Listed once per audit, never as findings, and
 * only those that apply to what the repository is: a web service, a
 * database, user accounts, something deployed.
 */
import type { RepoFacts } from "../engine/context/repo-facts.js";

export interface HumanQuestion {
  id: string;
  topic: string;
  question: string;
}

export interface RepoProfile {
  web: boolean;
  database: boolean;
  auth: boolean;
  deployed: boolean;
}

const WEB_PY = ["flask", "fastapi", "django", "starlette", "aiohttp", "tornado", "sanic", "quart", "litestar", "falcon", "bottle", "pyramid"];
const WEB_NODE = ["express", "koa", "fastify", "@nestjs/core", "next", "hono", "@hapi/hapi", "restify", "@remix-run/node", "nuxt", "@sveltejs/kit"];
const DB_PY = ["sqlalchemy", "flask-sqlalchemy", "sqlmodel", "django", "psycopg2", "psycopg2-binary", "psycopg", "asyncpg", "pymongo", "motor", "peewee", "tortoise-orm", "pymysql", "mysqlclient", "aiosqlite"];
const DB_NODE = ["prisma", "@prisma/client", "typeorm", "sequelize", "mongoose", "mongodb", "pg", "mysql2", "knex", "drizzle-orm", "better-sqlite3", "sqlite3", "@mikro-orm/core", "kysely"];
const AUTH_PY = ["flask-login", "fastapi-users", "authlib", "pyjwt", "python-jose", "passlib", "bcrypt", "argon2-cffi", "django-allauth", "djangorestframework-simplejwt", "flask-jwt-extended"];
const AUTH_NODE = ["passport", "next-auth", "@auth/core", "jsonwebtoken", "jose", "bcrypt", "bcryptjs", "argon2", "express-session", "lucia", "@clerk/nextjs"];
const DEPLOY = /(^|\/)(Dockerfile|Containerfile|docker-compose[^/]*\.ya?ml|compose\.ya?ml|Procfile|fly\.toml|render\.yaml|app\.yaml|serverless\.ya?ml|vercel\.json|netlify\.toml)$|(^|\/)(k8s|kubernetes|helm|charts|deploy|terraform)\//;

export function repoProfile(paths: readonly string[], facts: RepoFacts): RepoProfile {
  const node = new Set(facts.nodeManifests.flatMap((m) => [...m.dependencies]));
  const has = (py: readonly string[], js: readonly string[]) => py.some((d) => facts.pythonDeclared.has(d)) || js.some((d) => node.has(d));
  const flag = (name: string) => facts.flags[name] === true;
  return {
    web: has(WEB_PY, WEB_NODE) || flag("has-health-endpoint") || flag("uses-cookie-sessions"),
    database: has(DB_PY, DB_NODE) || facts.primaryKeyTypes.size > 0 || flag("has-migrations"),
    auth: has(AUTH_PY, AUTH_NODE) || flag("uses-cookie-sessions") || paths.some((p) => /(^|\/)(auth|login|passwords?|accounts?)(\/|\.[a-z]+$)/i.test(p)),
    deployed: paths.some((p) => DEPLOY.test(p)),
  };
}

const QUESTIONS: ReadonlyArray<HumanQuestion & { when: (p: RepoProfile) => boolean }> = [
  {
    id: "password-rotation",
    topic: "Password and secret rotation",
    question: "What is the policy for password resets and changes, for rotating signing keys and API keys, and for revoking the sessions and tokens of a compromised account?",
    when: (p) => p.auth,
  },
  {
    id: "audit-log",
    topic: "Audit-log coverage",
    question: "Which actions must leave an audit trail (logins, permission changes, data exports, admin actions), with which fields (who, what, when, from where), kept how long, and reviewed by whom?",
    when: (p) => p.auth || p.database,
  },
  {
    id: "soft-delete",
    topic: "Soft delete and retention",
    question: "Must deleted records be recoverable (soft delete), and which retention and erasure rules (e.g. GDPR requests) apply to stored data?",
    when: (p) => p.database,
  },
  {
    id: "backups",
    topic: "Backups and restore",
    question: "How often is the data backed up, where do the backups live, and when was a restore last tested end to end?",
    when: (p) => p.database,
  },
  {
    id: "caching",
    topic: "Caching",
    question: "Which reads are hot enough to cache, how stale may each be, and what invalidates it?",
    when: (p) => p.web,
  },
  {
    id: "api-versioning",
    topic: "API versioning",
    question: "Who consumes the API besides your own frontend, and how are breaking changes versioned, announced and retired?",
    when: (p) => p.web,
  },
  {
    id: "load-testing",
    topic: "Load testing",
    question: "What load must the service sustain (requests per second, payload sizes, concurrent users), and has it been load-tested at that level?",
    when: (p) => p.web,
  },
  {
    id: "monitoring",
    topic: "Monitoring and alerting",
    question: "Which metrics, errors and latencies page someone, at which thresholds, and who is on call?",
    when: (p) => p.web || p.deployed,
  },
  {
    id: "runbooks",
    topic: "Runbooks",
    question: "Is there a runbook for deploying, rolling back and the likely incidents (database down, a third-party outage, a leaked secret)?",
    when: (p) => p.web || p.deployed,
  },
  {
    id: "data-classification",
    topic: "Sensitive data and compliance",
    question: "Which stored data is sensitive (personal, payment, health), and which compliance obligations apply to it?",
    when: (p) => p.database || p.auth,
  },
];

export function humanQuestions(profile: RepoProfile): HumanQuestion[] {
  return QUESTIONS.filter((q) => q.when(profile)).map(({ id, topic, question }) => ({ id, topic, question }));
}
