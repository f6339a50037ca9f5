"""Run `build.py` as a user would: a subprocess in the site's folder, with a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_PY = REPO / "build.py"


def cli_env(unbuffered: bool = True, **extra: str) -> dict[str, str]:
    """The environment minus GitHub's and CI's markers (tests must pass inside Actions too)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CI", "PYTHONUNBUFFERED")}
    env["PYTHONPATH"] = str(REPO)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run_cli(cwd: Path, *args: str, timeout: float = 120, unbuffered: bool = True,
            **env: str) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` in cwd; returns the finished process with text stdout and stderr."""
    return subprocess.run([sys.executable, str(BUILD_PY), *args], cwd=cwd, env=cli_env(unbuffered, **env),
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False)
