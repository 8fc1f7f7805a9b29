"""Experiment runs."""
import uuid

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import relationship
from sqlalchemy.sql import func

from app.db.session import Base


class Run(Base):
    __tablename__ = "runs"

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name = Column(String(255), nullable=False)
    display_name = Column(String(255), nullable=True)
    project_id = Column(UUID, ForeignKey("projects.id", ondelete="CASCADE"))
    user_id = Column(UUID(as_uuid=True), ForeignKey("users.id"), nullable=False)
    state = Column(String(20), default="running", nullable=False, index=True)
    notes = Column(Text, nullable=True)
    config = Column(JSON, default=dict)
    summary = Column(JSON, default=dict)
    tags = Column(JSON, default=list, nullable=False)
    git_commit = Column(String(40), nullable=True)
    runtime_seconds = Column(Float, nullable=True)
    started_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    finished_at = Column(DateTime(timezone=True), nullable=True)
    heartbeat_at = Column(DateTime(timezone=True), nullable=True)

    project = relationship("Project", back_populates="runs")
