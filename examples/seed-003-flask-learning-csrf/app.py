"""Learning platform: courses, lessons, progress tracking and user profiles."""
import logging
import os
import re
import time
import uuid
from collections import defaultdict
from functools import wraps

import bleach
import markdown
from dotenv import load_dotenv
from flask import Flask, abort, jsonify, render_template, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from PIL import Image
from werkzeug.utils import secure_filename

from config import config
from models import Course, Lesson, LessonProgress, User, db

load_dotenv()

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = Flask(__name__)
app.config.from_object(config[os.environ.get('FLASK_ENV', 'default')])

db.init_app(app)
csrf = CSRFProtect(app)

os.makedirs(app.config['UPLOAD_FOLDER'], exist_ok=True)

ALLOWED_AVATAR_EXTENSIONS = {'png', 'jpg', 'jpeg', 'gif', 'webp'}
PILLOW_FORMATS = {'png': 'PNG', 'jpg': 'JPEG', 'jpeg': 'JPEG', 'gif': 'GIF', 'webp': 'WEBP'}
MAX_AVATAR_BYTES = 5 * 1024 * 1024

USERNAME_RE = re.compile(r'^[A-Za-z0-9_]{3,32}$')
EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')

ALLOWED_TAGS = list(bleach.sanitizer.ALLOWED_TAGS) + [
    'p', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'img', 'table', 'thead',
    'tbody', 'tr', 'th', 'td', 'hr', 'br',
]
ALLOWED_ATTRIBUTES = {'a': ['href', 'title'], 'img': ['src', 'alt'], 'code': ['class']}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def current_user():
    user_id = session.get('user_id')
    if user_id is None:
        return None
    return db.session.get(User, user_id)


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            return jsonify({'error': 'Authentication required'}), 401
        return view(*args, **kwargs)
    return wrapper


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        user = current_user()
        if user is None:
            return jsonify({'error': 'Authentication required'}), 401
        if not user.is_admin:
            return jsonify({'error': 'Admin access required'}), 403
        return view(*args, **kwargs)
    return wrapper


def render_lesson_markdown(text):
    html = markdown.markdown(text, extensions=['fenced_code', 'tables'])
    return bleach.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


# ---------------------------------------------------------------------------
# Simple in-memory rate limiting for authentication endpoints
# ---------------------------------------------------------------------------
RATE_LIMIT_WINDOW_SECONDS = 300
RATE_LIMIT_MAX_ATTEMPTS = 5
login_attempts = defaultdict(list)


def is_rate_limited(key):
    now = time.time()
    recent = [t for t in login_attempts[key] if now - t < RATE_LIMIT_WINDOW_SECONDS]
    login_attempts[key] = recent
    return len(recent) >= RATE_LIMIT_MAX_ATTEMPTS


def record_attempt(key):
    login_attempts[key].append(time.time())


def client_ip():
    return request.remote_addr or 'unknown'


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

@app.route('/')
def index():
    courses = Course.query.order_by(Course.order).all()
    return render_template('index.html', courses=courses, user=current_user())


@app.route('/courses/<slug>')
def course_detail(slug):
    course = Course.query.filter_by(slug=slug).first_or_404()
    return render_template('course_detail.html', course=course, user=current_user())


@app.route('/courses/<course_slug>/lessons/<int:lesson_id>')
def lesson_page(course_slug, lesson_id):
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None or lesson.module.course.slug != course_slug:
        abort(404)
    return render_template(
        'course_detail.html',
        course=lesson.module.course,
        lesson=lesson,
        lesson_html=render_lesson_markdown(lesson.body_markdown),
        user=current_user(),
    )


# ---------------------------------------------------------------------------
# CSRF
# ---------------------------------------------------------------------------

@app.route('/csrf-token', methods=['GET'])
def csrf_token():
    return jsonify({'csrf_token': generate_csrf()})


