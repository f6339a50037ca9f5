"""Search: per-year Pagefind shards, merged by the search page, re-indexed only when they change."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import pipeline, search
from digest.errors import BuildFailed
from digest.search import (
    BODY_PATTERN,
    FragmentReuse,
    _body_start,
    _index_shard,
    fragment_url,
    group_shards,
    indexed_part,
    pagefind_command,
    pagefind_copy,
    shard_directory,
    shard_order,
)
from tests.conftest import build as build_unsharded
from tests.conftest import build_sharded as build
from tests.conftest import copy_site
from tests.snapshots import indexed_pages, listed_bundles, write_archive


def test_each_year_gets_a_shard_and_the_newest_is_the_primary_bundle(archive: Path):
    build(archive)
    out = archive / "output"
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    assert sorted(p.name for p in out.glob("pagefind-*")) == ["pagefind-2019", "pagefind-2020", "pagefind-2021"]
    script = (out / "assets" / "search-shards.js").read_text(encoding="utf-8")
    assert script == 'window.SEARCH_SHARDS = ["pagefind-2021/", "pagefind-2020/", "pagefind-2019/"];\n'


def test_every_article_is_indexed_once_and_listing_pages_are_not(archive: Path):
    report = build(archive)
    pages = indexed_pages(archive / "output")
    articles = {f"/{p.relative_to(archive / 'output').as_posix()}" for p in (archive / "output" / "bai-viet").glob("*.html")}
    assert set(pages) == articles and len(articles) == report.articles


def test_an_edit_reindexes_only_its_year(archive: Path):
    build(archive)
    out = archive / "output"
    before = {p.parent.name: p.stat().st_ino for p in out.glob("pagefind*/pagefind-entry.json")}
    path = archive / "content" / "2019" / "2019-bai-000.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Đoạn thứ hai", "Đoạn đã sửa"), encoding="utf-8")
    report = build(archive)
    after = {p.parent.name: p.stat().st_ino for p in out.glob("pagefind*/pagefind-entry.json")}
    assert report.indexed_shards == 1
    assert [name for name in after if after[name] != before.get(name)] == ["pagefind-2019"]
    assert "Đoạn đã sửa" in indexed_pages(out)["/bai-viet/2019-bai-000.html"]


def _fragments(bundle: Path) -> dict[str, tuple[int, int]]:
    """Fragment file name -> (inode, modification time): a linked fragment Pagefind rewrote in
    place would change the previous output's file too."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (bundle / "fragment").iterdir()}


def test_a_reindexed_shard_keeps_the_fragments_of_its_unchanged_pages(archive: Path, tmp_path: Path):
    build(archive)
    out = archive / "output"
    before = _fragments(out / "pagefind-2019")
    path = archive / "content" / "2019" / "2019-bai-000.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Đoạn thứ hai", "Đoạn đã sửa"), encoding="utf-8")
    (archive / "content" / "2019" / "2019-bai-003.md").unlink()
    assert build(archive).indexed_shards == 1
    after = _fragments(out / "pagefind-2019")
    kept = [name for name in after if before.get(name) == after[name]]
    assert len(after) == len(list((archive / "content" / "2019").glob("*.md")))  # one per page, none stale
    assert len(kept) == len(after) - 1  # all but the edited page's were linked, not written
    fresh = tmp_path / "fresh"
    build(archive, output_dir=fresh, full=True)
    assert indexed_pages(out) == indexed_pages(fresh)
    assert set(_fragments(out / "pagefind-2019")) == set(_fragments(fresh / "pagefind-2019"))


def test_fragments_written_by_another_pagefind_are_not_reused(archive: Path, monkeypatch: pytest.MonkeyPatch):
    build(archive)
    before = _fragments(archive / "output" / "pagefind-2019")
    monkeypatch.setattr(search, "pagefind_version", lambda: "9.9.9")  # as after an upgrade
    monkeypatch.setattr(pipeline, "pagefind_version", lambda: "9.9.9")
    report = build(archive)  # noticed although no input file changed
    assert not report.unchanged
    assert report.indexed_shards == len(list((archive / "output").glob("pagefind*/pagefind.js")))  # all again
    after = _fragments(archive / "output" / "pagefind-2019")
    assert set(after) == set(before) and not any(before[name] == after[name] for name in after)


