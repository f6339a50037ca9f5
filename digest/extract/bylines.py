"""Who wrote, photographed and published: bylines, photo credits, outlet names.

Why apart from furniture: these lines are metadata, not noise. A byline is a short line of
names ("Văn Bính- Hải Hà", "Tin, ảnh: Mai Linh", "thu hà"); a credit closes a caption
("Ảnh: Thế Minh"); an outlet line names a newspaper or station, often in capitals.
"""

from __future__ import annotations

import re

from digest.extract.layout import is_prose
from digest.vietnamese import identity_key

OUTLET_PATTERN = re.compile(
    r"\b(?:báo(?!\s+cáo)|đài\s+phát|đài\s+truyền|tạp\s+chí|cổng\s+thông\s+tin|trang\s+thông\s+tin|"
    r"truyền\s+hình|thông\s+tấn)\b",
    re.IGNORECASE,
)
"""Words that open an outlet's name ("Báo Hà Giang", "Đài Phát thanh và Truyền hình ...")."""
CREDIT_PATTERN = re.compile(
    r"[(\[]?\s*(?:ảnh|ảnh\s+và\s+video|video|clip)\s*:\s*(?P<who>[^()\[\]:;]{1,60}?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
"""A photo credit closing a caption: "Ảnh: Thế Minh", "(Ảnh: VM)"."""

GENERIC_CREDITS = frozenset({"tư liệu", "tl", "minh họa", "minh hoạ", "internet", "st", "sưu tầm", "nguồn internet"})
BYLINE_PREFIX_PATTERN = re.compile(
    r"^(?P<what>(?:tin|bài|tin\s+bài|bài\s+viết)(?:\s*(?:,|và|-|\+)\s*(?:ảnh|video))?|ảnh|theo|nguồn|"
    r"(?:thực\s+hiện|trình\s+bày)|nhóm\s+phóng\s+viên)\s*[:.]\s*", re.IGNORECASE,
)
BYLINE_SPLIT_PATTERN = re.compile(r"\s*(?:[-–—,/&+]|\s và\s)\s*")
NAME_WORD_PATTERN = re.compile(r"[^\W\d_][\w'’.]*")
AGENCY_SUFFIX_PATTERN = re.compile(r"\s*(?:/\s*[^/]{2,30}|[(\[][^()\[\]]{2,40}[)\]])\s*$")
SOURCE_SUFFIX_PATTERN = re.compile(r"\s*[(\[](?P<src>[^()\[\]]{2,40})[)\]]\s*$")


OUTLET_SUFFIX_PATTERN = re.compile(r"\s+(?:online|điện\s+tử|đt)\s*$", re.IGNORECASE)
LOWER_IN_NAMES = {"và": "và", "phát thanh": "Phát thanh", "truyền hình": "Truyền hình",
                  "thông tin điện tử": "thông tin điện tử", "nhân dân": "nhân dân", "tỉnh": "tỉnh",
                  "huyện": "huyện", "thành phố": "thành phố", "việt nam": "Việt Nam", "nông dân": "Nông dân"}


def outlet_name(text: str, outlets: tuple[str, ...]) -> str | None:
    """The outlet a header line names, in site.yaml's spelling when registered."""
    key = identity_key(text)
    for name in outlets:
        if identity_key(name) == key or (len(key) > len(identity_key(name)) and identity_key(name) in key):
            return name
    match = OUTLET_PATTERN.search(text)
    if not match or len(text.split()) > 12 or is_prose(text) or text[match.start()].islower():
        return None
    name = text[match.start():].strip(" -–|")
    if name.lower().startswith("báo"):
        name = OUTLET_SUFFIX_PATTERN.sub("", name)
    return site_case(name)


def site_case(name: str) -> str:
    """An outlet or place name printed in capitals, in the usual case ("BÁO HÀ GIANG" -> "Báo Hà Giang")."""
    if not name.isupper():
        return name
    text = " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    for lower, fixed in LOWER_IN_NAMES.items():
        text = re.sub(rf"(?<=\s){re.escape(lower)}(?=\s|$)", fixed, text, flags=re.IGNORECASE)
    return text


def photo_credit(text: str) -> str | None:
    """The photographer credited at the end of a caption, if any ("Ảnh: Thế Minh" -> "Thế Minh")."""
    match = CREDIT_PATTERN.search(text)
    if not match:
        return None
    who = _person_case(AGENCY_SUFFIX_PATTERN.sub("", match["who"]).strip(" ."))
    if not who or identity_key(who) in GENERIC_CREDITS or len(who.split()) > 6:
        return None
    return who


def byline_names(text: str) -> tuple[tuple[str, ...], bool] | None:
    """Names in a byline line ("Văn Bính- Hải Hà", "Tin, ảnh: Mai Linh"); flag for photos too."""
    line = " ".join(text.split())
    if line.endswith((".", "!", "?", ";", ":")) and len(line.split()) > 5:
        return None
    line = line.strip(" .")
    prefix = BYLINE_PREFIX_PATTERN.match(line)
    photos = bool(prefix and "ảnh" in prefix["what"].lower())
    if prefix and prefix["what"].lower() in ("theo", "nguồn", "ảnh"):
        return None
    line = line[prefix.end():] if prefix else line
    line = SOURCE_SUFFIX_PATTERN.sub("", line)
    if not line or len(line) > 80 or is_prose(line):
        return None
    names = [p.strip() for p in BYLINE_SPLIT_PATTERN.split(line) if p.strip()]
    if names and not all(_is_byline_name(n) for n in names):
        head, rest = (re.split(r"\s+[-–]\s+", line, maxsplit=1) + [""])[:2]
        names = [head] if rest[:1].isupper() and _is_byline_name(head) and " " in head else []
    if not names:
        return None
    return tuple(_person_case(n) for n in names), photos


def _person_case(name: str) -> str:
    """A name in the usual case: "thu hà" and "THU TRANG" -> "Thu Hà", "Thu Trang"; "VM" stays."""
    if name.islower() or (name.isupper() and (len(name.split()) > 1 or len(name) > 5)):
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return name


def _is_byline_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or not all(NAME_WORD_PATTERN.fullmatch(w) for w in words):
        return False
    if all(w[0].isupper() for w in words):
        return len(words) > 1 or (name.isupper() and len(name) <= 5) or "'" in name
    return all(w.islower() for w in words) and 2 <= len(words) <= 4


def source_line(text: str) -> str | None:
    """The outlet named by a closing "Theo Báo X" / "Nguồn: Báo X" line, if it is one."""
    match = re.fullmatch(r"\(?\s*(?:theo|nguồn)\s*:?\s*(?P<src>[^.;]{2,60}?)\s*\)?\.?", text.strip(), re.IGNORECASE)
    return match["src"] if match and OUTLET_PATTERN.match(match["src"]) else None
