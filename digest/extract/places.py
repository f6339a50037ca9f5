"""Where and what: the locality an article is about, the kind of meeting, the reporting period.

Locality follows the organiser named in the headline or the lead ("Quận ủy Bình Thạnh tổ
chức ..." -> "Quận Bình Thạnh"), else the outlet's place from site.yaml; a central body
("Ban Dân vận Trung ương") makes the event national: no locality.
"""

from __future__ import annotations

import re

from digest.extract.names import PROVINCE_NAMES, PROVINCES
from digest.vietnamese import identity_key

PROPER_NAME = r"(?P<name>[^\W\d_][\w'’.]*(?:\s+[^\W\d_][\w'’]*){0,3})"
LOCALITY_PATTERN = re.compile(
    r"(?P<level>Tỉnh\s+ủy|tỉnh\s+ủy|Thành\s+ủy|thành\s+ủy|Huyện\s+ủy|huyện\s+ủy|Quận\s+ủy|quận\s+ủy|Thị\s+ủy|thị\s+ủy"
    r"|Đảng\s+ủy\s+xã|Đảng\s+ủy\s+phường|Đảng\s+ủy\s+thị\s+trấn|UBND|HĐND|MTTQ|Ủy\s+ban\s+nhân\s+dân"
    r"|tỉnh|Tỉnh|thành\s+phố|Thành\s+phố|TP\.?|Tp\.?|huyện|Huyện|quận|Quận|thị\s+xã|Thị\s+xã)"
    r"(?:\s+(?P<sub>tỉnh|huyện|quận|thành\s+phố|TP\.?|thị\s+xã|xã|phường))?\s+" + PROPER_NAME,
)
NATIONAL_PATTERN = re.compile(r"\b(?:Trung\s+ương|Quốc\s+hội|Chính\s+phủ|Bộ\s+Chính\s+trị|toàn\s+quốc)\b")
CENTRAL_CITIES = frozenset(identity_key(c) for c in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ",
                                                    "Huế", "TP.HCM", "HCM"))
KIND_PATTERN = re.compile(
    r"\b(giao\s+ban|sơ\s+kết|tổng\s+kết|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|tập\s+huấn|đối\s+thoại)\b", re.IGNORECASE,
)
"""Kinds of meeting, most specific first; "hội nghị" alone is the fallback."""
MEETING_PATTERN = re.compile(r"\bhội\s+nghị\b", re.IGNORECASE)
PERIOD_PATTERN = re.compile(
    r"(?:\d{1,2}\s+tháng\s+(?:(?:đầu|cuối)\s+)?năm(?:\s+\d{4})?|quý\s+(?:IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm)\s*\d{4})?"
    r"|tháng\s+\d{1,2}\s*/\s*\d{4}|(?<=\s)năm\s+\d{4}|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4})",
    re.IGNORECASE,
)
KIND_CONTEXT_PATTERN = re.compile(r"(?:giao\s+ban|sơ\s+kết|tổng\s+kết|kết\s+quả|đánh\s+giá)[^.;]{0,60}$",
                                  re.IGNORECASE)
PLANNING_PATTERN = re.compile(r"(?:nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|triển\s+khai|tới|sắp)[^.;,]{0,25}$",
                              re.IGNORECASE)
"""Words before a period that make it the period planned for, not the one reviewed."""
NOT_PLACE_WORDS = frozenset({"ủy", "ban", "đảng", "bộ", "hội", "mặt", "trận", "tổ", "nhân"})
LEVEL_WORDS = frozenset({"thành", "tỉnh", "huyện", "quận", "thị", "xã", "phường", "tp", "tp."})
SENTENCE_PATTERN = re.compile(r"(?<!\bTP)(?<!\bTp)(?<!\bTS)(?<!\bThS)(?<!\bGS)\.\s+(?=[A-ZĐÂĂÊÔƠƯ])")
PARENTHESES_PATTERN = re.compile(r"\([^()]*\)")
HCMC_KEYS = frozenset({"hcm", "tp.hcm", "hồ chí minh", "tp hồ chí minh", "tp. hồ chí minh"})
HCMC = "TP. Hồ Chí Minh"


def _locality_name(level: str, name: str, people: frozenset[str]) -> str | None:
    """The locality as the site shows it: "Quận Bình Thạnh", "Huyện Định Hóa", "Hà Giang"."""
    words: list[str] = []
    for word in name.split():
        if not word[0].isupper() or word.lower() in NOT_PLACE_WORDS:
            break
        words.append(word)
    if identity_key(" ".join(words[:2])) == "việt nam":
        words = words[2:]
    if words and words[0].lower() in LEVEL_WORDS:
        return None
    if not words or any(identity_key(" ".join(words[:size])) in people for size in range(2, len(words) + 1)):
        return None
    place = " ".join(words).rstrip(".,")
    low = " ".join(level.lower().split()).rstrip(".")
    if identity_key(place) in HCMC_KEYS:
        return HCMC
    if low.startswith(("thành", "tp")):
        return place if identity_key(place) in CENTRAL_CITIES else f"Thành phố {place}"
    if low.startswith(("tỉnh", "ubnd", "hđnd", "mttq", "ủy ban")) or identity_key(place) in PROVINCES:
        return place
    prefix = {"huyện": "Huyện", "quận": "Quận", "thị": "Thị xã", "đảng ủy xã": "Xã", "đảng ủy phường": "Phường",
              "đảng ủy thị trấn": "Thị trấn", "xã": "Xã", "phường": "Phường"}
    for key, label in prefix.items():
        if low.startswith(key):
            return f"{label} {place}"
    return place


