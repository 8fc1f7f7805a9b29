"""Quick static analysis of an uploaded notebook or script (no AI)."""
import ast

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Upload

router = APIRouter(prefix="/api/analyze", tags=["analyze"])


def summarize_python(source: str) -> dict:
    tree = ast.parse(source)
    functions = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    imports = sorted(
        {alias.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
        | {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    )
    return {"functions": functions, "imports": imports, "lines": source.count("\n") + 1}


@router.get("/{upload_id}")
def analyze_upload(upload_id: int, user_id: int, db: Session = Depends(get_db)):
    upload = db.query(Upload).filter(Upload.id == upload_id).first()
    if upload is None:
        raise HTTPException(status_code=404, detail="Upload not found")
    if not upload.parsed_content:
        raise HTTPException(status_code=400, detail="Upload has not been parsed yet")

    try:
        summary = summarize_python(upload.parsed_content)
    except SyntaxError as e:
        return {"upload_id": upload.id, "valid_python": False, "error_line": e.lineno}

    print(f"Analyzing upload {upload.id} for user {user_id}")
    print(f"Found {len(summary['functions'])} functions")
    print(f"Imports: {summary['imports']}")
    print(f"Lines: {summary['lines']}")
    return {"upload_id": upload.id, "valid_python": True, **summary}
