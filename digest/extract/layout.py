"""Lines and paragraphs of a raw page: normalised text, prose detection, hard-wrap joining.

Why: scraped text mixes one-line paragraphs, paragraphs separated by blank lines and
paragraphs hard-wrapped mid-sentence ("Ủy viên Ban Thường vụ\\nTỉnh ủy"). A line that stops
without closing its sentence is continued by the next line of the same block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.vietnamese import normalize_text

INVISIBLE_PATTERN = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACE_PATTERN = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SENTENCE_END_PATTERN = re.compile(r"[.!?…:;][\"”’')\]]*$")
CONTINUES_PATTERN = re.compile(r"[,\-–(/&]$")
HARD_WRAP_CHARS = 50
"""A line this long that stops mid-sentence was wrapped by the scraper (captions are shorter)."""
CELL_GAP_PATTERN = re.compile(r"[ \t\u00a0]{2,}|\s+\|\s+")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the page."""

    text: str
    """The line, normalised, single-spaced, without surrounding blanks."""
    block: int
    """Number of the blank-line-separated block the line belongs to."""
    cells: tuple[str, ...] = ()
    """Parts of the line separated by wide gaps or " | " (menus, "date | Lượt xem: 5")."""


def normalize_page(text: str) -> str:
    """NFC with one tone placement, `\\n` line ends, no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = INVISIBLE_PATTERN.sub("", CONTROL_PATTERN.sub(" ", text))
    return normalize_text(SPACE_PATTERN.sub(" ", text))


def read_lines(text: str) -> list[Line]:
    """The page's non-blank lines with their block numbers."""
    lines: list[Line] = []
    block = 0
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    for raw in text.split("\n"):
        stripped = normalize_page(raw).strip()
        if not stripped:
            block += 1
            continue
        cells = tuple(normalize_page(c).strip() for c in CELL_GAP_PATTERN.split(raw.strip()) if c.strip())
        lines.append(Line(stripped, block, cells))
    return lines


def is_prose(text: str) -> bool:
    """True for a line that reads as article text: a finished sentence of some length."""
    stripped = text.strip()
    words = len(stripped.split())
    if len(stripped) >= 160 and words >= 20:
        return True
    return words >= 7 and bool(SENTENCE_END_PATTERN.search(stripped)) and stripped[-1] not in ":"


def _continues(current: str, following: Line, current_block: int) -> bool:
    """Whether `following` carries on the sentence left open by `current`."""
    if following.block != current_block or SENTENCE_END_PATTERN.search(current):
        return False
    first = following.text[0]
    return first.islower() or bool(CONTINUES_PATTERN.search(current)) or len(current) >= HARD_WRAP_CHARS


def join_lines(lines: list[Line]) -> list[str]:
    """Paragraphs: each line, joined with the next when the sentence is not finished."""
    paragraphs: list[str] = []
    block = -1
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line, block):
            paragraphs[-1] = paragraphs[-1] + " " + line.text
        else:
            paragraphs.append(line.text)
        block = line.block
    return paragraphs