def test_a_linked_fragment_that_is_not_the_pages_makes_the_shard_index_afresh(archive: Path, tmp_path: Path):
    """The safety net of link_fragments: a fragment kept by mistake leaves one file too many."""
    build(archive)
    out = archive / "output"
    page = out / "bai-viet" / "2019-bai-000.html"
    html = page.read_bytes()
    page.unlink()
    page.write_bytes(html.replace("Đoạn thứ hai".encode(), "Đoạn đã sửa".encode()))
    paths = sorted(p.relative_to(out).as_posix() for p in (out / "bai-viet").glob("2019-*.html"))
    wrong = FragmentReuse(out / "pagefind-2019", frozenset("/" + path for path in paths))  # all, the edited one too
    _index_shard(pagefind_command(), out, tmp_path / "scratch", "2019", paths, "bundle", wrong)
    assert len(_fragments(out / "bundle")) == len(paths)
    shutil.rmtree(out / "pagefind-2019")
    shutil.move(out / "bundle", out / "pagefind-2019")
    assert "Đoạn đã sửa" in indexed_pages(out)["/bai-viet/2019-bai-000.html"]


def test_fragment_url_reads_the_start_of_a_fragment_and_falls_back_to_all_of_it(archive: Path):
    build(archive)
    for path in (archive / "output" / "pagefind-2019" / "fragment").iterdir():
        data = path.read_bytes()
        assert fragment_url(data) == json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])["url"]
    escaped = b'pagefind_dcd{"url":"/a\\"b\\u00e9.html","content":"x"}'
    assert fragment_url(gzip.compress(escaped)) == '/a"b\u00e9.html'
    later = b'pagefind_dcd{"content":"' + b"x" * 5000 + b'","url":"/later.html"}'  # another key order
    assert fragment_url(gzip.compress(later)) == "/later.html"
    assert fragment_url(gzip.compress(b"not a fragment")) is None


def test_a_new_newest_year_becomes_the_primary_bundle(archive: Path):
    build(archive)
    path = archive / "content" / "2023" / "2023-bai-moi.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Bài năm 2023\ndate: 2023-02-01\n---\nNội dung năm 2023.\n", encoding="utf-8")
    report = build(archive)
    out = archive / "output"
    assert report.indexed_shards == 1  # 2021 moved from pagefind/ to pagefind-2021/ by hard links
    assert "/bai-viet/2023-bai-moi.html" in indexed_pages(out)
    assert (out / "pagefind-2021" / "pagefind.js").is_file()


def _entry_inodes(out: Path) -> dict[str, int]:
    return {p.parent.name: p.stat().st_ino for p in out.glob("pagefind*/pagefind-entry.json")}


