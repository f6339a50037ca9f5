"""Strict YAML: hostile documents are refused fast, with the line and a fix, never executed."""

from __future__ import annotations

import tracemalloc

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.yaml_source import MAX_DEPTH, MAX_YAML_CHARS, YamlProblem, parse_yaml_mapping

BILLION_LAUGHS = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"{chr(c + 1)}: &{chr(c + 1)} [{','.join(['*' + chr(c)] * 9)}]" for c in range(ord("a"), ord("i"))),
    "title: boom",
])


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        parse_yaml_mapping(text)
    return info.value


def test_plain_mapping_keeps_key_lines_and_dates_as_text():
    doc = parse_yaml_mapping("title: Giao ban\ndate: 2019-01-02\nofficials:\n  - name: A\n")
    assert doc.data == {"title": "Giao ban", "date": "2019-01-02", "officials": [{"name": "A"}]}
    assert doc.key_lines == {"title": 1, "date": 2, "officials": 3}


def test_billion_laughs_is_refused_at_its_first_anchor_in_small_memory():
    tracemalloc.start()
    try:
        found = problem(BILLION_LAUGHS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (found.line, found.message) == (1, "YAML anchors and aliases (&name, *name) are not allowed")
    assert found.hint == "write the value out in full"
    assert peak < 5_000_000  # expanded, it would be 10^9 strings


def test_alias_without_anchor_on_same_line_reports_the_anchor_line():
    assert problem("a: 1\nb: &x [1]\nc: *x\n").line == 2


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!!binary", "!custom"])
def test_every_explicit_tag_is_refused_with_a_message_that_names_it(tag: str):
    found = problem(f"title: ok\nsource: {tag} [echo pwned]\n")
    assert found.line == 2
    assert found.message == f"YAML tags such as `{tag}` are not allowed (they could run code or build objects)"
    assert found.hint == "remove the tag; write plain text, lists and `key: value` only"


def test_tag_on_the_whole_document_is_refused():
    assert "not allowed" in problem("!!python/object:os.Popen {args: ls}\n").message


def test_duplicate_key_names_both_lines():
    found = problem("title: a\ndate: 2019-01-02\ntitle: b\n")
    assert (found.line, found.message, found.hint) == (3, 'key "title" is written twice (first on line 1)',
                                                       "keep one of the two lines")


def test_duplicate_key_inside_an_official_is_refused():
    assert problem("officials:\n  - name: A\n    name: B\n").line == 3


def test_tab_indentation_names_its_line():
    found = problem("officials:\n\t- name: A\n")
    assert (found.line, found.message, found.hint) == (2, "a tab is used for indentation", "indent with spaces")


@pytest.mark.parametrize(("text", "found"), [
    ("- a\n- b\n", "a list"), ("just text\n", "plain text"), ("42\n", "a number"), ("true\n", "true/false")])
def test_front_matter_that_is_not_a_mapping_says_what_it_found(text: str, found: str):
    assert problem(text).message == f"expected `key: value` lines, found {found}"


def test_empty_yaml_is_an_empty_mapping():
    assert parse_yaml_mapping("").data == {}
    assert parse_yaml_mapping("# only a comment\n").data == {}


def test_deep_nesting_is_refused_before_recursion():
    found = problem("a: " + "[" * 5000 + "]" * 5000)
    assert found.message == f"lists and mappings nest more than {MAX_DEPTH} levels deep"


def test_oversized_block_is_refused_before_parsing():
    found = problem("a: " + "x" * MAX_YAML_CHARS)
    assert found.message == f"the YAML block is {MAX_YAML_CHARS + 3:,} characters, over the limit of {MAX_YAML_CHARS:,}"


def test_control_character_names_its_line_and_code_point():
    found = problem("title: ok\nsource: a\x07b\n")
    assert (found.line, found.message) == (2, "the YAML contains the invisible control character U+0007")


def test_syntax_error_gives_the_line():
    found = problem("title: ok\nsource: [unclosed\ndate: x\n")
    assert found.line is not None and found.message.startswith("YAML syntax error")


def test_complex_key_is_refused():
    assert problem("? [a, b]\n: c\n").message == "a key must be plain text"


_SCALARS = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(),
                     st.floats(allow_nan=False, allow_infinity=False),
                     st.sampled_from(["yes", "0x1F", "1_000", "~", "2019-01-02"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                       max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=6), _VALUES, max_size=5),
       st.sampled_from([{"default_flow_style": False}, {"default_flow_style": True}]))
def test_values_are_read_as_yaml_reads_them(data, style):
    """Building from parser events gives what PyYAML's safe loader gives (dates aside: text)."""
    text = yaml.safe_dump(data, allow_unicode=True, **style)
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    if "2019-01-02" in text:  # YAML's own date; we keep it as written
        return
    document = parse_yaml_mapping(text)
    assert document.data == {str(k): v for k, v in expected.items()}
