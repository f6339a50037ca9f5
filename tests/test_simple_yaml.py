"""The line reader for simple front matter (digest/simple_yaml.py) must give exactly what the
strict YAML parser gives whenever it answers, and leave everything else to that parser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.content import decode_source, split_front_matter
from digest.simple_yaml import read_simple
from digest.yaml_source import YamlProblem, _build, _plain_value, parse_yaml_mapping
from tests.conftest import REPO


def strict(text: str):
    """The strict parser's (mapping, key lines), or None when it refuses the text."""
    try:
        data, key_lines = _build(text, 0)
    except (YamlProblem, yaml.YAMLError):
        return None
    return (data, key_lines) if isinstance(data, dict) else None


def front_matters(*folders: Path) -> list[tuple[str, str]]:
    """(file, front matter) of every article under the folders (those that split)."""
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.md")):
        try:
            found.append((path.name, split_front_matter(decode_source(path.read_bytes())).front_matter))
        except (YamlProblem, ValueError, UnicodeDecodeError):
            continue
    return found


def test_every_bundled_article_reads_the_same_and_the_seeds_take_the_simple_path():
    taken = 0
    for name, text in front_matters(REPO / "content", REPO / "tests" / "fixtures"):
        simple = read_simple(text, _plain_value)
        if simple is not None:
            taken += 1
            assert simple == strict(text), name
    assert taken >= 20
    assert all(read_simple(text, _plain_value) is not None for _, text in front_matters(REPO / "content"))


@pytest.mark.parametrize("value", ["yes", "No", "on", "OFF", "null", "~", "true", "12", "0x1F", "1_000",
                                   "1.5", ".inf", "2019-01-02", "2019-01-02T08:25", "12:30", "190:20:30",
                                   "giao ban", "a:b", "Hà Giang"])
def test_plain_values_mean_what_yaml_makes_of_them(value: str):
    text = f"title: {value}\nroles: [{value}, \"{value}\"]\n"
    assert read_simple(text, _plain_value) == strict(text)
    assert read_simple(text, _plain_value) is not None


@pytest.mark.parametrize("text", [
    "title: a\ntitle: b\n",                      # written twice: the parser names both lines
    "title: a #note\n",                          # a comment after a value
    "title: 'quoted'\n",                         # single quotes
    'title: "a\\"b"\n',                          # an escape
    "title: &x a\nkind: *x\n",                   # anchor and alias
    "title: !!python/object a\n",                # a tag
    "title: |\n  block\n",                       # a block scalar
    "title: a\n  continued\n",                   # a multi-line plain value
    "title:\n",                                  # no value (null)
    "officials:\n  - name: A\n      roles: [x]\n",  # an odd indent
    "yes: a\n",                                  # a key YAML reads as true
    "title: a: b\n",                             # ": " inside a plain value
    "roles: [a, , b]\n",                         # an empty flow item
    "roles: [a, [b]]\n",                         # nesting
    "title: a \n",                               # a trailing space
    "---\ntitle: a\n",                           # a document marker
    "title: a\tb\n",                             # a tab
    "title: -3\n",                               # an indicator first
    "\n",                                        # nothing (the parser makes it an empty mapping)
])
def test_other_shapes_are_left_to_the_parser(text: str):
    assert read_simple(text, _plain_value) is None


def test_commas_and_brackets_are_text_in_a_block_value():
    text = "title: Sơ kết, tổng kết [2019]\n"
    assert read_simple(text, _plain_value) == strict(text) == ({"title": "Sơ kết, tổng kết [2019]"}, {"title": 1})


def test_errors_still_come_from_the_strict_parser_with_their_lines():
    with pytest.raises(YamlProblem) as info:
        parse_yaml_mapping("title: a\ndate: 2019-01-02\ntitle: b\n", first_line=2)
    assert info.value.line == 4 and "written twice" in info.value.message


