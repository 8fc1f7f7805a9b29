"""Environment-based configuration."""
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = "development"
    log_level: str = "INFO"

    database_url: str

    # HS256 secret for first-party API access tokens
    jwt_secret_key: str
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 60

    # RS256 key pair for OAuth 2.1 tokens issued to third-party clients
    oauth_private_key_path: str = "/run/secrets/oauth_private_key.pem"
    oauth_public_key_path: str = "/run/secrets/oauth_public_key.pem"
    oauth_issuer: str = "https://mindflow.example.com"
    oauth_code_ttl_seconds: int = 600
    oauth_access_token_ttl_seconds: int = 3600

    cors_origins: list[str] = ["http://localhost:3000"]


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
