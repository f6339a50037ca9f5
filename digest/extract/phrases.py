"""Phrases in a token stream: where a name starts and ends, where a position stops.

The small decisions the officials patterns are built from. Why separate: each answers one
question about a span of tokens ("is a name here?", "where does this role end?") and is
tested through the patterns in officials.py.
"""

from __future__ import annotations

from digest.extract import names as N
from digest.extract.roles import ROLE_WORDS, STOP_PHRASES, is_role_head
from digest.extract.tokens import Token
from digest.vietnamese import identity_key


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first word, longest first: one dict look-up per token."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        groups.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in groups.items()}


STOPS_BY_FIRST = _by_first_word(STOP_PHRASES)
TRIGGERS_BY_FIRST = _by_first_word(N.NAME_TRIGGERS)


def _phrase_at(tokens: list[Token], i: int, groups: dict[str, tuple[tuple[str, ...], ...]],
               lower_only: bool) -> tuple[str, ...] | None:
    """The longest phrase of `groups` written at token i (case-insensitive unless `lower_only`)."""
    if i >= len(tokens) or tokens[i].lower not in groups:
        return None
    for phrase in groups[tokens[i].lower]:
        words = tokens[i:i + len(phrase)]
        if len(words) == len(phrase) and all(t.is_word and t.lower == w and not (lower_only and t.is_capitalized)
                                             for t, w in zip(words, phrase, strict=True)):
            return phrase
    return None


def stop_phrase(tokens: list[Token], i: int) -> tuple[str, ...] | None:
    """The stop phrase starting at token i (lower-case words only), longest first."""
    return _phrase_at(tokens, i, STOPS_BY_FIRST, lower_only=True)


def trigger_length(tokens: list[Token], i: int) -> int:
    """Number of tokens of a name trigger ("các đồng chí", "ông") starting at i, else 0."""
    start = i + 1 if i < len(tokens) and tokens[i].lower in ("các", "hai", "ba") else i
    trigger = _phrase_at(tokens, start, TRIGGERS_BY_FIRST, lower_only=False)
    return start - i + len(trigger) if trigger else 0


def skip_titles(tokens: list[Token], i: int) -> int:
    """Skip ranks and academic titles ("Đại tá", "PGS.TS") that stand before a name."""
    while i < len(tokens):
        pair = " ".join(t.text for t in tokens[i:i + 2])
        if identity_key(pair) in N.RANKS:
            i += 2
        elif tokens[i].lower.rstrip(".") in N.HONORIFICS and tokens[i].is_capitalized and \
                (tokens[i].is_acronym or "." in tokens[i].text or tokens[i].text in ("GS", "TS", "ThS", "PGS")):
            i += 1
        elif tokens[i].text == ".":
            i += 1
        else:
            return i
    return i


def name_at(tokens: list[Token], i: int, *, announced: bool, after_place: bool = False) -> tuple[int, int] | None:
    """(start, end) of a personal name beginning at or just after token i, else None."""
    end = N.name_run(tokens, i)
    words = [t.text for t in tokens[i:end]]
    if not words or (len(words) < 2 and not (announced and N.is_mononym(words))):
        return None
    if not after_place and starts_role(tokens, i):
        return None  # "Phó Trưởng Ban ...": "Phó" is also a family name, but a title opens here
    if after_place:
        place, name = N.split_place_and_name(words)
        start = i + len(place)
        words = name
    else:
        start = i
        cut = next((k for k, w in enumerate(words) if k >= 2 and w.lower() in N.STRONG_TITLE_WORDS), None)
        if cut is not None:
            words, end = words[:cut], i + cut
    if not N.looks_like_name(words, announced=announced) and not (announced and N.is_mononym(words)):
        return None
    if end < len(tokens) and tokens[end].is_word and not tokens[end].is_capitalized \
            and tokens[end].lower in ROLE_WORDS and tokens[end].lower != "và" and not stop_phrase(tokens, end):
        return None  # "Đoàn Thanh niên": an organisation continues, not a name
    return start, start + len(words)


