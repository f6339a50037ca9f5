"""Start a rebuild's staging folder as hard links to the previous output's pages and bundles.

Why: a rebuild after one change keeps ~11,000 pages and ~20 search bundles of a
10,000-article site. Linking them one by one in the render workers and, at the end, the
bundles, cost ~0.3 CPU-seconds on the two busy cores and 0.15 s after the pages were done.
One `cp -al`, started while the parent reads the cache and builds the model (when the other
core is idle), links them all in C. The render pass then only replaces what changed and
removes what the new site no longer has (remove_stale_pages; stale bundles: digest/search.py).

The rule that keeps the previous output intact: nothing writes into a file of the staging
folder, it replaces it (files.write_new_file unlinks first; a re-indexed bundle's folder
is removed before Pagefind writes it). Only page folders, root pages and bundle folders are
linked; feeds, assets and the offline index are written afresh as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Collection, Iterable
from pathlib import Path


def _top_names(page_paths: Iterable[str]) -> set[str]:
    """The top-level folders and root files of some pages ("bai-viet", "index.html")."""
    return {path.split("/", 1)[0] for path in page_paths}


def prelink_names(page_paths: Iterable[str], bundle_directories: Iterable[str]) -> list[str]:
    """Top-level names to link: the folders and root files of the last build's pages, and its
    search bundles."""
    return sorted(_top_names(page_paths) | set(bundle_directories))


def start_prelink(previous_dir: Path, staging: Path, names: Collection[str]) -> subprocess.Popen | None:
    """Start linking previous_dir/<name> into staging (an empty folder) for each name; None when
    there is nothing to link, no GNU `cp`, or a name is a symbolic link (the build then links
    page by page, as before: a linked folder that is a symlink would lead writes and removals
    out of the output)."""
    sources = [previous_dir / name for name in names if os.path.lexists(previous_dir / name)]
    if not sources or any(source.is_symlink() for source in sources) or not shutil.which("cp"):
        return None
    try:
        return subprocess.Popen(["cp", "-al", "--", *map(str, sources), str(staging)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def finish_prelink(process: subprocess.Popen | None, staging: Path) -> bool:
    """Wait for the links; True when they all exist. On failure staging is emptied (the
    build then links page by page)."""
    if process is None:
        return False
    if process.wait() == 0:
        return True
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True, exist_ok=True)
    return False


def stop_prelink(process: subprocess.Popen | None) -> None:
    """Stop a prelink still running (the build failed before using it)."""
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


def remove_stale_pages(staging: Path, previous_pages: Iterable[str], pages: Collection[str]) -> int:
    """Remove from the prelinked page folders and root pages every file that is not one of
    `pages` (an article deleted since, or a file added to output/ by hand): the site then
    equals a full build. Empty folders go too. Returns the files removed."""
    removed = 0
    for name in sorted(_top_names(previous_pages)):
        top = staging / name
        if not top.is_dir():
            if name not in pages and os.path.lexists(top):
                top.unlink()
                removed += 1
            continue
        for folder, _, files in os.walk(top, topdown=False):
            relative = os.path.relpath(folder, staging).replace(os.sep, "/")
            for file in files:
                if f"{relative}/{file}" not in pages:
                    os.unlink(os.path.join(folder, file))
                    removed += 1
            if not os.listdir(folder):
                os.rmdir(folder)
    return removed
