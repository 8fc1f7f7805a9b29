from flask import Blueprint, jsonify

from app import db

bp = Blueprint("items", __name__)


@bp.get("/health")
def health():
    return jsonify(status="ok")


@bp.get("/items")
def list_items():
    rows = db.session.execute(db.text("SELECT id, name FROM items ORDER BY id LIMIT 100")).all()
    return jsonify([{"id": r.id, "name": r.name} for r in rows])
