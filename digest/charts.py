"""Bar charts drawn as inline SVG at build time: no chart library reaches the reader's browser.

Pure functions from counts to markup. Every text is escaped; the SVG carries a <title> and
<desc> for screen readers, and the same numbers go into a table (visually hidden by CSS) so
the data is there for anyone who cannot see the bars.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

SLOT = 44
"""Horizontal room per bar, in SVG units."""
PLOT_HEIGHT = 120
"""Height of the tallest bar."""
TOP = 20
"""Room above the tallest bar for its value label."""
BOTTOM = 24
"""Room below the bars for the axis labels."""


@dataclass(frozen=True)
class Chart:
    """A chart ready for a template: the SVG and the rows of its text equivalent."""

    chart_id: str
    """Unique within the page; prefixes the ids of <title> and <desc>."""
    caption: str
    """What the chart shows, in Vietnamese ("Số bài theo năm")."""
    rows: tuple[tuple[str, int], ...]
    """(label, value) in display order."""
    svg: Markup
    """The drawing, safe to insert as is."""


def counts_by_year(dates: Iterable[dt.date]) -> tuple[tuple[str, int], ...]:
    """(year, count) from the first to the last year, with empty years as 0 so gaps show."""
    counts = Counter(d.year for d in dates)
    if not counts:
        return ()
    return tuple((str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1))


def _bar(index: int, label: str, value: int, peak: int) -> str:
    """One bar with its value above and its label below."""
    height = round(PLOT_HEIGHT * value / peak) if peak else 0
    x = index * SLOT + 6
    y = TOP + PLOT_HEIGHT - height
    middle = x + (SLOT - 12) / 2
    return (f'<g><rect class="bar" x="{x}" y="{y}" width="{SLOT - 12}" height="{height}"/>'
            f'<text class="value" x="{middle:g}" y="{y - 5}" text-anchor="middle">{value}</text>'
            f'<text class="label" x="{middle:g}" y="{TOP + PLOT_HEIGHT + 17}" text-anchor="middle">'
            f'{escape(label)}</text></g>')


def bar_svg(chart_id: str, rows: Sequence[tuple[str, int]], title: str, description: str) -> Markup:
    """An accessible SVG bar chart of `rows`; `title` and `description` name it for assistive tech."""
    peak = max((value for _, value in rows), default=0)
    width = max(len(rows), 1) * SLOT
    height = TOP + PLOT_HEIGHT + BOTTOM
    bars = "".join(_bar(i, label, value, peak) for i, (label, value) in enumerate(rows))
    ident = escape(chart_id)
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
        f'<line class="axis" x1="0" y1="{TOP + PLOT_HEIGHT}" x2="{width}" y2="{TOP + PLOT_HEIGHT}"/>'
        f"{bars}</svg>")


def describe(rows: Sequence[tuple[str, int]], unit: str) -> str:
    """The chart in one sentence: "2019: 3 bài; 2020: 0 bài; ..." (the SVG's <desc>)."""
    return "; ".join(f"{label}: {value} {unit}" for label, value in rows) + "."


def year_chart(chart_id: str, dates: Iterable[dt.date], caption: str, unit: str = "bài") -> Chart | None:
    """Chart of how many dates fall in each year; None when there are no dates."""
    rows = counts_by_year(dates)
    if not rows:
        return None
    return Chart(chart_id, caption, rows, bar_svg(chart_id, rows, caption, describe(rows, unit)))
