import json
import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import load_config
from digest.content import load_articles
from digest.model import build_model
from digest.offline_search import (
    GLOBAL_NAME,
    build_offline_index,
    distinct_words,
    lead,
    plain_distinct_tokens,
    plain_text,
    plain_tokens,
    render_offline_index,
    words_in_order,
)
from tests.conftest import FIXTURES, build, copy_site

READER = FIXTURES / "sites" / "reader"


def _index():
    articles, _ = load_articles(READER / "content")
    return build_offline_index(build_model(articles, load_config(READER / "site.yaml")))


def test_plain_text_drops_markdown_punctuation_and_line_breaks():
    assert plain_text("## Tiêu đề\n\n**Đậm** và _nghiêng_ [liên kết](x.html)") == "Tiêu đề Đậm và nghiêng liên kết"


def test_lead_cuts_at_a_word_boundary_with_an_ellipsis():
    assert lead("một hai ba bốn", 9) == "một hai…"
    assert lead("ngắn", 9) == "ngắn"


def test_distinct_words_skips_words_already_shown_and_caps_the_count():
    assert distinct_words("Dân vận dân vận khéo khéo Đảng", "vận") == "dân khéo đảng"
    assert distinct_words("a b c d", "", limit=2) == "a b"


TEXT_ALPHABET = st.sampled_from(list("aăâđeêoôơuưy ĐẢẠỡ_09¹½\u0301\u00a0\u2028\t\n ,.;:!?()\"'“”‘’…–—-/*#[]<>&@%+=|~"))


@settings(max_examples=3000, deadline=None)
@given(st.text(TEXT_ALPHABET, max_size=80))
def test_words_in_order_finds_the_words_the_pattern_finds_in_first_seen_order(text):
    assert list(words_in_order(text)) == list(dict.fromkeys(re.findall(r"\w+", text)))


def test_lowering_a_character_never_makes_or_removes_white_space():
    """distinct_words lowers each token rather than the whole text: the same words only if no
    character's lower case is, or holds, white space unless the character is white space."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        lowered = character.lower()
        assert all(c.isspace() == character.isspace() for c in lowered), hex(code)


@settings(max_examples=3000, deadline=None)
@given(st.text(st.one_of(TEXT_ALPHABET, st.sampled_from(list("ΣΑσςİIÅ 　"))), max_size=80),
       st.text(TEXT_ALPHABET, max_size=20))
def test_distinct_words_of_tokens_are_those_of_the_lowered_text(text, skip):
    known = words_in_order(skip.lower())
    expected = " ".join([w for w in words_in_order(text.lower()) if w not in known][:20])
    assert distinct_words(text, skip, limit=20) == distinct_words(tuple(text.split()), skip, limit=20) == expected
    assert distinct_words(plain_distinct_tokens(text), skip, limit=20) \
        == " ".join([w for w in words_in_order(plain_text(text).lower()) if w not in known][:20])


@settings(max_examples=2000, deadline=None)
@given(st.text(TEXT_ALPHABET, max_size=80))
def test_plain_distinct_tokens_are_the_plain_tokens_without_repeats(text):
    """With or without Markdown characters (two paths), and asked twice (memoised)."""
    expected = tuple(dict.fromkeys(plain_tokens(text)))
    assert plain_distinct_tokens(text) == plain_distinct_tokens(text) == expected


def test_words_in_order_splits_tokens_that_are_not_one_word():
    assert list(words_in_order("x-abc abc_d a+b, abc x")) == ["x", "abc", "abc_d", "a", "b"]


def test_every_article_has_one_record_newest_first_with_what_a_result_shows():
    index = _index()
    assert len(index) == 6
    first = index[0]
    assert first["t"] == "Sơ kết công tác dân vận 6 tháng đầu năm 2022"
    assert first["u"] == "bai-viet/2022-06-30-so-ket-ha-giang.html"
    assert (first["d"], first["l"], first["k"]) == ("2022-06-30", "Hà Giang", "sơ kết")
    assert first["c"] == ["Dân vận khéo"]
    assert first["o"] == ["Nguyễn Mạnh Dũng", "Trần Hồng Quảng"]
    assert first["x"].startswith("Chiều 30/6")


def test_words_keep_their_diacritics_so_the_page_can_rank_exact_spellings_first():
    by_date = {entry["d"]: entry for entry in _index()}
    assert "hòa" in by_date["2019-12-20"]["w"].split() or "Hòa" in by_date["2019-12-20"]["x"]


def test_script_assigns_a_json_array_to_the_global():
    text = render_offline_index([{"t": "Đảng </script>"}])
    assert text.startswith(f"window.{GLOBAL_NAME} = ")
    assert json.loads(text[len(f"window.{GLOBAL_NAME} = "):].rstrip().rstrip(";")) == [{"t": "Đảng </script>"}]


def test_build_writes_the_index_beside_the_assets(tmp_path: Path):
    from tests.conftest import build, copy_site

    root = copy_site("reader", tmp_path)
    build(root, search=False)
    index = root / "output" / "assets" / "search-index.js"
    assert index.exists()
    assert index.stat().st_size < 20_000


def test_a_build_writes_the_records_its_render_workers_made_equal_to_a_direct_computation(tmp_path):
    """The build takes article records from the render workers (Page.offline_record); they
    must be what build_offline_index computes from the model, in a full and an edit rebuild."""
    root = copy_site("reader", tmp_path)
    for rebuild in (False, True):
        if rebuild:
            first = sorted((root / "content").rglob("*.md"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\nMột câu mới về Đảng.\n", encoding="utf-8")
        build(root, search=False, workers=2)
        articles, _ = load_articles(root / "content")
        expected = render_offline_index(build_offline_index(build_model(articles, load_config(root / "site.yaml"))))
        assert (root / "output" / "assets" / "search-index.js").read_text(encoding="utf-8") == expected
