"""Evaluation: the figures are computed right, and import meets its targets on seeds, eval and held-out sets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.config import load_config
from digest.content import OfficialMention
from digest.evaluate import EvalReport, Score, compare_article, evaluate_dir, format_report
from digest.importer import ImportedArticle

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "site.yaml")
SETS = [REPO / "tests" / "fixtures" / name for name in ("seeds", "eval", "holdout")]


def test_score_arithmetic() -> None:
    score = Score(8, 2, 0) + Score(1, 0, 3)
    assert (score.precision, score.recall) == (9 / 11, 9 / 12)
    assert score.f1 == pytest.approx(2 * (9 / 11) * 0.75 / (9 / 11 + 0.75))
    assert Score().f1 == 1.0


def test_compare_article_folds_case_tone_and_abbreviations() -> None:
    entry = {"date": dt.date(2019, 1, 2), "campaigns": ["Dân vận khéo"], "optional": ["Thắp sáng đường quê"],
             "officials": [{"name": "Bùi Mai Hoa", "roles": ["TVTU", "Phó Chủ tịch HĐND tỉnh"]}]}
    article = ImportedArticle(
        title="t", date=dt.date(2019, 1, 2), body="",
        officials=(OfficialMention("BÙI MAI HOA", ("Ủy viên Ban Thường vụ Tỉnh uỷ", "Phó Chủ tịch Hội đồng nhân dân tỉnh")),),
        campaigns=("Dân vận khéo giai đoạn 2016-2020", "Thắp sáng đường quê"))
    result = compare_article("a.txt", entry, article, CONFIG)
    assert (result.officials, result.roles, result.campaigns) == (Score(1, 0, 0), Score(2, 0, 0), Score(1, 0, 0))
    assert result.date_ok is True and result.mismatches == ()


def test_expected_null_date_requires_no_date() -> None:
    article = ImportedArticle(title="t", date=dt.date(2020, 1, 1), body="")
    result = compare_article("a.txt", {"date": None}, article, CONFIG)
    assert result.date_ok is False and result.mismatches == ("date: expected None, got 2020-01-01",)


def test_format_report_lists_mismatches_when_verbose() -> None:
    article = ImportedArticle(title="t", date=None, body="")
    result = compare_article("a.txt", {"date": "2020-01-01", "officials": [{"name": "Kim Rương", "roles": []}]},
                             article, CONFIG)
    text = format_report(EvalReport((result,)), verbose=True)
    assert "officials  precision 100.0%  recall   0.0%" in text
    assert "a.txt\n  - official missed: Kim Rương\n  - date: expected 2020-01-01, got None" in text


@pytest.fixture(scope="module")
def reports() -> list[EvalReport]:
    return [evaluate_dir(folder, CONFIG) for folder in SETS if (folder / "expected.yaml").is_file()]


def test_import_meets_the_targets_on_every_evaluation_set(reports: list[EvalReport]) -> None:
    files = tuple(result for report in reports for result in report.files)
    combined = EvalReport(files)
    assert len(files) >= 5
    assert combined.total("officials").f1 >= 0.95, format_report(combined, verbose=True)
    assert combined.total("roles").f1 >= 0.85, format_report(combined, verbose=True)
    assert combined.total("campaigns").f1 >= 0.85, format_report(combined, verbose=True)
    assert combined.date_accuracy >= 0.90, format_report(combined, verbose=True)


def test_every_text_file_has_an_expected_entry(reports: list[EvalReport]) -> None:
    assert [m for report in reports for m in report.missing] == []


def test_cli_eval_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from digest.cli import main

    assert main(["eval", str(SETS[0]), "--root", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "5 articles" in out and "officials  precision 100.0%" in out and "dates      exact 100.0%" in out
