"""Artifact request/response schemas."""
from datetime import datetime
from typing import Any, Dict, List, Optional
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class ArtifactCreate(BaseModel):
    name: str = Field(..., min_length=1, max_length=255)
    type: str = Field(..., pattern=r"^(model|dataset|file|code)$")
    description: Optional[str] = Field(None, max_length=5000)
    project_id: UUID
    metadata: Optional[Dict[str, Any]] = None
    tags: List[str] = Field(default_factory=list)


class ArtifactResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    name: str
    type: str
    description: Optional[str]
    project_id: UUID
    tags: List[str]
    version_count: int
    latest_version: Optional[int]
    created_at: datetime


class ArtifactVersionCreate(BaseModel):
    description: Optional[str] = Field(None, max_length=5000)
    metadata: Optional[Dict[str, Any]] = None
    run_id: Optional[UUID] = None
    aliases: List[str] = Field(default_factory=list)


class ArtifactVersionResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    artifact_id: UUID
    version: int
    digest: Optional[str]
    size: int
    file_count: int
    is_finalized: bool
    created_at: datetime


class FileUploadRequest(BaseModel):
    path: str = Field(..., min_length=1, max_length=1024)
    size: int = Field(..., ge=0)
    mime_type: Optional[str] = None


class FileUploadResponse(BaseModel):
    file_id: UUID
    upload_url: str
    storage_key: str
    expires_in: int


class FileReferenceRequest(BaseModel):
    path: str = Field(..., min_length=1, max_length=1024)
    reference_uri: str = Field(..., max_length=2048, pattern=r"^(s3|gs|https?)://.+")
    size: Optional[int] = Field(None, ge=0)
    md5_hash: Optional[str] = None


class ArtifactFileResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    path: str
    name: str
    size: int
    is_reference: bool
    reference_uri: Optional[str]
    created_at: datetime


class AliasSetRequest(BaseModel):
    alias: str = Field(..., min_length=1, max_length=100, pattern=r"^[a-zA-Z0-9_.-]+$")