@app.errorhandler(CSRFError)
def handle_csrf_error(error):
    return jsonify({'error': 'CSRF token missing or invalid'}), 400


# ---------------------------------------------------------------------------
# Authentication API
# ---------------------------------------------------------------------------

@app.route('/api/register', methods=['POST'])
def register():
    ip = client_ip()
    if is_rate_limited(f'register:{ip}'):
        return jsonify({'error': 'Too many attempts, try again later'}), 429
    record_attempt(f'register:{ip}')

    data = request.get_json(silent=True) or {}
    username = (data.get('username') or '').strip()
    email = (data.get('email') or '').strip().lower()
    password = data.get('password') or ''

    if not USERNAME_RE.match(username):
        return jsonify({'error': 'Username must be 3-32 letters, digits or underscores'}), 400
    if not EMAIL_RE.match(email):
        return jsonify({'error': 'Invalid email address'}), 400
    if len(password) < 10:
        return jsonify({'error': 'Password must be at least 10 characters'}), 400
    if User.query.filter((User.username == username) | (User.email == email)).first():
        return jsonify({'error': 'Username or email already taken'}), 409

    user = User(username=username, email=email)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()

    session.clear()
    session['user_id'] = user.id
    return jsonify({'user': user.to_dict()}), 201


@app.route('/api/login', methods=['POST'])
def login():
    ip = client_ip()
    if is_rate_limited(f'login:{ip}'):
        return jsonify({'error': 'Too many login attempts, try again later'}), 429

    data = request.get_json(silent=True) or {}
    username = (data.get('username') or '').strip()
    password = data.get('password') or ''

    user = User.query.filter_by(username=username).first()
    if user is None or not user.check_password(password):
        record_attempt(f'login:{ip}')
        return jsonify({'error': 'Invalid username or password'}), 401

    session.clear()
    session['user_id'] = user.id
    return jsonify({'user': user.to_dict()})


@app.route('/api/logout', methods=['POST'])
def logout():
    session.clear()
    return jsonify({'message': 'Logged out'})


@app.route('/api/check-session', methods=['GET'])
def check_session():
    user = current_user()
    if user is None:
        return jsonify({'authenticated': False})
    return jsonify({'authenticated': True, 'user': user.to_dict()})


# ---------------------------------------------------------------------------
# Content API
# ---------------------------------------------------------------------------

@app.route('/api/content', methods=['GET'])
def content_index():
    courses = Course.query.order_by(Course.order).all()
    return jsonify({'courses': [c.to_dict(include_modules=True) for c in courses]})


@app.route('/api/content/courses/<slug>', methods=['GET'])
def content_course(slug):
    course = Course.query.filter_by(slug=slug).first()
    if course is None:
        return jsonify({'error': 'Course not found'}), 404
    return jsonify(course.to_dict(include_modules=True))


@app.route('/api/content/lessons/<int:lesson_id>', methods=['GET'])
def content_lesson(lesson_id):
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None:
        return jsonify({'error': 'Lesson not found'}), 404
    return jsonify({
        'id': lesson.id,
        'title': lesson.title,
        'html': render_lesson_markdown(lesson.body_markdown),
        'module': lesson.module.title,
        'course': lesson.module.course.slug,
    })


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------

@app.route('/api/progress', methods=['GET'])
@login_required
def get_progress():
    user = current_user()
    completed = [p.lesson_id for p in user.progress]
    return jsonify({'completed_lessons': completed, 'count': len(completed)})


@app.route('/api/progress/<int:lesson_id>', methods=['POST'])
@login_required
def complete_lesson(lesson_id):
    user = current_user()
    if db.session.get(Lesson, lesson_id) is None:
        return jsonify({'error': 'Lesson not found'}), 404
    if any(p.lesson_id == lesson_id for p in user.progress):
        return jsonify({'message': 'Already completed'})
    db.session.add(LessonProgress(user_id=user.id, lesson_id=lesson_id))
    db.session.commit()
    return jsonify({'message': 'Lesson completed'}), 201