def test_an_added_article_is_indexed_alone_in_its_shards_additions_bundle(archive: Path, tmp_path: Path):
    """Adding an article re-indexes only it (Pagefind over one page, not its year's shard);
    deleting it again drops the additions bundle; a change to a page of the shard's own bundle
    folds the additions back into a fresh index of the whole shard."""
    build(archive)
    out = archive / "output"
    before = _entry_inodes(out)
    added = archive / "content" / "2020" / "2020-06-30-bai-them.md"
    added.write_text("---\ntitle: Bài thêm\ndate: 2020-06-30\n---\nTừ hiếm khoalangthem.\n", encoding="utf-8")
    report = build(archive)
    after = _entry_inodes(out)
    assert report.indexed_shards == 1 and "pagefind-2020-them" in after
    assert {name: inode for name, inode in after.items() if name != "pagefind-2020-them"} == before  # all linked
    assert len(list((out / "pagefind-2020-them" / "fragment").iterdir())) == 1
    assert "khoalangthem" in indexed_pages(out)["/bai-viet/2020-06-30-bai-them.html"]
    assert "pagefind-2020-them" in listed_bundles(out)
    fresh = tmp_path / "fresh"
    build(archive, output_dir=fresh, full=True)
    assert indexed_pages(out) == indexed_pages(fresh)

    added.unlink()
    report = build(archive)
    assert report.indexed_shards == 0 and _entry_inodes(out) == before
    assert "pagefind-2020-them" not in listed_bundles(out)

    added.write_text("---\ntitle: Bài thêm\ndate: 2020-06-30\n---\nTừ hiếm khoalangthem.\n", encoding="utf-8")
    build(archive)
    edited = archive / "content" / "2020" / "2020-bai-001.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nĐoạn sửa khoalangsua.\n", encoding="utf-8")
    report = build(archive)
    assert report.indexed_shards == 1 and not (out / "pagefind-2020-them").exists()
    assert _entry_inodes(out)["pagefind-2020"] != before["pagefind-2020"]
    pages = indexed_pages(out)
    assert "khoalangthem" in pages["/bai-viet/2020-06-30-bai-them.html"] and "khoalangsua" in pages["/bai-viet/2020-bai-001.html"]
    assert "pagefind-2020-them" not in listed_bundles(out)


def test_site_without_articles_still_gets_a_search_bundle(tmp_path: Path):
    site = copy_site("basic", tmp_path)
    shutil.rmtree(site / "content")
    (site / "content").mkdir()
    build(site)
    assert (site / "output" / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "output" / "assets" / "search-shards.js").read_text(encoding="utf-8") == "window.SEARCH_SHARDS = [];\n"


def test_pagefind_failure_is_reported_with_its_message(archive: Path):
    failing = (sys.executable, "-c", "import sys; sys.stderr.write('no space left'); sys.exit(1)")
    with pytest.raises(BuildFailed) as failed:
        build(archive, pagefind=failing)
    assert failed.value.errors[0].message == "search indexing failed: no space left"


def test_indexed_part_ignores_what_pagefind_does_not_read():
    page = (b'<html lang="vi"><body><article data-pagefind-body><h1>T</h1><article>x</article></article>'
            b'<nav>Bai lien quan</nav></body></html>')
    changed_nav = page.replace(b"Bai lien quan", b"Khac")
    assert indexed_part(page) == indexed_part(changed_nav)
    assert indexed_part(page) != indexed_part(page.replace(b"<h1>T</h1>", b"<h1>U</h1>"))


def test_shard_directories_and_order():
    assert shard_directory("2025", "2025") == "pagefind" and shard_directory("2019-h2", "2025") == "pagefind-2019-h2"
    keys = ["2020-h2", "2021", "2019", "2020-h1", "2019-m12", "2019-m02"]
    assert sorted(keys, key=shard_order) == ["2019", "2019-m02", "2019-m12", "2020-h1", "2020-h2", "2021"]


def test_a_small_site_gets_one_index_so_ranking_and_date_sort_span_all_years(tmp_path: Path):
    site = copy_site("basic", tmp_path)
    write_archive(site / "content", 9, years=(2019, 2020, 2021))
    build_unsharded(site)
    out = site / "output"
    assert not list(out.glob("pagefind-*"))
    assert (out / "assets" / "search-shards.js").read_text(encoding="utf-8") == "window.SEARCH_SHARDS = [];\n"
    assert len(indexed_pages(out)) == 11


def test_group_shards_splits_by_year_only_past_the_threshold():
    dated = [(dt.date(2021, 5, 1), "c"), (dt.date(2020, 1, 1), "b"), (dt.date(2019, 3, 1), "a")]
    assert group_shards(dated, single_index_max=3) == {"2021": ["c", "b", "a"]}
    assert group_shards(dated, single_index_max=2) == {"2021": ["c"], "2020": ["b"], "2019": ["a"]}


