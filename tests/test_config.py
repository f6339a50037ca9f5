"""load_config: site.yaml validated with lines; unknown keys are errors with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import BuildFailed

REPO = Path(__file__).resolve().parent.parent


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        load_config(path, "site.yaml")
    return [e.format() for e in failed.value.errors]


def test_the_project_site_yaml_loads_with_its_registry():
    config = load_config(REPO / "site.yaml")
    assert config.language == "vi"
    assert config.campaign_for("dân vận KHÉO").name == "Dân vận khéo"
    assert config.locality_for_outlet("Đài Phát thanh và Truyền hình Hà giang") == "Hà Giang"


def test_unknown_key_is_an_error_with_its_line_and_a_suggestion(tmp_path: Path):
    assert _errors(tmp_path, "title: T\ncampaings: []\n") == [
        'site.yaml:2: unknown key "campaings". Fix: did you mean campaigns?']


def test_missing_title_is_an_error(tmp_path: Path):
    assert _errors(tmp_path, "description: D\n") == ["site.yaml:1: title is missing. Fix: title: Nhật ký Dân vận"]


def test_missing_file_says_how_to_create_it(tmp_path: Path):
    with pytest.raises(BuildFailed) as failed:
        load_config(tmp_path / "site.yaml", "site.yaml")
    assert failed.value.errors[0].format() == "site.yaml: site.yaml is missing. Fix: create it with at least `title: ...`"


def test_base_url_gets_a_trailing_slash(tmp_path: Path):
    path = tmp_path / "site.yaml"
    path.write_text("title: T\nbase_url: https://x.github.io/repo\n", encoding="utf-8")
    assert load_config(path).base_url == "https://x.github.io/repo/"
