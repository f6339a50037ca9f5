"""Officials: every person named with a full name and a position, with their roles.

The patterns of issue 3, all on one token walk per paragraph:
  "đồng chí X, role, role chủ trì"          name then roles (comma, dash, parentheses)
  "Phó Bí thư Tỉnh ủy X phát biểu"         role before the name
  "các đồng chí Phó Chủ tịch UBND tỉnh: A, B và C"   one role, several names
  "các đồng chí A, role; B, role"           a list continued after ";"
Roles of one person are merged across the article (merge_roles). The token-level decisions
(is a name here? where does this role stop?) live in phrases.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from digest.content import OfficialMention
from digest.extract import names as N
from digest.extract import phrases as P
from digest.extract.roles import FUNCTION_WORDS, merge_roles
from digest.extract.tokens import Token, tokenize
from digest.vietnamese import identity_key, normalize_text

SEPARATORS = {",", "-", "–", "—", "("}
FUNCTION_LOOKBACK = 8
"""Tokens before a name searched for "dự"/"chủ trì" ("Cùng dự có đồng chí X")."""


@dataclass(frozen=True)
class Mention:
    """One occurrence of a person in one paragraph."""

    name: str
    """The name as written (NFC)."""
    roles: tuple[str, ...]
    """Positions given at this occurrence."""
    function: str | None
    """"chủ trì", "chủ tọa" or "dự" when the sentence says so."""
    announced: bool
    """True after "đồng chí", "ông", "bà" or a title; False for a bare name (less sure)."""


@dataclass(frozen=True)
class OfficialsResult:
    """Officials of one article and the names the editor should check."""

    officials: tuple[OfficialMention, ...]
    """People with a full name and at least one position, in order of first appearance."""
    unsure: tuple[str, ...]
    """Review notes about doubtful names."""


def _continues_organisation(tokens: list[Token], k: int) -> bool:
    """", Thể thao và Du lịch": a comma inside an organisation's name, not a new role."""
    nxt = k + 1
    if nxt >= len(tokens) or not tokens[nxt].is_capitalized or tokens[nxt].is_acronym:
        return False
    if P.starts_role(tokens, nxt) or P.trigger_length(tokens, nxt) or P.name_at(tokens, nxt, announced=False):
        return False
    end, _ = P.role_span(tokens, nxt, find_name=False)
    return end < len(tokens) and tokens[end].text in (";", ".", ")") or P.stop_phrase(tokens, end) is not None


def _next_role_start(tokens: list[Token], k: int, opened: bool) -> int | None:
    """Index where the next role starts after the separator at k, or None when the roles end."""
    sep = tokens[k].text
    if sep in SEPARATORS or (sep == ";" and not opened):
        start = k + 1
        if P.starts_role(tokens, start) and not (sep == ";" and _plural_role(tokens, start)):
            return start
    return None


def _plural_role(tokens: list[Token], start: int) -> bool:
    """"Trưởng Ban Dân vận các huyện ủy": a position of a group, not of the person before."""
    end, _ = P.role_span(tokens, start, find_name=False)
    return any(t.lower in ("các", "những") for t in tokens[start:end])


def _roles_lead_to_name(tokens: list[Token], start: int, *, chain: bool) -> bool:
    """Whether the role at `start` (with `chain`, the comma-joined roles from there) runs into a
    person's name: "Trưởng Ban Dân vận Tỉnh ủy Hà Thị Nguyệt". The name must open with a family
    name, so a place written like one ("Đồn Biên phòng Hàm Rồng") does not cut the role."""
    k = start
    for _ in range(MAX_SHARED_ROLES if chain else 1):
        end, name_start = P.role_span(tokens, k, find_name=True)
        if name_start is not None:
            return P.name_at(tokens, name_start, announced=False) is not None
        if not (end + 1 < len(tokens) and tokens[end].text in (",", "-", "–") and P.starts_role(tokens, end + 1)):
            return False
        k = end + 1
    return False


