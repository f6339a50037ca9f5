"""Two builds of the same input give byte-identical files, whatever the worker count."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO, build, copy_site
from tests.snapshots import differences, indexed_pages, snapshot, write_archive


def make_archive(tmp_path: Path, count: int) -> Path:
    """The basic site plus `count` generated articles and its own copy of the theme."""
    site = copy_site("basic", tmp_path)
    write_archive(site / "content", count)
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, site / folder)
    return site


def test_two_full_builds_are_byte_identical_except_pagefind_filters(tmp_path: Path):
    site = make_archive(tmp_path, 12)
    build(site, output_dir=tmp_path / "first", full=True)
    build(site, output_dir=tmp_path / "second", full=True)
    first, second = snapshot(tmp_path / "first"), snapshot(tmp_path / "second")
    changed = differences(first, second)
    # Pagefind 1.5.2 writes filter chunks in a varying order (documented in README); the
    # page fragments and word index are stable, so a changed file must belong to filters.
    assert all(p.startswith("pagefind") and ("/filter/" in p or p.endswith((".pf_meta", "pagefind-entry.json")))
               for p in changed), changed
    assert differences(snapshot(tmp_path / "first", skip_search=True),
                       snapshot(tmp_path / "second", skip_search=True)) == []
    assert indexed_pages(tmp_path / "first") == indexed_pages(tmp_path / "second")


def test_one_and_two_workers_give_the_same_site(tmp_path: Path):
    site = make_archive(tmp_path, 140)  # enough pages for the process pool to start
    build(site, output_dir=tmp_path / "serial", search=False, full=True, workers=1)
    build(site, output_dir=tmp_path / "parallel", search=False, full=True, workers=2)
    assert differences(snapshot(tmp_path / "serial"), snapshot(tmp_path / "parallel")) == []


def test_output_has_no_build_timestamp(tmp_path: Path):
    site = make_archive(tmp_path, 3)
    build(site, full=True)
    entry = json.loads((site / "output" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"]  # Pagefind records its version, not a time
    before = snapshot(site / "output", skip_search=True)
    (site / "content" / "2019" / "2019-bai-000.md").touch()
    build(site, full=True)
    assert differences(before, snapshot(site / "output", skip_search=True)) == []
