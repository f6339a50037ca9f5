"""Index the rendered site with Pagefind's CLI (from the installed `pagefind[bin]` package)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digest.errors import BuildFailed, SourceError


def index_site(out_dir: Path) -> None:
    """Run `python -m pagefind --site out_dir`; raise BuildFailed with Pagefind's message on failure.

    The CLI, not the Python API: the API sleeps 0.1 s per page and is ~30x slower."""
    command = [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (out_dir / "pagefind" / "pagefind.js").exists():
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BuildFailed([SourceError("pagefind", None, "search indexing failed: " + " | ".join(detail),
                                       "run `python -m pagefind --site output` to see the whole message")])
