"""The fixture site in a real browser: navigation and Pagefind search over HTTP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve_directory
from tests.conftest import build, copy_site


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    root = copy_site("basic", tmp_path_factory.mktemp("site"))
    build(root)
    server, url = serve_directory(root / "output")
    yield url
    server.shutdown()


def test_home_links_reach_timeline_official_and_campaign(page, served_site: str):
    page.goto(served_site)
    assert page.locator("html").get_attribute("lang") == "vi"
    page.click("text=Dòng thời gian")
    assert page.locator("h1").inner_text() == "Dòng thời gian"
    page.click("main >> text=Năm 2019")
    page.click("text=Thường trực Tỉnh ủy giao ban công tác dân vận quý IV/2018")
    page.click("text=Trần Hồng Quảng")
    assert page.locator("h1").inner_text() == "Trần Hồng Quảng"
    page.go_back()
    page.click("a:has-text('Dân vận khéo')")
    assert page.locator("h1").inner_text() == "Dân vận khéo"


@pytest.mark.parametrize("query", ["dân vận khéo", "dan van kheo"])
def test_search_finds_articles_with_and_without_diacritics(page, served_site: str, query: str):
    page.goto(served_site + "tim-kiem.html")
    page.fill(".pagefind-ui__search-input", query)
    results = page.locator(".pagefind-ui__result")
    results.first.wait_for(timeout=10_000)
    expect(results).to_have_count(2)  # the UI may add results one by one


def test_search_finds_d_stroke_words_typed_without_it(page, served_site: str):
    page.goto(served_site + "tim-kiem.html")
    page.fill(".pagefind-ui__search-input", "dung")  # Dũng
    page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    page.fill(".pagefind-ui__search-input", "dang")  # Đảng
    page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    assert page.locator(".pagefind-ui__result").count() >= 1
