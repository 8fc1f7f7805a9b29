"""Run endpoints."""
from datetime import datetime
from typing import Any, Dict, List, Optional
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from app.api.deps import get_current_user
from app.db.session import get_db
from app.models.project import Project
from app.models.run import Run
from app.models.user import User

router = APIRouter()


class RunCreate(BaseModel):
    project_id: UUID
    name: str = Field(..., min_length=1, max_length=255)
    display_name: Optional[str] = Field(None, max_length=255)
    notes: Optional[str] = Field(None, max_length=10000)
    config: Dict[str, Any] = Field(default_factory=dict)
    tags: List[str] = Field(default_factory=list)
    git_commit: Optional[str] = Field(None, max_length=40)


class RunUpdate(BaseModel):
    state: Optional[str] = Field(None, pattern=r"^(running|finished|crashed|killed)$")
    summary: Optional[Dict[str, Any]] = None
    notes: Optional[str] = Field(None, max_length=10000)


class RunResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    project_id: UUID
    name: str
    state: str
    config: Dict[str, Any]
    summary: Dict[str, Any]
    tags: List[str]
    started_at: datetime
    finished_at: Optional[datetime]


class RunList(BaseModel):
    items: List[RunResponse]
    total: int
    page: int
    page_size: int


def _get_project(db: Session, project_id: UUID, user: User) -> Project:
    project = db.query(Project).filter(Project.id == project_id).first()
    if not project or (project.visibility == "private" and project.created_by != user.id):
        raise HTTPException(status_code=404, detail="Not found")
    return project


def _get_run(db: Session, run_id: UUID, user: User) -> Run:
    run = db.query(Run).filter(Run.id == run_id).first()
    if not run or run.user_id != user.id:
        raise HTTPException(status_code=404, detail="Not found")
    return run


@router.get("", response_model=RunList)
def list_runs(
    project_id: UUID,
    state: Optional[str] = Query(None),
    started_after: Optional[datetime] = Query(None),
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1, le=100),
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    _get_project(db, project_id, current_user)
    query = db.query(Run).filter(Run.project_id == project_id)
    if state:
        query = query.filter(Run.state == state)
    if started_after:
        query = query.filter(Run.started_at > started_after)
    total = query.count()
    items = (
        query.order_by(Run.started_at.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
        .all()
    )
    return RunList(items=items, total=total, page=page, page_size=page_size)


@router.post("", response_model=RunResponse, status_code=status.HTTP_201_CREATED)
def create_run(
    run_in: RunCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    _get_project(db, run_in.project_id, current_user)
    run = Run(**run_in.model_dump(), user_id=current_user.id)
    db.add(run)
    db.commit()
    db.refresh(run)
    return run


@router.get("/{run_id}", response_model=RunResponse)
def get_run(
    run_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    return _get_run(db, run_id, current_user)


@router.patch("/{run_id}", response_model=RunResponse)
def update_run(
    run_id: UUID,
    run_in: RunUpdate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    run = _get_run(db, run_id, current_user)
    for field, value in run_in.model_dump(exclude_unset=True).items():
        setattr(run, field, value)
    if run_in.state and run_in.state != "running":
        run.finished_at = datetime.utcnow()
    db.commit()
    db.refresh(run)
    return run


@router.delete("/{run_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_run(
    run_id: UUID,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_user),
):
    run = _get_run(db, run_id, current_user)
    db.delete(run)
    db.commit()
