"""AI task submission and status."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Job, Upload
from app.services.task_service import task_service

router = APIRouter(prefix="/api/tasks", tags=["tasks"])


@router.post("/submit")
async def submit_task(file_id: int, user_id: int, task_type: str = "analyze", db: Session = Depends(get_db)):
    """Submit an AI task (analyze / grade / explain) for an uploaded file."""
    if task_type not in {"analyze", "grade", "explain"}:
        raise HTTPException(status_code=400, detail="Unknown task type")

    upload = db.query(Upload).filter(Upload.id == file_id).first()

    print(f"DEBUG: submit_task called with file_id={file_id}, user_id={user_id}, task_type={task_type}")
    if upload is None:
        print(f"DEBUG: upload {file_id} not found")
        raise HTTPException(status_code=404, detail="File not found")
    print(f"DEBUG: found upload {upload.id} at {upload.stored_path}")
    print(f"DEBUG: parsed_content length={len(upload.parsed_content or '')}")

    if not upload.parsed_content:
        print("DEBUG: upload has no parsed content, reading raw file")
        with open(upload.stored_path, encoding="utf-8", errors="replace") as fh:
            upload.parsed_content = fh.read()
        db.commit()

    print(f"DEBUG: submitting {task_type} job")
    print(f"DEBUG: options={{'task_type': '{task_type}'}}")

    try:
        job = await task_service.submit(db, upload, job_type=task_type, options={})
        return {
            "job_id": job.id,
            "status": job.status,
            "result": job.result,
        }
    except HTTPException:
        raise
    except Exception as e:
        import traceback

        traceback.print_exc()
        raise HTTPException(
            status_code=500,
            detail=f"Task submission failed: {str(e)}",
        )


@router.get("/{job_id}")
def get_task(job_id: int, db: Session = Depends(get_db)):
    job = db.query(Job).filter(Job.id == job_id).first()
    if job is None:
        raise HTTPException(status_code=404, detail="Task not found")
    return {"job_id": job.id, "status": job.status, "result": job.result, "error": job.error}
