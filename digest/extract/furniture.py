"""Page furniture: what a scraped page carries besides the article, and where it goes.

Counters, players, comment forms, navigation and weather widgets are dropped (kept in
`removed` so nothing vanishes unseen); the outlet line, the section name, the timestamp, the
byline and photo credits go to front matter; everything else stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.extract.bylines import (
    BYLINE_PREFIX_PATTERN,
    OUTLET_PATTERN,
    byline_names,
    outlet_name,
    photo_credit,
    site_case,
    source_line,
)
from digest.extract.dates import parse_timestamp
from digest.extract.layout import Line, is_prose, join_lines, read_lines
from digest.vietnamese import identity_key

FURNITURE_PATTERN = re.compile(
    r"(?:[\d\s.,:]*"
    r"|(?:số\s+)?lượt\s+(?:truy\s+cập|xem|người\s+xem|đọc|nghe|thích|chia\s+sẻ)(?:\s*:?\s*[\d.,]+)?"
    r"|(?:đang\s+(?:truy\s+cập|online|trực\s+tuyến)|trực\s+tuyến|online|hôm\s+nay|hôm\s+qua|tuần\s+này"
    r"|tháng\s+này|tổng\s+(?:số\s+)?(?:truy\s+cập|lượt\s+truy\s+cập)|truy\s+cập)\s*:?\s*[\d.,]*"
    r"|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}"
    r"|anh\s+tin\s+bai|no\s+image|image|ảnh|video|audio"
    r"|(?:họ\s+(?:và\s+)?tên|e-?mail|tiêu\s+đề|nội\s+dung|mã\s+(?:kiểm\s+tra|xác\s+nhận|bảo\s+vệ)|điện\s+thoại"
    r"|địa\s+chỉ|ý\s+kiến\s+(?:bạn\s+đọc|của\s+bạn)|bình\s+luận(?:\s*\(\d+\))?|gửi\s+(?:bình\s+luận|ý\s+kiến)"
    r"|viết\s+bình\s+luận|gửi|làm\s+lại|nhập\s+lại|hủy|hủy\s+bỏ|đăng\s+nhập|đăng\s+ký)\s*\*?:?\s*(?:no\s+image)?"
    r"|(?:tin\s+mới\s+hơn|tin\s+đã\s+đưa|tin\s+cũ\s+hơn|xem\s+tiếp|(?:xem\s+theo\s+ngày\s*)+|không\s+tiêu\s+đề"
    r"|tìm\s+kiếm|xem\s+thêm|chia\s+sẻ|in\s+bài|bản\s+in|in\s+trang|quay\s+lại|trở\s+về|(?:về|lên)\s+đầu\s+trang"
    r"|trang\s+chủ|đầu\s+trang|tin\s+tiếp\s+theo|bài\s+(?:trước|sau|tiếp\s+theo)|xem\s+tất\s+cả|share|tweet"
    r"|facebook|zalo|twitter|print|like|thích|nghe\s+(?:đọc\s+)?bài(?:\s+viết)?|nghe\s+đọc|đọc\s+bài"
    r"|cỡ\s+chữ|a\s*[+-]|(?:a\s*){2,3}|theo\s+dõi|gửi\s+(?:bài|email|cho\s+bạn\s+bè)|lưu|sao\s+chép(?:\s+link)?|copy\s+link"
    r"|top|menu|đóng|close|quảng\s+cáo|advertisement|mới\s+nhất|đọc\s+nhiều(?:\s+nhất)?|tin\s+nổi\s+bật"
    r"|chia\s+sẻ\s+bài(?:\s+viết)?|in\s+bài\s+viết|xem\s+thêm\s+tin|xem\s+tin\s+theo\s+ngày|tin\s+mới|đọc\s+thêm"
    r"|tin\s+xem\s+nhiều|ý\s+kiến\s+bạn\s+đọc\s*\(\d+\)|bình\s+luận\s*\(\d+\)|gửi\s+bài|bạn\s+đang\s+ở\s*:.*"
    r"|bản\s+quyền.*|©.*|copyright.*|theo\s+dõi\s+.{0,60}\s+trên\s+google\s+news)"
    r"(?:\s*[.…:>»›]+)?"
    r"|[\d\s,.]*°?\s*[oº°]\s*C(?:\s*[-–/]\s*[\d\s,.]*°?\s*[oº°]?\s*C?)?"
    r"|(?:tags?|từ\s+khóa|từ\s+khoá|chuyên\s+mục)\s*:.*)",
    re.IGNORECASE,
)
"""A whole line that is page furniture (counters, players, forms, navigation, weather)."""

RELATED_PATTERN = re.compile(
    r"(?:tin|bài(?:\s+viết)?|các\s+tin|tin\s+bài)\s+(?:liên\s+quan|cùng\s+chuyên\s+mục|khác|đã\s+đưa|mới\s+hơn|"
    r"cũ\s+hơn|cùng\s+loại|mới|mới\s+nhất|xem\s+nhiều|đọc\s+nhiều)(?:\s*[:.…]*)?|các\s+tin\s+(?:khác|đã\s+đưa)"
    r"|xem\s+thêm(?:\s+tin)?\s*:?|có\s+thể\s+bạn\s+quan\s+tâm|đọc\s+nhiều(?:\s+nhất)?|đọc\s+thêm",
    re.IGNORECASE,
)
"""A heading after which the page lists other articles' headlines."""

