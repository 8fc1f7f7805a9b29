"""Artifact endpoints: artifacts, versions, files and aliases."""
import hashlib
import uuid
from datetime import datetime
from typing import List, Optional
from uuid import UUID

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.orm import Session

from app.api.deps import get_current_user
from app.core.config import settings
from app.db.session import get_db
from app.models.artifact import Artifact, ArtifactAlias, ArtifactFile, ArtifactVersion
from app.models.project import Project
from app.models.user import User
from app.schemas.artifact import (
    AliasSetRequest,
    ArtifactCreate,
    ArtifactFileResponse,
    ArtifactResponse,
    ArtifactVersionCreate,
    ArtifactVersionResponse,
    FileReferenceRequest,
    FileUploadRequest,
    FileUploadResponse,
)
from app.services.storage_service import storage_service

router = APIRouter()


class ArtifactList(BaseModel):
    items: List[ArtifactResponse]
    total: int
    page: int
    page_size: int


def _check_project(db: Session, project_id: UUID, user: User) -> Project:
    project = db.query(Project).filter(Project.id == project_id).first()
    if not project or (project.visibility == "private" and project.created_by != user.id):
        raise HTTPException(status_code=404, detail="Not found")
    return project


def _get_artifact(db: Session, artifact_id: UUID, user: User) -> Artifact:
    artifact = db.query(Artifact).filter(Artifact.id == artifact_id).first()
    if not artifact:
        raise HTTPException(status_code=404, detail="Not found")
    _check_project(db, artifact.project_id, user)
    return artifact


def _get_version(db: Session, version_id: UUID, user: User) -> ArtifactVersion:
    version = db.query(ArtifactVersion).filter(ArtifactVersion.id == version_id).first()
    if not version:
        raise HTTPException(status_code=404, detail="Not found")
    _get_artifact(db, version.artifact_id, user)
    return version


@router.post("", response_model=ArtifactResponse, status_code=status.HTTP_201_CREATED)
def create_artifact(
    artifact_in: ArtifactCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    _check_project(db, artifact_in.project_id, current_user)
    artifact = Artifact(
        name=artifact_in.name,
        type=artifact_in.type,
        description=artifact_in.description,
        project_id=artifact_in.project_id,
        metadata_=artifact_in.metadata or {},
        tags=artifact_in.tags,
        created_by=current_user.id,
    )
    db.add(artifact)
    db.commit()
    db.refresh(artifact)
    return artifact


@router.get("", response_model=ArtifactList)
def list_artifacts(
    project_id: UUID,
    type: Optional[str] = Query(None),
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1, le=100),
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    _check_project(db, project_id, current_user)
    query = db.query(Artifact).filter(Artifact.project_id == project_id)
    if type:
        query = query.filter(Artifact.type == type)
    total = query.count()
    items = query.order_by(Artifact.created_at.desc()).offset((page - 1) * page_size).limit(page_size).all()
    return ArtifactList(items=items, total=total, page=page, page_size=page_size)


@router.get("/{artifact_id}", response_model=ArtifactResponse)
def get_artifact(
    artifact_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    return _get_artifact(db, artifact_id, current_user)


@router.post("/{artifact_id}/versions", response_model=ArtifactVersionResponse, status_code=status.HTTP_201_CREATED)
def create_version(
    artifact_id: UUID,
    version_in: ArtifactVersionCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    artifact = _get_artifact(db, artifact_id, current_user)
    next_version = (
        db.query(func.coalesce(func.max(ArtifactVersion.version), -1))
        .filter(ArtifactVersion.artifact_id == artifact.id)
        .scalar()
        + 1
    )
    version = ArtifactVersion(
        artifact_id=artifact.id,
        version=next_version,
        description=version_in.description,
        metadata_=version_in.metadata or {},
        run_id=version_in.run_id,
        created_by=current_user.id,
    )
    db.add(version)
    artifact.version_count = next_version + 1
    artifact.latest_version = next_version
    db.commit()
    db.refresh(version)
    return version


@router.post("/versions/{version_id}/files/upload-url", response_model=FileUploadResponse)
def get_file_upload_url(
    version_id: UUID,
    upload_in: FileUploadRequest,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    version = _get_version(db, version_id, current_user)
    if version.is_finalized:
        raise HTTPException(status_code=400, detail="Version is finalized")
    if upload_in.size > settings.MAX_UPLOAD_SIZE_BYTES:
        raise HTTPException(status_code=413, detail="File too large")

    storage_key = f"artifacts/{version.artifact_id}/{version.id}/{uuid.uuid4().hex}"
    artifact_file = ArtifactFile(
        version_id=version.id,
        path=upload_in.path,
        name=upload_in.path.rsplit("/", 1)[-1],
        size=upload_in.size,
        mime_type=upload_in.mime_type,
        storage_key=storage_key,
    )
    db.add(artifact_file)
    db.commit()
    db.refresh(artifact_file)
    return FileUploadResponse(
        file_id=artifact_file.id,
        upload_url=storage_service.get_presigned_upload_url(storage_key),
        storage_key=storage_key,
        expires_in=settings.PRESIGNED_URL_EXPIRE_SECONDS,
    )


@router.post("/versions/{version_id}/files/reference", response_model=ArtifactFileResponse)
def add_file_reference(
    version_id: UUID,
    reference_in: FileReferenceRequest,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    version = _get_version(db, version_id, current_user)
    if version.is_finalized:
        raise HTTPException(status_code=400, detail="Version is finalized")

    size = reference_in.size
    if size is None and reference_in.reference_uri.startswith(("http://", "https://")):
        # Resolve the size of the referenced object
        response = httpx.head(reference_in.reference_uri, timeout=10.0, follow_redirects=True)
        size = int(response.headers.get("content-length", 0))

    artifact_file = ArtifactFile(
        version_id=version.id,
        path=reference_in.path,
        name=reference_in.path.rsplit("/", 1)[-1],
        size=size or 0,
        md5_hash=reference_in.md5_hash,
        is_reference=True,
        reference_uri=reference_in.reference_uri,
    )
    db.add(artifact_file)
    db.commit()
    db.refresh(artifact_file)
    return artifact_file


@router.get("/versions/{version_id}/files", response_model=List[ArtifactFileResponse])
def list_files(
    version_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    version = _get_version(db, version_id, current_user)
    return version.files


@router.post("/versions/{version_id}/finalize", response_model=ArtifactVersionResponse)
def finalize_version(
    version_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    version = _get_version(db, version_id, current_user)
    if version.is_finalized:
        raise HTTPException(status_code=400, detail="Version is already finalized")
    digest = hashlib.sha256()
    for f in sorted(version.files, key=lambda f: f.path):
        digest.update(f"{f.path}:{f.md5_hash or ''}:{f.size}".encode())
    version.digest = digest.hexdigest()
    version.size = sum(f.size for f in version.files)
    version.file_count = len(version.files)
    version.is_finalized = True
    version.finalized_at = datetime.utcnow()
    db.commit()
    db.refresh(version)
    return version


@router.post("/versions/{version_id}/aliases", response_model=ArtifactVersionResponse)
def set_alias(
    version_id: UUID,
    alias_in: AliasSetRequest,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    version = _get_version(db, version_id, current_user)
    existing = (
        db.query(ArtifactAlias)
        .filter(ArtifactAlias.artifact_id == version.artifact_id, ArtifactAlias.alias == alias_in.alias)
        .first()
    )
    if existing:
        existing.version_id = version.id
    else:
        db.add(ArtifactAlias(artifact_id=version.artifact_id, version_id=version.id, alias=alias_in.alias))
    db.commit()
    db.refresh(version)
    return version
