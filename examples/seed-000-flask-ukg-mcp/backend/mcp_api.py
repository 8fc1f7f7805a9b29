"""REST API over the Model Context Protocol (MCP) registry.

Servers, resources, tools and prompts are global: they are shared by every
user of the UKG simulator.
"""
import asyncio
import logging

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from backend.mcp_server import MCPError, mcp_server
from backend.models import MCPPrompt, MCPResource, MCPServer, MCPTool
from models import db

logger = logging.getLogger(__name__)

mcp_api = Blueprint("mcp_api", __name__, url_prefix="/api/mcp")

DEFAULT_TOOLS = [
    ("knowledge_search", "Search the knowledge graph", "knowledge_search"),
    ("layer_analysis", "Describe a simulation layer", "layer_analysis"),
    ("confidence_score", "Score a piece of text", "confidence_score"),
]

DEFAULT_PROMPTS = [
    ("analyze_topic", "Analyze a topic across all layers", "Analyze $topic across the UKG layers."),
    ("summarize", "Summarize a resource", "Summarize the following content:\n$content"),
]


def _get_server_or_404(server_id):
    server = db.session.get(MCPServer, server_id)
    if server is None:
        return None, (jsonify({"error": "Server not found"}), 404)
    return server, None


# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------
@mcp_api.route("/servers", methods=["GET"])
@login_required
def list_servers():
    try:
        servers = MCPServer.query.order_by(MCPServer.name).all()
        return jsonify({"servers": [s.to_dict() for s in servers]})
    except Exception as e:
        logger.error(f"Error listing MCP servers: {e}")
        return jsonify({"error": "Failed to list servers"}), 500


@mcp_api.route("/servers", methods=["POST"])
@login_required
def create_server():
    data = request.get_json()
    try:
        server = MCPServer(
            name=data["name"],
            description=data.get("description", ""),
            version=data.get("version", "1.0.0"),
            capabilities=data.get("capabilities", {}),
        )
        db.session.add(server)
        db.session.commit()
        return jsonify(server.to_dict()), 201
    except Exception as e:
        logger.error(f"Error creating MCP server: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to create server"}), 500


@mcp_api.route("/servers/<int:server_id>", methods=["GET"])
@login_required
def get_server(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    return jsonify(server.to_dict())


@mcp_api.route("/servers/<int:server_id>", methods=["PUT"])
@login_required
def update_server(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    data = request.get_json()
    try:
        server.name = data["name"]
        server.description = data["description"]
        server.is_active = data["is_active"]
        server.capabilities = data.get("capabilities", server.capabilities)
        db.session.commit()
        return jsonify(server.to_dict())
    except Exception as e:
        logger.error(f"Error updating MCP server: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to update server"}), 500


@mcp_api.route("/servers/<int:server_id>", methods=["DELETE"])
@login_required
def delete_server(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    try:
        db.session.delete(server)
        db.session.commit()
        return jsonify({"message": "Server deleted"})
    except Exception as e:
        logger.error(f"Error deleting MCP server: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to delete server"}), 500


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------
@mcp_api.route("/servers/<int:server_id>/resources", methods=["GET"])
@login_required
def list_resources(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    return jsonify({"resources": [r.to_dict() for r in server.resources]})


@mcp_api.route("/servers/<int:server_id>/resources", methods=["POST"])
@login_required
def create_resource(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    data = request.get_json()
    try:
        resource = MCPResource(
            server_id=server.id,
            uri=data["uri"],
            name=data["name"],
            description=data.get("description", ""),
            mime_type=data.get("mime_type", "text/plain"),
            content=data["content"],
        )
        db.session.add(resource)
        db.session.commit()
        return jsonify(resource.to_dict()), 201
    except Exception as e:
        logger.error(f"Error creating MCP resource: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to create resource"}), 500


@mcp_api.route("/resources/<int:resource_id>", methods=["PUT"])
@login_required
def update_resource(resource_id):
    resource = db.session.get(MCPResource, resource_id)
    if resource is None:
        return jsonify({"error": "Resource not found"}), 404
    data = request.get_json()
    try:
        resource.name = data["name"]
        resource.description = data.get("description", resource.description)
        resource.mime_type = data.get("mime_type", resource.mime_type)
        resource.content = data["content"]
        db.session.commit()
        return jsonify(resource.to_dict())
    except Exception as e:
        logger.error(f"Error updating MCP resource: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to update resource"}), 500


@mcp_api.route("/resources/<int:resource_id>", methods=["DELETE"])
@login_required
def delete_resource(resource_id):
    resource = db.session.get(MCPResource, resource_id)
    if resource is None:
        return jsonify({"error": "Resource not found"}), 404
    try:
        db.session.delete(resource)
        db.session.commit()
        return jsonify({"message": "Resource deleted"})
    except Exception as e:
        logger.error(f"Error deleting MCP resource: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to delete resource"}), 500


