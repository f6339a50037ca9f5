"""`build.py serve` over HTTP (no browser): dev tags on pages only, live-reload state, last good site."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from digest.serve import DevState, error_banner, inject_dev_tags
from tests.conftest import copy_site
from tests.serve_process import serving

ARTICLE = "content/2019/2019-01-02-giao-ban.md"


def fetch(url: str) -> tuple[int, str, str]:
    """(status, content type, body) of a GET, 4xx/5xx included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def wait_for_version(url: str, after: int, timeout: float = 30) -> dict:
    """Poll the live-reload state until its build number passes `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = json.loads(fetch(url + "__livereload/state")[2])
        if state["version"] > after:
            return state
        time.sleep(0.1)
    raise AssertionError(f"no rebuild after version {after} within {timeout} s")


def test_dev_tags_go_before_head_end_and_banner_after_body():
    page = b"<html><head><title>t</title></head><body class=x><p>ok</p></body></html>"
    out = inject_dev_tags(page, 7, "a.md:3: <b>bad</b> & worse")
    assert out == (b'<html><head><title>t</title><link rel="stylesheet" href="/__livereload.css">'
                   b'<script src="/__livereload.js?v=7" defer></script></head><body class=x>'
                   + error_banner("a.md:3: <b>bad</b> & worse") + b"<p>ok</p></body></html>")
    assert b"&lt;b&gt;bad&lt;/b&gt; &amp; worse" in error_banner("a.md:3: <b>bad</b> & worse")


def test_build_number_moves_on_success_and_on_a_new_error_only():
    state = DevState()
    state.start()
    state.finish(None)
    state.start()
    state.finish("a.md:3: bad")
    state.start()
    state.finish("a.md:3: bad")  # saving the same broken file again: nothing new to show
    assert state.snapshot() == (2, "a.md:3: bad")
    state.start()
    state.finish(None)
    assert state.snapshot() == (3, None)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("drafts", tmp_path)


def test_serve_adds_dev_tags_to_pages_but_never_to_output_files(site: Path):
    with serving(site) as server:
        status, kind, page = fetch(server.url)
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert '<script src="/__livereload.js?v=1" defer></script>' in page
        assert fetch(server.url + "__livereload.js")[:2] == (200, "text/javascript; charset=utf-8")
        assert fetch(server.url + "pagefind/pagefind.js")[0] == 200
        status, _, missing = fetch(server.url + "khong-co.html")
        assert status == 404 and "__livereload.js" in missing
    for html in (site / "output").rglob("*.html"):
        assert "__livereload" not in html.read_text(encoding="utf-8"), html


def test_broken_article_keeps_the_last_good_site_and_shows_the_error(site: Path):
    article = site / ARTICLE
    with serving(site) as server:
        good = article.read_text(encoding="utf-8")
        article.write_text(good.replace("date: 2019-01-02", "date: 2/1"), encoding="utf-8")
        state = wait_for_version(server.url, 1)
        message = ('content/2019/2019-01-02-giao-ban.md:3: date "2/1" is not a real date (YYYY-MM-DD). '
                   "Fix: date: 2019-01-02 (year-month-day, the day the event took place)")
        assert state["error"] == message
        server.wait_for_line(lambda line: line == message)
        status, _, page = fetch(server.url + "bai-viet/2019-01-02-giao-ban.html")
        assert status == 200 and "Giao ban công tác dân vận quý IV/2018" in page
        assert 'id="digest-dev-error"' in page and "date &quot;2/1&quot; is not a real date" in page
        article.write_text(good.replace("quý IV/2018", "quý IV/2018 (đã sửa)"), encoding="utf-8")
        assert wait_for_version(server.url, state["version"])["error"] is None
        page = fetch(server.url + "bai-viet/2019-01-02-giao-ban.html")[2]
        assert "quý IV/2018 (đã sửa)" in page and "digest-dev-error" not in page


def test_serve_leaves_drafts_out_unless_asked(site: Path):
    draft = "bai-viet/2019-03-04-ban-nhap.html"
    with serving(site) as server:
        assert fetch(server.url + draft)[0] == 404
    with serving(site, "--drafts") as server:
        assert fetch(server.url + draft)[0] == 200


def test_serve_stops_cleanly_on_sigterm(site: Path):
    with serving(site) as server:
        assert server.stop() == 0
        server.wait_for_line(lambda line: line == "Stopped.", timeout=5)


def test_a_site_yaml_change_triggers_a_rebuild(site: Path):
    with serving(site) as server:
        config = site / "site.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("(thử)", "(xem trước)"), encoding="utf-8")
        wait_for_version(server.url, 1)
        assert "Nhật ký Dân vận (xem trước)" in fetch(server.url)[2]


def test_serve_starts_even_when_the_first_build_fails_and_shows_why(tmp_path: Path):
    site = copy_site("invalid_typo", tmp_path)
    with serving(site) as server:
        status, _, page = fetch(server.url)
        assert status == 503
        assert 'id="digest-dev-error"' in page
        assert "unknown key &quot;offical&quot;. Fix: did you mean officials?" in page
        assert '<script src="/__livereload.js?v=1" defer></script>' in page
    assert 'content/2019/2019-01-02-giao-ban.md:4: unknown key "offical". Fix: did you mean officials?' in server.log
