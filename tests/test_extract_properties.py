"""Properties of import on any input: it never raises, and no sentence of the article is lost."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.config import load_config
from digest.content import parse_article
from digest.importer import import_text, render_markdown
from digest.vietnamese import normalize_text

CONFIG = load_config(Path(__file__).resolve().parent.parent / "site.yaml")
WORDS = ("công tác dân vận hội nghị đồng chí Nguyễn Văn An Phó Bí thư Tỉnh ủy Chủ tịch HĐND tỉnh Hà Giang "
         "phong trào thi đua Dân vận khéo Sáng 2/1 năm 2019 quý IV/2018 6 tháng đầu của và các Nhân dân "
         "chính quyền 1. # - * _ [x](y) <b> & 0:00 Ảnh: Lượt xem: đạo lạ “Năm dân vận” (ông) Ủy viên BTV").split()
FURNITURE = ["Lượt xem: 6355", "0:00 / 0:00", "anh tin bai", "Họ tên no image", "Ý kiến bạn đọc", "TIN MỚI HƠN",
             "Xem tiếp", "Tìm kiếm", "• Hà Giang", "oC", "Số lượt người xem: 102", "15:15, 01/07/2022"]
UNESCAPE_PATTERN = re.compile(r"\\(.)")


def _plain(markdown_body: str) -> str:
    """Body text without Markdown escapes and caption asterisks, single-spaced."""
    text = " ".join(line.strip("*") for line in markdown_body.split("\n"))
    return " ".join(UNESCAPE_PATTERN.sub(r"\1", text).split())


sentences = st.lists(st.sampled_from(WORDS), min_size=8, max_size=30).map(
    lambda words: normalize_text(" ".join(words)[0].upper() + " ".join(words)[1:] + "."))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_import_never_raises_and_its_markdown_always_loads(text: str) -> None:
    article = import_text(text, CONFIG)
    loaded, problems = parse_article(render_markdown(article), Path("x.md"), "x.md")
    assert all(p.message == "date is missing" for p in problems), [p.format() for p in problems]
    assert (loaded is None) == (article.date is None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(sentences, st.sampled_from(["", *FURNITURE])), min_size=1, max_size=12),
       st.sampled_from(["\n", "\n\n", "\n \n"]))
def test_every_sentence_survives_into_the_body_or_the_front_matter(parts: list[tuple[str, str]], gap: str) -> None:
    lines = ["Tiêu đề bài viết về công tác dân vận của tỉnh"]
    for sentence, furniture in parts:
        lines += [sentence] + ([furniture] if furniture else [])
    article = import_text(gap.join(lines) + "\n", CONFIG)
    body = _plain(article.body)
    kept = {article.title, *article.removed}
    for sentence, _ in parts:
        assert sentence in body or sentence in kept, sentence
