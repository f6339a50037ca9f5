"""Jinja filters for Vietnamese dates and numbers, and page-relative URLs, registered in one place."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from jinja2.utils import missing

from digest import urls

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@functools.lru_cache(maxsize=1 << 14)
def vi_date(value: dt.date | None, style: str = "long") -> str:
    """"2 tháng 1 năm 2019" (long), "02/01/2019" (short) or "Thứ Tư, 2 tháng 1 năm 2019" (full).
    Memoised: list pages show ~180,000 dates a 10,000-article build, of ~4,000 distinct days."""
    if value is None:
        return ""
    if style == "short":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    long = f"{value.day} tháng {value.month} năm {value.year}"
    return f"{WEEKDAYS[value.weekday()]}, {long}" if style == "full" else long


def vi_month(month: int, year: int | None = None) -> str:
    """"Tháng 7" or "Tháng 7/2022"."""
    return f"Tháng {month}" + (f"/{year}" if year else "")


def vi_number(value: int) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 6355 -> "6.355"."""
    return f"{value:,}".replace(",", ".")


def relative_url(page_path: str, target: str) -> str:
    """Link from the page at `page_path` to `target` (both site-relative, e.g. "can-bo/a.html")."""
    return _link_from(_folder(page_path), target)


@functools.lru_cache(maxsize=1 << 15)
def _folder(page_path: str) -> str:
    """posixpath.dirname, memoised: a page asks for it once per link (~30 times)."""
    return posixpath.dirname(page_path)


@functools.lru_cache(maxsize=1 << 17)
def _link_from(base: str, target: str) -> str:
    """relative_url from a folder, memoised: pages in one folder link to the same targets
    (~350,000 links in a 10,000-article build, from five folders)."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor or "#"
    return _relative_path(target, base) + anchor


def _relative_path(target: str, base: str) -> str:
    """posixpath.relpath(target, base or "."), by comparing segments when both are plain
    relative paths (no empty, "." or ".." segment).

    Why: relpath makes both paths absolute (two getcwd calls); each of a worker's ~50,000
    distinct links (every article from five folders) cost ~10 µs, a fifth of rendering an
    official page."""
    base_parts = base.split("/") if base else []
    target_parts = target.split("/")
    if not {"", ".", ".."}.isdisjoint(base_parts) or not {"", ".", ".."}.isdisjoint(target_parts):
        return posixpath.relpath(target, base or ".")
    common = 0
    for mine, theirs in zip(base_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."


@pass_context
def _url(context: Context, target: str) -> str:
    """Page-relative link; under `link_base` (e.g. "/repo/") when the page sets one (the 404
    page, which GitHub Pages serves at any depth, where relative links would point nowhere)."""
    # resolve_or_missing, not get: get raises and catches a KeyError on every page but the
    # 404 page (~350,000 links a 10,000-article build, ~0.8 µs each).
    base = context.resolve_or_missing("link_base")
    if base and base is not missing:
        return urls.absolute_url(base, target)
    return relative_url(context["page_path"], target)


@pass_context
def _absolute(context: Context, target: str) -> str:
    """Absolute URL of a site path under site.base_url ("" when the site has none)."""
    base = context["site"].base_url
    return urls.absolute_url(base, target) if base else ""


def register_filters(env: Environment) -> None:
    """Install every filter the templates use."""
    env.filters["url"] = _url
    env.filters["absolute"] = _absolute
    env.filters["vi_date"] = vi_date
    env.filters["vi_month"] = vi_month
    env.filters["vi_number"] = vi_number
