"""Rate limiting (slowapi)."""
from fastapi import Request
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from starlette.responses import JSONResponse


def get_remote_address_safe(request: Request) -> str:
    """Client address as seen by uvicorn (proxy headers are resolved by --proxy-headers)."""
    if request.client and request.client.host:
        return request.client.host
    return "unknown"


limiter = Limiter(
    key_func=get_remote_address_safe,
    storage_uri="memory://",
    default_limits=["200/minute"],
    headers_enabled=True,
)


async def rate_limit_exceeded_handler(request: Request, exc: RateLimitExceeded) -> JSONResponse:
    return JSONResponse(status_code=429, content={"detail": "Too many requests"})
