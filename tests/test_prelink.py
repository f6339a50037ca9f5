"""A rebuild starts its staging folder as hard links to the previous output (digest/prelink.py):
the previous output must never be written through those links, and the result must equal a
full build."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from digest import pipeline
from digest.errors import BuildFailed
from digest.prelink import finish_prelink, prelink_names, remove_stale_pages, start_prelink
from tests.conftest import build_sharded as build
from tests.snapshots import differences, indexed_pages, listed_bundles, snapshot


def _contents(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-1 of every file."""
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _change_everything(site: Path) -> None:
    """An edit, an addition and a deletion (pages, feeds, offline index and two shards change)."""
    content = site / "content"
    edited = content / "2019" / "2019-bai-000.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Đoạn thứ hai", "Đoạn đã sửa"), encoding="utf-8")
    (content / "2020" / "2020-bai-001.md").unlink()
    (content / "2021" / "2021-bai-moi.md").write_text(
        "---\ntitle: Bài mới năm 2021\ndate: 2021-06-01\nkind: giao ban\n---\nNội dung mới.\n", encoding="utf-8")


def test_prelink_names_are_top_level_page_entries_and_bundles():
    pages = ["index.html", "bai-viet/a.html", "bai-viet/b.html", "dong-thoi-gian/2020.html"]
    assert prelink_names(pages, ["pagefind", "pagefind-2019"]) == \
        ["bai-viet", "dong-thoi-gian", "index.html", "pagefind", "pagefind-2019"]


def test_no_prelink_when_a_linked_name_is_a_symbolic_link(tmp_path: Path):
    previous, elsewhere, staging = tmp_path / "output", tmp_path / "elsewhere", tmp_path / "staging"
    for folder in (previous / "bai-viet", elsewhere, staging):
        folder.mkdir(parents=True)
    (previous / "can-bo").symlink_to(elsewhere)
    assert start_prelink(previous, staging, ["bai-viet", "can-bo"]) is None
    process = start_prelink(previous, staging, ["bai-viet", "khong-co"])  # a missing name is skipped
    assert finish_prelink(process, staging) and (staging / "bai-viet").is_dir()


def test_remove_stale_pages_keeps_exactly_the_new_pages(tmp_path: Path):
    for name in ("index.html", "old.html", "bai-viet/a.html", "bai-viet/b.html", "nam/2019/x.html", "assets/s.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    previous = ["index.html", "old.html", "bai-viet/a.html", "bai-viet/b.html", "nam/2019/x.html"]
    removed = remove_stale_pages(tmp_path, previous, {"index.html", "bai-viet/a.html"})
    assert removed == 3
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == \
        ["assets/s.css", "bai-viet/a.html", "index.html"]  # not a page folder: left alone
    assert not (tmp_path / "nam").exists()  # emptied folders go too


def test_a_rebuild_never_writes_into_the_previous_outputs_files(archive: Path, tmp_path: Path):
    """Every file of the previous output keeps its bytes while the rebuild replaces pages,
    feeds, the offline index and search bundles (it would not if a writer wrote into a
    prelinked file: the two folders share those files)."""
    build(archive)
    out = archive / "output"
    kept = tmp_path / "kept"
    subprocess.run(["cp", "-al", str(out), str(kept)], check=True)  # the same files under other names
    before = _contents(kept)
    _change_everything(archive)
    report = build(archive)
    assert 0 < report.rendered < report.pages and report.indexed_shards == 3
    assert _contents(kept) == before


def test_a_prelinked_rebuild_equals_a_full_build(archive: Path, tmp_path: Path):
    build(archive)
    out = archive / "output"
    (out / "bai-viet" / "them-bang-tay.html").write_text("<p>thêm bằng tay</p>")  # not the build's
    (out / "pagefind-2020" / "them-bang-tay.txt").write_text("x")
    _change_everything(archive)
    build(archive)
    fresh = tmp_path / "fresh"
    build(archive, output_dir=fresh, full=True)
    assert differences(snapshot(out, skip_search=True), snapshot(fresh, skip_search=True)) == []
    assert indexed_pages(out) == indexed_pages(fresh)
    # The same bundles but for the additions bundles of shards that only gained pages (search.
    # ShardIndexer), each listed for the search page; no bundle of the previous output is left over.
    bundles = sorted(p.name for p in out.iterdir() if p.name.startswith("pagefind") and not p.name.endswith("-them"))
    assert bundles == sorted(p.name for p in fresh.iterdir() if p.name.startswith("pagefind"))
    assert set(listed_bundles(out)) >= {name for name in bundles if name != "pagefind"}
    assert not (out / "pagefind-2020" / "them-bang-tay.txt").exists()  # its shard was indexed afresh


def test_a_failed_prelink_falls_back_to_linking_page_by_page(archive: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    build(archive)
    failing = lambda previous, staging, names: subprocess.Popen(["false"])  # noqa: E731
    monkeypatch.setattr(pipeline, "start_prelink", failing)
    _change_everything(archive)
    report = build(archive)
    assert 0 < report.rendered < report.pages
    fresh = tmp_path / "fresh"
    build(archive, output_dir=fresh, full=True)
    assert differences(snapshot(archive / "output", skip_search=True), snapshot(fresh, skip_search=True)) == []


def test_a_failed_rebuild_after_prelinking_leaves_output_as_it_was(archive: Path):
    build(archive)
    out = archive / "output"
    before = {path: (os.stat(out / path).st_ino, digest) for path, digest in _contents(out).items()}
    _change_everything(archive)
    with pytest.raises(BuildFailed):
        build(archive, pagefind=("false",))
    assert {path: (os.stat(out / path).st_ino, digest) for path, digest in _contents(out).items()} == before
    assert not out.with_name(".output.staging").exists()
