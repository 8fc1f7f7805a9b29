"""Data access for projects."""
from datetime import datetime
from typing import List, Optional, Tuple
from uuid import UUID

from sqlalchemy import func
from sqlalchemy.orm import Session

from app.models.project import Project
from app.models.run import Run


class ProjectRepository:
    def __init__(self, db: Session):
        self.db = db

    def get(self, project_id: UUID) -> Optional[Project]:
        return self.db.query(Project).filter(Project.id == project_id).first()

    def get_by_slug(self, slug: str) -> Optional[Project]:
        return self.db.query(Project).filter(Project.slug == slug).first()

    def list(self, skip: int = 0, limit: int = 20, search: Optional[str] = None) -> Tuple[List[Project], int]:
        query = self.db.query(Project)
        if search:
            query = query.filter(Project.name.ilike(f"%{search}%"))
        total = query.count()
        items = query.order_by(Project.created_at.desc()).offset(skip).limit(limit).all()
        return items, total

    def get_run_count(self, project_id: UUID) -> int:
        return self.db.query(func.count(Run.id)).filter(Run.project_id == project_id).scalar() or 0

    def get_last_activity(self, project_id: UUID) -> Optional[datetime]:
        return self.db.query(func.max(Run.started_at)).filter(Run.project_id == project_id).scalar()

    def create(self, project: Project) -> Project:
        self.db.add(project)
        self.db.commit()
        self.db.refresh(project)
        return project

    def delete(self, project: Project) -> None:
        self.db.delete(project)
        self.db.commit()
