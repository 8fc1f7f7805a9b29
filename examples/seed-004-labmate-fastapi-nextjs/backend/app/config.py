"""Application settings (environment variables / .env)."""
from typing import List, Optional

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    APP_NAME: str = "LabMate AI"
    ENVIRONMENT: str = "development"

    DATABASE_URL: str
    DB_POOL_SIZE: int = 20
    DB_MAX_OVERFLOW: int = 40

    REDIS_URL: Optional[str] = None  # caching is optional

    OPENAI_API_KEY: Optional[str] = None
    OPENAI_MODEL: str = "gpt-4o-mini"

    BETA_ACCESS_KEY: Optional[str] = None

    CORS_ORIGINS: List[str] = ["http://localhost:3000"]

    UPLOAD_DIR: str = "/data/uploads"
    MAX_UPLOAD_SIZE_MB: int = 20
    ALLOWED_EXTENSIONS: List[str] = [".py", ".ipynb", ".csv", ".txt", ".md", ".pdf"]

    USE_DOCKER_EXECUTOR: bool = True
    EXECUTOR_IMAGE: str = "python:3.11-slim"

    MAX_FAILED_LOGINS: int = 5
    LOCKOUT_MINUTES: int = 15

    RATE_LIMIT_ENABLED: bool = False
    RATE_LIMIT_PER_MINUTE: int = 60


settings = Settings()
