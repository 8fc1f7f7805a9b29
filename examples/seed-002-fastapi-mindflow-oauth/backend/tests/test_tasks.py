"""Task API tests, including user isolation (multi-tenancy)."""
import time
from datetime import datetime, timedelta, timezone

from app.auth.security import create_access_token
from app.services.scoring import score_task


def test_create_and_list_tasks(client, auth_headers):
    created = client.post("/api/tasks", json={"title": "Write report", "priority": 1}, headers=auth_headers)
    assert created.status_code == 201
    listed = client.get("/api/tasks", headers=auth_headers)
    assert [t["title"] for t in listed.json()] == ["Write report"]


def test_users_cannot_see_each_others_tasks(client, auth_headers, other_user):
    task_id = client.post("/api/tasks", json={"title": "Private"}, headers=auth_headers).json()["id"]
    other_headers = {"Authorization": f"Bearer {create_access_token(str(other_user.id))}"}
    assert client.get("/api/tasks", headers=other_headers).json() == []
    assert client.patch(f"/api/tasks/{task_id}", json={"title": "x"}, headers=other_headers).status_code == 404
    assert client.delete(f"/api/tasks/{task_id}", headers=other_headers).status_code == 404


def test_requires_authentication(client):
    assert client.get("/api/tasks").status_code == 401


def test_login_does_not_reveal_unknown_email(client, test_user):
    unknown = client.post("/api/auth/login", json={"email": "nobody@example.com", "password": "whatever123456"})
    wrong = client.post("/api/auth/login", json={"email": "alice@example.com", "password": "whatever123456"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def test_scoring_is_fast_enough():
    due = datetime.now(timezone.utc) + timedelta(days=2)
    start = time.perf_counter()
    for priority in range(1, 6):
        for _ in range(20_000):
            score_task(priority, due, 60)
    assert time.perf_counter() - start < 1.0
