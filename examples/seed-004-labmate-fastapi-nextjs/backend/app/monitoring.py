"""Request timing and simple in-process performance metrics."""
import logging
import time
from collections import deque
from statistics import mean

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware

logger = logging.getLogger("labmate.monitoring")

SLOW_REQUEST_SECONDS = 2.0


class PerformanceMonitor:
    def __init__(self, window: int = 1000):
        self.durations = deque(maxlen=window)
        self.errors = 0
        self.requests = 0

    def record(self, duration: float, status_code: int) -> None:
        self.requests += 1
        self.durations.append(duration)
        if status_code >= 500:
            self.errors += 1

    def snapshot(self) -> dict:
        durations = sorted(self.durations)
        p95 = durations[int(len(durations) * 0.95) - 1] if durations else 0.0
        return {
            "requests": self.requests,
            "errors": self.errors,
            "avg_ms": round(mean(durations) * 1000, 1) if durations else 0.0,
            "p95_ms": round(p95 * 1000, 1),
        }


monitor = PerformanceMonitor()


class PerformanceMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        duration = time.perf_counter() - start
        monitor.record(duration, response.status_code)
        if duration > SLOW_REQUEST_SECONDS:
            logger.warning("slow request %s %s took %.2fs", request.method, request.url.path, duration)
        response.headers["X-Process-Time"] = f"{duration:.3f}"
        return response
