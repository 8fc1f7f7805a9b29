"""Compose a lab report draft from a parsed upload."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Upload
from app.services.task_service import task_service

router = APIRouter(prefix="/api/compose", tags=["compose"])


class ComposeRequest(BaseModel):
    upload_id: int
    user_id: int
    sections: list[str] = Field(default_factory=lambda: ["introduction", "method", "results", "conclusion"], max_length=10)


@router.post("")
async def compose_report(request: ComposeRequest, db: Session = Depends(get_db)):
    upload = db.query(Upload).filter(Upload.id == request.upload_id).first()
    if upload is None or not upload.parsed_content:
        raise HTTPException(status_code=404, detail="Parsed upload not found")
    job = await task_service.submit(db, upload, job_type="compose", options={"sections": request.sections})
    return {"job_id": job.id, "status": job.status, "report": job.result}