WORDS = st.sampled_from(["yes", "No", "null", "~", "12", "1.5", "2019-01-02", "12:30", "giao ban", "Hà Giang",
                         "a:b", "a: b", "x, y", "[x]", "a #b", "-x", "- x", "?x", ":x", 'a"b', "Đảng ủy", "a [b]",
                         "", " ", "đ", "0o17", "+1", "TRUE"])
TEXT = st.one_of(WORDS, st.text(alphabet="aăđêơxÁ019 :,-.[]\"#/?", max_size=10))
VALUE = st.one_of(TEXT, TEXT.map(lambda t: f'"{t}"'),
                  st.lists(st.one_of(TEXT, TEXT.map(lambda t: f'"{t}"')), max_size=3).map(lambda i: f"[{', '.join(i)}]"))
KEYS = st.sampled_from(["title", "date", "kind", "roles", "name", "function", "yes", "null", "12", "a_b"])


@st.composite
def documents(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        key = draw(KEYS)
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(VALUE)}")
            continue
        lines.append(f"{key}:")
        indent = " " * draw(st.sampled_from([0, 2, 2, 4]))
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                lines.append(f"{indent}- {draw(VALUE)}")
                continue
            lines.append(f"{indent}- {draw(KEYS)}: {draw(VALUE)}")
            for _ in range(draw(st.integers(0, 2))):
                inner = draw(KEYS)
                if draw(st.booleans()):
                    lines.append(f"{indent}  {inner}: {draw(VALUE)}")
                else:
                    lines.append(f"{indent}  {inner}:")
                    deeper = indent + draw(st.sampled_from(["  ", "    ", "   "]))
                    lines += [f"{deeper}- {draw(VALUE)}" for _ in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# ghi chú", "  # ghi chú"])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_whenever_the_line_reader_answers_it_agrees_with_the_parser(text: str):
    simple = read_simple(text, _plain_value)
    if simple is not None:
        assert simple == strict(text)


USUAL = st.sampled_from(["giao ban", "Hà Giang", "Trần Hồng Quảng", "Phó Bí thư Tỉnh ủy", "2019-01-02", "12",
                         "yes", "null", "Sơ kết, tổng kết", "quý IV/2018", "2022-07-01T15:15", "1.5", "a:b", "x [y]"])


@st.composite
def usual_documents(draw) -> str:
    """Front matter of the importer's shape built from ordinary values (most take the line reader)."""
    lines = [f"title: {draw(USUAL)}", f'locality: "{draw(USUAL)}"']
    if draw(st.booleans()):
        lines.append("officials:")
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f"  - name: {draw(USUAL)}")
            if draw(st.booleans()):
                lines.append(f"    roles: [{', '.join(draw(st.lists(USUAL, max_size=3)))}]")
            else:
                lines += ["    roles:", *(f"      - {v}" for v in draw(st.lists(USUAL, min_size=1, max_size=3)))]
    lines.append(f"campaigns: [{', '.join(draw(st.lists(USUAL.map(lambda v: f'{chr(34)}{v}{chr(34)}'), max_size=3)))}]")
    return "\n".join(lines) + "\n"


@settings(max_examples=1000, deadline=None)
@given(usual_documents())
def test_front_matter_of_the_usual_shape_reads_the_same_either_way(text: str):
    assert read_simple(text, _plain_value) in (None, strict(text))


def test_the_generated_documents_often_take_the_simple_path():
    """The property above is not vacuous: typical front matter is read by the line reader."""
    text = ("title: Giao ban công tác dân vận\ndate: 2019-01-02\nofficials:\n  - name: Trần Hồng Quảng\n"
            "    roles:\n      - Phó Bí thư Tỉnh ủy\n    function: chủ trì\ncampaigns: [Dân vận khéo, \"Ngày vì người nghèo\"]\n")
    assert read_simple(text, _plain_value) == strict(text)
    assert read_simple(text, _plain_value) is not None
