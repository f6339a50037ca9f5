"""Incremental builds re-render only what changed and give exactly a full build's output."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest

from digest import cache, render
from digest.pipeline import BuildReport
from tests.conftest import REPO, copy_site, write_article
from tests.conftest import build as build_site_at
from tests.snapshots import (
    CAMPAIGNS,
    article_front_matter,
    differences,
    indexed_pages,
    listed_bundles,
    snapshot,
    write_archive,
)


def build(root: Path, **kwargs):
    """Build with one search index per year whatever the size, to exercise the shards."""
    return build_site_at(root, single_index_max=0, **kwargs)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The basic fixture site plus 12 generated articles over three years, with its own copy
    of the theme (so a colleague editing templates/ meanwhile does not change the result)."""
    site = copy_site("basic", tmp_path)
    write_archive(site / "content", 12)
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, site / folder)
    return site


@pytest.fixture(autouse=True)
def frozen_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-in for the package's sources, so colleagues editing digest/ meanwhile do not turn
    these incremental builds into full ones; returns the file a test may edit."""
    stand_in = tmp_path / "code.py"
    stand_in.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "code_files", lambda: [stand_in])
    return stand_in


def fresh_full_build(site: Path, tmp_path: Path) -> Path:
    """Build the same input from scratch into another folder and return it."""
    target = tmp_path / "fresh"
    shutil.rmtree(target, ignore_errors=True)
    build(site, output_dir=target, full=True)
    return target


def assert_same_as_full_build(site: Path, tmp_path: Path) -> None:
    """Every file but the search bundles equals a full build's; the search covers the same pages."""
    fresh = fresh_full_build(site, tmp_path)
    assert differences(snapshot(site / "output", skip_search=True), snapshot(fresh, skip_search=True)) == []
    assert indexed_pages(site / "output") == indexed_pages(fresh)
    listed_bundles(site / "output")


def article_date(path: Path) -> str:
    """The `date:` of an article file of the generated archive."""
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("date:"))


def inode(path: Path) -> int:
    return path.stat().st_ino


def edit_title(path: Path, title: str) -> None:
    """Give an article of the generated archive a new title (and a new mtime)."""
    number = int(path.stem.rsplit("-", 1)[1])
    year = int(path.parent.name)
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    path.write_text(f"---\n{article_front_matter(number, year, title)}---\n{body}", encoding="utf-8")


def test_rebuild_with_nothing_changed_leaves_output_alone(archive: Path):
    first = build(archive)
    folder = inode(archive / "output")
    again = build(archive)
    assert again.unchanged and (again.pages, again.articles) == (first.pages, first.articles)
    assert inode(archive / "output") == folder


def test_edit_re_renders_only_the_pages_that_show_the_article(archive: Path, tmp_path: Path):
    first = build(archive)
    out = archive / "output"
    untouched = [out / "404.html", out / "tim-kiem.html", out / "phong-trao" / "index.html"]
    before = {p: inode(p) for p in untouched}
    edited = archive / "content" / "2020" / "2020-bai-004.md"
    edit_title(edited, "Tiêu đề mới về dân vận khéo")
    report = build(archive)
    assert 0 < report.rendered < first.pages / 2
    assert report.indexed_shards == 1  # only 2020's search shard
    assert {p: inode(p) for p in untouched} == before
    assert "Tiêu đề mới về dân vận khéo" in (out / "bai-viet" / "2020-bai-004.html").read_text(encoding="utf-8")
    assert "Tiêu đề mới về dân vận khéo" in (out / "dong-thoi-gian" / "2020.html").read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_editing_only_the_text_re_renders_only_the_article_page(archive: Path, tmp_path: Path):
    """Listing pages show an article's metadata, never its text: they stay as they are."""
    build(archive)
    out = archive / "output"
    edited = archive / "content" / "2020" / "2020-bai-004.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột đoạn mới về khoalangbenchmark.\n", encoding="utf-8")
    timeline = inode(out / "dong-thoi-gian" / "2020.html")
    report = build(archive)
    assert report.rendered == 1 and report.indexed_shards == 1
    assert inode(out / "dong-thoi-gian" / "2020.html") == timeline
    assert "khoalangbenchmark" in indexed_pages(out)["/bai-viet/2020-bai-004.html"]
    assert "khoalangbenchmark" in (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_a_text_edit_beside_an_addition_re_renders_the_edited_page(archive: Path, tmp_path: Path):
    """The general path (an article added): an article page's fingerprint stands for its text
    by the digest of its file (render.text_key), so a text-only edit still re-renders it."""
    build(archive)
    edited = archive / "content" / "2019" / "2019-bai-003.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nCâu mới về khoalangthem.\n", encoding="utf-8")
    # Newest, and naming no one and no campaign: the edited page's neighbours and related
    # articles stay as they were, so only its text can make it render again.
    write_article(archive / "content", "2024/2024-05-01-bai-moi.md", "title: Bài mới\ndate: 2024-05-01\n", "Bài mới.\n")
    assert build(archive).rendered < 12
    assert "khoalangthem" in (archive / "output" / "bai-viet" / "2019-bai-003.html").read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_add_and_delete_articles_match_a_full_build_and_the_search(archive: Path, tmp_path: Path):
    build(archive)
    added = write_article(archive / "content", "2024/2024-05-01-bai-moi.md", article_front_matter(99, 2024),
                          "Một từ hiếm: chimlạcđồngđầu.\n")
    deleted = archive / "content" / "2019" / "2019-bai-003.md"
    deleted.unlink()
    edit_title(archive / "content" / "2021" / "2021-bai-002.md", "Sửa tiêu đề")
    report = build(archive)
    out = archive / "output"
    assert report.articles == 14
    assert not (out / "bai-viet" / "2019-bai-003.html").exists()
    search = indexed_pages(out)
    assert "/bai-viet/2024-05-01-bai-moi.html" in search and "/bai-viet/2019-bai-003.html" not in search
    assert "chimlạcđồngđầu" in search["/bai-viet/2024-05-01-bai-moi.html"]
    assert_same_as_full_build(archive, tmp_path)
    added.unlink()
    build(archive)
    assert_same_as_full_build(archive, tmp_path)


