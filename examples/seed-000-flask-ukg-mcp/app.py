"""UKG Simulator - Flask application entry point."""
import logging
import os
import re
from datetime import datetime
from functools import wraps

from dotenv import load_dotenv
from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_required, login_user, logout_user

from backend.simulation_engine import SimulationEngine
from models import Simulation, User, db

load_dotenv()

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logger = logging.getLogger(__name__)

app = Flask(__name__)

# ---------------------------------------------------------------------------
# Session secret
# ---------------------------------------------------------------------------
# The secret key signs the session cookie. In development we fall back to a
# fixed value so that sessions survive restarts of the dev server.
app.secret_key = os.environ.get("SESSION_SECRET") or os.environ.get(
    "SECRET_KEY", "ukg-dev-secret-key-replace-in-production"
)
if app.secret_key == "ukg-dev-secret-key-replace-in-production":
    logger.warning("Using the development secret key; set SECRET_KEY in production")

# ---------------------------------------------------------------------------
# Database / extensions
# ---------------------------------------------------------------------------
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///ukg.db")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)

login_manager = LoginManager(app)
login_manager.login_view = "login"

limiter = Limiter(
    get_remote_address,
    app=app,
    default_limits=["200 per hour"],
    storage_uri=os.environ.get("RATELIMIT_STORAGE_URI", "redis://localhost:6379/0"),
)

simulation_engine = SimulationEngine()

# ---------------------------------------------------------------------------
# Schema bootstrap
# ---------------------------------------------------------------------------
with app.app_context():
    import backend.models  # noqa: F401  (register MCP tables)

    db.create_all()
    logger.info("Database tables created")

