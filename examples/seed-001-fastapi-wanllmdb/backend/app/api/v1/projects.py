"""Project endpoints."""
import re
from typing import List, Optional
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from app.api.deps import get_current_user
from app.db.session import get_db
from app.models.project import Project
from app.models.user import User
from app.repositories.project_repository import ProjectRepository

router = APIRouter()


class ProjectCreate(BaseModel):
    name: str = Field(..., min_length=1, max_length=255)
    description: Optional[str] = Field(None, max_length=5000)
    visibility: str = Field("private", pattern=r"^(private|public)$")
    tags: List[str] = Field(default_factory=list)


class ProjectResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    name: str
    slug: str
    description: Optional[str]
    visibility: str
    tags: List[str]
    run_count: int = 0
    last_activity: Optional[str] = None


class ProjectList(BaseModel):
    items: List[ProjectResponse]
    total: int
    page: int
    page_size: int


@router.get("", response_model=ProjectList)
def list_projects(
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1, le=100),
    search: Optional[str] = Query(None, max_length=100),
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    repo = ProjectRepository(db)
    projects, total = repo.list(skip=(page - 1) * page_size, limit=page_size, search=search)
    for project in projects:
        project.run_count = repo.get_run_count(project.id)
        project.last_activity = repo.get_last_activity(project.id)
    return ProjectList(items=projects, total=total, page=page, page_size=page_size)


@router.post("", response_model=ProjectResponse, status_code=status.HTTP_201_CREATED)
def create_project(
    project_in: ProjectCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    repo = ProjectRepository(db)
    slug = re.sub(r"[^a-z0-9]+", "-", project_in.name.lower()).strip("-")
    if repo.get_by_slug(slug):
        raise HTTPException(status_code=400, detail="Project with this name already exists")
    project = Project(
        name=project_in.name,
        slug=slug,
        description=project_in.description,
        visibility=project_in.visibility,
        tags=project_in.tags,
        created_by=current_user.id,
    )
    return repo.create(project)


@router.get("/{project_id}", response_model=ProjectResponse)
def get_project(
    project_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    project = ProjectRepository(db).get(project_id)
    if not project:
        raise HTTPException(status_code=404, detail="Not found")
    if project.visibility == "private" and project.created_by != current_user.id:
        raise HTTPException(status_code=404, detail="Not found")
    return project


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_project(
    project_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    repo = ProjectRepository(db)
    project = repo.get(project_id)
    if not project:
        raise HTTPException(status_code=404, detail="Not found")
    if project.created_by != current_user.id and not current_user.is_superuser:
        raise HTTPException(status_code=403, detail="Not enough permissions")
    repo.delete(project)