MAX_ASIDE_TOKENS = 12
"""Longest aside in parentheses skipped after a name ("(thứ hai, từ trái sang)")."""


def skip_aside(tokens: list[Token], i: int) -> int:
    """Index after a short lower-case aside in parentheses at i ("(giữa)", "(thứ 2 từ trái sang)",
    "(xã Tả Van)"), else i. Why: photo captions and places sit between a name and its role;
    a role in parentheses starts with a capital ("(Ủy viên ...)") and is kept."""
    if i + 1 >= len(tokens) or tokens[i].text != "(" or not tokens[i + 1].is_word or tokens[i + 1].is_capitalized:
        return i
    if starts_role(tokens, i + 1):
        return i
    for k in range(i + 2, min(len(tokens), i + MAX_ASIDE_TOKENS)):
        if tokens[k].text == ")":
            return k + 1
        if tokens[k].text in "(;.":
            return i
    return i


MAX_ROLE_TOKENS = 40
"""No position runs longer than this (the longest seen is ~20 tokens): bounds the scan so a
paragraph made of role words costs linear, not quadratic, time."""


def role_span(tokens: list[Token], i: int, *, find_name: bool) -> tuple[int, int | None]:
    """Walk a position from token i; return (end, name_start) where a name interrupts it."""
    k = i
    steering = False
    while k < len(tokens) and k - i < MAX_ROLE_TOKENS:
        tok = tokens[k]
        if tok.kind == "punct":
            if tok.text in "-–—" and k + 1 < len(tokens) and k > i and not starts_role(tokens, k + 1) \
                    and tokens[k + 1].is_word and (tokens[k + 1].is_capitalized or tokens[k + 1].lower in ROLE_WORDS):
                k += 1
                continue
            return k, None
        if tok.kind == "number":
            if k > i and number_in_role(tokens, k):
                k += 1
                continue
            return k, None
        steering = steering or _steering_head(tokens, k)
        if not tok.is_capitalized:
            if k > i and _in_steering_name(tokens, k, steering):
                k += 1
                continue
            compound = _compound_length(tokens, k) if k > i else 0
            if compound:
                k += compound
                continue
            if stop_phrase(tokens, k) or tok.lower not in ROLE_WORDS:
                return k, None
            if tok.lower == "và" and ends_at_and(tokens, k):
                return k, None
            k += 1
            continue
        if find_name and k > i and N.is_name_word(tok):
            after_place = tokens[k - 1].lower in N.PLACE_WORDS
            span = name_at(tokens, k, announced=True, after_place=after_place)
            if span and not (span == (k, k + 2) and local_place_before(tokens, k)):
                return span[0], span[0]
            k = max(N.name_run(tokens, k), k + 1)
            continue
        k += 1
    return k, None


TITLE_COMPOUNDS = {"thư": (("ký",),), "người": (("có", "uy", "tín"),)}
"""Titles whose next words are also verbs that end a role: "Tổng Thư ký", "Người có uy tín"."""


def _compound_length(tokens: list[Token], k: int) -> int:
    """Number of tokens from k that complete a title begun at k - 1 ("thư" + "ký"), else 0."""
    for rest in TITLE_COMPOUNDS.get(tokens[k - 1].lower, ()):
        if [t.lower for t in tokens[k:k + len(rest)]] == list(rest):
            return len(rest)
    return 0


STEERING_HEADS = frozenset({"bcđ", "bcđt", "bcđtw"})
"""Abbreviations of "Ban Chỉ đạo" (steering committee)."""

STEERING_WORDS = frozenset("""
đạo thực hiện chống mới chương trình mục tiêu giảm nghèo bền vững tham nhũng tiêu cực lãng phí số cải cách an toàn thực phẩm
vệ sinh chuyển đổi
""".split())
"""Lower-case words of a steering committee's remit ("Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
"BCĐ phòng, chống tham nhũng"), allowed only inside such a name."""


