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
/** Where static hosts and proxies set response headers such as a CSP. */
const SERVER_CONFIG = /(^|\/)(nginx\.conf|[^/]+\.nginx\.conf|vercel\.json|netlify\.toml|_headers|firebase\.json|staticwebapp\.config\.json|Caddyfile|\.htaccess)$/;

export function isSetupCandidate(path: string): boolean {
  if (/(^|\/)(node_modules|\.venv|venv|dist|build|vendor)\//.test(path)) return false;
  return MANIFEST.test(path) || SETUP.test(path) || ENTRY_HTML.test(path) || SERVER_CONFIG.test(path);
}

const anyText = (input: FlagInput, re: RegExp): boolean => input.texts.some(({ text }) => re.test(text));

export const FLAG_DETECTORS: Record<string, FlagDetector> = {
  "has-request-id": (i) =>
    anyText(i, /(x-request-id|(?<!missing-)request[_-]?id|correlation[_-]?id|asgi[-_]correlation[-_]id|flask[-_]request[-_]id|express-request-id|genReqId|traceparent)/i),
  "has-csrf-protection": (i) =>
    anyText(i, /\b(CSRFProtect|CsrfProtect|csrf_protect|CSRFMiddleware|csurf|csrf-csrf|doubleCsrf|lusca\.csrf|@fastify\/csrf|flask[-_]wtf|fastapi[-_]csrf[-_]protect|starlette[-_]csrf)\b/i),
  "has-rate-limiter": (i) =>
    anyText(i, /\b(slowapi|flask[-_]limiter|Limiter\(|express-rate-limit|rateLimit\(|rate-limiter-flexible|@nestjs\/throttler|fastapi[-_]limiter)\b/i),
  "has-migrations": (i) =>
    i.paths.some((p) => /(^|\/)(alembic\.ini|alembic\/|migrations\/)/.test(p)) || anyText(i, /\b(alembic|flask[-_]migrate|Migrate\()\b/i),
  "sets-csp": (i) => anyText(i, /(Content-Security-Policy|contentSecurityPolicy|\bhelmet\b|\bTalisman\b|flask[-_]talisman|http-equiv=["']?Content-Security-Policy)/i),
  "has-error-boundary": (i) =>
    i.paths.some((p) => /(^|\/)(app|src\/app)\/(global-)?error\.[jt]sx?$|(^|\/)[^/]*error-?boundary[^/]*\.[jt]sx?$/i.test(p)) ||
    anyText(i, /(ErrorBoundary\b|\bcomponentDidCatch\b|\bgetDerivedStateFromError\b|\breact-error-boundary\b)/),
  "sets-max-content-length": (i) => anyText(i, /\bMAX_CONTENT_LENGTH\b/),
  "limits-image-pixels": (i) =>
    anyText(i, /\bMAX_IMAGE_PIXELS\s*=\s*(?!None\b)[\w(]|simplefilter\(\s*["']error["']\s*,\s*(\w+\.)*DecompressionBombWarning/),
  "sets-rate-limit-storage": (i) => anyText(i, /\bRATELIMIT_STORAGE_UR[IL]\b/),
  "has-health-endpoint": (i) =>
    i.paths.some((p) => /(^|\/)health(z|check|_check|-check|checks)?(\/|\.(py|[cm]?[jt]s)$)/i.test(p)) ||
    anyText(i, /["'`](?:\/[\w.{}:<>-]+)*\/(?:health|healthz|healthcheck|health-check|health_check|readyz?|livez?|liveness|readiness|ping)["'`/?]|["'`](?:health|healthz|healthcheck)["'`/]|\b(createTerminus|express-actuator|fastapi[-_]health|flask[-_]healthz|HealthCheckModule|TerminusModule)\b/i),
  "uses-cookie-sessions": (i) =>
    anyText(i, /\b(flask_login|flask-login|LoginManager|express-session|cookie-session|SessionMiddleware|set_cookie|req\.session|next-auth)\b|\bsession\[/),
  /** A server-side (Python) HTML sanitizer is a dependency or is used in the app: bleach, nh3, html-sanitizer. */
  "has-python-html-sanitizer": (i) => anyText(i, /\b(bleach|nh3|html[-_]sanitizer|lxml[-_]html[-_]clean)\b/i),
};
