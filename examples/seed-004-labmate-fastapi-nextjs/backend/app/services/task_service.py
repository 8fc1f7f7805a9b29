"""AI task processing (analysis, grading, explanations, report composition)."""
import logging
from datetime import datetime
from typing import Any, Dict

from openai import OpenAI
from sqlalchemy.orm import Session

from app.config import settings
from app.models import Job, Upload
from app.services.executor_service import executor_service

logger = logging.getLogger(__name__)

MAX_CONTEXT_CHARS = 24_000

SYSTEM_PROMPT = (
    "You are LabMate, a teaching assistant for university programming labs. "
    "Be precise, cite line numbers, and never invent results that are not in the output."
)

TASK_PROMPTS = {
    "analyze": (
        "Review the following lab submission. List correctness problems, "
        "style issues and missing edge cases.\n\n{content}"
    ),
    "grade": (
        "Grade the following lab submission out of 100 using the rubric: correctness (50), "
        "code quality (30), documentation (20). The program output is included.\n\n"
        "Submission:\n{content}\n\nProgram output:\n{output}"
    ),
    "explain": (
        "Explain, step by step and for a first-year student, what the following code does.\n\n{content}"
    ),
    "compose": (
        "Write a lab report draft with the sections {sections} based on this submission.\n\n{content}"
    ),
}


class TaskService:
    """Runs AI jobs for uploads."""

    def __init__(self) -> None:
        self.client = OpenAI(api_key=settings.OPENAI_API_KEY) if settings.OPENAI_API_KEY else None

    def _build_prompt(self, job_type: str, upload: Upload, options: Dict[str, Any], output: str = "") -> str:
        template = TASK_PROMPTS[job_type]
        content = (upload.parsed_content or "")[:MAX_CONTEXT_CHARS]
        sections = ", ".join(options.get("sections", []))
        return template.format(content=content, output=output, sections=sections)

    def _call_model(self, prompt: str) -> str:
        if self.client is None:
            raise RuntimeError("OPENAI_API_KEY is not configured")
        response = self.client.chat.completions.create(
            model=settings.OPENAI_MODEL,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": prompt},
            ],
            temperature=0.2,
            timeout=120,
        )
        return response.choices[0].message.content or ""

    async def submit(self, db: Session, upload: Upload, job_type: str, options: Dict[str, Any]) -> Job:
        """Create a job for the upload and process it.

        The job row is committed first so that clients polling
        /api/tasks/{job_id} can see it while the model is running.
        """
        job = Job(upload_id=upload.id, job_type=job_type, status="pending")
        job.options = options
        db.add(job)
        db.commit()
        db.refresh(job)
        logger.info("Job %s created for upload %s (%s)", job.id, upload.id, job_type)

        await self._process_job(job.id, db)
        db.refresh(job)
        return job

    async def _process_job(self, job_id: int, db: Session) -> None:
        job = db.query(Job).filter(Job.id == job_id).first()
        if job is None:
            return
        job.status = "running"
        job.started_at = datetime.utcnow()
        db.commit()

        upload = job.upload
        options = getattr(job, "options", {}) or {}
        try:
            output = ""
            if job.job_type == "grade":
                run = executor_service.execute(upload.stored_path)
                output = run["stdout"] + run["stderr"]
            prompt = self._build_prompt(job.job_type, upload, options, output)
            job.result = self._call_model(prompt)
            job.status = "completed"
        except Exception as e:
            logger.exception("Job %s failed", job.id)
            job.status = "failed"
            job.error = str(e)
        finally:
            job.finished_at = datetime.utcnow()
            db.commit()


task_service = TaskService()
