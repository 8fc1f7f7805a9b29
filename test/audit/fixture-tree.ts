/**
 * A small Flask service for the audit tests: a hard-coded secret fallback
 * (critical), debug mode on (high), leftover prints and a swallowed exception
 * (medium); and practices done well: CSRF protection, a rate limiter,
 * migrations, a health endpoint, a non-root container with a pinned image,
 * pinned requirements and tests. Structured logging is declared, but the
 * prints keep it out of "done well".
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const FIXTURE_FILES: Record<string, string> = {
  "app.py": `import os

import structlog
from flask import Flask, jsonify, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from shop.services.orders import place_order

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "dev-secret-do-not-use")
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
csrf = CSRFProtect(app)
limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])
log = structlog.get_logger()


@app.after_request
def add_request_id(response):
    response.headers["X-Request-ID"] = request.headers.get("X-Request-ID", "")
    return response


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/orders")
@limiter.limit("10/minute")
def create_order():
    session["last_order"] = place_order(request.get_json(silent=True) or {})
    return jsonify(ok=True), 201


if __name__ == "__main__":
    app.run(debug=True)
`,
  "shop/__init__.py": "",
  "shop/services/__init__.py": "",
  "shop/services/orders.py": `import structlog

log = structlog.get_logger()


def place_order(payload: dict) -> str:
    print("placing order", payload)
    try:
        total = sum(item["price"] for item in payload.get("items", []))
    except Exception:
        pass
    print("done")
    return "order-1"
`,
  "requirements.txt": "flask==3.0.3\nflask-wtf==1.2.1\nflask-limiter==3.8.0\nstructlog==24.4.0\nsqlalchemy==2.0.35\nalembic==1.13.3\n",
  "migrations/env.py": "from alembic import context\n\nconfig = context.config\n",
  "Dockerfile": "FROM python:3.12.7-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nRUN useradd --create-home app\nUSER app\nCMD [\"gunicorn\", \"app:app\"]\n",
  "tests/test_orders.py": "from shop.services.orders import place_order\n\n\ndef test_place_order():\n    assert place_order({}) == \"order-1\"\n",
  "README.md": "# shop\n\nA small order service.\n",
};

/** The fixture written to a fresh temporary folder. */
export function writeFixture(files: Record<string, string> = FIXTURE_FILES): string {
  const dir = mkdtempSync(join(tmpdir(), "taxon-audit-fixture-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
