"""Password hashing and first-party access tokens."""
from datetime import datetime, timedelta, timezone

import bcrypt
from jose import JWTError, jwt

from app.config import settings

BCRYPT_ROUNDS = 12

# Used when the user does not exist so that login takes the same time either way.
_DUMMY_HASH = bcrypt.hashpw(b"mindflow-timing-equalizer", bcrypt.gensalt(rounds=BCRYPT_ROUNDS))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-time check; always runs bcrypt even when there is no user."""
    candidate = password_hash.encode() if password_hash else _DUMMY_HASH
    matches = bcrypt.checkpw(password.encode(), candidate)
    return matches and password_hash is not None


def create_access_token(user_id: str) -> str:
    expire = datetime.now(timezone.utc) + timedelta(minutes=settings.access_token_expire_minutes)
    payload = {"sub": user_id, "exp": expire, "type": "access"}
    return jwt.encode(payload, settings.jwt_secret_key, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> dict | None:
    try:
        payload = jwt.decode(token, settings.jwt_secret_key, algorithms=[settings.jwt_algorithm])
    except JWTError:
        return None
    if payload.get("type") != "access":
        return None
    return payload
