"""Strict YAML for hand-written files: safe tags only, no aliases, no duplicate keys, line numbers.

Why: editors write front matter in a web editor; an alias bomb, a `!!python/object` tag or a
key written twice must be refused with the line, never executed, expanded or silently merged.
The C parser (`CSafeLoader`) is ~10x faster than the pure-Python one at archive scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML wheels ship libyaml
    _BaseLoader = yaml.SafeLoader

MAX_YAML_CHARS = 200_000
"""Front matter or site.yaml longer than this is refused (an article's metadata is a few KB)."""


class YamlProblem(Exception):
    """A YAML text that cannot be accepted; `line` is 1-based within the text."""

    def __init__(self, line: int | None, message: str, hint: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class YamlDocument:
    """A parsed mapping and the 1-based line of each top-level key."""

    data: dict[str, Any]
    """The mapping, built only from plain scalars, lists and mappings."""
    key_lines: dict[str, int]
    """Line (within the YAML text) where each top-level key is written."""


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys and keeps YAML's own dates as plain text."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML signature
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem(key_node.start_mark.line + 1, "a key must be plain text")
            if key in seen:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f'key "{key}" is written twice (first on line {seen[key]})',
                    "keep one of the two lines",
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# Dates stay strings so that our own validation reports "2/1" and "2019-13-01" clearly.
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_str)


def _refuse_aliases(text: str) -> None:
    """Reject anchors and aliases before building anything: this bounds billion-laughs input."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            raise YamlProblem(
                event.start_mark.line + 1,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "write the value out in full",
            )


def _tab_line(text: str) -> int | None:
    """Line of the first tab used for indentation (YAML forbids it, PyYAML's message is cryptic)."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return None


def parse_yaml_mapping(text: str) -> YamlDocument:
    """Parse `text` as one strict YAML mapping or raise YamlProblem with a line and a fix."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlProblem(1, f"the YAML block is {len(text):,} characters, over {MAX_YAML_CHARS:,}",
                          "move long text into the article body")
    tab = _tab_line(text)
    if tab:
        raise YamlProblem(tab, "a tab is used for indentation", "indent with spaces")
    try:
        _refuse_aliases(text)
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc.context}",
                          "check the indentation and quote values that contain ':' or '#'") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "the YAML nests too deeply") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise YamlProblem(1, f"expected key: value lines, found a {type(data).__name__}",
                          "write one `key: value` per line")
    key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} if node is not None else {}
    return YamlDocument(data={str(k): v for k, v in data.items()}, key_lines=key_lines)
