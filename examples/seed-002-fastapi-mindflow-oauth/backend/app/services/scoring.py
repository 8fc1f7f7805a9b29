"""Task scoring: decides what the user should do next."""
from datetime import datetime, timezone

PRIORITY_WEIGHT = 0.4
URGENCY_WEIGHT = 0.4
EFFORT_WEIGHT = 0.2


def urgency(due_date: datetime | None, now: datetime | None = None) -> float:
    if due_date is None:
        return 0.0
    now = now or datetime.now(timezone.utc)
    hours_left = (due_date - now).total_seconds() / 3600
    if hours_left <= 0:
        return 1.0
    return max(0.0, 1.0 - hours_left / (24 * 14))


def score_task(priority: int, due_date: datetime | None, effort_minutes: int | None, now: datetime | None = None) -> float:
    priority_score = (6 - max(1, min(priority, 5))) / 5
    effort_score = 1.0 if not effort_minutes else max(0.0, 1.0 - effort_minutes / 480)
    value = (
        PRIORITY_WEIGHT * priority_score
        + URGENCY_WEIGHT * urgency(due_date, now)
        + EFFORT_WEIGHT * effort_score
    )
    return round(value * 100, 2)