BULLET_PATTERN = re.compile(r"^[•·▪■►▸»›*]\s*")
BREADCRUMB_PATTERN = re.compile(r"\s[›»>|/]\s")
@dataclass(frozen=True)
class Page:
    """A raw page taken apart: the article's paragraphs and the page's metadata."""

    title: str | None
    """Headline, or None when the page has none (first line is already prose)."""
    paragraphs: tuple[str, ...]
    """Body paragraphs, in order, furniture and metadata lines removed."""
    captions: frozenset[int]
    """Indexes of `paragraphs` that are photo captions or short headings (shown in italics)."""
    published: str | None
    """Page timestamp, YYYY-MM-DD or YYYY-MM-DDTHH:MM."""
    category: str | None
    """Outlet's section name written next to the timestamp or in the breadcrumb."""
    source: str | None
    """Outlet name from the page header (site.yaml spelling when the outlet is registered)."""
    authors: tuple[str, ...]
    """Byline."""
    photo_credits: tuple[str, ...]
    """Photographers credited in captions or the byline."""
    removed: tuple[str, ...]
    """Lines dropped as furniture, for the editor to check."""


WEATHER_PATTERN = re.compile(r"\d\s*[oº°]\s*C\b")


def is_furniture(text: str) -> bool:
    """True when a whole line is page furniture."""
    stripped = text.strip()
    if not stripped:
        return True
    if WEATHER_PATTERN.search(stripped) and len(stripped.split()) <= 12 and not is_prose(stripped):
        return True
    bare = BULLET_PATTERN.sub("", stripped)
    if FURNITURE_PATTERN.fullmatch(bare.strip()):
        return True
    if not stripped[0].isalnum() and len(bare.split()) <= 4 and not is_prose(bare):
        return True  # "• Hà Giang", "  • Không tiêu đề": widget and menu items
    return len(stripped) > 3 and not any(c.isalnum() for c in stripped)


def split_page(text: str, outlets: tuple[str, ...] = ()) -> Page:
    """Take a raw scraped page apart into title, body paragraphs and metadata."""
    lines = read_lines(text)
    meta = _Meta()
    kept = _drop_furniture(lines, meta)
    kept = _take_header(kept, meta, outlets)
    kept = _take_footer(kept, meta)
    if meta.title:
        key = identity_key(meta.title)
        meta.removed.extend(line.text for line in kept if identity_key(line.text) == key)
        kept = [line for line in kept if identity_key(line.text) != key]
    paragraphs = join_lines(kept)
    captions = set()
    for index, paragraph in enumerate(paragraphs):
        credit = photo_credit(paragraph)
        if credit:
            meta.add_credit(credit)
        if credit or not is_prose(paragraph) and len(paragraph) < 200:
            captions.add(index)
    return Page(meta.title, tuple(paragraphs), frozenset(captions), meta.published, meta.category,
                meta.source, tuple(meta.authors), tuple(meta.credits), tuple(meta.removed))