def place_of_outlet(source: str | None) -> str | None:
    """The province an outlet's name ends with ("Báo Lào Cai" -> "Lào Cai"), if any."""
    key = identity_key(source or "")
    if any(k in key for k in HCMC_KEYS - {"hcm"}):
        return HCMC
    found = [(key.rfind(identity_key(n)), n) for n in PROVINCE_NAMES if identity_key(n) in key]
    return max(found)[1] if found else None


def _title_place(title: str) -> str | None:
    """A province before the headline's colon ("Yên Bái: Công tác dân vận ...")."""
    head, colon, _ = title.partition(":")
    return head.strip() if colon and identity_key(head) in PROVINCES else None


def find_locality(title: str, lead: list[str], outlet_place: str | None,
                  people: frozenset[str] = frozenset()) -> str | None:
    """Locality of the event from the headline and the lead's first sentence, else the outlet's place.

    `people` holds identity keys of the officials' names: "Tỉnh ủy Nguyễn Mạnh Dũng" is a
    person after a title, not a place. Places in parentheses ("tại Hội trường (quận 3)")
    say where the hall is, not who organised the meeting.
    """
    first_sentence = SENTENCE_PATTERN.split(PARENTHESES_PATTERN.sub("", lead[0]))[0] if lead else ""
    for text in (PARENTHESES_PATTERN.sub("", title), first_sentence):
        national = NATIONAL_PATTERN.search(text)
        for match in sorted(LOCALITY_PATTERN.finditer(text), key=lambda m: (_venue(text, m.start()), m.start())):
            if national and national.start() < match.start() and _organiser(text, national.start()):
                return None
            name = _locality_name(match["sub"] or match["level"], match["name"], people)
            if name:
                return name
        if national and _organiser(text, national.start()):
            return None
        if _title_place(text):
            return _title_place(text)
    return outlet_place


def _venue(text: str, offset: int) -> bool:
    """True when the place at `offset` says where the meeting was held ("tại thành phố Đà Lạt")."""
    return re.search(r"\b(?:tại|ở)\s+(?:\w+\s+){0,3}$", text[max(0, offset - 40):offset]) is not None


def _organiser(text: str, offset: int) -> bool:
    """True when the central body at `offset` sits in the sentence's subject (its first words)."""
    start = max(text.rfind(".", 0, offset), text.rfind(",", 0, offset)) + 1
    return offset - start < 40


def find_kind(title: str, lead: list[str]) -> str | None:
    """Kind of meeting ("giao ban", "sơ kết", "tổng kết", ..., else "hội nghị"), headline first."""
    for text in (title, *lead):
        match = KIND_PATTERN.search(text)
        if match:
            return " ".join(match.group(1).lower().split()).replace("toạ", "tọa")
    if any(MEETING_PATTERN.search(text) for text in (title, *lead)):
        return "hội nghị"
    return None


QUARTER_PATTERN = re.compile(r"(quý\s+(?:IV|I{1,3}|[1-4]))\s+năm\s+(\d{4})", re.IGNORECASE)


def find_period(title: str, lead: list[str]) -> str | None:
    """Reporting period ("quý IV/2018", "6 tháng đầu năm 2022", "năm 2023"), with its year if given."""
    fallback: str | None = None
    for text in (title, *lead):
        for match in PERIOD_PATTERN.finditer(text):
            period = QUARTER_PATTERN.sub(r"\1/\2", " ".join(match.group(0).split()))
            if period.lower().startswith("năm") and not KIND_CONTEXT_PATTERN.search(text[:match.start()]):
                continue
            if period.lower().startswith("giai đoạn") or PLANNING_PATTERN.search(text[:match.start()]):
                continue
            if re.search(r"\d{4}", period):
                return period
            fallback = fallback or period
    return fallback


def complete_period(period: str | None, event_year: int | None, event_month: int | None) -> str | None:
    """Add the year to a period written without one ("quý III" in October 2019 -> "quý III/2019")."""
    if not period or re.search(r"\d{4}", period) or event_year is None or event_month is None:
        return period
    quarter = re.fullmatch(r"quý\s+(IV|I{1,3}|[1-4])", period, re.IGNORECASE)
    if quarter:
        number = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(quarter[1].upper()) or int(quarter[1])
        year = event_year - 1 if 3 * number > event_month + 1 else event_year
        return f"{period}/{year}"
    months = re.fullmatch(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm", period, re.IGNORECASE)
    if months:
        year = event_year - 1 if int(months[1]) > event_month + 1 else event_year
        return f"{period} {year}"
    return period
