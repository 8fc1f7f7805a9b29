"""Run student code: in a throwaway Docker container when available,
otherwise directly with a subprocess."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Dict

from app.config import settings

OUTPUT_LIMIT = 20_000


def _notebook_to_script(path, dest):
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    lines = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            source = "".join(cell.get("source", []))
            # drop IPython magics / shell escapes
            lines.extend(l for l in source.splitlines() if not l.lstrip().startswith(("%", "!")))
            lines.append("")
    script = os.path.join(dest, "main.py")
    with open(script, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return script


class ExecutorService:
    def __init__(self) -> None:
        self.use_docker = settings.USE_DOCKER_EXECUTOR and shutil.which("docker") is not None
        print(f"[executor] docker available: {self.use_docker}")

    def execute(self, code_path):
        workdir = tempfile.mkdtemp(prefix="labmate-run-")
        try:
            if code_path.endswith(".ipynb"):
                script = _notebook_to_script(code_path, workdir)
            else:
                script = os.path.join(workdir, "main.py")
                shutil.copy(code_path, script)
            print(f"[executor] prepared {script}")
            if self.use_docker:
                return self._execute_docker(workdir)
            return self._execute_subprocess(script, workdir)
        finally:
            try:
                shutil.rmtree(workdir)
            except Exception:
                pass

    def _execute_docker(self, workdir: str) -> Dict[str, object]:
        cmd = [
            "docker", "run", "--rm",
            "--network", "none",
            "--memory", "256m",
            "--cpus", "0.5",
            "--pids-limit", "64",
            "-v", f"{workdir}:/code:ro",
            settings.EXECUTOR_IMAGE,
            "python", "/code/main.py",
        ]
        print(f"[executor] docker run {settings.EXECUTOR_IMAGE}")
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            return {"exit_code": -1, "stdout": "", "stderr": "Execution timed out", "sandbox": "docker"}
        return {
            "exit_code": proc.returncode,
            "stdout": proc.stdout[:OUTPUT_LIMIT],
            "stderr": proc.stderr[:OUTPUT_LIMIT],
            "sandbox": "docker",
        }

    # ------------------------------------------------------------------
    # Fallback when Docker is not available (local development, CI).
    # ------------------------------------------------------------------
    def _execute_subprocess(self, script: str, workdir: str) -> Dict[str, object]:
        print(f"[executor] WARNING: running {script} without docker")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONIOENCODING": "utf-8",
            "HOME": workdir,
        }
        try:
            proc = subprocess.run(
                [sys.executable, script],
                cwd=workdir,
                env=env,
                capture_output=True,
                text=True,
                timeout=30.0,
            )
        except subprocess.TimeoutExpired:
            print("[executor] subprocess timed out")
            return {"exit_code": -1, "stdout": "", "stderr": "Execution timed out", "sandbox": "none"}
        print(f"[executor] exit code {proc.returncode}")
        return {
            "exit_code": proc.returncode,
            "stdout": proc.stdout[:OUTPUT_LIMIT],
            "stderr": proc.stderr[:OUTPUT_LIMIT],
            "sandbox": "none",
        }


executor_service = ExecutorService()