def _steering_head(tokens: list[Token], k: int) -> bool:
    """Token k ends the name of a steering committee: "BCĐ", "Ban Chỉ đạo", "Ban chỉ đạo"."""
    if tokens[k].lower in STEERING_HEADS:
        return True
    return tokens[k].lower == "đạo" and k >= 2 and tokens[k - 1].lower == "chỉ" and tokens[k - 2].lower == "ban"


def _in_steering_name(tokens: list[Token], k: int, steering: bool) -> bool:
    """Whether lower-case token k belongs to a steering committee's name ("Ban chỉ đạo thực hiện ...").

    Capitalised "Chỉ đạo" after "Ban" (or "BCĐ") names the committee and its remit follows;
    the verb "chỉ đạo" after a role ("Chủ tịch UBND tỉnh chỉ đạo") still ends the role.
    """
    tok = tokens[k]
    if tok.lower == "chỉ" and tokens[k - 1].lower == "ban" and k + 1 < len(tokens) and tokens[k + 1].lower == "đạo":
        return True
    if _steering_head(tokens, k):
        return True
    return steering and tok.lower in STEERING_WORDS and not stop_phrase(tokens, k)


LOCAL_LEVELS = frozenset({"huyện", "quận", "thị", "thành", "xã", "phường", "trấn", "tp", "phố"})
"""Levels below the province, whose place names look like two-word personal names ("Lâm Hà")."""


def local_place_before(tokens: list[Token], k: int) -> bool:
    """True after "Huyện ủy", "huyện", "xã", ...: a two-word run here is more likely a district
    ("Bí thư Huyện ủy Lâm Hà") than a person; a province ("Tỉnh ủy Kim Rương" is a person) is
    recognised by name instead."""
    before = [t.lower for t in tokens[max(0, k - 2):k]]
    if before[-1:] == ["ủy"]:
        return len(before) == 2 and before[0] in LOCAL_LEVELS
    return bool(before) and before[-1] in LOCAL_LEVELS


def number_in_role(tokens: list[Token], k: int) -> bool:
    """A number that names a unit ("Quân khu 2", "Chi bộ 4", "UBND 20 phường"), not a date or count."""
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is not None and after.text in "/.-" and k + 2 < len(tokens) and tokens[k + 2].kind == "number":
        return False
    if after is not None and after.is_word and after.lower in ROLE_WORDS:
        return True
    return tokens[k - 1].is_capitalized and len(tokens[k].text) <= 3


def ends_at_and(tokens: list[Token], k: int) -> bool:
    """Whether "và" at k joins two people rather than two parts of one organisation's name."""
    if k + 1 >= len(tokens) or not tokens[k + 1].is_capitalized:
        return True
    nxt = tokens[k + 1]
    if nxt.lower.rstrip(".") in N.HONORIFICS or trigger_length(tokens, k + 1):
        return True
    return name_at(tokens, k + 1, announced=False) is not None or starts_role(tokens, k + 1)


def starts_role(tokens: list[Token], i: int) -> bool:
    """True when a position starts at token i."""
    if i >= len(tokens) or not tokens[i].is_word:
        return False
    first = tokens[i]
    if not first.is_capitalized and first.lower not in ("nguyên", "quyền"):
        return False
    text = " ".join(t.text for t in tokens[i:i + 5])
    return is_role_head(text)


def clean_role(tokens: list[Token], start: int, end: int, text: str) -> str | None:
    """The role text between two tokens, without a leading rank ("Đại tá"); None when nothing is left."""
    if end <= start:
        return None
    role = " ".join(text[tokens[start].start:tokens[end - 1].end].split())
    first_two = identity_key(" ".join(role.split()[:2]))
    if first_two in N.RANKS:
        role = " ".join(role.split()[2:]).strip(" ,")
    return role or None
