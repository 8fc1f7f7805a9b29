"""Input sanitization and upload validation helpers."""
import os
import re
import unicodedata
from pathlib import Path

import magic

from app.config import settings

ALLOWED_MIME_TYPES = {
    ".py": {"text/x-python", "text/x-script.python", "text/plain"},
    ".ipynb": {"application/json", "text/plain"},
    ".csv": {"text/csv", "text/plain", "application/csv"},
    ".txt": {"text/plain"},
    ".md": {"text/markdown", "text/plain"},
    ".pdf": {"application/pdf"},
}

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]")


def sanitize_text(value: str, max_length: int = 10_000) -> str:
    """Normalize unicode, strip control characters and trim length."""
    value = unicodedata.normalize("NFKC", value)
    value = _CONTROL_CHARS.sub("", value)
    return value.strip()[:max_length]


def sanitize_filename(filename: str) -> str:
    """Drop any directory part and unsafe characters (prevents path traversal)."""
    name = os.path.basename(filename.replace("\\", "/"))
    name = _SAFE_FILENAME.sub("_", name).lstrip(".")
    return name[:200] or "upload"


def validate_extension(filename: str) -> str:
    ext = Path(filename).suffix.lower()
    if ext not in settings.ALLOWED_EXTENSIONS:
        raise ValueError(f"File type {ext or '(none)'} is not allowed")
    return ext


def validate_mime(content: bytes, ext: str) -> str:
    mime = magic.from_buffer(content[:4096], mime=True)
    if mime not in ALLOWED_MIME_TYPES.get(ext, set()):
        raise ValueError("File content does not match its extension")
    return mime


def safe_join(base_dir: str, *parts: str) -> str:
    """Join paths and make sure the result stays inside base_dir."""
    base = Path(base_dir).resolve()
    target = base.joinpath(*parts).resolve()
    if base != target and base not in target.parents:
        raise ValueError("Path escapes the upload directory")
    return str(target)
