"""Parse an uploaded file into plain text for the AI pipeline."""
import json

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Upload

router = APIRouter(prefix="/api/parse", tags=["parse"])


def notebook_to_text(raw: str) -> str:
    nb = json.loads(raw)
    parts = []
    for cell in nb.get("cells", []):
        source = "".join(cell.get("source", []))
        parts.append(f"# [{cell.get('cell_type', 'code')}]\n{source}")
    return "\n\n".join(parts)


@router.post("/{upload_id}")
def parse_upload(upload_id: int, user_id: int, db: Session = Depends(get_db)):
    upload = db.query(Upload).filter(Upload.id == upload_id).first()
    if upload is None:
        raise HTTPException(status_code=404, detail="Upload not found")
    with open(upload.stored_path, encoding="utf-8", errors="replace") as fh:
        raw = fh.read()
    upload.parsed_content = notebook_to_text(raw) if upload.stored_path.endswith(".ipynb") else raw
    db.commit()
    return {"upload_id": upload.id, "characters": len(upload.parsed_content)}
