"""The fast path for plain paragraphs gives exactly what markdown-it-py gives, or steps aside."""

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.markdown_body import make_markdown, plain_paragraphs, render_markdown

PIECES = ["Đảng", "dân vận", " ", "  ", "\n", "\n\n", "\n \n", '"', "'", ".", ",", "1.", "2)", "-", "+", "*", "_", "#",
          ">", "<", "&", "&amp;", "[", "]", "(", ")", "!", "`", "~", "=", "\\", "\t", "\xa0", "\u3000", "a", "10", "%",
          ":", "|", "{", "}", "    ", "\u2028", "\r", "é"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_fast_path_equals_markdown_it_whenever_it_is_taken(text):
    fast = plain_paragraphs(text)
    if fast is not None:
        assert fast == make_markdown().render(text)
    assert render_markdown(text) == make_markdown().render(text)


def test_plain_prose_takes_the_fast_path():
    text = 'Hội nghị "sơ kết" 6 tháng.\nTiếp tục.\n\nĐoạn hai: 100% đạt. \n'
    expected = '<p>Hội nghị &quot;sơ kết&quot; 6 tháng.\nTiếp tục.</p>\n<p>Đoạn hai: 100% đạt.</p>\n'
    assert plain_paragraphs(text.rstrip()) == expected


def test_markdown_goes_to_markdown_it():
    for text in ["## Tiêu đề", "- một\n- hai", "**đậm**", "a  \nb", "> trích", "1. một", "a\n===", "    mã", "[x](y)"]:
        assert plain_paragraphs(text) is None, text
        assert render_markdown(text) == make_markdown().render(text)


def test_the_trimmed_characters_are_markdown_it_pys():
    """plain_paragraphs trims a paragraph as markdown-it-py does, without importing it."""
    from markdown_it.common.utils import MD_TRIM_CHARS as theirs

    from digest.markdown_body import MD_TRIM_CHARS

    assert sorted(MD_TRIM_CHARS) == sorted(theirs)
