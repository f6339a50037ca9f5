"""`build.py serve` in real Chromium: the open page reloads on save, shows a broken build, recovers.

The server runs in a subprocess on a free port with a copy of a fixture site; every wait
has a timeout and the server is stopped even when an assertion fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import copy_site
from tests.serve_process import serving

ARTICLE = "content/2019/2019-01-02-giao-ban.md"
PAGE = "bai-viet/2019-01-02-giao-ban.html"
TITLE = "Giao ban công tác dân vận quý IV/2018"
WAIT_MS = 20_000


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("drafts", tmp_path)


@pytest.fixture
def csp_violations(page) -> list[str]:
    """Console messages about the Content-Security-Policy: the dev script must not cause any."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found


def test_page_reloads_on_save_shows_a_broken_build_and_recovers(page, site: Path, csp_violations: list[str]):
    article = site / ARTICLE
    good = article.read_text(encoding="utf-8")
    with serving(site) as server:
        page.goto(server.url + PAGE)
        heading = page.locator("h1")
        expect(heading).to_have_text(TITLE)

        article.write_text(good.replace(TITLE, TITLE + " (bản sửa)"), encoding="utf-8")
        expect(heading).to_have_text(TITLE + " (bản sửa)", timeout=WAIT_MS)

        article.write_text(good.replace("date: 2019-01-02", "date: 2/1").replace(TITLE, "<b>Hỏng</b>"), encoding="utf-8")
        banner = page.locator("#digest-dev-error")
        expect(banner).to_be_visible(timeout=WAIT_MS)
        expect(banner).to_contain_text(f'{ARTICLE}:3: date "2/1" is not a real date (YYYY-MM-DD).')
        expect(heading).to_have_text(TITLE + " (bản sửa)")  # the last good site stays served

        article.write_text(good.replace(TITLE, TITLE + " (đã sửa lỗi)"), encoding="utf-8")
        expect(heading).to_have_text(TITLE + " (đã sửa lỗi)", timeout=WAIT_MS)
        expect(banner).to_have_count(0)
    assert csp_violations == []


def test_search_works_while_serving(page, site: Path, csp_violations: list[str]):
    with serving(site) as server:
        page.goto(server.url + "tim-kiem.html")
        page.fill(".pagefind-ui__search-input", "giao ban")
        expect(page.locator(".pagefind-ui__result").first).to_be_visible(timeout=WAIT_MS)
        assert page.locator(".pagefind-ui__result").count() == 1
    assert csp_violations == []