def test_a_busy_year_is_split_by_halves_quarters_or_months_of_event_date():
    def year(count: int) -> list[tuple[dt.date, str]]:
        return [(dt.date(2020, 1 + i * 12 // count, 1), f"p{i}") for i in range(count)]

    assert set(group_shards(year(4), 0, shard_max=4)) == {"2020"}
    halves = group_shards(year(8), 0, shard_max=4)
    assert {k: len(v) for k, v in halves.items()} == {"2020-h1": 4, "2020-h2": 4}
    assert set(group_shards(year(12), 0, shard_max=4)) == {"2020-q1", "2020-q2", "2020-q3", "2020-q4"}
    assert set(group_shards(year(24), 0, shard_max=4)) == {f"2020-m{m:02d}" for m in range(1, 13)}
    assert group_shards([(dt.date(2020, 12, 31), "late")] + year(7), 0, shard_max=4)["2020-h2"][0] == "late"


HTML_PIECES = st.sampled_from(["<", ">", "<div", "<p ", " ", "=", "x", '"', "data-pagefind-body", "</div>", "\n"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(HTML_PIECES, max_size=14).map("".join))
def test_body_start_is_the_first_match_of_the_body_pattern(text):
    html = text.encode()
    found, expected = _body_start(html), BODY_PATTERN.search(html)
    assert (found and found.span()) == (expected and expected.span())


def _bundle_files(bundle: Path) -> dict[str, bytes]:
    """A bundle's fragments and word index by name (Pagefind names them by their content)."""
    return {p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in sorted([*bundle.glob("fragment/*"), *bundle.glob("index/*")])}


def _index_folder(pages: dict[str, bytes], site: Path) -> dict[str, bytes]:
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(html)
    search.run_pagefind(pagefind_command(), site, site / "bundle")
    return _bundle_files(site / "bundle")


def test_pagefind_indexes_an_article_pages_copy_exactly_as_the_page(archive: Path, tmp_path: Path):
    build(archive)
    pages = {p.relative_to(archive / "output").as_posix(): p.read_bytes()
             for p in sorted((archive / "output" / "bai-viet").glob("*.html"))}
    copies = {name: pagefind_copy(html) for name, html in pages.items()}
    assert all(copies.values()) and all(len(copies[name]) < len(pages[name]) / 2 for name in pages)
    assert all(b"<nav" not in copy and b"<footer class=\"site-footer" not in copy for copy in copies.values())
    whole, copied = _index_folder(pages, tmp_path / "whole"), _index_folder(copies, tmp_path / "copies")
    assert len(whole) > len(pages) and whole == copied


PAGE = ('<!doctype html><html lang="vi"><head><title>Tiêu đề trang</title></head><body>{outside}'
        '<main data-pagefind-body><p>Nội dung chính Đảng</p>{inside}</main><footer>Chân trang</footer></body></html>')


@pytest.mark.parametrize("outside, inside", [
    ("", ""),  # the default title comes from <title>, which the copy keeps
    ("", "<h1>Trong</h1><img src='in.png' alt='i'>"),
    ("<nav><a href='x.html'>Điều hướng</a></nav>", "<span data-pagefind-filter='năm:2020'></span>"),
])
def test_a_copy_keeps_what_pagefind_reads(outside: str, inside: str, tmp_path: Path):
    page = PAGE.format(outside=outside, inside=inside).encode()
    copy = pagefind_copy(page)
    assert copy is not None and b"Ch\xc3\xa2n trang" not in copy
    assert _index_folder({"a.html": page}, tmp_path / "whole") == _index_folder({"a.html": copy}, tmp_path / "copy")


@pytest.mark.parametrize("outside", [
    "<h1>Ngoài</h1>",  # Pagefind's default title is the page's first <h1>...
    "<IMG src='out.png' alt='o'>",  # ... and its default image the first <img>
    "<div data-pagefind-filter='năm:2020'></div>",
    "<section data-pagefind-body>Thân thứ hai</section>",
])
def test_a_page_with_something_pagefind_reads_outside_its_body_is_fed_whole(outside: str):
    assert pagefind_copy(PAGE.format(outside=outside, inside="").encode()) is None
    assert pagefind_copy(b"<main data-pagefind-body>no html tag</main>") is None
    assert pagefind_copy(b"<html><body><p>no body element</p></body></html>") is None


def test_the_build_feeds_pagefind_the_copies_unless_a_selector_option_could_look_outside(archive: Path, tmp_path: Path):
    """A Pagefind command that records the pages it is given, then runs Pagefind."""
    log = tmp_path / "fed.txt"
    recorder = tmp_path / "recorder.py"
    recorder.write_text(
        "import pathlib, subprocess, sys\n"
        "site = pathlib.Path(sys.argv[sys.argv.index('--site') + 1])\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        "    for page in site.rglob('*.html'):\n"
        "        log.write(f'{page.relative_to(site)} {b\"<nav\" in page.read_bytes()}\\n')\n"
        "sys.exit(subprocess.call(sys.argv[1:]))\n", encoding="utf-8")
    command = (sys.executable, str(recorder), pagefind_command()[0], "--silent")
    build(archive, pagefind=command)
    articles = len(list((archive / "output" / "bai-viet").glob("*.html")))
    fed = log.read_text(encoding="utf-8").splitlines()
    assert len(fed) == articles and all(line.endswith(" False") for line in fed)  # copies: no navigation
    log.unlink()
    build(archive, pagefind=(*command, "--exclude-selectors", ".tag"), full=True)
    fed = log.read_text(encoding="utf-8").splitlines()
    assert len(fed) == articles and all(line.endswith(" True") for line in fed)  # whole pages


@pytest.mark.skipif(not search.SHARED_MEMORY.is_dir(), reason="no /dev/shm on this machine")
def test_scratch_sites_live_in_shared_memory_and_a_killed_builds_are_removed(archive: Path):
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = search.SHARED_MEMORY / f"{search.SCRATCH_PREFIX}{dead.pid}-test"
    leftover.mkdir()
    (leftover / "page.html").write_text("x")
    before = set(search.SHARED_MEMORY.glob(search.SCRATCH_PREFIX + "*")) - {leftover}
    try:
        build(archive)
        assert not leftover.exists()
    finally:
        shutil.rmtree(leftover, ignore_errors=True)
    assert set(search.SHARED_MEMORY.glob(search.SCRATCH_PREFIX + "*")) <= before
    assert not list(archive.glob("*.shards"))


def test_without_shared_memory_shards_are_indexed_from_hard_links_next_to_the_output(archive: Path, tmp_path: Path,
                                                                                       monkeypatch: pytest.MonkeyPatch):
    build(archive)
    expected = indexed_pages(archive / "output")
    monkeypatch.setattr(search, "SHARED_MEMORY", tmp_path / "no-shared-memory")
    made = []
    original = search.make_scratch
    monkeypatch.setattr(search, "make_scratch", lambda out_dir: made.append(original(out_dir)) or made[-1])
    build(archive, full=True)
    assert made and made[0][0].parent == archive and made[0][1] is os.link
    assert indexed_pages(archive / "output") == expected and not made[0][0].exists()


def test_the_pagefind_version_is_the_installed_wheels():
    from importlib import metadata

    assert search.pagefind_version() == metadata.version("pagefind_bin")


def test_a_site_with_one_index_keeps_it_whole_when_an_article_is_added(archive: Path):
    """No additions bundle for a small site: its search page sorts by date and ranks every hit
    together only while there is a single index (static/search.js)."""
    build_unsharded(archive)
    out = archive / "output"
    added = archive / "content" / "2020" / "2020-06-30-bai-them.md"
    added.write_text("---\ntitle: Bài thêm\ndate: 2020-06-30\n---\nTừ hiếm khoalangthem.\n", encoding="utf-8")
    report = build_unsharded(archive)
    assert report.indexed_shards == 1 and not list(out.glob("pagefind-*"))
    assert (out / "assets" / "search-shards.js").read_text(encoding="utf-8") == "window.SEARCH_SHARDS = [];\n"
    assert "khoalangthem" in indexed_pages(out)["/bai-viet/2020-06-30-bai-them.html"]
