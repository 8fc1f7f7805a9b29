"""Task endpoints. Every query is scoped to the authenticated user."""
from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import get_current_user
from app.db.database import get_db
from app.db.models import Task, User
from app.services.scoring import score_task

router = APIRouter(prefix="/api/tasks", tags=["tasks"])


class TaskCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    priority: int = Field(3, ge=1, le=5)
    effort_minutes: int | None = Field(None, ge=1, le=10080)
    due_date: datetime | None = None


class TaskUpdate(BaseModel):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    status: str | None = Field(None, pattern="^(pending|in_progress|completed)$")
    priority: int | None = Field(None, ge=1, le=5)
    due_date: datetime | None = None


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    title: str
    description: str | None
    status: str
    priority: int
    due_date: datetime | None
    score: float | None


async def _get_owned_task(db: AsyncSession, task_id: UUID, user: User) -> Task:
    result = await db.execute(select(Task).where(Task.id == task_id, Task.user_id == user.id))
    task = result.scalar_one_or_none()
    if task is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Task not found")
    return task


@router.get("", response_model=list[TaskOut])
async def list_tasks(
    status_filter: str | None = Query(None, alias="status"),
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0),
    user: User = Depends(get_current_user),
    db: AsyncSession = Depends(get_db),
) -> list[Task]:
    query = select(Task).where(Task.user_id == user.id)
    if status_filter:
        query = query.where(Task.status == status_filter)
    result = await db.execute(query.order_by(Task.score.desc().nulls_last()).limit(limit).offset(offset))
    return list(result.scalars())


@router.post("", response_model=TaskOut, status_code=status.HTTP_201_CREATED)
async def create_task(body: TaskCreate, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_db)) -> Task:
    task = Task(user_id=user.id, **body.model_dump())
    task.score = score_task(task.priority, task.due_date, task.effort_minutes)
    db.add(task)
    await db.commit()
    await db.refresh(task)
    return task


@router.patch("/{task_id}", response_model=TaskOut)
async def update_task(
    task_id: UUID, body: TaskUpdate, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_db)
) -> Task:
    task = await _get_owned_task(db, task_id, user)
    for field, value in body.model_dump(exclude_unset=True).items():
        setattr(task, field, value)
    task.score = score_task(task.priority, task.due_date, task.effort_minutes)
    await db.commit()
    await db.refresh(task)
    return task


@router.delete("/{task_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_task(task_id: UUID, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_db)) -> None:
    task = await _get_owned_task(db, task_id, user)
    await db.delete(task)
    await db.commit()
