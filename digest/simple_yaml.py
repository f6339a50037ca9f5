"""Front matter of the usual shape, read line by line without the YAML parser.

Why: building front matter from PyYAML's events was ~40% of reading an article (~1.8 of 4.7
CPU-seconds at 10,000 articles). Nearly all front matter has the importer's shape: `key: value`
lines whose value is plain text, double-quoted text or a flow list `[a, "b"]`, and block lists
such as `officials:` followed by `  - name: ...` / `    roles: [...]` items. That shape is read
here. Anything else (a comment, a backslash or single quote, a block scalar, an anchor or a
tag, a multi-line value, an unusual indent, a key written twice, a control character) returns
None, and yaml_source's strict parser reads the text and gives any error message. Plain values
are resolved by PyYAML's own resolver and constructors (so "yes" is true, 12 a number, a date
stays text): tests/test_simple_yaml.py checks on generated texts and on every fixture that the
result is the strict parser's whenever this path is taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

REFUSED = re.compile("[&*!|>%@`'\\\\{}\t\r\x85\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                     "\ud800-\udfff\ufffe\uffff]|^(?:---|\\.\\.\\.)|[ ]$", re.MULTILINE)
"""Anything this reader leaves to the YAML parser (as it does a `#` that does not start a
line): indicator characters, quotes other than double quotes, escapes, tabs, characters YAML
refuses or reads as line breaks, document markers, trailing spaces."""
KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
PLAIN = re.compile(r"(?![-?:,\[\]\"\s])(?:[^\s:\"]|:(?=\S)|\s(?=\S))+\Z")
"""Plain text as YAML reads it in a block: no indicator first, no ": ", no double quote, no
leading or trailing space (commas and brackets are text there: "Sơ kết công tác dân vận, ...")."""
QUOTED = re.compile(r'"([^"]*)"\Z')
FLOW_ITEM = re.compile(r'\s*(?:"([^"]*)"|((?![-?:,\[\]\s])(?:[^\s:,?\[\]"]|:(?=[^\s,?\[\]])|\s+(?=[^\s,\]]))+))\s*([,\]])')
"""An item of a flow list and what follows it: PyYAML ends a plain item at `,?[]{}`."""


class _NotSimple(Exception):
    """The text is not of the simple shape: the YAML parser must read it."""


Line = tuple[int, int, str]
"""(line number, indent, text after the indent) of a line that is neither blank nor a comment."""


def read_simple(text: str, scalar: Callable[[str], Any]) -> tuple[dict[str, Any], dict[str, int]] | None:
    """(mapping, line of each top-level key) of a simple front matter, or None (see module).
    `scalar(text)` turns a plain value into what YAML makes of it."""
    if not text or REFUSED.search(text):
        return None
    lines = [(number, len(line) - len(content), content) for number, line in enumerate(text.split("\n"), start=1)
             if (content := line.lstrip(" ")) and not content.startswith("#")]  # blank lines and whole-line comments
    if not lines or any("#" in content for _, _, content in lines):
        return None  # nothing (the parser's empty mapping), or a comment after a value or # inside one
    try:
        data, position = _mapping(lines, 0, 0, scalar)
    except _NotSimple:
        return None
    if position != len(lines):
        return None
    # The top-level keys are the unindented lines that are not list items ("campaigns:" may be
    # followed by "- ..." at the same indent).
    return data, {content.split(":", 1)[0]: number for number, indent, content in lines
                  if indent == 0 and not content.startswith("- ")}


def _mapping(lines: list[Line], position: int, indent: int, scalar: Callable[[str], Any],
             first: str | None = None) -> tuple[dict[str, Any], int]:
    """`key: value` lines at `indent` from `position` (the first one's text given as `first`
    when it follows a list item's "- "); (mapping, position after it)."""
    data: dict[str, Any] = {}
    while True:
        if first is not None:
            text, first = first, None
        elif position < len(lines) and lines[position][1] == indent:
            text = lines[position][2]
            position += 1
        else:
            return data, position
        found = KEY.match(text)
        if not found:
            raise _NotSimple
        key = _key(found.group(1), scalar)
        if key in data:
            raise _NotSimple  # the parser names both lines
        if found.group(2) is not None:
            data[key] = _value(found.group(2), scalar)
            continue
        # A block list follows, at this indent or deeper; else `key:` alone (null) or a nested
        # mapping: left to the parser.
        if position >= len(lines) or not lines[position][2].startswith("- ") \
                or lines[position][1] not in (indent, indent + 2):
            raise _NotSimple
        data[key], position = _sequence(lines, position, lines[position][1], scalar)


def _sequence(lines: list[Line], position: int, indent: int,
              scalar: Callable[[str], Any]) -> tuple[list[Any], int]:
    """`- item` lines at `indent`; an item is a value or a mapping whose first key follows "- "."""
    items: list[Any] = []
    while position < len(lines) and lines[position][1] == indent and lines[position][2].startswith("- "):
        text = lines[position][2][2:]
        position += 1
        if KEY.match(text) is None:
            items.append(_value(text, scalar))
        else:
            item, position = _mapping(lines, position, indent + 2, scalar, first=text)
            items.append(item)
    return items, position


def _key(name: str, scalar: Callable[[str], Any]) -> str:
    """A key that YAML also reads as this text (not `yes`, `null`, `12`)."""
    if scalar(name) != name:
        raise _NotSimple
    return name


def _value(text: str, scalar: Callable[[str], Any]) -> Any:
    """A value on one line: double-quoted text, a flow list, or plain text."""
    if text.startswith('"'):
        found = QUOTED.match(text)
        if not found:
            raise _NotSimple
        return found.group(1)
    if text.startswith("["):
        return _flow_list(text, scalar)
    if not PLAIN.match(text):
        raise _NotSimple
    return scalar(text)


def _flow_list(text: str, scalar: Callable[[str], Any]) -> list[Any]:
    """`[a, "b c", d]` of plain or double-quoted items (no nesting, no empty item)."""
    if text.rstrip() == "[]":
        return []
    items: list[Any] = []
    position, end = 1, len(text)
    while True:
        found = FLOW_ITEM.match(text, position)
        if not found:
            raise _NotSimple
        items.append(found.group(1) if found.group(1) is not None else scalar(found.group(2)))
        position = found.end()
        if found.group(3) == "]":
            if position != end:
                raise _NotSimple
            return items
