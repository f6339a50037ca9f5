"""Properties (hypothesis): import never crashes and loses no sentence; import -> Markdown -> load
gives back the same data; loading never crashes on any front matter, however broken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.config import load_config
from digest.content import KNOWN_KEYS, parse_article
from tests.conftest import REPO

importer = pytest.importorskip("digest.importer")
CONFIG = load_config(REPO / "site.yaml", "site.yaml")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ("công tác", "dân vận", "hội nghị", "nhân dân", "chính quyền", "mô hình", "xây dựng", "nông thôn",
         "đoàn kết", "vận động", "hiệu quả", "triển khai", "cơ sở", "đồng bào", "năm", "tháng", "kết quả")
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(
    lambda words: (" ".join(words) + ".").capitalize())
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=2, max_size=6)
MARKDOWN_ESCAPE_PATTERN = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain(text: str) -> str:
    """Text without Markdown backslash escapes, with single spaces."""
    return " ".join(MARKDOWN_ESCAPE_PATTERN.sub(r"\1", text).split())


@SETTINGS
@given(st.text(max_size=3000))
def test_import_never_crashes_on_any_text(text: str):
    article = importer.import_text(text, CONFIG)
    assert isinstance(importer.render_markdown(article), str)


@SETTINGS
@given(ARTICLE)
def test_every_sentence_of_the_body_survives_import(paragraphs: list[str]):
    text = "Tiêu đề bài viết về công tác dân vận\n\n" + "\n\n".join(paragraphs) + "\n"
    markdown = plain(importer.render_markdown(importer.import_text(text, CONFIG)))
    for paragraph in paragraphs:
        for sentence in re.findall(r"[^.]+\.", paragraph):
            assert plain(sentence) in markdown


def _comparable(article) -> dict:
    keys = ("title", "date", "published", "locality", "source", "kind", "period", "category",
            "campaigns", "authors", "photo_credits")
    data = {k: getattr(article, k) for k in keys}
    data["officials"] = [(o.name, tuple(o.roles), o.function) for o in article.officials]
    data["body"] = article.body.strip()
    return data


FIXTURES_DIR = REPO / "tests" / "fixtures"
SEEDS = sorted((FIXTURES_DIR / "seeds").glob("*.txt")) + sorted((FIXTURES_DIR / "eval").glob("*.txt"))


@pytest.mark.parametrize("raw", SEEDS, ids=lambda p: p.name)
def test_import_markdown_load_gives_back_the_same_data(raw: Path):
    imported = importer.import_text(raw.read_text(encoding="utf-8"), CONFIG)
    if imported.date is None:
        imported = dataclasses.replace(imported, date=dt.date(2020, 1, 1))
    loaded, problems = parse_article(importer.render_markdown(imported), Path("a.md"), "content/a.md")
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert _comparable(loaded) == _comparable(imported)


@SETTINGS
@given(ARTICLE, st.sampled_from(WORDS))
def test_round_trip_holds_for_generated_articles(paragraphs: list[str], place: str):
    text = f"Hội nghị {place} ngày 2/3/2021\n\n" + "\n\n".join(paragraphs)
    imported = dataclasses.replace(importer.import_text(text, CONFIG), date=dt.date(2021, 3, 2))
    loaded, problems = parse_article(importer.render_markdown(imported), Path("a.md"), "content/a.md")
    assert loaded is not None, [p.format() for p in problems]
    assert _comparable(loaded) == _comparable(imported)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates().map(str))
STRUCTURES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10) | st.sampled_from(sorted(KNOWN_KEYS)), inner,
                                                 max_size=5)), max_leaves=20)


def _load(front_matter: str):
    article, problems = parse_article(f"---\n{front_matter}\n---\nNội dung.\n", Path("a.md"), "content/a.md")
    assert article is not None or [p for p in problems if p.severity == "error"]
    assert all(p.path == "content/a.md" and p.message for p in problems)


@SETTINGS
@given(st.text(max_size=500))
def test_loading_never_crashes_on_any_text_as_front_matter(text: str):
    _load(text.replace("\n---", "\n- --"))


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(KNOWN_KEYS)) | st.text(max_size=10), STRUCTURES, max_size=8))
def test_loading_never_crashes_on_any_dumped_structure(data: dict):
    _load(yaml.safe_dump(data, allow_unicode=True).replace("\n---", "\n- --").removesuffix("...\n"))


YAMLISH = st.lists(st.sampled_from(["title:", " date: 2019-01-02", "- ", "officials:", "  - name: A", "roles: [",
                                    "]", "{", "}", "&a", "*a", "!!str", "'", '"', "#", ":", "\t", "? ", "|", ">",
                                    "\n", "  ", "Đ", "…", "\ufeff", "\x85"]), max_size=40).map("".join)


@SETTINGS
@given(YAMLISH)
def test_loading_never_crashes_on_yaml_like_noise(text: str):
    _load(text.replace("\n---", "\n- --"))


def _run_guarded(code: str, seconds: int) -> subprocess.CompletedProcess:
    """Run `code` in a child Python; a hang becomes a test failure, not a stuck suite."""
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=seconds,
                          check=False)


IMPORT_CODE = ("from pathlib import Path; from digest.config import load_config; from digest.importer import import_text;"
               "import_text({text}, load_config(Path('site.yaml'), 'site.yaml'))")


def test_import_of_a_long_realistic_article_is_linear():
    seed = SEEDS[0].read_text(encoding="utf-8")
    assert _run_guarded(IMPORT_CODE.format(text=f"{seed!r} * 100"), 120).returncode == 0


def test_import_of_a_paragraph_full_of_role_words_is_bounded():
    assert _run_guarded(IMPORT_CODE.format(text="'Phó Bí thư Thường trực Tỉnh ủy, ' * 2000"), 20).returncode == 0


def test_import_of_a_twenty_megabyte_file_is_refused_quickly(tmp_path: Path):
    raw = tmp_path / "big.txt"
    raw.write_text(SEEDS[0].read_text(encoding="utf-8") * (20_000_000 // SEEDS[0].stat().st_size + 1), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from digest.config import load_config; "
            "from digest.importer import import_files; "
            f"o = import_files([Path({str(raw)!r})], Path({str(tmp_path / 'content')!r}), "
            "load_config(Path('site.yaml'), 'site.yaml'), dry_run=True, force=False)[0]; "
            "sys.exit(0 if o.refused and 'limit' in o.refused else 1)")
    assert _run_guarded(code, 20).returncode == 0
