"""Shared fixtures: in-memory SQLite database, test client, a test user and an OAuth client."""
import os

os.environ.setdefault("DATABASE_URL", "sqlite+aiosqlite:///:memory:")
os.environ.setdefault("JWT_SECRET_KEY", "test-only-secret-key-not-used-in-production")

from datetime import datetime, timedelta, timezone  # noqa: E402

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.auth.security import create_access_token, hash_password  # noqa: E402
from app.db.database import AsyncSessionLocal, Base, engine  # noqa: E402
from app.db.models import User  # noqa: E402
from app.main import app  # noqa: E402
from app.oauth.models import OAuthAuthorizationCode, OAuthClient  # noqa: E402


@pytest.fixture(autouse=True)
async def database():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)


@pytest.fixture
def client():
    return TestClient(app)


@pytest.fixture
async def test_user():
    async with AsyncSessionLocal() as session:
        user = User(email="alice@example.com", password_hash=hash_password("correct horse battery"))
        session.add(user)
        await session.commit()
        await session.refresh(user)
        return user


@pytest.fixture
async def other_user():
    async with AsyncSessionLocal() as session:
        user = User(email="bob@example.com", password_hash=hash_password("another long password"))
        session.add(user)
        await session.commit()
        await session.refresh(user)
        return user


@pytest.fixture
def auth_headers(test_user):
    return {"Authorization": f"Bearer {create_access_token(str(test_user.id))}"}


@pytest.fixture
async def oauth_client():
    async with AsyncSessionLocal() as session:
        client = OAuthClient(client_id="test-client", client_name="Test", redirect_uris=["https://app.test/cb"])
        session.add(client)
        await session.commit()
        return client


@pytest.fixture
async def oauth_code(test_user, oauth_client):
    oauth_data = {
        "code": "test-code",
        "client_id": oauth_client.client_id,
        "user_id": hash(str(test_user.id)),  # OAuth tables use Integer user ids
        "redirect_uri": "https://app.test/cb",
        "scope": "tasks:read",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "expires_at": datetime.now(timezone.utc) + timedelta(minutes=10),
    }
    async with AsyncSessionLocal() as session:
        session.add(OAuthAuthorizationCode(**oauth_data))
        await session.commit()
    return oauth_data
