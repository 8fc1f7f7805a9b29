"""MCP registry models: servers, resources, tools and prompts (global, not per user)."""
from datetime import datetime

from models import db


class MCPServer(db.Model):
    __tablename__ = "mcp_servers"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), unique=True, nullable=False)
    description = db.Column(db.Text)
    version = db.Column(db.String(20), default="1.0.0")
    is_active = db.Column(db.Boolean, default=True)
    capabilities = db.Column(db.JSON, default=dict)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    resources = db.relationship("MCPResource", backref="server", cascade="all, delete-orphan")
    tools = db.relationship("MCPTool", backref="server", cascade="all, delete-orphan")
    prompts = db.relationship("MCPPrompt", backref="server", cascade="all, delete-orphan")

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "version": self.version,
            "is_active": self.is_active,
            "capabilities": self.capabilities or {},
            "resource_count": len(self.resources),
            "tool_count": len(self.tools),
            "prompt_count": len(self.prompts),
        }


class MCPResource(db.Model):
    __tablename__ = "mcp_resources"

    id = db.Column(db.Integer, primary_key=True)
    server_id = db.Column(db.Integer, db.ForeignKey("mcp_servers.id", ondelete="CASCADE"), nullable=False)
    uri = db.Column(db.String(500), nullable=False)
    name = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text)
    mime_type = db.Column(db.String(100), default="text/plain")
    content = db.Column(db.Text)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    def to_dict(self, include_content=False):
        data = {
            "id": self.id,
            "server_id": self.server_id,
            "uri": self.uri,
            "name": self.name,
            "description": self.description,
            "mime_type": self.mime_type,
        }
        if include_content:
            data["content"] = self.content
        return data


class MCPTool(db.Model):
    __tablename__ = "mcp_tools"

    id = db.Column(db.Integer, primary_key=True)
    server_id = db.Column(db.Integer, db.ForeignKey("mcp_servers.id", ondelete="CASCADE"), nullable=False)
    name = db.Column(db.String(100), nullable=False)
    description = db.Column(db.Text)
    input_schema = db.Column(db.JSON, default=dict)
    handler = db.Column(db.String(100), nullable=False)
    is_enabled = db.Column(db.Boolean, default=True)
    call_count = db.Column(db.Integer, default=0)

    def to_dict(self):
        return {
            "id": self.id,
            "server_id": self.server_id,
            "name": self.name,
            "description": self.description,
            "input_schema": self.input_schema or {},
            "handler": self.handler,
            "is_enabled": self.is_enabled,
            "call_count": self.call_count,
        }


class MCPPrompt(db.Model):
    __tablename__ = "mcp_prompts"

    id = db.Column(db.Integer, primary_key=True)
    server_id = db.Column(db.Integer, db.ForeignKey("mcp_servers.id", ondelete="CASCADE"), nullable=False)
    name = db.Column(db.String(100), nullable=False)
    description = db.Column(db.Text)
    template = db.Column(db.Text, nullable=False)
    arguments = db.Column(db.JSON, default=list)

    def to_dict(self):
        return {
            "id": self.id,
            "server_id": self.server_id,
            "name": self.name,
            "description": self.description,
            "template": self.template,
            "arguments": self.arguments or [],
        }
