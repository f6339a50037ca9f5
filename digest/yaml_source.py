"""Strict YAML for hand-written files: safe tags only, no aliases, no duplicate keys, line numbers.

Why: editors write front matter in a web editor; an alias bomb, a `!!python/object` tag or a
key written twice must be refused with the line, never executed, expanded or silently merged.
The C parser (`CSafeLoader`) is ~10x faster than the pure-Python one at archive scale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from digest.simple_yaml import read_simple

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


class _Scalars(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """YAML 1.1's reading of plain scalars (numbers, true/false, null), with YAML's own dates
    kept as plain text so that our validation reports "2/1" and "2019-13-01" clearly."""


_Scalars.add_constructor("tag:yaml.org,2002:timestamp", _Scalars.construct_yaml_str)
_STRING_TAG = "tag:yaml.org,2002:str"
_SCALARS = _Scalars()
"""Resolver and constructors for plain values (the scalar constructors keep no state)."""


@functools.lru_cache(maxsize=1 << 14)
def _plain_value(value: str) -> Any:
    """What YAML makes of a plain (unquoted) value: text, a number, true/false or null. Used by
    the event builder and by simple_yaml alike; memoised, as names, roles and kinds repeat
    across thousands of articles and the values returned are immutable."""
    tag = _SCALARS.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STRING_TAG:
        return value
    return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, value))


MAX_DEPTH = 20
"""Lists and mappings nested deeper than this are refused (front matter needs three levels)."""


def _event_problem(event: yaml.Event) -> YamlProblem | None:
    """The problem with one parser event, if any: an alias, an anchor or an explicit tag."""
    line = event.start_mark.line + 1
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return YamlProblem(line, "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full")
    tag = getattr(event, "tag", None)
    if tag is not None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        return YamlProblem(line, f"YAML tags such as `{shown}` are not allowed (they could run code or build objects)",
                           "remove the tag; write plain text, lists and `key: value` only")
    return None


class _Builder:
    """Builds plain values from the parser's events in one pass, refusing what is unsafe.

    Why events: they stream in constant memory, so a billion-laughs document is refused at its
    first anchor instead of being expanded, and a `!!python/...` tag gets a message that says
    what is wrong instead of PyYAML's "could not determine a constructor". Building from the
    same events (rather than checking them, then composing and constructing a second time)
    halves the cost of front matter, the largest part of reading 10,000 articles."""

    def __init__(self, line_shift: int):
        self.line_shift = line_shift
        self.stack: list[list[Any]] = []
        """Open collections: [value, is_mapping, pending key, key seen -> line]."""
        self.root: Any = None
        self.key_lines: dict[str, int] = {}
        self.documents = 0

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        """Quoted or block text is always a string; a plain value is resolved (_plain_value)."""
        return _plain_value(event.value) if event.implicit[0] else event.value

    def add(self, value: Any, event: yaml.Event, collection: bool = False) -> None:
        """Place a finished value in the open collection (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container, is_mapping, key, seen = frame
        if not is_mapping:
            container.append(value)
        elif key is _NO_KEY:
            line = event.start_mark.line + 1
            if collection or (not isinstance(value, (str, int, float, bool)) and value is not None):
                raise YamlProblem(line, "a key must be plain text")
            if value in seen:
                raise YamlProblem(line, f'key "{value}" is written twice (first on line {seen[value]})',
                                  "keep one of the two lines")
            seen[value] = line + self.line_shift
            if len(self.stack) == 1:
                self.key_lines[str(event.value)] = line
            frame[2] = value
        else:
            container[key] = value
            frame[2] = _NO_KEY

    def feed(self, event: yaml.Event) -> None:
        problem = _event_problem(event)
        if problem:
            raise problem
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.add(self.scalar(event), event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if self.stack and self.stack[-1][1] and self.stack[-1][2] is _NO_KEY:
                raise YamlProblem(event.start_mark.line + 1, "a key must be plain text")
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(event.start_mark.line + 1, f"lists and mappings nest more than {MAX_DEPTH} levels deep",
                                  "front matter needs at most three levels (officials -> name/roles -> roles)")
            mapping = kind is yaml.MappingStartEvent
            self.stack.append([{} if mapping else [], mapping, _NO_KEY, {}])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.add(self.stack.pop()[0], event, collection=True)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(event.start_mark.line + 1, "YAML syntax error: but found another document",
                                  "check the indentation and quote values that contain ':' or '#'")


_NO_KEY = object()
"""Marks an open mapping waiting for its next key."""


def _build(text: str, line_shift: int) -> tuple[Any, dict[str, int]]:
    """The document's value and the line of each top-level key (see _Builder)."""
    builder = _Builder(line_shift)
    for event in yaml.parse(text, Loader=_BaseLoader):
        builder.feed(event)
    return builder.root, builder.key_lines


def _tab_line(text: str) -> int | None:
    """Line of the first tab used for indentation (YAML forbids it, PyYAML's message is cryptic)."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return None


CONTROL_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML refuses to read (libyaml reports them without a line)."""


def _control_character_problem(text: str) -> YamlProblem:
    """Name the line and code point of the first character YAML cannot read."""
    found = CONTROL_PATTERN.search(text)
    if not found:
        return YamlProblem(None, "the YAML contains a character it cannot read", "retype the front matter")
    line = text[: found.start()].count("\n") + 1
    return YamlProblem(line, f"the YAML contains the invisible control character U+{ord(found.group()):04X}",
                       "delete it (most editors do not show it: retype the line)")


_KIND_NAMES = {list: "a list", str: "plain text", int: "a number", float: "a number", bool: "true/false"}


def parse_yaml_mapping(text: str, first_line: int = 1) -> YamlDocument:
    """Parse `text` as one strict YAML mapping or raise YamlProblem with a line and a fix.

    `first_line` is the line of the file on which `text` starts (2 for front matter after
    `---`): a YamlProblem's line, and any line quoted in its message, count from there.
    `key_lines` stay relative to `text`."""
    try:
        return _parse_mapping(text, first_line - 1)
    except YamlProblem as exc:
        if exc.line is not None:
            exc.line += first_line - 1
        raise


def _parse_mapping(text: str, line_shift: int) -> YamlDocument:
    """parse_yaml_mapping with lines counted within `text` (but messages shifted)."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlProblem(1, f"the YAML block is {len(text):,} characters, over the limit of {MAX_YAML_CHARS:,}",
                          "keep only metadata here (a few KB: the people the article is about, not every "
                          "name it lists) and move long text into the article body")
    tab = _tab_line(text)
    if tab:
        raise YamlProblem(tab, "a tab is used for indentation", "indent with spaces")
    simple = read_simple(text, _plain_value)  # the usual shape, without the parser
    if simple is not None:
        return YamlDocument(data=simple[0], key_lines=simple[1])
    try:
        data, key_lines = _build(text, line_shift)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc.context}",
                          "check the indentation and quote values that contain ':' or '#'") from None
    except yaml.reader.ReaderError:
        raise _control_character_problem(text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "the YAML nests too deeply") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        found = _KIND_NAMES.get(type(data), type(data).__name__)
        raise YamlProblem(1, f"expected `key: value` lines, found {found}", "write one `key: value` per line")
    return YamlDocument(data={str(k): v for k, v in data.items()}, key_lines=key_lines)