@mcp_api.route("/resources/read", methods=["POST"])
@login_required
def read_resource():
    data = request.get_json()
    uri = data["uri"]
    try:
        result = asyncio.run(mcp_server.read_resource(uri))
        return jsonify({"contents": [result]})
    except MCPError as e:
        return jsonify({"error": "Resource not available"}), 404
    except Exception as e:
        logger.error(f"Error reading MCP resource {uri}: {e}")
        return jsonify({"error": "Failed to read resource"}), 500


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
@mcp_api.route("/servers/<int:server_id>/tools", methods=["GET"])
@login_required
def list_tools(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    return jsonify({"tools": [t.to_dict() for t in server.tools]})


@mcp_api.route("/servers/<int:server_id>/tools", methods=["POST"])
@login_required
def create_tool(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    data = request.get_json()
    try:
        tool = MCPTool(
            server_id=server.id,
            name=data["name"],
            description=data.get("description", ""),
            input_schema=data.get("input_schema", {}),
            handler=data["handler"],
        )
        db.session.add(tool)
        db.session.commit()
        return jsonify(tool.to_dict()), 201
    except Exception as e:
        logger.error(f"Error creating MCP tool: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to create tool"}), 500


@mcp_api.route("/tools/<int:tool_id>", methods=["PUT"])
@login_required
def update_tool(tool_id):
    tool = db.session.get(MCPTool, tool_id)
    if tool is None:
        return jsonify({"error": "Tool not found"}), 404
    data = request.get_json()
    try:
        tool.description = data["description"]
        tool.input_schema = data.get("input_schema", tool.input_schema)
        tool.is_enabled = data["is_enabled"]
        db.session.commit()
        return jsonify(tool.to_dict())
    except Exception as e:
        logger.error(f"Error updating MCP tool: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to update tool"}), 500


@mcp_api.route("/tools/<int:tool_id>", methods=["DELETE"])
@login_required
def delete_tool(tool_id):
    tool = db.session.get(MCPTool, tool_id)
    if tool is None:
        return jsonify({"error": "Tool not found"}), 404
    try:
        db.session.delete(tool)
        db.session.commit()
        return jsonify({"message": "Tool deleted"})
    except Exception as e:
        logger.error(f"Error deleting MCP tool: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to delete tool"}), 500


@mcp_api.route("/tools/call", methods=["POST"])
@login_required
def call_tool():
    data = request.get_json()
    name = data["name"]
    arguments = data.get("arguments", {})
    try:
        result = asyncio.run(mcp_server.call_tool(name, arguments))
        tool = MCPTool.query.filter_by(name=name).first()
        tool.call_count = (tool.call_count or 0) + 1
        db.session.commit()
        return jsonify(result)
    except MCPError as e:
        return jsonify({"error": "Tool not available"}), 404
    except Exception as e:
        logger.error(f"Error calling MCP tool {name}: {e}")
        db.session.rollback()
        return jsonify({"error": "Tool call failed"}), 500


