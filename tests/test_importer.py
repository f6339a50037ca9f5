"""Import: raw text -> ImportedArticle -> Markdown, checked against the seeds and golden files.

Golden files change only through `.venv/bin/python -m tests.regenerate_golden` (review the diff).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from digest.config import load_config
from digest.content import decode_source, parse_article
from digest.extract.roles import role_key
from digest.importer import ImportedArticle, import_files, import_text, render_markdown, target_path
from digest.vietnamese import identity_key, normalize_text
from tests.regenerate_golden import GOLDEN_DIR, golden_markdown

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "fixtures" / "seeds"
CONFIG = load_config(REPO / "site.yaml")
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _import(path: Path) -> ImportedArticle:
    return import_text(decode_source(path.read_bytes()), CONFIG)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_import_matches_expected_yaml(path: Path) -> None:
    article, want = _import(path), EXPECTED[path.name]
    assert article.title == want["title"]
    assert article.date == want["date"]
    assert article.published == (str(want["published"]) if "published" in want else None)
    for key in ("kind", "period", "locality", "source", "category"):
        assert getattr(article, key) == want.get(key), key
    assert list(article.authors) == want.get("authors", [])
    assert list(article.photo_credits) == want.get("photo_credits", [])
    assert [o.name for o in article.officials] == [o["name"] for o in want["officials"]]
    for official, expected in zip(article.officials, want["officials"], strict=True):
        assert [role_key(r) for r in official.roles] == [role_key(r) for r in expected["roles"]]
    assert [identity_key(c) for c in article.campaigns] == [identity_key(c) for c in want["campaigns"]]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_body_has_no_page_furniture(path: Path) -> None:
    body = _import(path).body.replace("\\", "")
    paragraphs = [p.strip("*") for p in body.split("\n\n")]
    for noise in EXPECTED[path.name].get("noise", []):
        if noise in path.read_text(encoding="utf-8"):
            assert noise not in paragraphs, noise
    assert paragraphs.count(EXPECTED[path.name]["title"]) == 0


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_article_sentence_of_a_seed_reaches_the_body(path: Path) -> None:
    article = _import(path)
    body = " ".join(article.body.replace("\\", "").replace("*", "").split())
    metadata = {article.title, *article.removed, *article.authors}
    for line in decode_source(path.read_bytes()).split("\n"):
        line = " ".join(line.split())
        if len(line) > 60 and line not in metadata:
            assert line in body


@pytest.mark.parametrize("case", sorted(GOLDEN_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_golden_import(case: Path) -> None:
    expected = case.with_suffix(".expected.md").read_text(encoding="utf-8")
    assert golden_markdown(case) == expected, "run `.venv/bin/python -m tests.regenerate_golden` and review the diff"


@pytest.mark.parametrize("path", SEED_FILES + sorted(GOLDEN_DIR.glob("*.txt")), ids=lambda p: p.stem[:20])
def test_rendered_markdown_loads_back_to_the_same_data(path: Path) -> None:
    article = _import(path)
    loaded, problems = parse_article(render_markdown(article), Path("2019/x.md"), "x.md")
    if article.date is None:
        assert [p.message for p in problems] == ["date is missing"]
        return
    assert problems == [] and loaded is not None
    assert (loaded.title, loaded.date, loaded.published) == (article.title, article.date, article.published)
    assert (loaded.locality, loaded.source, loaded.kind, loaded.period, loaded.category) == \
        (article.locality, article.source, article.kind, article.period, article.category)
    assert loaded.officials == article.officials
    assert (loaded.campaigns, loaded.authors, loaded.photo_credits) == \
        (article.campaigns, article.authors, article.photo_credits)
    assert loaded.body == article.body


def test_quoted_values_survive_yaml() -> None:
    article = ImportedArticle(title='Hội nghị: "Dân vận khéo" # 1', date=dt.date(2020, 1, 2), body="x\n",
                              campaigns=("yes", "Năm 2020: chủ đề", "- dấu gạch"), authors=("@Tên",))
    loaded, problems = parse_article(render_markdown(article), Path("a.md"), "a.md")
    assert problems == [] and loaded is not None
    assert loaded.title == article.title and loaded.campaigns == article.campaigns and loaded.authors == ("@Tên",)


def test_body_lines_that_look_like_markup_stay_text() -> None:
    html = MarkdownIt("commonmark", {"html": False}).render(_import(GOLDEN_DIR / "markdown_hazards.txt").body)
    for tag in ("<h1", "<ol", "<ul", "<blockquote", "<a ", "<em>", "<li"):
        assert tag not in html
    assert "&lt;Luật Thực hiện dân chủ ở cơ sở&gt;" in html
    assert "1. Tăng cường nắm tình hình" in html


def test_review_notes_name_missing_date_and_unknown_campaign() -> None:
    undated = _import(GOLDEN_DIR / "undated_no_headline_date.txt")
    assert undated.date is None
    assert any("no event date found" in note for note in undated.review)
    nfd = _import(GOLDEN_DIR / "nfd_old_tone.txt")
    assert any("Thôn bản không có người vi phạm pháp luật" in note for note in nfd.review)


def test_nfd_old_tone_input_is_stored_normalised() -> None:
    article = _import(GOLDEN_DIR / "nfd_old_tone.txt")
    assert article.title == "Tỉnh ủy Hòa Bình sơ kết công tác dân vận 6 tháng đầu năm 2021"
    assert [o.name for o in article.officials][:1] == ["Bùi Văn Thủy"]
    assert article.body == normalize_text(article.body)


def test_target_path_is_dated_folder_and_slug(tmp_path: Path) -> None:
    article = _import(SEEDS / "000_69b1866e47fcc391.txt")
    assert target_path(article, tmp_path) == \
        tmp_path / "2019" / "2019-01-02-thuong-truc-tinh-uy-giao-ban-cong-tac-dan-van-quy-iv-2018.md"
    undated = _import(GOLDEN_DIR / "undated_no_headline_date.txt")
    assert target_path(undated, tmp_path).parent == tmp_path / "undated"


def test_import_files_writes_then_refuses_a_second_import(tmp_path: Path) -> None:
    seed = SEEDS / "000_69b1866e47fcc391.txt"
    first = import_files([seed], tmp_path, CONFIG, dry_run=False, force=False)
    assert first[0].written and first[0].refused is None and first[0].target_path.is_file()
    again = import_files([seed], tmp_path, CONFIG, dry_run=False, force=False)
    assert not again[0].written and "already imported" in again[0].refused and "--force" in again[0].refused
    forced = import_files([seed], tmp_path, CONFIG, dry_run=False, force=True)
    assert forced[0].written and forced[0].target_path == first[0].target_path


def test_same_title_and_date_under_another_name_is_the_same_article(tmp_path: Path) -> None:
    seed = SEEDS / "003_891aa948eb758d43.txt"
    written = import_files([seed], tmp_path, CONFIG, dry_run=False, force=False)[0].target_path
    moved = tmp_path / "2020" / "renamed-by-editor.md"
    written.rename(moved)
    again = import_files([seed], tmp_path, CONFIG, dry_run=False, force=False)[0]
    assert again.refused and str(moved) in again.refused
    forced = import_files([seed], tmp_path, CONFIG, dry_run=False, force=True)[0]
    assert forced.target_path == moved and not written.exists()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    outcome = import_files([SEEDS / "001_933839ba780f05ad.txt"], tmp_path / "content", CONFIG,
                           dry_run=True, force=False)[0]
    assert not outcome.written and outcome.refused is None and outcome.markdown.startswith("---\n")
    assert not (tmp_path / "content").exists()


def test_unreadable_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfeA\x00\x00\xd8")
    missing = tmp_path / "missing.txt"
    outcomes = import_files([bad, missing], tmp_path / "content", CONFIG, dry_run=False, force=False)
    assert all(o.refused and o.refused.startswith("cannot read") for o in outcomes)
    assert all(o.article is None and not o.written for o in outcomes)


def test_cli_import_prints_extraction_and_exits_1_when_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from digest.cli import main

    seed = str(SEEDS / "001_933839ba780f05ad.txt")
    content = str(tmp_path / "content")
    assert main(["import", seed, "--content-dir", content, "--root", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "wrote " in out and "Nguyễn Mạnh Dũng: Phó Bí thư Tỉnh ủy; Trưởng BCĐ Quy chế dân chủ tỉnh" in out
    assert "Cần kiểm tra / Needs review" in out and "locality: Hà Giang" in out
    assert main(["import", seed, "--content-dir", content, "--root", str(REPO)]) == 1
    assert "refused: already imported" in capsys.readouterr().out


def test_cli_dry_run_prints_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from digest.cli import main

    seed = str(SEEDS / "002_ac4b0fba3d442a23.txt")
    assert main(["import", seed, "--dry-run", "--content-dir", str(tmp_path), "--root", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "title: Tiếp tục đổi mới" in out and "date: 2024-01-10" in out and "would write" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_committed_seed_articles_are_what_import_makes_today(path: Path) -> None:
    article = _import(path)
    committed = target_path(article, REPO / "content")
    assert committed.is_file(), f"import the seed: python build.py import {path.relative_to(REPO)}"
    assert committed.read_text(encoding="utf-8") == render_markdown(article), \
        "refresh it: python build.py import --force tests/fixtures/seeds/*.txt (and review the diff)"