@app.route('/api/progress/<int:lesson_id>', methods=['DELETE'])
@login_required
def reset_lesson(lesson_id):
    user = current_user()
    LessonProgress.query.filter_by(user_id=user.id, lesson_id=lesson_id).delete()
    db.session.commit()
    return jsonify({'message': 'Progress reset'})


# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------

@app.route('/api/profile', methods=['GET'])
@login_required
def get_profile():
    return jsonify(current_user().to_dict())


@app.route('/api/profile', methods=['PUT'])
@login_required
def update_profile():
    user = current_user()
    data = request.get_json(silent=True) or {}
    email = (data.get('email') or user.email).strip().lower()
    if not EMAIL_RE.match(email):
        return jsonify({'error': 'Invalid email address'}), 400
    if email != user.email and User.query.filter_by(email=email).first():
        return jsonify({'error': 'Email already in use'}), 409
    user.email = email
    db.session.commit()
    return jsonify(user.to_dict())


@app.route('/api/profile/avatar', methods=['POST'])
@login_required
def upload_avatar():
    if 'avatar' not in request.files:
        return jsonify({'error': 'No file provided'}), 400
    file = request.files['avatar']
    if not file.filename:
        return jsonify({'error': 'No file selected'}), 400

    filename = secure_filename(file.filename)
    ext = filename.rsplit('.', 1)[-1].lower() if '.' in filename else ''
    if ext not in ALLOWED_AVATAR_EXTENSIONS:
        return jsonify({'error': 'Unsupported file type'}), 400

    file.stream.seek(0, os.SEEK_END)
    size = file.stream.tell()
    file.stream.seek(0)
    if size > MAX_AVATAR_BYTES:
        return jsonify({'error': 'File too large (max 5MB)'}), 400

    try:
        img = Image.open(file.stream)
        img.verify()
    except Exception:
        return jsonify({'error': 'Invalid image file'}), 400
    if img.format != PILLOW_FORMATS[ext]:
        return jsonify({'error': 'File content does not match its extension'}), 400

    file.stream.seek(0)
    user = current_user()
    stored_name = f'{user.id}_{uuid.uuid4().hex}.{ext}'
    file.save(os.path.join(app.config['UPLOAD_FOLDER'], stored_name))
    user.avatar_filename = stored_name
    db.session.commit()
    return jsonify({'avatar_url': f'/static/avatars/{stored_name}'})


# ---------------------------------------------------------------------------
# Admin
# ---------------------------------------------------------------------------

@app.route('/api/admin/users', methods=['GET'])
@admin_required
def admin_list_users():
    page = request.args.get('page', 1, type=int)
    per_page = min(request.args.get('per_page', 50, type=int), 100)
    users = User.query.order_by(User.id).paginate(page=page, per_page=per_page, error_out=False)
    return jsonify({'users': [u.to_dict() for u in users.items], 'total': users.total})


@app.route('/api/admin/users/<int:user_id>/admin', methods=['POST'])
@admin_required
def admin_set_role(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        return jsonify({'error': 'User not found'}), 404
    data = request.get_json(silent=True) or {}
    user.is_admin = bool(data.get('is_admin'))
    db.session.commit()
    logger.info('admin %s set is_admin=%s for user %s', current_user().id, user.is_admin, user.id)
    return jsonify(user.to_dict())


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

@app.errorhandler(404)
def not_found(error):
    if request.path.startswith('/api/'):
        return jsonify({'error': 'Not found'}), 404
    return render_template('index.html', courses=[], user=current_user()), 404


@app.errorhandler(413)
def too_large(error):
    return jsonify({'error': 'File too large (max 5MB)'}), 413


@app.errorhandler(500)
def server_error(error):
    logger.exception('Unhandled error')
    return jsonify({'error': 'Internal server error'}), 500


if __name__ == '__main__':
    app.run(debug=True)
