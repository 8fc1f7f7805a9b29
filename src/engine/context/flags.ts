/**
 * Yes/no facts about the repository that rules test with `when:`. Each is
 * decided from the repository's paths and the text of its manifests and app
 * setup files.
 */
export interface FlagInput {
  paths: readonly string[];
  texts: ReadonlyArray<{ path: string; text: string }>;
}

export type FlagDetector = (input: FlagInput) => boolean;

const MANIFEST = /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|setup\.cfg|setup\.py|Pipfile|package\.json)$/;
const SETUP = /(^|\/)(app|main|server|index|wsgi|asgi|__init__|settings|config|extensions|middleware|_app|_document|layout|next\.config|security|limiter|auth)\.(py|[cm]?[jt]sx?)$/;
const ENTRY_HTML = /(^|\/)index\.html?$/;

export function isSetupCandidate(path: string): boolean {
  if (/(^|\/)(node_modules|\.venv|venv|dist|build|vendor)\//.test(path)) return false;
  return MANIFEST.test(path) || SETUP.test(path) || ENTRY_HTML.test(path);
}

const anyText = (input: FlagInput, re: RegExp): boolean => input.texts.some(({ text }) => re.test(text));

export const FLAG_DETECTORS: Record<string, FlagDetector> = {
  "has-csrf-protection": (i) =>
    anyText(i, /\b(CSRFProtect|CsrfProtect|csrf_protect|CSRFMiddleware|csurf|csrf-csrf|doubleCsrf|lusca\.csrf|@fastify\/csrf|flask[-_]wtf|fastapi[-_]csrf[-_]protect|starlette[-_]csrf)\b/i),
  "has-rate-limiter": (i) =>
    anyText(i, /\b(slowapi|flask[-_]limiter|Limiter\(|express-rate-limit|rateLimit\(|rate-limiter-flexible|@nestjs\/throttler|fastapi[-_]limiter)\b/i),
  "has-migrations": (i) =>
    i.paths.some((p) => /(^|\/)(alembic\.ini|alembic\/|migrations\/)/.test(p)) || anyText(i, /\b(alembic|flask[-_]migrate|Migrate\()\b/i),
  "sets-csp": (i) => anyText(i, /(Content-Security-Policy|contentSecurityPolicy|\bhelmet\b|\bTalisman\b|flask[-_]talisman|http-equiv=["']?Content-Security-Policy)/i),
  "has-error-boundary": (i) =>
    i.paths.some((p) => /(^|\/)(app|src\/app)\/(global-)?error\.[jt]sx?$/.test(p)) || anyText(i, /\b(ErrorBoundary|componentDidCatch|getDerivedStateFromError|react-error-boundary)\b/),
  "sets-max-content-length": (i) => anyText(i, /\bMAX_CONTENT_LENGTH\b/),
  "has-health-endpoint": (i) => anyText(i, /["'`]\/?(api\/)?(health|healthz|healthcheck|ready|readyz|livez|liveness|readiness|ping)["'`/]/i),
  "uses-cookie-sessions": (i) =>
    anyText(i, /\b(flask_login|flask-login|LoginManager|express-session|cookie-session|SessionMiddleware|set_cookie|session\[|req\.session|next-auth)\b/),
};
