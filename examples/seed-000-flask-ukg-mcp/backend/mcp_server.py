"""Built-in asynchronous MCP server backed by the UKG registry tables."""
import asyncio
import logging
from string import Template

from backend.models import MCPPrompt, MCPResource, MCPTool
from backend.simulation_engine import SimulationEngine

logger = logging.getLogger(__name__)


class MCPError(Exception):
    """Raised when an MCP request cannot be served."""


class UKGMCPServer:
    """Implements the MCP resources/tools/prompts primitives."""

    def __init__(self):
        self.engine = SimulationEngine()
        self._handlers = {
            "knowledge_search": self._knowledge_search,
            "layer_analysis": self._layer_analysis,
            "confidence_score": self._confidence_score,
        }

    async def read_resource(self, uri):
        resource = MCPResource.query.filter_by(uri=uri).first()
        if resource is None:
            raise MCPError(f"resource not found: {uri}")
        await asyncio.sleep(0)  # yield to the loop, resources may be lazily loaded
        return {
            "uri": resource.uri,
            "mimeType": resource.mime_type,
            "text": resource.content or "",
        }

    async def call_tool(self, name, arguments):
        tool = MCPTool.query.filter_by(name=name, is_enabled=True).first()
        if tool is None:
            raise MCPError(f"tool not found or disabled: {name}")
        handler = self._handlers.get(tool.handler)
        if handler is None:
            raise MCPError(f"no handler registered for {tool.handler}")
        result = await handler(arguments)
        return {"content": [{"type": "text", "text": str(result)}], "isError": False}

    async def get_prompt(self, name, arguments):
        prompt = MCPPrompt.query.filter_by(name=name).first()
        if prompt is None:
            raise MCPError(f"prompt not found: {name}")
        text = Template(prompt.template).safe_substitute(arguments)
        return {
            "description": prompt.description,
            "messages": [{"role": "user", "content": {"type": "text", "text": text}}],
        }

    async def _knowledge_search(self, arguments):
        query = arguments.get("query", "")
        return await self.engine.search(query, limit=arguments.get("limit", 10))

    async def _layer_analysis(self, arguments):
        return await self.engine.analyze_layer(arguments.get("layer", 1))

    async def _confidence_score(self, arguments):
        return await self.engine.score(arguments.get("text", ""))


mcp_server = UKGMCPServer()
