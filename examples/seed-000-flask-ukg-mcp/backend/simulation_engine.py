"""Layered UKG simulation engine (simplified)."""
import asyncio
import logging

logger = logging.getLogger(__name__)

LAYER_NAMES = {
    1: "Simulated Database",
    2: "Simulated Knowledge Graph",
    3: "Research Agents",
    4: "Point of View Engine",
    5: "Integration Layer",
}


class SimulationEngine:
    """Runs simulation steps and answers knowledge queries."""

    def __init__(self, confidence_threshold=0.995):
        self.confidence_threshold = confidence_threshold
        self._knowledge = {}

    async def search(self, query, limit=10):
        await asyncio.sleep(0)
        hits = [k for k in self._knowledge if query.lower() in k.lower()]
        return hits[:limit]

    async def analyze_layer(self, layer):
        await asyncio.sleep(0)
        return {"layer": layer, "name": LAYER_NAMES.get(layer, "unknown")}

    async def score(self, text):
        await asyncio.sleep(0)
        words = len(text.split())
        return min(1.0, 0.5 + words / 1000)

    def start(self, simulation):
        logger.info("starting simulation %s", simulation.id)
        simulation.status = "running"
        simulation.current_layer = 1

    def step(self, simulation):
        if simulation.current_layer < max(LAYER_NAMES):
            simulation.current_layer += 1
        simulation.confidence = min(1.0, simulation.confidence + 0.2)
        if simulation.confidence >= self.confidence_threshold:
            simulation.status = "completed"

    def stop(self, simulation):
        logger.info("stopping simulation %s", simulation.id)
        simulation.status = "stopped"
