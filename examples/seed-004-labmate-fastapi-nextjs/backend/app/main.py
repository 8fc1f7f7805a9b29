"""LabMate AI backend entry point."""
import logging
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import text

from app.config import settings
from app.database import SessionLocal
from app.middleware.rate_limit import RateLimitMiddleware
from app.monitoring import PerformanceMiddleware, monitor
from app.routers import analyze, assignments, basic_auth, compose, parse, run, tasks, upload

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("labmate")

app = FastAPI(title=settings.APP_NAME, version="0.9.0")

app.add_middleware(GZipMiddleware, minimum_size=1000)
app.add_middleware(PerformanceMiddleware)
app.add_middleware(RateLimitMiddleware)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.CORS_ORIGINS,
    allow_credentials=True,
    allow_methods=["GET", "POST", "PUT", "DELETE"],
    allow_headers=["Content-Type", "Authorization"],
)

app.include_router(basic_auth.router)
app.include_router(upload.router)
app.include_router(parse.router)
app.include_router(run.router)
app.include_router(compose.router)
app.include_router(assignments.router)
app.include_router(tasks.router)
app.include_router(analyze.router)


@app.on_event("startup")
def startup() -> None:
    os.makedirs(settings.UPLOAD_DIR, exist_ok=True)
    logger.info("LabMate AI started (%s)", settings.ENVIRONMENT)


@app.get("/")
def root():
    return {"name": settings.APP_NAME, "status": "running"}


@app.get("/metrics/summary")
def metrics_summary():
    return monitor.snapshot()


@app.get("/health")
def health():
    db = SessionLocal()
    try:
        db.execute(text("SELECT 1"))
        return {"status": "healthy", "database": "ok"}
    finally:
        db.close()