def test_an_addition_keeps_the_article_pages_it_does_not_reach_without_fingerprinting_them(
        archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The newest article, naming no one and no campaign, reaches one other article page (its
    neighbour): every other article page is kept as it was, not even fingerprinted."""
    build(archive)
    out = archive / "output"
    pages = sorted((out / "bai-viet").glob("*.html"))
    before = {p.name: inode(p) for p in pages}
    fingerprinted: list[str] = []
    fingerprint_page = render.fingerprint_page
    monkeypatch.setattr(render, "fingerprint_page",
                        lambda fingerprinter, page: fingerprinted.append(page.path) or fingerprint_page(fingerprinter, page))
    newest = max((archive / "content").rglob("*.md"), key=lambda p: (article_date(p), p.stem))
    write_article(archive / "content", "2024/2024-05-01-bai-moi.md", "title: Bài mới\ndate: 2024-05-01\n", "Bài mới.\n")
    build(archive, workers=1)
    reached = {"bai-viet/2024-05-01-bai-moi.html", f"bai-viet/{newest.stem}.html"}
    assert {path for path in fingerprinted if path.startswith("bai-viet/")} == reached
    assert all(inode(p) == before[p.name] for p in pages if f"bai-viet/{p.name}" not in reached)
    assert_same_as_full_build(archive, tmp_path)


def test_template_change_rebuilds_every_page(archive: Path):
    first = build(archive, search=False)
    with open(archive / "templates" / "base.html", "a", encoding="utf-8") as handle:
        handle.write("{# a comment changes no output but may change the theme #}\n")
    assert build(archive, search=False).rendered == first.pages


def test_site_yaml_change_rebuilds_every_page(archive: Path):
    first = build(archive, search=False)
    site_yaml = archive / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("Trang thử nghiệm.", "Mô tả mới."),
                         encoding="utf-8")
    assert build(archive, search=False).rendered == first.pages


def test_code_change_rebuilds_every_page(archive: Path, frozen_code: Path):
    first = build(archive, search=False)
    frozen_code.write_text("VERSION = 2\n", encoding="utf-8")
    assert build(archive, search=False).rendered == first.pages


def test_code_change_parses_every_article_again(archive: Path, frozen_code: Path, monkeypatch: pytest.MonkeyPatch):
    """Parsed articles are a function of the parser's code: a new version reads them again."""
    build(archive, search=False, workers=1)
    parsed = []
    original = cache.read_article
    monkeypatch.setattr(cache, "read_article", lambda *args: parsed.append(args[0]) or original(*args))
    frozen_code.write_text("VERSION = 2\n", encoding="utf-8")
    report = build(archive, search=False, workers=1)
    assert len(parsed) == report.articles > 0


def test_an_edit_rewrites_the_cached_parses_of_one_content_folder_only(archive: Path):
    build(archive, search=False)
    caches = list((archive / ".cache").glob("build-*"))
    before = {p.name for p in caches[0].glob("sources-*.pickle")}
    edited = archive / "content" / "2020" / "2020-bai-004.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    build(archive, search=False)
    after = {p.name for p in caches[0].glob("sources-*.pickle")}
    assert len(caches) == 1 and len(before) == len(after) >= 3 and len(before - after) == 1


def test_touched_but_unchanged_article_is_neither_parsed_nor_rendered(archive: Path):
    build(archive)
    path = archive / "content" / "2019" / "2019-bai-000.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    report: BuildReport = build(archive)
    assert not report.unchanged and report.rendered == 0 and report.indexed_shards == 0


def test_hand_edited_output_page_is_rendered_again(archive: Path, tmp_path: Path):
    build(archive)
    page = archive / "output" / "bai-viet" / "2019-bai-000.html"
    page.unlink()
    page.write_text("sửa tay", encoding="utf-8")
    edit_title(archive / "content" / "2021" / "2021-bai-002.md", "Sửa tiêu đề")
    build(archive)
    assert "sửa tay" not in page.read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_text_edit_of_the_newest_article_updates_the_feed(archive: Path, tmp_path: Path):
    build(archive)
    newest = max((archive / "content").rglob("*.md"), key=lambda p: article_date(p))
    _, front_matter, body = newest.read_text(encoding="utf-8").split("---\n", 2)
    newest.write_text(f"---\n{front_matter}---\nMở đầu mới khoalangfeed. {body}", encoding="utf-8")
    report = build(archive)
    assert report.rendered == 1
    assert "khoalangfeed" in (archive / "output" / "feed.xml").read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_text_edit_with_a_hand_edited_output_page_takes_the_whole_path(archive: Path, tmp_path: Path):
    build(archive)
    page = archive / "output" / "dong-thoi-gian" / "2019.html"
    page.unlink()
    page.write_text("sửa tay", encoding="utf-8")
    edited = archive / "content" / "2021" / "2021-bai-002.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    report = build(archive)
    assert report.rendered == 2
    assert "sửa tay" not in page.read_text(encoding="utf-8")
    assert_same_as_full_build(archive, tmp_path)


def test_full_option_ignores_the_cache(archive: Path):
    first = build(archive, search=False)
    report = build(archive, search=False, full=True)
    assert not report.unchanged and report.rendered == first.pages


def _random_change(rng: random.Random, content: Path, step: int) -> str:
    """One editor's change to the generated archive; returns what it did (for the message)."""
    files = sorted(content.rglob("*.md"))
    path = rng.choice(files)
    _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
    kind = rng.choice(["text", "text", "title", "official", "campaign", "date", "add", "delete"])
    if kind == "text":
        body += f"\nĐoạn thêm {step} về Đảng và dân vận.\n"
    elif kind == "title":
        front_matter = re.sub(r"(?m)^title: .*$", f"title: Tiêu đề sửa lần {step}", front_matter)
    elif kind == "official":  # a new person (a new page; co-appearances and slugs shift)
        front_matter = front_matter.replace("  - name: ", f"  - name: Đỗ Văn Bước Số{step}\n    roles: [Bí thư]\n"
                                            "  - name: ", 1)
    elif kind == "campaign":
        front_matter = re.sub(r"(?m)^campaigns: .*$", f"campaigns: [{rng.choice(CAMPAIGNS)}, Phong trào mới {step}]",
                              front_matter)
    elif kind == "date":
        front_matter = re.sub(r"(?m)^date: (\d{4})-\d\d-\d\d$", lambda m: f"date: {m[1]}-12-{step % 27 + 1:02d}",
                              front_matter)
    elif kind == "add":
        write_article(content, f"2021/2021-them-{step}.md", article_front_matter(50 + step, 2021),
                      f"Bài thêm số {step}.\n")
        return f"{kind} 2021-them-{step}"
    elif kind == "delete" and len(files) > 3:
        path.unlink()
        return f"{kind} {path.name}"
    path.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")
    return f"{kind} {path.name}"


def test_a_random_series_of_changes_always_equals_a_full_build(archive: Path, tmp_path: Path):
    """Text edits (the text-only path), titles, people, campaigns, dates, additions and
    deletions in a seeded random order: after each, the incremental output is a full build's."""
    rng = random.Random(7)
    build(archive)
    for step in range(10):
        change = _random_change(rng, archive / "content", step)
        build(archive)
        fresh = fresh_full_build(archive, tmp_path)
        assert differences(snapshot(archive / "output", skip_search=True), snapshot(fresh, skip_search=True)) == [], change
        assert indexed_pages(archive / "output") == indexed_pages(fresh), change
        listed_bundles(archive / "output")