def _roles_after(tokens: list[Token], i: int, text: str) -> tuple[tuple[str, ...], str | None, int]:
    """Roles written after a name (", role, role", " - role", " (role)"); returns (roles, function, end)."""
    roles: list[str] = []
    k = P.skip_aside(tokens, i)
    opened = False
    while k < len(tokens):
        start = _next_role_start(tokens, k, opened)
        if start is None:
            break
        if _roles_lead_to_name(tokens, start, chain=tokens[k].text == ";"):
            break  # "X, role; role, role Y": roles interrupted by a name are that name's, not X's
        opened = opened or tokens[k].text == "("
        end, _ = P.role_span(tokens, start, find_name=False)
        while end < len(tokens) and tokens[end].text == "," and _continues_organisation(tokens, end):
            end, _ = P.role_span(tokens, end + 1, find_name=False)
        role = P.clean_role(tokens, start, end, text)
        if role:
            roles.append(role)
        k = end
        if k < len(tokens) and tokens[k].text == ")":
            k += 1
            break
    function = None
    if k < len(tokens):
        phrase = P.stop_phrase(tokens, k)
        if phrase:
            function = FUNCTION_WORDS.get(" ".join(phrase))
    return tuple(roles), function, k


def _function_before(tokens: list[Token], i: int) -> str | None:
    """"dự"/"chủ trì" said just before a name or list ("Cùng dự có các đồng chí ...")."""
    for k in range(i - 1, max(-1, i - FUNCTION_LOOKBACK), -1):
        if tokens[k].text in ".;":
            return None
        phrase = P.stop_phrase(tokens, k)
        if phrase and " ".join(phrase) in FUNCTION_WORDS:
            return FUNCTION_WORDS[" ".join(phrase)]
    return None


def _name_list(tokens: list[Token], i: int, text: str, shared: tuple[str, ...], function: str | None,
               announced: bool, colon: bool = False) -> tuple[list[Mention], int]:
    """Names from token i on, each with its own roles, until the list ends.

    The `shared` role (written once before the names) goes to every name of a colon list
    ("Phó Chủ tịch UBND tỉnh: A, B và C"), otherwise to the names joined by "," or "và"
    up to the first ";".
    """
    mentions: list[Mention] = []
    k = i
    while k < len(tokens):
        k = P.skip_titles(tokens, k)
        span = P.name_at(tokens, k, announced=announced or bool(mentions))
        if not span:
            break
        own, said, end = _roles_after(tokens, span[1], text)
        name = text[tokens[span[0]].start:tokens[span[1] - 1].end]
        mentions.append(Mention(name, merge_roles(shared, own), said or function, announced))
        k = end
        if k + 1 < len(tokens) and tokens[k].text in (",", ";") and tokens[k + 1].lower == "và":
            k += 1
        if k < len(tokens) and tokens[k].text in (",", ";", "và") and k + 1 < len(tokens):
            trigger = P.trigger_length(tokens, k + 1)
            if tokens[k].text == ";" and (trigger or not colon):
                shared = ()
            nxt = k + 1 + trigger
            if P.name_at(tokens, P.skip_titles(tokens, nxt), announced=True):
                k = nxt
                continue
        break
    return mentions, k


def _bare_name_with_role(tokens: list[Token], i: int) -> bool:
    """A name without "đồng chí"/"ông" at i, directly followed by ", <role>" ("Nguyễn Văn An, Bí thư ...")."""
    if not N.is_name_word(tokens[i]) or (i > 0 and N.is_name_word(tokens[i - 1])):
        return False
    span = P.name_at(tokens, i, announced=False)
    if span is None or span[0] != i:
        return False
    after = P.skip_aside(tokens, span[1])
    return after + 1 < len(tokens) and tokens[after].text in SEPARATORS and P.starts_role(tokens, after + 1)


