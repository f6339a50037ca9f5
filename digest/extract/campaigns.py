"""Campaigns: named movements, emulation drives, models and themed years.

A quoted name is a campaign only when a trigger stands right before it ("phong trào thi đua
“Dân vận khéo”", "cuộc vận động", "mô hình", "điển hình") or when it names a themed year
("“Năm dân vận chính quyền”"). Quotes after "phương châm", "chủ đề", a resolution or a plan
are mottos, topics and titles, not campaigns. Registered names (site.yaml) are also found
without quotes, after a trigger or capitalised as registered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.config import SiteConfig
from digest.vietnamese import identity_key

QUOTE_PATTERN = re.compile(r"(?:[\"“”„«‘’]|(?<!\w)'(?=[^\W\d_]))(?P<name>[^\"“”„«»‘’\n]{2,160}?)(?:[\"“”»’]|'(?!\w))")
"""Quoted text; a straight single quote counts only at word edges, so "H'Mông" is not a quote."""
TRIGGER_PATTERN = re.compile(
    r"(?:phong\s+trào(?:\s+thi\s+đua)?|cuộc\s+vận\s+động|vận\s+động|mô\s+hình|điển\s+hình|chương\s+trình\s+thi\s+đua"
    r"|thi\s+đua|cuộc\s+thi\s+đua|chương\s+trình|(?:tháng|đợt)\s+cao\s+điểm|tháng\s+hành\s+động|chủ\s+đề\s+năm(?:\s+\d{4})?(?:\s+là)?|năm\s+chủ\s+đề)"
    r"(?:\s+(?:yêu\s+nước|thi\s+đua|đặc\s+biệt|lớn|này|mới|tiêu\s+biểu|điểm|kiểu\s+mẫu|hiệu\s+quả|"
    r"về|với\s+chủ\s+đề|mang\s+tên|là|\d{4}))*\s*[:,]?\s*$",
    re.IGNORECASE,
)
"""Words right before a quoted name that make it a campaign."""

LIST_JOIN_PATTERN = re.compile(r"^\s*(?:,|;|và|cùng|hoặc|với|như:?)\s*$")
THEMED_YEAR_PATTERN = re.compile(r"năm\s+(?!\d)[^\W\d_]", re.IGNORECASE)
NOT_NAME_PATTERN = re.compile(r"\b(?:tà\s+đạo|đạo\s+lạ)\b", re.IGNORECASE)
GENERIC = frozenset({"thi đua yêu nước", "yêu nước", "dân vận"})
TRAILING_PATTERN = re.compile(r"\s*(?:giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|năm\s+\d{4}|\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CampaignsResult:
    """Campaign names of one article and what the editor should check."""

    names: tuple[str, ...]
    """Canonical names (registry) or names as written, in order of first appearance."""
    review: tuple[str, ...]
    """Notes: names not in the registry."""


def _quoted_campaigns(text: str, config: SiteConfig) -> list[tuple[int, str]]:
    """(offset, name) of quoted names that follow a trigger, name a themed year or are registered."""
    found: list[tuple[int, str]] = []
    previous_end, previous_ok = -1, False
    for match in QUOTE_PATTERN.finditer(text):
        name = " ".join(match["name"].split()).strip(" ,.;:")
        before = text[max(0, match.start() - 60):match.start()]
        chained = previous_ok and LIST_JOIN_PATTERN.match(text[previous_end:match.start()]) is not None
        ok = bool(TRIGGER_PATTERN.search(before)) or chained or bool(THEMED_YEAR_PATTERN.match(name)) \
            or config.campaign_for(name) is not None
        previous_end, previous_ok = match.end(), ok
        if ok and _plausible(name):
            found.append((match.start(), name))
    return found


def _plausible(name: str) -> bool:
    """A campaign name: starts with a capital, not a slogan list, not "tà đạo"."""
    if not name or not name[0].isupper() or NOT_NAME_PATTERN.search(name):
        return False
    if identity_key(name) in GENERIC or len(name.split()) > 25:
        return False
    return name.count(",") < 3


def _registered_mentions(text: str, config: SiteConfig, taken: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Registered names written without quotes, after a trigger or capitalised as registered."""
    found: list[tuple[int, str]] = []
    for entry in config.campaigns:
        for spelling in (entry.name, *entry.aliases):
            pattern = re.compile(r"(?<!\w)" + re.escape(spelling).replace(r"\ ", r"\s+") + r"(?!\w)", re.IGNORECASE)
            for match in pattern.finditer(text):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                before = text[max(0, match.start() - 40):match.start()]
                if match.group(0)[0] == spelling[0] and spelling[0].isupper() or TRIGGER_PATTERN.search(before):
                    found.append((match.start(), entry.name))
    return found


def canonical_campaign(name: str, config: SiteConfig) -> tuple[str, bool]:
    """Registry name for `name` (also after dropping "giai đoạn 2016-2020"), and whether known."""
    for candidate in (name, TRAILING_PATTERN.sub("", name)):
        entry = config.campaign_for(candidate)
        if entry:
            return entry.name, True
    return name, False


def extract_campaigns(paragraphs: list[str], config: SiteConfig) -> CampaignsResult:
    """Campaign names in the article, mapped to the registry, with notes on unknown ones."""
    names: list[str] = []
    review: list[str] = []
    for text in paragraphs:
        quoted = _quoted_campaigns(text, config)
        spans = [(m.start(), m.end()) for m in QUOTE_PATTERN.finditer(text)]
        for _, name in sorted(quoted + _registered_mentions(text, config, spans)):
            canonical, known = canonical_campaign(name, config)
            if identity_key(canonical) in {identity_key(n) for n in names}:
                continue
            names.append(canonical)
            if not known:
                review.append(f"phong trào chưa có trong danh mục / campaign not in site.yaml: {canonical}")
    return CampaignsResult(tuple(names), tuple(review))
