"""Dates: page timestamps -> `published`, and the day the event took place -> `date`.

Why the year needs reasoning: the lead says "Sáng 2/1" and nothing more. The year comes, in
order of trust, from the date itself, the page's timestamp (an event precedes its report),
the reporting period (a review of "năm 2018" meets in early 2019), the year being planned
("nhiệm vụ năm 2024"). Never from the largest year in the text: "nhiệm kỳ 2019-2024" or a
resolution of 2014 say nothing about when the meeting was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
               "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
MONTH_WORD = r"(?:mười\s+một|mười\s+hai|mười|một|giêng|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|chạp|\d{1,2})"
WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn|t[2-7])"
CLOCK = r"(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})(?:\s*:\s*\d{2})?(?:\s*(?P<ampm>SA|CH|AM|PM|sa|ch|am|pm))?"
NUMERIC_DATE = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
WORD_DATE = r"(?P<d>\d{1,2})\s+tháng\s+(?P<mw>" + MONTH_WORD + r")\s*(?:,|năm)?\s*(?P<y>\d{4})"
ISO_DATE = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
STAMP_PREFIX = (r"(?:(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|thời\s+gian|"
                r"xuất\s+bản|ngày\s+xuất\s+bản|đăng|ngày|lúc|vào\s+lúc)\s*:?\s*)*")
GMT = r"(?:\s*\(?\s*GMT\s*[+-]\s*\d{1,2}\)?)?"
TIMESTAMP_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"(?P<lead>.*?)" + STAMP_PREFIX + r"(?:" + WEEKDAY + r"\s*,?\s*)?(?:ngày\s+)?" + NUMERIC_DATE
    + r"(?:\s*[-,|]?\s*(?:lúc\s+)?" + CLOCK + r")?" + GMT,
    r"(?P<lead>.*?)" + STAMP_PREFIX + CLOCK + r"\s*[-,|]?\s*(?:" + WEEKDAY + r"\s*,?\s*)?(?:ngày\s+)?"
    + NUMERIC_DATE + GMT,
    r"(?P<lead>.*?)" + STAMP_PREFIX + r"(?:" + WEEKDAY + r"\s*,?\s*)?" + WORD_DATE
    + r"(?:\s*[-,|]?\s*" + CLOCK + r")?" + GMT,
    r"(?P<lead>.*?)" + STAMP_PREFIX + ISO_DATE + r"(?:[ T]" + CLOCK + r")?" + GMT,
))
"""A line that is only a page timestamp, possibly after a section name ("Hoạt động Đảng 26 ...")."""

EVENT_DATE_PATTERN = re.compile(
    r"(?:(?P<tod>sáng|chiều|trưa|tối|đêm|rạng\s+sáng)(?:\s+(?:nay|qua|hôm\s+nay|hôm\s+qua|ngày))?"
    r"(?:\s+(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật))?"
    r"|(?P<day>(?:vào\s+)?(?:hôm\s+)?(?:nay|qua))|(?P<ngay>ngày))"
    r"\s*(?:[,(]\s*(?:ngày\s+)?)?"
    r"(?:(?P<d>\d{1,2})(?:\s*(?:-|và|đến|,)\s*\d{1,2})?\s*[/.\-]\s*(?P<m>\d{1,2})(?!\d)(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:năm|,|/)\s*(?P<y2>\d{4}))?)"
    r"(?![\d/])",
    re.IGNORECASE,
)
"""An event date: "Sáng 2/1", "Chiều 2-7", "chiều qua (14/3)", "ngày 4 tháng 12 năm 2021"."""

RELATIVE_DAY_PATTERN = re.compile(r"^(?:(?:sáng|chiều|trưa|tối)\s+)?(?P<rel>hôm\s+nay|nay|hôm\s+qua|qua)\b(?!\s*\()",
                                  re.IGNORECASE)
DOCUMENT_PATTERN = re.compile(
    r"(?:quyết\s+định|nghị\s+quyết|chỉ\s+thị|kết\s+luận|kế\s+hoạch|hướng\s+dẫn|thông\s+báo|công\s+văn|"
    r"quy\s+định|đề\s+án|luật|nghị\s+định|thông\s+tư|văn\s+bản|ban\s+hành|ký|số\s+\d+|\d+[-/][A-ZĐ]|"
    r"từ|đến|trước|sau|kể\s+từ|thành\s+lập|kỷ\s+niệm|hạn)[^.;:]{0,25}$",
    re.IGNORECASE,
)
"""Words before "ngày ..." that make it a document's or another event's date, not this one."""

PERIOD_END_PATTERNS = (
    (re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})", re.I), lambda m: _month_end(int(m[2]), int(m[1]))),
    (re.compile(r"(?:\d{1,2}\s+tháng\s+cuối|cả)\s+năm\s+(\d{4})", re.I), lambda m: dt.date(int(m[1]), 12, 31)),
    (re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:/|năm|-)\s*(\d{4})", re.I),
     lambda m: _month_end(int(m[2]), 3 * ({"I": 1, "II": 2, "III": 3, "IV": 4}.get(m[1].upper()) or int(m[1])))),
    (re.compile(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.I), lambda m: _month_end(int(m[2]), int(m[1]))),
    (re.compile(r"năm\s+(\d{4})", re.I), lambda m: dt.date(int(m[1]), 12, 31)),
)
"""Reporting periods (as places.find_period writes them) and the day each ends."""

PLAN_YEAR_PATTERN = re.compile(r"(?:nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|chương\s+trình)[^.;]{0,40}?\bnăm\s+(\d{4})",
                               re.I)


@dataclass(frozen=True)
class Timestamp:
    """A page timestamp line, read."""

    published: str
    """YYYY-MM-DD or YYYY-MM-DDTHH:MM."""
    lead: str
    """Text before the timestamp on its line (often the outlet's section name), may be empty."""


def _month_end(year: int, month: int) -> dt.date:
    month = max(1, min(month, 12))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _month_number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else MONTH_WORDS.get(text)


def _safe_date(year: int, month: int | None, day: int) -> dt.date | None:
    try:
        return dt.date(year, month or 0, day) if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def parse_timestamp(line: str) -> Timestamp | None:
    """Read a line that is only a page timestamp ("15:15, 01/07/2022"); None for anything else."""
    text = " ".join(line.split()).strip(" |-–()[]")
    if len(text) > 90:
        return None
    for pattern in TIMESTAMP_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        month = _month_number(groups.get("mw") or groups.get("m") or "")
        day = _safe_date(int(groups["y"]), month, int(groups["d"]))
        lead = groups["lead"].strip(" ,|-–")
        if day is None or len(lead.split()) > 6 or any(c in lead for c in ".;:!?"):
            continue
        return Timestamp(_with_clock(day, groups), lead)
    return None


def _with_clock(day: dt.date, groups: dict[str, str | None]) -> str:
    if groups.get("H") is None:
        return day.isoformat()
    hour, minute = int(groups["H"] or 0), int(groups["M"] or 0)
    ampm = (groups.get("ampm") or "").upper()
    if ampm in ("CH", "PM") and hour < 12:
        hour += 12
    if ampm in ("SA", "AM") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


@dataclass(frozen=True)
class DateCandidate:
    """A date expression found in the text."""

    day: int
    """Day of month."""
    month: int
    """Month."""
    year: int | None
    """Year when written."""
    strength: int
    """3: with a time of day ("Sáng 2/1"); 2: "Ngày 26/7/2018"; lower is less sure."""
    position: int
    """Order of appearance (paragraph, offset)."""


def find_date_candidates(paragraphs: list[str], limit: int = 3) -> list[DateCandidate]:
    """Event-date expressions in the first paragraphs: earliest paragraph first, then strongest."""
    found: list[DateCandidate] = []
    for number, text in enumerate(paragraphs[:limit]):
        for match in EVENT_DATE_PATTERN.finditer(text):
            candidate = _candidate(match, text, number)
            if candidate:
                found.append(candidate)
    return sorted(found, key=lambda c: (c.strength < 2, c.position // 100000, -c.strength, c.position))


def _candidate(match: re.Match[str], text: str, number: int) -> DateCandidate | None:
    day = int(match["d"] or match["d2"])
    month = int(match["m"] or match["m2"])
    year = match["y"] or match["y2"]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    before = text[max(0, match.start() - 60):match.start()]
    if match["ngay"] and DOCUMENT_PATTERN.search(before):
        return None
    if match["tod"] or match["day"]:
        strength = 3
    else:
        clause_start = not before.strip() or before.rstrip()[-1] in ".,;:(" or \
            re.search(r"(?:^|[.;,]\s*)(?:vào\s+)?(?:lúc\s+[\w\s]{1,15}?\s+)?$", before, re.I) is not None
        strength = 2 if clause_start else 1
    return DateCandidate(day, month, int(year) if year else None, strength, number * 100000 + match.start())


def relative_event_day(paragraphs: list[str], published: dt.date | None) -> dt.date | None:
    """"Sáng nay, ..." / "Hôm qua, ..." at the start of the lead, counted from the publication day."""
    if not paragraphs or published is None:
        return None
    match = RELATIVE_DAY_PATTERN.match(paragraphs[0].strip())
    if not match:
        return None
    back = 1 if "qua" in match["rel"].lower() else 0
    return published - dt.timedelta(days=back)


def period_end(period: str | None) -> dt.date | None:
    """The last day of a reporting period ("quý IV/2018" -> 2018-12-31), None without a year."""
    for pattern, end_of in PERIOD_END_PATTERNS:
        match = pattern.search(period or "")
        if match:
            try:
                return end_of(match)
            except ValueError:
                return None
    return None


def plan_year(texts: list[str]) -> int | None:
    """The year whose tasks the meeting sets ("triển khai nhiệm vụ năm 2024"), if said."""
    for text in texts:
        match = PLAN_YEAR_PATTERN.search(text)
        if match:
            return int(match[1])
    return None


def infer_year(candidate: DateCandidate, published: dt.date | None, period: dt.date | None,
               planned: int | None) -> tuple[int | None, str]:
    """The event's year from the most trusted clue available (None if none), and the clue used."""
    if candidate.year:
        return candidate.year, ""
    if published:
        same = _safe_date(published.year, candidate.month, candidate.day)
        if same and same <= published + dt.timedelta(days=1):
            return published.year, f"năm theo ngày đăng / year from the publication date {published.isoformat()}"
        return published.year - 1, f"năm theo ngày đăng / year from the publication date {published.isoformat()}"
    if period:
        for year in (period.year, period.year + 1):
            day = _safe_date(year, candidate.month, candidate.day)
            if day and day >= period - dt.timedelta(days=45):
                return year, f"năm theo kỳ báo cáo / year from the reporting period ending {period.isoformat()}"
    if planned:
        year = planned if candidate.month <= 6 else planned - 1
        return year, f"năm theo nhiệm vụ / year from the tasks planned for {planned}"
    return None, ""


def event_date_with_reason(paragraphs: list[str], title: str, published: str | None,
                           period: str | None = None) -> tuple[dt.date | None, str]:
    """The day the event took place (None when unclear) and how its year was inferred ("" if written)."""
    published_day = dt.date.fromisoformat(published[:10]) if published else None
    lead = paragraphs[:3]
    for candidate in find_date_candidates(paragraphs):
        year, reason = infer_year(candidate, published_day, period_end(period), plan_year([title, *lead]))
        day = _safe_date(year, candidate.month, candidate.day) if year else None
        if day and candidate.strength < 2:
            reason = "; ".join(filter(None, [reason, "ngày đọc từ một cụm không rõ / date read from an unclear phrase"]))
        return day, reason
    relative = relative_event_day(paragraphs, published_day)
    return relative, "tính từ ngày đăng / counted from the publication date" if relative else ""


def event_date(paragraphs: list[str], title: str, published: str | None, period: str | None = None) -> dt.date | None:
    """The day the event took place, or None when the text does not say it clearly."""
    return event_date_with_reason(paragraphs, title, published, period)[0]
