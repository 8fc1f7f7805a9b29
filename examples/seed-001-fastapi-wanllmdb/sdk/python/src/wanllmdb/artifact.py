"""Client-side artifact objects."""
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass
class ArtifactFile:
    local_path: str
    path: str
    size: int = 0
    md5_hash: Optional[str] = None
    sha256_hash: Optional[str] = None

    def compute_hashes(self) -> None:
        md5 = hashlib.md5()
        sha256 = hashlib.sha256()
        with open(self.local_path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                md5.update(chunk)
                sha256.update(chunk)
        self.md5_hash = md5.hexdigest()
        self.sha256_hash = sha256.hexdigest()
        self.size = os.path.getsize(self.local_path)


@dataclass
class Artifact:
    name: str
    type: str
    description: Optional[str] = None
    metadata: Dict[str, Any] = field(default_factory=dict)
    files: List[ArtifactFile] = field(default_factory=list)
    references: List[Dict[str, Any]] = field(default_factory=list)

    def add_file(self, local_path: str, name: Optional[str] = None) -> ArtifactFile:
        artifact_file = ArtifactFile(local_path=local_path, path=name or os.path.basename(local_path))
        self.files.append(artifact_file)
        return artifact_file

    def add_reference(self, uri: str, name: Optional[str] = None, size: Optional[int] = None) -> None:
        self.references.append({"reference_uri": uri, "path": name or uri.rsplit("/", 1)[-1], "size": size})