# ---------------------------------------------------------------------------
# Prompts
# ---------------------------------------------------------------------------
@mcp_api.route("/servers/<int:server_id>/prompts", methods=["GET"])
@login_required
def list_prompts(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    return jsonify({"prompts": [p.to_dict() for p in server.prompts]})


@mcp_api.route("/servers/<int:server_id>/prompts", methods=["POST"])
@login_required
def create_prompt(server_id):
    server, error = _get_server_or_404(server_id)
    if error:
        return error
    data = request.get_json()
    try:
        prompt = MCPPrompt(
            server_id=server.id,
            name=data["name"],
            description=data.get("description", ""),
            template=data["template"],
            arguments=data.get("arguments", []),
        )
        db.session.add(prompt)
        db.session.commit()
        return jsonify(prompt.to_dict()), 201
    except Exception as e:
        logger.error(f"Error creating MCP prompt: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to create prompt"}), 500


@mcp_api.route("/prompts/<int:prompt_id>", methods=["PUT"])
@login_required
def update_prompt(prompt_id):
    prompt = db.session.get(MCPPrompt, prompt_id)
    if prompt is None:
        return jsonify({"error": "Prompt not found"}), 404
    data = request.get_json()
    try:
        prompt.description = data.get("description", prompt.description)
        prompt.template = data["template"]
        prompt.arguments = data.get("arguments", prompt.arguments)
        db.session.commit()
        return jsonify(prompt.to_dict())
    except Exception as e:
        logger.error(f"Error updating MCP prompt: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to update prompt"}), 500


@mcp_api.route("/prompts/<int:prompt_id>", methods=["DELETE"])
@login_required
def delete_prompt(prompt_id):
    prompt = db.session.get(MCPPrompt, prompt_id)
    if prompt is None:
        return jsonify({"error": "Prompt not found"}), 404
    try:
        db.session.delete(prompt)
        db.session.commit()
        return jsonify({"message": "Prompt deleted"})
    except Exception as e:
        logger.error(f"Error deleting MCP prompt: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to delete prompt"}), 500


@mcp_api.route("/prompts/get", methods=["POST"])
@login_required
def get_prompt():
    data = request.get_json()
    name = data["name"]
    arguments = data.get("arguments", {})
    try:
        result = asyncio.run(mcp_server.get_prompt(name, arguments))
        return jsonify(result)
    except MCPError as e:
        return jsonify({"error": "Prompt not available"}), 404
    except Exception as e:
        logger.error(f"Error getting MCP prompt {name}: {e}")
        return jsonify({"error": "Failed to get prompt"}), 500


# ---------------------------------------------------------------------------
# Setup / status
# ---------------------------------------------------------------------------
@mcp_api.route("/setup-default", methods=["POST"])
@login_required
def setup_default():
    if not current_user.is_admin:
        return jsonify({"error": "Admin access required"}), 403
    if MCPServer.query.filter_by(name="ukg-default").first() is not None:
        return jsonify({"error": "Default server already configured"}), 409
    try:
        server = MCPServer(
            name="ukg-default",
            description="Built-in UKG knowledge server",
            capabilities={"resources": True, "tools": True, "prompts": True},
        )
        server.tools = [MCPTool(name=n, description=d, handler=h) for n, d, h in DEFAULT_TOOLS]
        server.prompts = [MCPPrompt(name=n, description=d, template=t) for n, d, t in DEFAULT_PROMPTS]
        db.session.add(server)
        db.session.commit()
        return jsonify(server.to_dict()), 201
    except Exception as e:
        logger.error(f"Error setting up default MCP server: {e}")
        db.session.rollback()
        return jsonify({"error": "Failed to set up default server"}), 500


@mcp_api.route("/status", methods=["GET"])
@login_required
def status():
    try:
        return jsonify(
            {
                "servers": MCPServer.query.count(),
                "active_servers": MCPServer.query.filter_by(is_active=True).count(),
                "resources": MCPResource.query.count(),
                "tools": MCPTool.query.count(),
                "prompts": MCPPrompt.query.count(),
            }
        )
    except Exception as e:
        logger.error(f"Error reading MCP status: {e}")
        return jsonify({"error": "Failed to read status"}), 500
