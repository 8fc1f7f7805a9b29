"""Inventory service: a small Flask app."""
import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.secret_key = os.environ.get("SECRET_KEY", "inventory-dev-secret")
    db.init_app(app)

    from app.routes import bp

    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", debug=True)
