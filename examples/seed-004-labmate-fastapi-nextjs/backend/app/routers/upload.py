"""File upload endpoint."""
import logging
import uuid

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from sqlalchemy.orm import Session

from app.config import settings
from app.database import get_db
from app.models import Upload, User
from app.security.validators import safe_join, sanitize_filename, sanitize_text, validate_extension, validate_mime

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/upload", tags=["upload"])


@router.post("")
def upload_file(
    user_id: int = Form(...),
    assignment_title: str = Form("", max_length=255),
    file: UploadFile = File(...),
    db: Session = Depends(get_db),
):
    user = db.query(User).filter(User.id == user_id).first()
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")

    filename = sanitize_filename(file.filename or "upload")
    try:
        ext = validate_extension(filename)
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e))

    content = file.file.read(settings.MAX_UPLOAD_SIZE_MB * 1024 * 1024 + 1)
    if len(content) > settings.MAX_UPLOAD_SIZE_MB * 1024 * 1024:
        raise HTTPException(status_code=413, detail=f"File exceeds {settings.MAX_UPLOAD_SIZE_MB}MB")
    try:
        mime = validate_mime(content, ext)
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e))

    stored_name = f"{uuid.uuid4().hex}{ext}"
    path = safe_join(settings.UPLOAD_DIR, str(user.id), stored_name)
    with open(path, "wb") as fh:
        fh.write(content)

    upload = Upload(
        user_id=user.id,
        original_filename=filename,
        stored_path=path,
        content_type=mime,
        size_bytes=len(content),
        assignment_title=sanitize_text(assignment_title, max_length=255) or None,
    )
    db.add(upload)
    db.commit()
    db.refresh(upload)
    logger.info("Upload stored: upload_id=%s user_id=%s size=%s", upload.id, user.id, len(content))
    return {"upload_id": upload.id, "filename": filename, "size": len(content)}
