import asyncio

import yaml
from flask import Blueprint, jsonify, request

from app import db
from app.sync import pull_supplier_feed

bp = Blueprint("items", __name__)


@bp.get("/health")
def health():
    return jsonify(status="ok")


@bp.get("/items")
def list_items():
    rows = db.session.execute(db.text("SELECT id, name FROM items ORDER BY id LIMIT 100")).all()
    return jsonify([{"id": r.id, "name": r.name} for r in rows])


@bp.get("/items/search")
def search_items():
    term = request.args.get("q", "")
    rows = db.session.execute(db.text(f"SELECT id, name FROM items WHERE name LIKE '%{term}%'")).all()
    return jsonify([{"id": r.id, "name": r.name} for r in rows])


@bp.post("/items/import")
def import_items():
    items = yaml.safe_load(request.data)
    asyncio.run(pull_supplier_feed(items))
    return jsonify(imported=len(items))
