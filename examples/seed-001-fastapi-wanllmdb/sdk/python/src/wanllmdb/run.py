"""Run object used by training scripts: wanllmdb.init(...) -> Run."""
import os
from typing import Any, Dict, Optional

import httpx

from wanllmdb.artifact import Artifact

DEFAULT_API_URL = "http://localhost:8000/api/v1"


class Run:
    """A single tracked experiment run."""

    def __init__(
        self,
        project_id: str,
        name: Optional[str] = None,
        config: Optional[Dict[str, Any]] = None,
        api_url: Optional[str] = None,
        api_key: Optional[str] = None,
    ) -> None:
        self.api_url = api_url or os.environ.get("WANLLMDB_API_URL", DEFAULT_API_URL)
        self.api_key = api_key or os.environ.get("WANLLMDB_API_KEY")
        self.project_id = project_id
        self.name = name or f"run-{os.getpid()}"
        self.config = config or {}
        self._client = httpx.Client(
            base_url=self.api_url,
            headers={"Authorization": f"Bearer {self.api_key}"} if self.api_key else {},
            timeout=30.0,
        )
        response = self._client.post(
            "/runs", json={"project_id": project_id, "name": self.name, "config": self.config}
        )
        response.raise_for_status()
        self.id: str = response.json()["id"]
        self._summary: Dict[str, Any] = {}

    def log(self, metrics: Dict[str, float], step: Optional[int] = None) -> None:
        self._summary.update(metrics)
        if step is not None:
            self._summary["_step"] = step
        self._client.patch(f"/runs/{self.id}", json={"summary": self._summary}).raise_for_status()

    def log_artifact(self, artifact, aliases=None):
        """Upload an artifact as a new version of this run's project artifact."""
        aliases = aliases or ["latest"]
        response = self._client.post(
            "/artifacts",
            json={
                "name": artifact.name,
                "type": artifact.type,
                "description": artifact.description,
                "project_id": self.project_id,
                "metadata": artifact.metadata,
            },
        )
        response.raise_for_status()
        artifact_id = response.json()["id"]

        version = self._client.post(
            f"/artifacts/{artifact_id}/versions",
            json={"run_id": self.id, "metadata": artifact.metadata},
        )
        version.raise_for_status()
        version_id = version.json()["id"]

        for artifact_file in artifact.files:
            try:
                artifact_file.compute_hashes()
            except Exception as e:
                print(f"Warning: Failed to compute hashes: {e}")
            upload = self._client.post(
                f"/artifacts/versions/{version_id}/files/upload-url",
                json={"path": artifact_file.path, "size": artifact_file.size},
            )
            upload.raise_for_status()
            with open(artifact_file.local_path, "rb") as fh:
                httpx.put(upload.json()["upload_url"], content=fh.read(), timeout=300.0).raise_for_status()

        for reference in artifact.references:
            self._client.post(
                f"/artifacts/versions/{version_id}/files/reference", json=reference
            ).raise_for_status()

        self._client.post(f"/artifacts/versions/{version_id}/finalize").raise_for_status()
        for alias in aliases:
            self._client.post(f"/artifacts/versions/{version_id}/aliases", json={"alias": alias})
        return artifact

    def finish(self, state: str = "finished") -> None:
        self._client.patch(f"/runs/{self.id}", json={"state": state, "summary": self._summary})
        self._client.close()


def init(project_id: str, name: Optional[str] = None, config: Optional[Dict[str, Any]] = None) -> Run:
    return Run(project_id=project_id, name=name, config=config)
