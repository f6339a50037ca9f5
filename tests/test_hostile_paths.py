"""No page overwrites another and none is written outside output/ (digest/paths.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import BuildFailed
from digest.paths import PlannedFile, find_path_problems, path_problem
from tests.conftest import build, write_article
from tests.sitecheck import parse_html


@pytest.mark.parametrize("path", ["index.html", "can-bo/nguyen-van-an.html", "bai-viet/2019-01-02-giao-ban.html"])
def test_plain_relative_paths_are_safe(path: str):
    assert path_problem(path) is None


@pytest.mark.parametrize(("path", "reason"), [
    ("../index.html", "would be written outside the output folder"),
    ("can-bo/../../x.html", "would be written outside the output folder"),
    ("can-bo/./x.html", "would be written outside the output folder"),
    ("can-bo//x.html", "would be written outside the output folder"),
    ("/etc/passwd", "is not a plain relative path"),
    ("C:\\x.html", "is not a plain relative path"),
    ("a\x00.html", "is not a plain relative path"),
    ("", "is not a plain relative path"),
    ("can-bo/" + "ă" * 128 + ".html", "has a name longer than 255 bytes"),
])
def test_unsafe_paths_are_named(path: str, reason: str):
    assert path_problem(path) == reason


def test_two_pages_on_one_path_are_both_named():
    found = find_path_problems([PlannedFile("can-bo/index.html", "the page can-bo/index.html"),
                                PlannedFile("can-bo/a.html", 'official "A"'),
                                PlannedFile("can-bo/INDEX.html", 'official "INDEX"')])
    assert [p.format() for p in found] == [
        'can-bo/INDEX.html: two pages would be written here: the page can-bo/index.html and official "INDEX". '
        "Fix: rename one of the two so their URLs differ"]


def test_escaping_page_is_reported_with_its_origin():
    found = find_path_problems([PlannedFile("../../x.html", "the article content/x.md")])
    assert found[0].format() == ("../../x.html: the page for the article content/x.md would be written outside the "
                                 "output folder. Fix: rename the source so its URL is plain letters, digits and dashes")


@pytest.mark.parametrize("name", ["Index", "INDEX"])
def test_official_named_like_an_index_page_never_replaces_it(tmp_path: Path, name: str):
    root = tmp_path / "site"
    (root).mkdir()
    (root / "site.yaml").write_text("title: T\ndescription: D\n", encoding="utf-8")
    write_article(root / "content", "a.md", f"title: A\ndate: 2020-01-01\nofficials: [{name}]\ncampaigns: [Index]")
    try:
        build(root, search=False)
    except BuildFailed as failed:  # refusing is fine, if it says which two pages clash
        messages = [e.format() for e in failed.errors]
        assert any("two pages would be written here" in m and f'"{name}"' in m for m in messages), messages
        assert not (root / "output").exists()
        return
    out = root / "output"
    assert parse_html(out / "can-bo" / "index.html").texts["h1"] != [name]
    assert [p for p in (out / "can-bo").glob("*.html") if parse_html(p).texts["h1"] == [name]]


def test_long_names_get_short_distinct_urls(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yaml").write_text("title: T\ndescription: D\n", encoding="utf-8")
    stem = "Nguyễn Thị Minh Khai Hoàng Văn Thụ " * 12
    officials = f"[{stem}An, {stem}Bình]"
    write_article(root / "content", "a.md", f"title: A\ndate: 2020-01-01\nofficials: {officials}\n"
                  f"campaigns: [{stem}Một, {stem}Hai]")
    build(root, search=False)
    for folder in ("can-bo", "phong-trao"):
        files = [p for p in (root / "output" / folder).glob("*.html") if p.name != "index.html"]
        assert len(files) == 2
        assert all(len(p.name.encode()) <= 100 for p in files)
        assert len({parse_html(p).texts["h1"][0] for p in files}) == 2
