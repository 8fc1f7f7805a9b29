from datetime import datetime

from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = 'users'

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False, index=True)
    email = db.Column(db.String(120), unique=True, nullable=False, index=True)
    password_hash = db.Column(db.String(256), nullable=False)
    is_admin = db.Column(db.Boolean, default=False, nullable=False)
    avatar_filename = db.Column(db.String(255))
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    progress = db.relationship('LessonProgress', back_populates='user', lazy='joined',
                               cascade='all, delete-orphan')

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def to_dict(self):
        return {
            'id': self.id,
            'username': self.username,
            'email': self.email,
            'is_admin': self.is_admin,
            'avatar_url': f'/static/avatars/{self.avatar_filename}' if self.avatar_filename else None,
        }


class Course(db.Model):
    __tablename__ = 'courses'

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(120), unique=True, nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text)
    order = db.Column(db.Integer, default=0)

    modules = db.relationship('Module', back_populates='course', lazy='joined',
                              order_by='Module.order', cascade='all, delete-orphan')

    def to_dict(self, include_modules=False):
        data = {'id': self.id, 'slug': self.slug, 'title': self.title, 'description': self.description}
        if include_modules:
            data['modules'] = [m.to_dict() for m in self.modules]
        return data


class Module(db.Model):
    __tablename__ = 'modules'

    id = db.Column(db.Integer, primary_key=True)
    course_id = db.Column(db.Integer, db.ForeignKey('courses.id', ondelete='CASCADE'), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    order = db.Column(db.Integer, default=0)

    course = db.relationship('Course', back_populates='modules')
    lessons = db.relationship('Lesson', back_populates='module', lazy='joined',
                              order_by='Lesson.order', cascade='all, delete-orphan')

    def to_dict(self):
        return {
            'id': self.id,
            'title': self.title,
            'lessons': [{'id': l.id, 'slug': l.slug, 'title': l.title} for l in self.lessons],
        }


class Lesson(db.Model):
    __tablename__ = 'lessons'

    id = db.Column(db.Integer, primary_key=True)
    module_id = db.Column(db.Integer, db.ForeignKey('modules.id', ondelete='CASCADE'), nullable=False, index=True)
    slug = db.Column(db.String(120), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    body_markdown = db.Column(db.Text, nullable=False, default='')
    order = db.Column(db.Integer, default=0)

    module = db.relationship('Module', back_populates='lessons')

    __table_args__ = (db.UniqueConstraint('module_id', 'slug', name='uq_lesson_module_slug'),)


class LessonProgress(db.Model):
    __tablename__ = 'lesson_progress'

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('users.id', ondelete='CASCADE'), nullable=False, index=True)
    lesson_id = db.Column(db.Integer, db.ForeignKey('lessons.id', ondelete='CASCADE'), nullable=False, index=True)
    completed_at = db.Column(db.DateTime, default=datetime.utcnow)

    user = db.relationship('User', back_populates='progress')

    __table_args__ = (db.UniqueConstraint('user_id', 'lesson_id', name='uq_progress_user_lesson'),)