def _mentions_in(text: str) -> list[Mention]:
    """Every person with a name and a role found in one paragraph, in order."""
    tokens = tokenize(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        trigger = P.trigger_length(tokens, i)
        if trigger or P.starts_role(tokens, i):
            start = P.skip_titles(tokens, i + trigger) if trigger else i
            start += 1 if start < len(tokens) and tokens[start].text == ":" else 0
            mentions, end = _after_trigger(tokens, start, text, announced=bool(trigger))
            if mentions:
                function = _function_before(tokens, i)
                found.extend(m if m.function or not function else
                             Mention(m.name, m.roles, function, m.announced) for m in mentions)
                i = max(end, i + 1)
                continue
        if not trigger and _bare_name_with_role(tokens, i):
            mentions, end = _name_list(tokens, i, text, (), None, announced=False)
            found.extend(mentions)
            i = max(end, i + 1)
            continue
        i += 1
    return found


MAX_SHARED_ROLES = 8
"""Roles written before one name ("Bí thư ..., Trưởng Ban ... Vũ Thị Minh Hằng") never come in
longer chains; the cap keeps a run-on list of roles from costing quadratic time."""


def _after_trigger(tokens: list[Token], i: int, text: str, *, announced: bool) -> tuple[list[Mention], int]:
    """Names after "đồng chí"/a role head at i: shared roles first, then the list of names.

    Several roles may come before the name, comma-separated: "Bí thư Trung ương Đảng,
    Trưởng Ban Dân vận Trung ương Vũ Thị Minh Hằng".
    """
    if not P.starts_role(tokens, i):
        return _name_list(tokens, i, text, (), None, announced) if announced else ([], i)
    shared: list[str] = []
    k = i
    for _ in range(MAX_SHARED_ROLES):
        end, name_start = P.role_span(tokens, k, find_name=True)
        role = P.clean_role(tokens, k, end if name_start is None else name_start, text)
        if role:
            shared.append(role)
        if name_start is not None:
            k = name_start
            break
        if end < len(tokens) and tokens[end].text == ":":
            return _name_list(tokens, end + 1, text, tuple(shared), None, announced=True, colon=True)
        if end + 1 < len(tokens) and tokens[end].text in (",", "-", "–") and P.starts_role(tokens, end + 1):
            k = end + 1
            continue
        if end + 1 < len(tokens) and tokens[end].text == "," and P.trigger_length(tokens, end + 1):
            k = end + 1 + P.trigger_length(tokens, end + 1)  # "Chủ tịch UBND xã, ông Nguyễn Văn An"
            break
        return [], end
    else:
        return [], k
    return _name_list(tokens, k, text, tuple(shared), None, announced=True)


def _display_name(name: str) -> str:
    """The name as shown: NFC, single spaces, all-capitals written as a name."""
    name = " ".join(normalize_text(name).split())
    return name.title() if name.isupper() and len(name) > 3 else name


def extract_officials(paragraphs: list[str]) -> OfficialsResult:
    """People named with a position across the article, roles merged per person."""
    order: list[str] = []
    by_key: dict[str, OfficialMention] = {}
    bare: set[str] = set()
    for paragraph in paragraphs:
        for mention in _mentions_in(paragraph):
            key = identity_key(mention.name)
            if key not in by_key:
                order.append(key)
                by_key[key] = OfficialMention(_display_name(mention.name), (), None)
            old = by_key[key]
            by_key[key] = OfficialMention(old.name, merge_roles(old.roles, mention.roles),
                                          old.function or mention.function)
            if not mention.announced:
                bare.add(key)
    officials = tuple(by_key[k] for k in order if by_key[k].roles)
    unsure = tuple(f"tên chưa chắc chắn / unsure name: {o.name}" for o in officials
                   if identity_key(o.name) in bare or len(o.name.split()) in (2, 5))
    return OfficialsResult(officials, unsure)
