"""Shared helpers: write a tiny real site into tmp_path and build it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from digest.pipeline import BuildOptions, BuildReport, build_site

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def write_article(content_dir: Path, name: str, front_matter: str, body: str = "Nội dung bài viết.\n") -> Path:
    """Write content_dir/name with the given front matter (dedented) and body."""
    path = content_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + textwrap.dedent(front_matter).strip() + "\n---\n" + body, encoding="utf-8")
    return path


def copy_site(case: str, tmp_path: Path) -> Path:
    """Copy tests/fixtures/sites/<case> into tmp_path/<case> and return it."""
    target = tmp_path / case
    shutil.copytree(FIXTURES / "sites" / case, target)
    return target


def build(root: Path, search: bool = True, **kwargs) -> BuildReport:
    """Build the site at root into root/output."""
    options = BuildOptions(root=root, content_dir=kwargs.pop("content_dir", root / "content"),
                           output_dir=kwargs.pop("output_dir", root / "output"), search=search, **kwargs)
    return build_site(options)


@pytest.fixture
def basic_site(tmp_path: Path) -> Path:
    """The small fixture site, copied so a test may change it."""
    return copy_site("basic", tmp_path)


def build_sharded(root: Path, **kwargs) -> BuildReport:
    """Build with one search index per year whatever the size, to exercise the shards."""
    return build(root, single_index_max=0, **kwargs)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The basic site with nine generated articles over 2019-2021 and the project's theme."""
    from tests.snapshots import write_archive

    site = copy_site("basic", tmp_path)
    write_archive(site / "content", 9, years=(2019, 2020, 2021))
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, site / folder)
    return site
