"""The published address can come from the command line or SITE_BASE_URL (the Pages workflow)."""

from __future__ import annotations

from pathlib import Path

from tests.clirun import run_cli
from tests.conftest import copy_site

PAGE = "bai-viet/2019-01-02-giao-ban-quy-iv.html"


def _canonical(root: Path) -> str:
    html = (root / "output" / PAGE).read_text(encoding="utf-8")
    return html.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]


def test_base_url_option_replaces_site_yaml_and_rebuilds_the_pages(tmp_path: Path):
    root = copy_site("basic", tmp_path)
    assert run_cli(root, "build", "--quiet").returncode == 0
    assert _canonical(root) == "https://example.github.io/dan-van/" + PAGE
    result = run_cli(root, "build", "--quiet", "--base-url", "https://someone.github.io/digest")
    assert result.returncode == 0, result.stderr
    assert _canonical(root) == "https://someone.github.io/digest/" + PAGE


def test_base_url_from_the_environment(tmp_path: Path):
    root = copy_site("basic", tmp_path)
    result = run_cli(root, "build", "--quiet", SITE_BASE_URL="https://org.github.io/site/")
    assert result.returncode == 0, result.stderr
    assert _canonical(root) == "https://org.github.io/site/" + PAGE
    assert "https://org.github.io/site/" in (root / "output" / "sitemap.xml").read_text(encoding="utf-8")
