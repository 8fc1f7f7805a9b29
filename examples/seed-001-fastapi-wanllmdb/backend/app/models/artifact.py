"""Artifact models: artifacts, their versions, files and aliases.

An *artifact* is a named, typed collection (dataset, model, ...). Every time
an artifact is logged a new immutable *version* is created. Versions are made
of *files* which either live in object storage (MinIO) or reference external
storage (s3://, gs://, https://). *Aliases* ("latest", "production", ...) are
movable pointers to a version.
"""
import uuid

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import UUID as PGUUID
from sqlalchemy.orm import relationship
from sqlalchemy.sql import func

from app.db.session import Base


class Artifact(Base):
    """A named, typed artifact belonging to a project."""

    __tablename__ = "artifacts"

    id = Column(PGUUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name = Column(String(255), nullable=False, index=True)
    type = Column(String(50), nullable=False, index=True)  # model, dataset, file, code
    description = Column(Text, nullable=True)

    project_id = Column(
        PGUUID(as_uuid=True),
        ForeignKey("projects.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    created_by = Column(PGUUID(as_uuid=True), ForeignKey("users.id"), nullable=False)

    metadata_ = Column("metadata", JSON, nullable=True, default=dict)
    tags = Column(JSON, default=list, nullable=False)

    version_count = Column(Integer, default=0, nullable=False)
    latest_version = Column(Integer, nullable=True)

    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    updated_at = Column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    project = relationship("Project", back_populates="artifacts")
    versions = relationship(
        "ArtifactVersion",
        back_populates="artifact",
        cascade="all, delete-orphan",
        order_by="ArtifactVersion.version",
    )
    aliases = relationship("ArtifactAlias", back_populates="artifact", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Artifact {self.name}:{self.type}>"


class ArtifactVersion(Base):
    """An immutable version of an artifact (v0, v1, ...)."""

    __tablename__ = "artifact_versions"

    id = Column(PGUUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    artifact_id = Column(
        PGUUID(as_uuid=True),
        ForeignKey("artifacts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    version = Column(Integer, nullable=False)
    digest = Column(String(64), nullable=True, index=True)
    description = Column(Text, nullable=True)

    metadata_ = Column("metadata", JSON, nullable=True, default=dict)

    size = Column(BigInteger, default=0, nullable=False)
    file_count = Column(Integer, default=0, nullable=False)
    is_finalized = Column(Boolean, default=False, nullable=False)

    run_id = Column(PGUUID(as_uuid=True), ForeignKey("runs.id", ondelete="SET NULL"), nullable=True)
    created_by = Column(PGUUID(as_uuid=True), ForeignKey("users.id"), nullable=False)

    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    finalized_at = Column(DateTime(timezone=True), nullable=True)

    artifact = relationship("Artifact", back_populates="versions")
    files = relationship("ArtifactFile", back_populates="version", cascade="all, delete-orphan")
    aliases = relationship("ArtifactAlias", back_populates="version")

    @property
    def version_label(self) -> str:
        return f"v{self.version}"


class ArtifactFile(Base):
    """A file inside an artifact version, stored in MinIO or referenced externally."""

    __tablename__ = "artifact_files"

    id = Column(PGUUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    version_id = Column(
        PGUUID(as_uuid=True),
        ForeignKey("artifact_versions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    path = Column(String(1024), nullable=False)
    name = Column(String(255), nullable=False)
    size = Column(BigInteger, default=0, nullable=False)
    mime_type = Column(String(255), nullable=True)

    md5_hash = Column(String(32), nullable=True)
    sha256_hash = Column(String(64), nullable=True)

    # Either stored in our bucket ...
    storage_key = Column(String(1024), nullable=True)
    # ... or a reference to external storage (s3://, gs://, https://)
    is_reference = Column(Boolean, default=False, nullable=False)
    reference_uri = Column(String(2048), nullable=True)

    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)

    version = relationship("ArtifactVersion", back_populates="files")


class ArtifactAlias(Base):
    """
    Alias pointing to a specific artifact version ("latest", "production", ...).

    An artifact can only have one version with a specific alias at a time.
    """
    __tablename__ = "artifact_aliases"

    id = Column(PGUUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    artifact_id = Column(PGUUID(as_uuid=True), ForeignKey("artifacts.id"), nullable=False, index=True)
    version_id = Column(
        PGUUID(as_uuid=True),
        ForeignKey("artifact_versions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    alias = Column(String(100), nullable=False, index=True)

    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    updated_at = Column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    artifact = relationship("Artifact", back_populates="aliases")
    version = relationship("ArtifactVersion", back_populates="aliases")

    def __repr__(self) -> str:
        return f"<ArtifactAlias {self.alias} -> {self.version_id}>"
