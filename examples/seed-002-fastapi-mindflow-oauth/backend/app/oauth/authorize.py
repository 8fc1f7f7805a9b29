"""OAuth 2.1 authorization endpoint (authorization code + PKCE)."""
import html
import secrets
import time
from datetime import datetime, timedelta, timezone
from typing import Optional
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Form, HTTPException, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import settings
from app.db.database import get_db
from app.db.models import User
from app.logging_config import get_logger
from app.oauth.models import OAuthAuthorizationCode, OAuthClient

router = APIRouter(prefix="/oauth", tags=["oauth"])
logger = get_logger(__name__)

CSRF_TOKEN_TTL_SECONDS = 600
csrf_tokens = {}  # token -> expiry timestamp


async def get_optional_user(
    user_id: Optional[str] = Query(None), db: AsyncSession = Depends(get_db)
) -> Optional[User]:
    """Get user from query parameter (temporary hack for testing)"""
    if not user_id:
        return None
    try:
        return await db.get(User, UUID(user_id))
    except ValueError:
        return None


async def _load_client(db: AsyncSession, client_id: str, redirect_uri: str) -> OAuthClient:
    result = await db.execute(select(OAuthClient).where(OAuthClient.client_id == client_id))
    client = result.scalar_one_or_none()
    if client is None:
        raise HTTPException(status_code=400, detail="Unknown client_id")
    if redirect_uri not in client.redirect_uris:
        raise HTTPException(status_code=400, detail="redirect_uri is not registered for this client")
    return client


def _consent_page(client: OAuthClient, params: dict, csrf_token: str) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
    )
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Authorize {html.escape(client.client_name)}</title></head>
<body>
  <h1>{html.escape(client.client_name)} wants to access your MindFlow account</h1>
  <p>Requested scopes: {html.escape(params["scope"])}</p>
  <form method="post" action="/oauth/authorize">
    {hidden}
    <input type="hidden" name="csrf_token" value="{html.escape(csrf_token)}">
    <button type="submit" name="approve" value="yes">Allow</button>
    <button type="submit" name="approve" value="no">Deny</button>
  </form>
</body></html>"""


@router.get("/authorize", response_class=HTMLResponse)
async def authorize_get(
    client_id: str = Query(...),
    redirect_uri: str = Query(...),
    response_type: str = Query(...),
    code_challenge: str = Query(..., min_length=43, max_length=128),
    code_challenge_method: str = Query("S256"),
    scope: str = Query("tasks:read"),
    state: str = Query("", max_length=500),
    user: Optional[User] = Depends(get_optional_user),
    db: AsyncSession = Depends(get_db),
) -> HTMLResponse:
    client = await _load_client(db, client_id, redirect_uri)
    if response_type != "code":
        raise HTTPException(status_code=400, detail="unsupported_response_type")
    if code_challenge_method != "S256":
        raise HTTPException(status_code=400, detail="Only S256 code challenges are supported")
    if user is None:
        return HTMLResponse("<p>Please log in to MindFlow to continue.</p>", status_code=401)

    csrf_token = secrets.token_urlsafe(32)
    csrf_tokens[csrf_token] = time.time() + CSRF_TOKEN_TTL_SECONDS
    params = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": code_challenge,
        "scope": scope,
        "state": state,
        "user_id": str(user.id),
    }
    return HTMLResponse(_consent_page(client, params, csrf_token))


@router.post("/authorize")
async def authorize_post(
    csrf_token: str = Form(...),
    client_id: str = Form(...),
    redirect_uri: str = Form(...),
    code_challenge: str = Form(...),
    scope: str = Form(...),
    state: str = Form(""),
    approve: str = Form(...),
    user: Optional[User] = Depends(get_optional_user),
    db: AsyncSession = Depends(get_db),
) -> RedirectResponse:
    if csrf_token not in csrf_tokens:
        raise HTTPException(status_code=400, detail="Invalid CSRF token")
    expires = csrf_tokens.pop(csrf_token)
    if expires < time.time():
        raise HTTPException(status_code=400, detail="Invalid CSRF token")

    await _load_client(db, client_id, redirect_uri)
    if approve != "yes":
        query = urlencode({"error": "access_denied", "state": state})
        return RedirectResponse(f"{redirect_uri}?{query}", status_code=302)
    if user is None:
        raise HTTPException(status_code=401, detail="Login required")

    code = secrets.token_urlsafe(32)
    db.add(
        OAuthAuthorizationCode(
            code=code,
            client_id=client_id,
            user_id=user.id,
            redirect_uri=redirect_uri,
            scope=scope,
            code_challenge=code_challenge,
            code_challenge_method="S256",
            expires_at=datetime.now(timezone.utc) + timedelta(seconds=settings.oauth_code_ttl_seconds),
        )
    )
    await db.commit()
    logger.info("oauth_code_issued", client_id=client_id)
    return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}", status_code=302)
