"""Render planned pages to HTML files with Jinja2 (autoescape, StrictUndefined)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from digest import urls
from digest.config import SiteConfig
from digest.filters import register_filters
from digest.model import SiteModel
from digest.pages import Page, plan_pages
from digest.paths import guard_output_paths


def make_environment(templates_dir: Path) -> Environment:
    """Jinja environment: autoescape on, undefined variables fail the build."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register_filters(env)
    return env


def render_page(env: Environment, page: Page, config: SiteConfig) -> str:
    """Render one page to HTML text."""
    template = env.get_template(page.template)
    return template.render(site=config, page_path=page.path, urls=urls, **page.context)


def render_site(model: SiteModel, config: SiteConfig, templates_dir: Path, static_dir: Path, out_dir: Path,
                progress: Callable[[str, int, int], None] | None = None) -> int:
    """Write every page and the static assets into out_dir; return the number of pages.

    `progress("render", done, total)` is called as pages are written (the CLI draws a bar)."""
    env = make_environment(templates_dir)
    pages = plan_pages(model, config)
    guard_output_paths(pages)  # no page overwrites another or escapes out_dir (digest/paths.py)
    if progress:
        progress("render", 0, len(pages))
    for done, page in enumerate(pages, start=1):
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(env, page, config), encoding="utf-8")
        if progress:
            progress("render", done, len(pages))
    if static_dir.is_dir():
        shutil.copytree(static_dir, out_dir / "assets", dirs_exist_ok=True)
    (out_dir / ".nojekyll").write_text("", encoding="utf-8")
    return len(pages)