class _Meta:
    """Collects metadata while lines are taken apart (local to one split_page call)."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.published: str | None = None
        self.category: str | None = None
        self.source: str | None = None
        self.authors: list[str] = []
        self.credits: list[str] = []
        self.removed: list[str] = []

    def add_credit(self, who: str) -> None:
        """Record a photographer once."""
        if identity_key(who) not in {identity_key(c) for c in self.credits}:
            self.credits.append(who)

    def add_authors(self, names: tuple[str, ...], photos: bool) -> None:
        """Record byline names once; `photos` when the byline also credits the photos."""
        for name in names:
            if identity_key(name) not in {identity_key(a) for a in self.authors}:
                self.authors.append(name)
            if photos:
                self.add_credit(name)


def _is_menu(line: Line) -> bool:
    """A navigation bar: three or more short cells ("Thời sự  Chính trị  Kinh tế")."""
    return len(line.cells) >= 3 and all(len(c.split()) <= 4 and not is_prose(c) for c in line.cells)


def _line_stamp(line: Line, meta: _Meta, seen_prose: bool, near_end: bool) -> bool:
    """Take the page timestamp from a line made of a timestamp (and furniture cells)."""
    stamps = [parse_timestamp(c) for c in (line.text, *line.cells)]
    stamp = next((s for s in stamps if s), None)
    if stamp is None or (seen_prose and ":" not in stamp.published[10:] and not near_end):
        return False
    others = [c for c in line.cells if not parse_timestamp(c)]
    if parse_timestamp(line.text) is None and not all(is_furniture(c) for c in others):
        return False
    meta.published = meta.published or stamp.published
    if stamp.lead and not meta.category and not OUTLET_PATTERN.match(stamp.lead):
        meta.category = stamp.lead
    return True


def _drop_furniture(lines: list[Line], meta: _Meta) -> list[Line]:
    """Remove furniture lines, timestamps, menus, breadcrumbs and the related-news tail."""
    kept: list[Line] = []
    seen_prose = False
    for number, line in enumerate(lines):
        if seen_prose and RELATED_PATTERN.fullmatch(line.text.strip(" :.…")):
            meta.removed.extend(rest.text for rest in lines[number:] if rest.text.strip())
            break
        if _line_stamp(line, meta, seen_prose, number > len(lines) - 4):
            continue
        crumbs = not seen_prose and BREADCRUMB_PATTERN.search(line.text) and not is_prose(line.text) \
            and len(line.text) < 120
        cells_furniture = len(line.cells) > 1 and all(is_furniture(c) for c in line.cells)
        if is_furniture(line.text) or cells_furniture or crumbs or (not seen_prose and _is_menu(line)):
            meta.removed.append(line.text.strip())
            continue
        seen_prose = seen_prose or is_prose(line.text)
        kept.append(line)
    return kept


TAGLINE_PATTERN = re.compile(r"(?:cơ\s+quan|tiếng\s+nói|diễn\s+đàn)\s+của\b|\w+\.(?:vn|com|net|org)\b", re.IGNORECASE)
TITLE_MIN_WORDS = 5


SECTION_PATTERN = re.compile(r"[^\W\d_][\w\s]{0,25}\s[-–&]\s[^\W\d_][\w\s]{0,25}")


def _title_rank(text: str) -> int:
    """How headline-like a header line is: 0 best; higher is worse; 9 never a title."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if TAGLINE_PATTERN.search(text) or len(text) > 250 or OUTLET_PATTERN.match(text):
        return 9
    if SECTION_PATTERN.fullmatch(text) and len(words) <= 6:
        return 5  # "Chính trị - Xã hội": the outlet's section
    capitalised = sum(1 for w in words if w[0].isupper())
    if text.isupper():
        return 6 if len(words) >= TITLE_MIN_WORDS else 7
    if len(words) >= 4 and capitalised == len(words):
        return 4  # "Thời sự Chính trị Kinh tế": a menu in Title Case
    return 0 if len(words) >= TITLE_MIN_WORDS else 3


