"""Jinja filters: page-relative links and Vietnamese dates."""

import datetime as dt
import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.filters import _relative_path, relative_url, vi_date

SEGMENTS = st.sampled_from(["a", "b", "bai-viet", "x.html", "", ".", ".."])
PATHS = st.lists(SEGMENTS, max_size=4).map("/".join)


@settings(max_examples=3000, deadline=None)
@given(PATHS.filter(bool), PATHS)
def test_relative_path_is_posix_relpath(target, base):
    assert _relative_path(target, base) == posixpath.relpath(target, base or ".")


def test_links_are_relative_to_the_pages_folder_and_keep_anchors():
    assert relative_url("bai-viet/a.html", "bai-viet/b.html") == "b.html"
    assert relative_url("can-bo/a.html", "bai-viet/b.html") == "../bai-viet/b.html"
    assert relative_url("index.html", "dong-thoi-gian/2020.html#thang-7") == "dong-thoi-gian/2020.html#thang-7"
    assert relative_url("dong-thoi-gian/2020.html", "dong-thoi-gian/2020.html") == "2020.html"
    assert relative_url("a/b/c.html", "a/d.html") == "../d.html"
    assert relative_url("a/b.html", "#top") == "#top"


def test_vietnamese_dates():
    day = dt.date(2019, 1, 2)
    assert (vi_date(day), vi_date(day, "short"), vi_date(day, "full")) == \
        ("2 tháng 1 năm 2019", "02/01/2019", "Thứ Tư, 2 tháng 1 năm 2019")