PASSWORD_MIN_LENGTH = 8
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,80}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_password_strength(password):
    """Return an error message if the password is too weak, else None."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Password must be at least {PASSWORD_MIN_LENGTH} characters"
    if not re.search(r"[A-Z]", password):
        return "Password must contain an uppercase letter"
    if not re.search(r"[a-z]", password):
        return "Password must contain a lowercase letter"
    if not re.search(r"\d", password):
        return "Password must contain a number"
    return None


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


from backend.mcp_api import mcp_api  # noqa: E402

app.register_blueprint(mcp_api)


def owner_required(view):
    """Load the simulation and make sure the current user owns it."""

    @wraps(view)
    def wrapper(simulation_id, *args, **kwargs):
        simulation = db.session.get(Simulation, simulation_id)
        if simulation is None or simulation.user_id != current_user.id:
            return jsonify({"error": "Simulation not found"}), 404
        return view(simulation, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------
@app.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard"))
    return render_template("login.html")


@app.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute")
def login():
    if request.method == "GET":
        return render_template("login.html")

    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or not password:
        flash("Username and password are required", "error")
        return render_template("login.html"), 400

    try:
        user = User.query.filter_by(username=username).first()
        if user is None or not user.check_password(password):
            flash("Invalid username or password", "error")
            return render_template("login.html"), 401

        login_user(user, remember=request.form.get("remember") == "on")
        user.last_login = datetime.utcnow()
        db.session.commit()
        return redirect(url_for("dashboard"))
    except Exception as e:
        logger.error(f"Login error: {e}")
        db.session.rollback()
        flash("An error occurred during login", "error")
        return render_template("login.html"), 500


@app.route("/register", methods=["GET", "POST"])
@limiter.limit("5 per minute")
def register():
    if request.method == "GET":
        return render_template("register.html")

    username = request.form.get("username", "").strip()
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    confirm = request.form.get("confirm_password", "")

    if not USERNAME_PATTERN.match(username):
        flash("Invalid username", "error")
        return render_template("register.html"), 400
    if not EMAIL_PATTERN.match(email):
        flash("Invalid email address", "error")
        return render_template("register.html"), 400
    if password != confirm:
        flash("Passwords do not match", "error")
        return render_template("register.html"), 400
    error = validate_password_strength(password)
    if error:
        flash(error, "error")
        return render_template("register.html"), 400

    try:
        if User.query.filter((User.username == username) | (User.email == email)).first():
            flash("Username or email already registered", "error")
            return render_template("register.html"), 409

        user = User(username=username, email=email)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        flash("Registration successful, please log in", "success")
        return redirect(url_for("login"))
    except Exception as e:
        logger.error(f"Registration error: {e}")
        db.session.rollback()
        flash("An error occurred during registration", "error")
        return render_template("register.html"), 500


@app.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return redirect(url_for("login"))


@app.route("/account/password", methods=["POST"])
@login_required
@limiter.limit("5 per minute")
def change_password():
    current_password = request.form.get("current_password", "")
    new_password = request.form.get("new_password", "")

    if not current_user.check_password(current_password):
        flash("Current password is incorrect", "error")
        return redirect(url_for("dashboard"))

    try:
        current_user.set_password(new_password)
        db.session.commit()
        flash("Password updated", "success")
    except Exception as e:
        logger.error(f"Password update error: {e}")
        db.session.rollback()
        flash("Could not update password", "error")
    return redirect(url_for("dashboard"))


# ---------------------------------------------------------------------------
# Dashboard and simulations
# ---------------------------------------------------------------------------
@app.route("/dashboard")
@login_required
def dashboard():
    simulations = current_user.simulations.order_by(Simulation.created_at.desc()).limit(50).all()
    return render_template("dashboard.html", simulations=simulations)


@app.route("/api/simulations", methods=["GET"])
@login_required
def list_simulations():
    page = request.args.get("page", 1, type=int)
    per_page = min(request.args.get("per_page", 20, type=int), 100)
    query = current_user.simulations.order_by(Simulation.created_at.desc())
    items = query.paginate(page=page, per_page=per_page, error_out=False)
    return jsonify(
        {
            "simulations": [s.to_dict() for s in items.items],
            "total": items.total,
            "page": page,
        }
    )


@app.route("/api/simulations", methods=["POST"])
@login_required
@limiter.limit("30 per minute")
def create_simulation():
    data = request.get_json(silent=True) or {}
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        return jsonify({"error": "name is required"}), 400
    try:
        simulation = Simulation(
            name=data["name"],
            description=data.get("description", ""),
            config=data.get("config", {}),
            user_id=current_user.id,
        )
        db.session.add(simulation)
        db.session.commit()
        return jsonify(simulation.to_dict()), 201
    except Exception as e:
        logger.error(f"Error creating simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to create simulation"}), 500


@app.route("/api/simulations/<int:simulation_id>", methods=["GET"])
@login_required
@owner_required
def get_simulation(simulation):
    return jsonify(simulation.to_dict())


@app.route("/api/simulations/<int:simulation_id>", methods=["PUT"])
@login_required
@owner_required
def update_simulation(simulation):
    data = request.get_json(silent=True) or {}
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        return jsonify({"error": "name is required"}), 400
    try:
        simulation.name = data["name"]
        simulation.description = data.get("description", simulation.description)
        simulation.config = data.get("config", simulation.config)
        db.session.commit()
        return jsonify(simulation.to_dict())
    except Exception as e:
        logger.error(f"Error updating simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to update simulation"}), 500


@app.route("/api/simulations/<int:simulation_id>/start", methods=["POST"])
@login_required
@owner_required
def start_simulation(simulation):
    if simulation.status == "running":
        return jsonify({"error": "Simulation already running"}), 409
    try:
        simulation_engine.start(simulation)
        simulation.started_at = datetime.utcnow()
        db.session.commit()
        return jsonify(simulation.to_dict())
    except Exception as e:
        logger.error(f"Error starting simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to start simulation"}), 500


@app.route("/api/simulations/<int:simulation_id>/step", methods=["POST"])
@login_required
@owner_required
def step_simulation(simulation):
    if simulation.status != "running":
        return jsonify({"error": "Simulation is not running"}), 409
    try:
        simulation_engine.step(simulation)
        if simulation.status == "completed":
            simulation.completed_at = datetime.utcnow()
        db.session.commit()
        return jsonify(simulation.to_dict())
    except Exception as e:
        logger.error(f"Error advancing simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to advance simulation"}), 500


@app.route("/api/simulations/<int:simulation_id>/stop", methods=["POST"])
@login_required
@owner_required
def stop_simulation(simulation):
    try:
        simulation_engine.stop(simulation)
        db.session.commit()
        return jsonify(simulation.to_dict())
    except Exception as e:
        logger.error(f"Error stopping simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to stop simulation"}), 500


@app.route("/api/simulations/<int:simulation_id>", methods=["DELETE"])
@login_required
@owner_required
def delete_simulation(simulation):
    try:
        db.session.delete(simulation)
        db.session.commit()
        return jsonify({"message": "Simulation deleted"})
    except Exception as e:
        logger.error(f"Error deleting simulation: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to delete simulation"}), 500


# ---------------------------------------------------------------------------
# Error handlers
# ---------------------------------------------------------------------------
@app.errorhandler(404)
def not_found(error):
    if request.path.startswith("/api/"):
        return jsonify({"error": "Not found"}), 404
    return render_template("login.html"), 404


@app.errorhandler(429)
def rate_limited(error):
    return jsonify({"error": "Too many requests, please slow down"}), 429


@app.errorhandler(500)
def internal_error(error):
    logger.error(f"Internal server error: {error}")
    db.session.rollback()
    if request.path.startswith("/api/"):
        return jsonify({"error": "Internal server error"}), 500
    return render_template("login.html"), 500


if __name__ == "__main__":
    port = int(os.environ.get("PORT", 5000))
    app.run(host="0.0.0.0", port=port)
