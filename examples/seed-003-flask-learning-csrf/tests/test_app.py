import os

import pytest

os.environ['FLASK_ENV'] = 'testing'

from app import app as flask_app  # noqa: E402
from build_content import build  # noqa: E402
from models import db  # noqa: E402


@pytest.fixture
def app():
    flask_app.config.update(TESTING=True)
    with flask_app.app_context():
        db.create_all()
        yield flask_app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def client(app):
    return app.test_client()


def test_index_page(client):
    response = client.get('/')
    assert response.status_code == 200
    assert b'Courses' in response.data


def test_content_api_after_build(client):
    count = build()
    assert count >= 1

    response = client.get('/api/content')
    assert response.status_code == 200
    data = response.get_json()
    slugs = [c['slug'] for c in data['courses']]
    assert 'intro-python' in slugs

    course = next(c for c in data['courses'] if c['slug'] == 'intro-python')
    assert len(course['modules']) == 2
    assert course['modules'][0]['lessons'][0]['title'] == 'Installing Python'


def test_check_session_unauthenticated(client):
    response = client.get('/api/check-session')
    assert response.status_code == 200
    assert response.get_json() == {'authenticated': False}


def test_course_detail_page_loads(client, course):
    response = client.get(f'/courses/{course.slug}')
    assert response.status_code == 200
    assert course.title.encode() in response.data

