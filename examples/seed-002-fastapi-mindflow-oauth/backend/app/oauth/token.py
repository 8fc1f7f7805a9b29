"""OAuth 2.1 token endpoint: PKCE-verified code exchange and refresh, RS256 tokens."""
import base64
import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from jose import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import settings
from app.db.database import get_db
from app.middleware.rate_limit import limiter
from app.oauth.models import OAuthAuthorizationCode, OAuthRefreshToken

router = APIRouter(prefix="/oauth", tags=["oauth"])

REFRESH_TOKEN_TTL = timedelta(days=30)


@lru_cache
def _private_key() -> str:
    return Path(settings.oauth_private_key_path).read_text()


def verify_pkce(code_verifier: str, code_challenge: str) -> bool:
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return secrets.compare_digest(expected, code_challenge)


def _issue_tokens(user_id: int, client_id: str, scope: str) -> tuple[str, str, OAuthRefreshToken]:
    now = datetime.now(timezone.utc)
    claims = {
        "iss": settings.oauth_issuer,
        "sub": str(user_id),
        "aud": client_id,
        "scope": scope,
        "iat": now,
        "exp": now + timedelta(seconds=settings.oauth_access_token_ttl_seconds),
    }
    access_token = jwt.encode(claims, _private_key(), algorithm="RS256")
    refresh_token = secrets.token_urlsafe(48)
    record = OAuthRefreshToken(
        token_hash=hashlib.sha256(refresh_token.encode()).hexdigest(),
        client_id=client_id,
        user_id=user_id,
        scope=scope,
        expires_at=now + REFRESH_TOKEN_TTL,
    )
    return access_token, refresh_token, record


@router.post("/token")
@limiter.limit("20/minute")
async def token(
    request: Request,
    grant_type: str = Form(...),
    client_id: str = Form(...),
    code: str | None = Form(None),
    redirect_uri: str | None = Form(None),
    code_verifier: str | None = Form(None),
    refresh_token: str | None = Form(None),
    db: AsyncSession = Depends(get_db),
) -> dict:
    if grant_type == "authorization_code":
        if not code or not code_verifier or not redirect_uri:
            raise HTTPException(status_code=400, detail="invalid_request")
        result = await db.execute(select(OAuthAuthorizationCode).where(OAuthAuthorizationCode.code == code))
        auth_code = result.scalar_one_or_none()
        if (
            auth_code is None
            or auth_code.used
            or auth_code.client_id != client_id
            or auth_code.redirect_uri != redirect_uri
            or auth_code.expires_at < datetime.now(timezone.utc)
            or not verify_pkce(code_verifier, auth_code.code_challenge)
        ):
            raise HTTPException(status_code=400, detail="invalid_grant")
        auth_code.used = True
        user_id, scope = auth_code.user_id, auth_code.scope
    elif grant_type == "refresh_token":
        if not refresh_token:
            raise HTTPException(status_code=400, detail="invalid_request")
        token_hash = hashlib.sha256(refresh_token.encode()).hexdigest()
        result = await db.execute(select(OAuthRefreshToken).where(OAuthRefreshToken.token_hash == token_hash))
        stored = result.scalar_one_or_none()
        if stored is None or stored.revoked or stored.client_id != client_id or stored.expires_at < datetime.now(timezone.utc):
            raise HTTPException(status_code=400, detail="invalid_grant")
        stored.revoked = True  # rotation
        user_id, scope = stored.user_id, stored.scope
    else:
        raise HTTPException(status_code=400, detail="unsupported_grant_type")

    access_token, new_refresh_token, record = _issue_tokens(user_id, client_id, scope)
    db.add(record)
    await db.commit()
    return {
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": settings.oauth_access_token_ttl_seconds,
        "refresh_token": new_refresh_token,
        "scope": scope,
    }
