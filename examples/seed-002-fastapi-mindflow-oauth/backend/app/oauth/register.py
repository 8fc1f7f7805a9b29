"""OAuth 2.0 dynamic client registration (RFC 7591), public clients only."""
import secrets

from fastapi import APIRouter, Depends, Request, status
from pydantic import AnyHttpUrl, BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.database import get_db
from app.middleware.rate_limit import limiter
from app.oauth.models import OAuthClient

router = APIRouter(prefix="/oauth", tags=["oauth"])


class ClientRegistrationRequest(BaseModel):
    client_name: str = Field(min_length=1, max_length=200)
    redirect_uris: list[AnyHttpUrl] = Field(min_length=1, max_length=5)
    scope: str = Field("tasks:read", pattern=r"^(tasks:read|tasks:write)( (tasks:read|tasks:write))?$")


@router.post("/register", status_code=status.HTTP_201_CREATED)
@limiter.limit("10/hour")
async def register_client(
    request: Request, body: ClientRegistrationRequest, db: AsyncSession = Depends(get_db)
) -> dict:
    client = OAuthClient(
        client_id=secrets.token_urlsafe(24),
        client_name=body.client_name,
        redirect_uris=[str(u) for u in body.redirect_uris],
        scope=body.scope,
    )
    db.add(client)
    await db.commit()
    return {
        "client_id": client.client_id,
        "client_name": client.client_name,
        "redirect_uris": client.redirect_uris,
        "scope": client.scope,
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
    }
