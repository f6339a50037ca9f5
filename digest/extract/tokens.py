"""Word tokens with offsets, and the vocabulary that tells person names from titles.

Why tokens and not one big regex: a role ends where its wording stops ("..., Chủ tịch HĐND
tỉnh chủ trì hội nghị"), which depends on each word's case and on short word lists; walking
tokens keeps those decisions small and testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

TOKEN_PATTERN = re.compile(
    r"(?P<word>[^\W\d_](?:[\w]|['’](?=\w)|\.(?=[^\W\d_]{2,}\b)|/(?=[^\W\d_]\b))*)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<punct>\.\.\.|…|[-–—]|[^\w\s])",
)


@dataclass(frozen=True)
class Token:
    """One word, number or punctuation mark of a paragraph."""

    text: str
    """The characters as written."""
    start: int
    """Offset of the first character in the paragraph."""
    end: int
    """Offset just after the last character."""
    kind: str
    """"word", "number" or "punct"."""

    @property
    def is_word(self) -> bool:
        """True for words (not numbers or punctuation)."""
        return self.kind == "word"

    @property
    def is_capitalized(self) -> bool:
        """A word whose first letter is upper case ("Trần", "HĐND", "H'Lan")."""
        return self.kind == "word" and self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        """Two or more capitals ("HĐND", "TVTU", "TP.HCM"): part of a title, never of a name."""
        return self.kind == "word" and len(self.text) > 1 and self.text.isupper()

    @cached_property
    def lower(self) -> str:
        """Lower-case text, for vocabulary look-ups."""
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Split a paragraph into tokens with their offsets."""
    return [Token(m.group(0), m.start(), m.end(), m.lastgroup or "punct") for m in TOKEN_PATTERN.finditer(text)]
