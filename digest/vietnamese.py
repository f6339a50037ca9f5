"""Vietnamese text normalisation: one spelling per word, identity keys, folding, slugs.

Why: the same name reaches us as NFC or NFD and with the old or the new tone placement
("Hòa"/"Hoà", "Thủy"/"Thuỷ"); NFC alone does not make them equal. We store NFC with the
tone on the first vowel of open "oa", "oe", "uy" (the placement the seeds use).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
WORD_PATTERN = re.compile(r"\w+", re.UNICODE)
OPEN_PAIR_PATTERN = re.compile(r"(?P<onset>[^aeiouy]*)(?P<pair>oa|oe|uy)", re.IGNORECASE)
SPACE_PATTERN = re.compile(r"\s+")
SECOND_VOWEL_TONES = "àáảãạèéẻẽẹỳýỷỹỵ"
"""A tone on the second vowel of "oa"/"oe"/"uy" (the tone marks on a, e, y)."""
MISPLACED_TONE_PATTERN = re.compile(f"[ouOU][{SECOND_VOWEL_TONES}{SECOND_VOWEL_TONES.upper()}](?!\\w)")
"""The end of a word whose tone may sit on the second vowel of "oa"/"oe"/"uy": the only
words _place_tone can change, so only these pay for it. Matching the word's end and walking
back to its start is 5x faster than a pattern that matches whole words (`\\b\\w*...`); both
cases spelled out rather than re.IGNORECASE, which made scanning an article 2.2x slower
(115 -> 52 µs for ~6 KB: every article's whole text goes through it when read)."""


def _place_tone(word: str) -> str:
    """Move the tone of an open "oa"/"oe"/"uy" syllable to its first vowel ("hoà" -> "hòa")."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    match = OPEN_PAIR_PATTERN.fullmatch(base)
    if not match or match["onset"].lower().endswith("q"):
        return word
    cut = match.start("pair") + 1
    return unicodedata.normalize("NFC", base[:cut] + tones[0] + base[cut:])


def normalize_text(text: str) -> str:
    """NFC text with one tone placement, so equal words are equal strings."""
    text = unicodedata.normalize("NFC", text)
    parts, done = [], 0
    for found in MISPLACED_TONE_PATTERN.finditer(text):
        start = found.start()
        while start > done and (text[start - 1].isalnum() or text[start - 1] == "_"):  # what `\w` matches
            start -= 1
        word = text[start:found.end()]
        placed = _place_tone(word)
        if placed != word:
            parts += [text[done:start], placed]
            done = found.end()
    return "".join([*parts, text[done:]]) if parts else text


def identity_key(name: str) -> str:
    """Key under which two spellings of one name meet: normalised, case- and space-folded."""
    return SPACE_PATTERN.sub(" ", normalize_text(name)).strip().casefold()


def fold_diacritics(text: str) -> str:
    """Strip every diacritic, đ included ("Đảng" -> "Dang"): for diacritic-free search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug_for(text: str, max_length: int = 80) -> str:
    """ASCII URL slug of a Vietnamese name ("Trần Thị Bích Phượng" -> "tran-thi-bich-phuong")."""
    # The backend named: "auto" first tries to import `unidecode` (not installed) on every call,
    # a failed import that cost 50 µs per slug.
    return slugify(normalize_text(text), max_length=max_length, word_boundary=True, backend="text-unidecode") or "x"


ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
"""Vietnamese alphabet order; f, j, w, z kept for foreign words."""
TONE_ORDER = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
"""Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng."""
_MODIFIED = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô", "o\u031b": "ơ", "u\u031b": "ư"}


@functools.cache  # a few hundred distinct characters; names and places are sorted by the thousand
def _letter_and_tone(char: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = "".join(c for c in decomposed if c in TONE_MARKS)
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    return _MODIFIED.get(base, base), tone


@functools.lru_cache(maxsize=1 << 14)
def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key in Vietnamese order (a ă â b c d đ e ê ...; tones after letters). Memoised:
    ~11 µs a call, and the same places, kinds and given names are sorted again and again
    (the filter menus of every timeline year and campaign page: ~2,600 calls, ~100 places;
    ~35 ms of every build at 10,000 articles)."""
    letters: list[int] = []
    tones: list[int] = []
    for char in normalize_text(text):
        letter, tone = _letter_and_tone(char)
        position = ALPHABET.find(letter) if len(letter) == 1 else -1
        letters.append(100 + position if position >= 0 else (0 if letter.isspace() else 200 + ord(letter[0])))
        tones.append(TONE_ORDER.get(tone, 0))
    return tuple(letters), tuple(tones), text


def person_sort_key(name: str) -> tuple:
    """Vietnamese person order: given name (last word) first, then the full name."""
    words = name.split()
    return collation_key(words[-1] if words else ""), collation_key(name)
