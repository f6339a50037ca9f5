"""A failing or interrupted build leaves the previous output/ byte-identical."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from digest import pipeline, render
from digest.errors import BuildFailed
from digest.pipeline import recover_interrupted_swap, swap_into_place
from tests.conftest import REPO, build, write_article
from tests.snapshots import differences, snapshot

BAD_FRONT_MATTER = """
title: Bài lỗi
date: 2019-13-45
"""
GOOD_FRONT_MATTER = """
title: Giao ban công tác dân vận quý I
date: 2023-03-30
"""


def assert_untouched(site: Path, before: dict[str, bytes]) -> None:
    """output/ is exactly as it was, and no staging or scratch folder is left behind."""
    assert differences(before, snapshot(site / "output")) == []
    leftovers = [p.name for p in site.iterdir() if p.name.startswith(".output") and ".trash-" not in p.name]
    assert leftovers == []  # (a replaced site being deleted in the background may still be there)


def test_bad_article_leaves_previous_output_byte_identical(basic_site: Path):
    build(basic_site)
    before = snapshot(basic_site / "output")
    write_article(basic_site / "content", "2023/2023-01-01-loi.md", BAD_FRONT_MATTER)
    with pytest.raises(BuildFailed) as failed:
        build(basic_site)
    assert "2023-01-01-loi.md" in failed.value.errors[0].path
    assert_untouched(basic_site, before)


def test_template_error_names_the_template_line_and_leaves_output(basic_site: Path):
    build(basic_site, search=False)
    before = snapshot(basic_site / "output")
    shutil.copytree(REPO / "templates", basic_site / "templates")
    article = basic_site / "templates" / "article.html"
    lines = article.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "{% block main %}" in text) + 1
    lines.insert(line - 1, "{{ khong_co_bien_nay }}")
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(basic_site, search=False)
    problem = failed.value.errors[0]
    assert problem.path.endswith("templates/article.html") and problem.line == line
    assert "khong_co_bien_nay" in problem.message
    assert_untouched(basic_site, before)


def test_pagefind_failure_leaves_previous_output(basic_site: Path):
    build(basic_site)
    before = snapshot(basic_site / "output")
    write_article(basic_site / "content", "2023/2023-03-30-giao-ban.md", GOOD_FRONT_MATTER)
    failing = (sys.executable, "-c", "import sys; print('index exploded', file=sys.stderr); sys.exit(3)")
    with pytest.raises(BuildFailed) as failed:
        build(basic_site, pagefind=failing)
    assert "index exploded" in failed.value.errors[0].message
    assert_untouched(basic_site, before)


def test_ctrl_c_during_render_leaves_previous_output(basic_site: Path):
    build(basic_site)
    before = snapshot(basic_site / "output")
    write_article(basic_site / "content", "2023/2023-03-30-giao-ban.md", GOOD_FRONT_MATTER)

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "render" and done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(basic_site, progress=interrupt, full=True)
    assert_untouched(basic_site, before)


def test_ctrl_c_inside_a_page_render_leaves_previous_output(basic_site: Path, monkeypatch: pytest.MonkeyPatch):
    build(basic_site)
    before = snapshot(basic_site / "output")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "render_page", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(basic_site, full=True)
    assert_untouched(basic_site, before)


def test_failed_build_keeps_the_cache_of_the_last_good_build(basic_site: Path):
    build(basic_site)
    write_article(basic_site / "content", "2023/2023-01-01-loi.md", BAD_FRONT_MATTER)
    with pytest.raises(BuildFailed):
        build(basic_site)
    (basic_site / "content" / "2023" / "2023-01-01-loi.md").unlink()
    assert build(basic_site).unchanged


def test_swap_replaces_the_whole_folder_in_one_step(tmp_path: Path):
    output, staging = tmp_path / "output", tmp_path / ".output.staging"
    (output / "old").mkdir(parents=True)
    (output / "old" / "page.html").write_text("cũ", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("mới", encoding="utf-8")
    swap_into_place(staging, output)
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == ["index.html"]
    deadline = time.monotonic() + 10
    while len(list(tmp_path.iterdir())) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # the replaced site is deleted by a background `rm`
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_fallback_swap_crash_between_renames_is_repaired_by_the_next_build(basic_site: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    build(basic_site)
    before = snapshot(basic_site / "output")
    monkeypatch.setattr(pipeline, "_exchange", lambda first, second: False)
    real_rename = Path.rename

    def crash_on_second_rename(self: Path, target: Path):
        if self.name == ".output.staging":
            raise KeyboardInterrupt  # the power went out after output/ was moved aside
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", crash_on_second_rename)
    with pytest.raises(KeyboardInterrupt):
        build(basic_site, full=True)
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not (basic_site / "output").exists() and (basic_site / ".output.previous").is_dir()
    recover_interrupted_swap(basic_site / "output")
    assert differences(before, snapshot(basic_site / "output")) == []
