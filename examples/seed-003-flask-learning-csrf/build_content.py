"""Build the course catalogue from content/*.yaml into the database.

Usage: python build_content.py [--reset]
"""
import argparse
import glob
import os

import yaml
from slugify import slugify

from app import app
from models import Course, Lesson, Module, db


def load_course_files(content_dir):
    for path in sorted(glob.glob(os.path.join(content_dir, '*.yaml'))):
        with open(path, encoding='utf-8') as fh:
            yield yaml.safe_load(fh)


def build(reset=False):
    with app.app_context():
        if reset:
            db.drop_all()
        db.create_all()
        for order, spec in enumerate(load_course_files(app.config['CONTENT_DIR'])):
            slug = spec.get('slug') or slugify(spec['title'])
            course = Course.query.filter_by(slug=slug).first() or Course(slug=slug)
            course.title = spec['title']
            course.description = spec.get('description', '')
            course.order = order
            course.modules = []
            for m_order, module_spec in enumerate(spec.get('modules', [])):
                module = Module(title=module_spec['title'], order=m_order)
                for l_order, lesson_spec in enumerate(module_spec.get('lessons', [])):
                    module.lessons.append(Lesson(
                        slug=slugify(lesson_spec['title']),
                        title=lesson_spec['title'],
                        body_markdown=lesson_spec.get('body', ''),
                        order=l_order,
                    ))
                course.modules.append(module)
            db.session.add(course)
        db.session.commit()
        return Course.query.count()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--reset', action='store_true', help='drop all tables first')
    args = parser.parse_args()
    count = build(reset=args.reset)
    print(f'Built {count} courses')
