"""Sliding-window rate limiting backed by Redis (disabled unless RATE_LIMIT_ENABLED)."""
import time

import redis.asyncio as aioredis
from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse

from app.config import settings


class RateLimitMiddleware(BaseHTTPMiddleware):
    def __init__(self, app):
        super().__init__(app)
        self.redis = aioredis.from_url(settings.REDIS_URL) if settings.REDIS_URL else None

    async def dispatch(self, request: Request, call_next):
        if not settings.RATE_LIMIT_ENABLED or self.redis is None:
            return await call_next(request)

        client = request.client.host if request.client else "unknown"
        window = int(time.time() // 60)
        key = f"ratelimit:{client}:{window}"
        count = await self.redis.incr(key)
        if count == 1:
            await self.redis.expire(key, 60)
        if count > settings.RATE_LIMIT_PER_MINUTE:
            return JSONResponse(status_code=429, content={"detail": "Too many requests"})
        return await call_next(request)