MAX_HEADER_LINES = 12
"""Lines before the first paragraph searched for outlet and headline."""


def _header_lines(lines: list[Line]) -> list[int]:
    """Indexes of the lines before the first paragraph (just the first line if nothing is prose)."""
    header: list[int] = []
    while len(header) < min(len(lines), MAX_HEADER_LINES) and not is_prose(lines[len(header)].text):
        header.append(len(header))
    return header[:1] if len(header) == len(lines) else header


def _choose_title(lines: list[Line], header: list[int], meta: _Meta, outlets: tuple[str, ...]) -> int:
    """Index of the headline among the header lines (-1 if none); records the outlet on the way."""
    candidates: list[tuple[int, int]] = []
    site_name = None
    for index in header:
        text = lines[index].text
        outlet = outlet_name(text, outlets)
        if outlet and all(rank >= 6 for rank, _ in candidates):
            meta.source = meta.source or outlet
            continue
        if index == 0 and text.isupper() and len(header) > 1:
            site_name = site_case(text)  # the site's name printed in capitals above everything
        candidates.append((_title_rank(text), index))
    rank, best = min(candidates, default=(9, -1))
    if site_name and best != 0 and (meta.source is None or meta.source[1:].islower()):
        meta.source = f"{meta.source} {site_name}" if meta.source else site_name
    if rank < 9:
        meta.title = site_case(lines[best].text) if rank >= 6 else lines[best].text
        return best
    if lines and not header and _headline_like(lines[0].text):
        meta.title = lines[0].text
        return 0
    return -1


def _take_header(lines: list[Line], meta: _Meta, outlets: tuple[str, ...]) -> list[Line]:
    """Outlet name, headline and a top byline from the lines before the first paragraph."""
    header = _header_lines(lines)
    best = _choose_title(lines, header, meta, outlets)
    dropped = {i for i in header if i <= best or outlet_name(lines[i].text, outlets)} if best >= 0 else set()
    rest: list[Line] = []
    for index, line in enumerate(lines):
        if index in dropped:
            if index != best:
                meta.removed.append(line.text)
            continue
        names = byline_names(line.text) if index in header and index > best else None
        if names and not meta.authors:
            meta.add_authors(*names)
            continue
        rest.append(line)
    return rest


def _headline_like(text: str) -> bool:
    """A first line that is prose-shaped yet reads as a headline (no final period, short)."""
    stripped = text.strip()
    return len(stripped) <= 200 and not stripped.endswith((".", "…", ":"))


def _take_footer(lines: list[Line], meta: _Meta) -> list[Line]:
    """Byline and "Theo Báo X" lines from the end of the article, and "Tin, ảnh: X" lines anywhere."""
    end = len(lines)
    found: list[tuple[tuple[str, ...], bool]] = []
    while end > 0:
        text = lines[end - 1].text.strip()
        names = byline_names(text)
        source = source_line(text)
        if names:
            found.insert(0, names)
        elif source:
            meta.source = meta.source or source
        else:
            break
        end -= 1
    kept = []
    for line in lines[:end]:
        prefixed = byline_names(line.text) if BYLINE_PREFIX_PATTERN.match(line.text) else None
        if prefixed:
            found.insert(0, prefixed)  # "Bài, ảnh: X" is a byline wherever the page puts it
        else:
            kept.append(line)
    for names, photos in found:
        meta.add_authors(names, photos)
    return kept
