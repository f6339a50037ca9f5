"""The build as a flat list of stage calls: config -> articles -> model -> pages -> search index.

Everything is validated before output/ is touched; pages and the index are written into a
staging folder that replaces output/ only when every stage succeeded.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digest.checks import check_campaigns
from digest.config import load_config
from digest.content import display_path, load_articles
from digest.errors import SourceError
from digest.model import build_model
from digest.render import render_site
from digest.search import index_site


@dataclass(frozen=True)
class BuildOptions:
    """Where things are and what to include."""

    root: Path
    """Project folder holding site.yaml and templates/."""
    content_dir: Path
    """Folder of article Markdown files."""
    output_dir: Path
    """Folder that receives the site."""
    drafts: bool = False
    """Include `draft: true` articles."""
    search: bool = True
    """Run Pagefind after rendering."""
    progress: Callable[[str, int, int], None] | None = None
    """Called as progress(stage, done, total) while a build runs, so the CLI can draw a bar."""


def _no_progress(stage: str, done: int, total: int) -> None:
    """Default progress callback: builds run silently unless the caller wants to show them."""


PROJECT_DIR = Path(__file__).resolve().parent.parent
"""The repository: its templates/ and static/ serve sites that have none of their own."""


def theme_dir(root: Path, name: str) -> Path:
    """root/<name> when the site has one, else the project's own (templates/ or static/)."""
    own = root / name
    return own if own.is_dir() else PROJECT_DIR / name


@dataclass(frozen=True)
class BuildReport:
    """What a successful build did."""

    pages: int
    """HTML pages written."""
    articles: int
    """Articles on the site."""
    warnings: tuple[SourceError, ...]
    """Problems that did not stop the build."""
    seconds: float
    """Wall time of the whole build."""


def check_site(options: BuildOptions) -> list[SourceError]:
    """Run every validation without writing anything; return warnings (raise BuildFailed on errors)."""
    config = load_config(options.root / "site.yaml", display_path(options.root / "site.yaml"))
    articles, warnings = load_articles(options.content_dir, drafts=options.drafts)
    return warnings + check_campaigns(articles, config)


def _swap_into_place(staging: Path, output_dir: Path) -> None:
    """Replace output_dir by staging with two renames, so a reader never sees half a site."""
    previous = output_dir.with_name(f".{output_dir.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output_dir.exists():
        output_dir.rename(previous)
    staging.rename(output_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build_site(options: BuildOptions) -> BuildReport:
    """Build the whole site; on any failure output_dir is left exactly as it was."""
    started = time.perf_counter()
    progress = options.progress or _no_progress
    progress("read", 0, 1)
    config = load_config(options.root / "site.yaml", display_path(options.root / "site.yaml"))
    articles, warnings = load_articles(options.content_dir, drafts=options.drafts)
    warnings = warnings + check_campaigns(articles, config)
    progress("read", 1, 1)
    model = build_model(articles, config)
    staging = options.output_dir.with_name(f".{options.output_dir.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        pages = render_site(model, config, theme_dir(options.root, "templates"),
                            theme_dir(options.root, "static"), staging, progress)
        if options.search:
            progress("index", 0, 1)
            index_site(staging)
            progress("index", 1, 1)
        _swap_into_place(staging, options.output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(pages, len(articles), tuple(warnings), time.perf_counter() - started)
