"""Assignment dashboard: a user's uploads with their job statistics."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Job, Upload, User

router = APIRouter(prefix="/api/assignments", tags=["assignments"])


class AssignmentSummary(BaseModel):
    upload_id: int
    title: Optional[str]
    filename: str
    total_jobs: int
    completed_jobs: int
    failed_jobs: int
    status: str


class AssignmentList(BaseModel):
    user_id: int
    assignments: List[AssignmentSummary]


@router.get("", response_model=AssignmentList)
def list_assignments(
    user_id: int = Query(...),
    limit: int = Query(20, ge=1, le=100),
    db: Session = Depends(get_db),
):
    user = db.query(User).filter(User.id == user_id).first()
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")

    uploads = (
        db.query(Upload)
        .filter(Upload.user_id == user.id)
        .order_by(Upload.created_at.desc())
        .limit(limit)
        .all()
    )

    summaries = []
    for upload in uploads:
        total_jobs = db.query(Job).filter(Job.upload_id == upload.id).count()
        completed_jobs = (
            db.query(Job).filter(Job.upload_id == upload.id).filter(Job.status == "completed").count()
        )
        failed_jobs = db.query(Job).filter(Job.upload_id == upload.id).filter(Job.status == "failed").count()
        if total_jobs == 0:
            status = "new"
        elif completed_jobs + failed_jobs < total_jobs:
            status = "processing"
        else:
            status = "done"
        summaries.append(
            AssignmentSummary(
                upload_id=upload.id,
                title=upload.assignment_title,
                filename=upload.original_filename,
                total_jobs=total_jobs,
                completed_jobs=completed_jobs,
                failed_jobs=failed_jobs,
                status=status,
            )
        )
    return AssignmentList(user_id=user.id, assignments=summaries)
