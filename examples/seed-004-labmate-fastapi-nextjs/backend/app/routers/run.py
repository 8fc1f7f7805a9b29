"""Execute the code in an upload and return its output."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Upload
from app.services.executor_service import executor_service

router = APIRouter(prefix="/api/run", tags=["run"])


@router.post("/{upload_id}")
def run_upload(
    upload_id: int,
    user_id: int,
    db: Session = Depends(get_db),
):
    upload = db.query(Upload).filter(Upload.id == upload_id).first()
    if upload is None:
        raise HTTPException(status_code=404, detail="Upload not found")
    if not upload.stored_path.endswith((".py", ".ipynb")):
        raise HTTPException(status_code=400, detail="Only Python files and notebooks can be run")
    result = executor_service.execute(upload.stored_path)
    return {"upload_id": upload.id, **result}
