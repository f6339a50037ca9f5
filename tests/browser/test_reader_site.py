"""The reader's site in real Chromium, over HTTP and from file://: navigation, timeline filters,
Pagefind search (diacritics, filters, sort), the offline search fallback, axe-core, keyboard,
no request leaving the machine, and screenshots at 360 px and 1280 px for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve_directory
from tests.conftest import REPO, build, copy_site

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "tests" / "screenshots"
ARTICLE = "bai-viet/2019-12-20-tong-ket-nam-2019.html"
OFFICIAL = "can-bo/nguyen-manh-dung.html"
CAMPAIGN = "phong-trao/dan-van-kheo.html"
TIMELINE_2021 = "dong-thoi-gian/2021.html"
MAIN_PAGES = {"home": "index.html", "timeline": "dong-thoi-gian.html", "timeline_year": TIMELINE_2021, "official": OFFICIAL,
              "campaign": CAMPAIGN, "article": ARTICLE, "search": "tim-kiem.html"}


@pytest.fixture(scope="module")
def reader_output(tmp_path_factory) -> Path:
    root = copy_site("reader", tmp_path_factory.mktemp("reader"))
    build(root)
    return root / "output"


@pytest.fixture(scope="module")
def http_url(reader_output: Path):
    server, url = serve_directory(reader_output)
    yield url
    server.shutdown()


@pytest.fixture(params=["http", "file"])
def site_url(request, reader_output: Path) -> str:
    """The site's root URL, once served on 127.0.0.1 and once opened from disk."""
    if request.param == "file":
        return reader_output.as_uri() + "/"
    return request.getfixturevalue("http_url")


@pytest.fixture
def tab(page):
    """The conftest page, failing the test on any request that would leave the machine."""
    outside: list[str] = []

    def check(request):
        if not request.url.startswith(("http://127.0.0.1:", "file://", "data:")):
            outside.append(request.url)

    page.context.on("request", check)
    yield page
    assert not outside, f"requests left the site: {outside}"


def _visible_entries(tab) -> list[str]:
    return tab.locator(".year .entry:visible .entry-title").all_inner_texts()


def test_navigation_reaches_timeline_article_official_and_campaign(tab, site_url: str):
    tab.goto(site_url + "index.html")
    tab.click("nav >> text=Dòng thời gian")
    assert tab.locator("h1").inner_text() == "Dòng thời gian"
    tab.click("main >> text=Năm 2019")
    assert tab.locator("h1").inner_text() == "Dòng thời gian năm 2019"
    tab.click("text=Tổng kết công tác dân vận năm 2019")
    assert "Tổng kết công tác dân vận năm 2019" in tab.locator("h1").inner_text()
    tab.click(".prev-next a[rel=next]")
    assert tab.locator("h1").inner_text() == "Ban Dân vận Trung ương giao ban quý I/2021"
    tab.go_back()
    tab.click(".meta >> text=Nguyễn Mạnh Dũng")
    assert tab.locator("h1").inner_text() == "Nguyễn Mạnh Dũng"
    assert tab.locator("text=Chức vụ qua các bài viết").count() == 1
    tab.click(".together >> text=Trần Hồng Quảng")
    assert tab.locator("h1").inner_text() == "Trần Hồng Quảng"
    tab.click("nav >> text=Phong trào")
    tab.click("main >> text=Dân vận khéo")
    assert tab.locator("h1").inner_text() == "Dân vận khéo"
    assert tab.locator("svg.chart title").text_content() == "Số bài nhắc đến theo năm"


def test_officials_index_files_names_under_vietnamese_letters(tab, site_url: str):
    tab.goto(site_url + "can-bo/index.html")
    assert tab.locator("main h2").all_inner_texts() == ["Â", "D", "Đ", "H", "Q"]
    tab.click(".letter-nav >> text=Đ")
    assert tab.evaluate("location.hash") == "#chu-3"


def test_timeline_filters_by_locality_and_kind(tab, site_url: str):
    tab.goto(site_url + TIMELINE_2021)
    assert len(_visible_entries(tab)) == 2
    tab.select_option("#loc-dia-phuong", "Cần Thơ")
    assert _visible_entries(tab) == ["Chuyên đề công tác dân vận vùng đồng bào có đạo"]
    assert tab.locator(".filter-status").inner_text() == "Đang hiện 1 trên 2 bài."
    tab.select_option("#loc-loai", "giao ban")
    assert _visible_entries(tab) == []
    assert tab.locator("#nam-2021").is_hidden()
    tab.click("text=Bỏ lọc")
    tab.wait_for_timeout(50)
    assert len(_visible_entries(tab)) == 2
    tab.select_option("#loc-dia-phuong", "-")
    assert _visible_entries(tab) == ["Ban Dân vận Trung ương giao ban quý I/2021"]


def test_timeline_lists_everything_without_javascript(browser, reader_output: Path):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(reader_output.as_uri() + "/" + TIMELINE_2021)
    assert tab.locator(".year .entry").count() == 2
    assert tab.locator("#loc-dong-thoi-gian").is_hidden()
    context.close()


def _search(tab, query: str) -> list[str]:
    tab.fill(".pagefind-ui__search-input", query)
    tab.wait_for_function("""q => document.querySelector('.pagefind-ui__message')?.textContent.includes(q)
                             && document.querySelector('.pagefind-ui__result-title')
                             && !document.querySelector('.pagefind-ui__loading')""", arg=query)
    tab.wait_for_timeout(300)
    return tab.locator(".pagefind-ui__result-title").all_inner_texts()


@pytest.mark.parametrize("query", ["dân vận khéo", "dan van kheo"])
def test_pagefind_finds_articles_with_and_without_diacritics(tab, http_url: str, query: str):
    tab.goto(http_url + "tim-kiem.html")
    titles = _search(tab, query)
    assert "Giao ban công tác dân vận quý I/2016" in titles
    assert "Sơ kết công tác dân vận 6 tháng đầu năm 2022" in titles


def test_pagefind_ranks_exact_diacritics_first_and_folds_d_stroke(tab, http_url: str):
    tab.goto(http_url + "tim-kiem.html")
    assert _search(tab, "lúa")[0] == "Chuyên đề công tác dân vận vùng đồng bào có đạo"
    assert _search(tab, "lừa")[0] == "Ban Dân vận Trung ương giao ban quý I/2021"
    assert "Giao ban công tác dân vận quý I/2016" in _search(tab, "dang")  # Đảng


def test_pagefind_ui_speaks_vietnamese_and_filters_by_locality(tab, http_url: str):
    tab.goto(http_url + "tim-kiem.html")
    assert tab.locator(".pagefind-ui__search-input").get_attribute("placeholder") == "Nhập từ khóa, có dấu hoặc không dấu"
    assert len(_search(tab, "dân vận")) >= 5
    assert "kết quả cho" in tab.locator(".pagefind-ui__message").inner_text()
    panel = tab.locator(".pagefind-ui__filter-panel")
    for name in ("Năm", "Địa phương", "Loại", "Phong trào", "Cán bộ"):  # the UI adds them as filter files load
        expect(panel.locator(f"summary:has-text('{name}')")).to_have_count(1)
    panel.locator("summary:has-text('Địa phương')").click()
    panel.locator("label:has-text('Hà Giang')").click()
    expect(tab.locator(".pagefind-ui__result-title")).to_have_text(["Sơ kết công tác dân vận 6 tháng đầu năm 2022"])


NEWEST_FIRST = [
    "Sơ kết công tác dân vận 6 tháng đầu năm 2022",
    "Chuyên đề công tác dân vận vùng đồng bào có đạo",
    "Ban Dân vận Trung ương giao ban quý I/2021",
    "Tổng kết công tác dân vận năm 2019 & triển khai nhiệm vụ <năm 2020>",
    "Sơ kết công tác dân vận 6 tháng đầu năm 2018",
]


def _sorted_titles(tab) -> list[str]:
    tab.wait_for_function("""() => document.querySelectorAll('.pagefind-ui__result-title').length >= 5
                             && !document.querySelector('.pagefind-ui__loading')""")
    tab.wait_for_timeout(300)
    return tab.locator(".pagefind-ui__result-title").all_inner_texts()[:5]


def test_results_sort_by_date_over_the_single_index_of_a_small_site(tab, http_url: str):
    """A small site has one Pagefind index (digest/search.py SINGLE_INDEX_MAX), so the
    date sort spans every year; yearly shards would sort each on its own."""
    tab.goto(http_url + "tim-kiem.html")
    _search(tab, "dân vận")
    assert tab.locator("#sap-xep").is_visible()
    tab.select_option("#sap-xep-theo", "desc")
    assert _sorted_titles(tab) == NEWEST_FIRST
    assert tab.locator("#sap-xep-theo").input_value() == "desc"
    assert tab.locator(".pagefind-ui__search-input").input_value() == "dân vận"


def test_changing_the_order_while_a_search_runs_keeps_the_search_working(tab, http_url: str):
    """Pagefind's UI stops its shared worker without waiting: a new UI made at once lost its
    requests ('Pagefind worker terminated', no results) in about one try in four."""
    for _ in range(3):
        tab.goto(http_url + "tim-kiem.html")
        tab.wait_for_selector("#sap-xep:not([hidden])")
        tab.fill(".pagefind-ui__search-input", "dân vận")
        tab.select_option("#sap-xep-theo", "desc")  # while the search is still running
        assert _sorted_titles(tab) == NEWEST_FIRST


def test_a_search_address_gives_the_query_and_the_order(tab, http_url: str):
    tab.goto(http_url + "tim-kiem.html?q=d%C3%A2n+v%E1%BA%ADn&sap-xep=asc")
    assert _sorted_titles(tab) == ["Giao ban công tác dân vận quý I/2016", *NEWEST_FIRST[::-1][:4]]
    assert tab.locator("#sap-xep-theo").input_value() == "asc"
    tab.fill(".pagefind-ui__search-input", "dân vận khéo")
    tab.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'dân vận khéo'")


def _offline_search(tab, query: str) -> list[str]:
    tab.fill("#o-tu-khoa", query)
    return tab.locator("#o-ket-qua .entry-title").all_inner_texts()


def test_search_from_disk_falls_back_to_the_offline_index(tab, reader_output: Path):
    tab.goto(reader_output.as_uri() + "/tim-kiem.html")
    tab.wait_for_selector("#tim-ngoai-tuyen[data-ready=true]")
    assert tab.locator("#search").inner_html() == ""
    with_marks = _offline_search(tab, "dân vận khéo")
    assert len(with_marks) == 4 and _offline_search(tab, "dan van kheo") == with_marks
    assert tab.locator("#o-trang-thai").inner_text() == "4 kết quả cho “dan van kheo”"
    assert _offline_search(tab, "lúa")[0] == "Chuyên đề công tác dân vận vùng đồng bào có đạo"
    assert _offline_search(tab, "lừa")[0] == "Ban Dân vận Trung ương giao ban quý I/2021"
    assert "Giao ban công tác dân vận quý I/2016" in _offline_search(tab, "dang")  # Đảng
    assert _offline_search(tab, "khong co tu nay") == []
    _offline_search(tab, "ha giang")
    tab.click("#o-ket-qua >> text=Sơ kết công tác dân vận 6 tháng đầu năm 2022")
    assert tab.locator("h1").inner_text() == "Sơ kết công tác dân vận 6 tháng đầu năm 2022"


def test_search_over_http_falls_back_when_pagefind_is_missing(tab, tmp_path: Path):
    root = copy_site("reader", tmp_path)
    build(root, search=False)
    server, url = serve_directory(root / "output")
    try:
        tab.goto(url + "tim-kiem.html")
        tab.wait_for_selector("#tim-ngoai-tuyen[data-ready=true]")
        assert len(_offline_search(tab, "dan van")) == 6
    finally:
        server.shutdown()


def test_skip_link_and_keyboard_navigation(tab, site_url: str):
    tab.goto(site_url + "index.html")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
    assert tab.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "noi-dung"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('main') !== null")
    tab.goto(site_url + "index.html")
    for _ in range(3):  # skip link, site title, first navigation link
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Dòng thời gian"
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "Dòng thời gian"


def test_timeline_filters_work_from_the_keyboard(tab, http_url: str):
    tab.goto(http_url + TIMELINE_2021)
    tab.focus("#loc-loai")
    tab.keyboard.press("ArrowDown")  # first kind after "Tất cả"
    tab.wait_for_timeout(50)
    assert len(_visible_entries(tab)) == 1


def _axe_violations(tab) -> list[str]:
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_main_pages(browser, http_url: str, scheme: str):
    if not AXE.exists():
        message = "axe-core is not installed: run `npm ci` (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    found = {}
    for name, path in MAIN_PAGES.items():
        tab.goto(http_url + path)
        if name == "search":
            _search(tab, "dân vận")
        found[name] = _axe_violations(tab)
    context.close()
    assert found == {name: [] for name in MAIN_PAGES}


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_main_pages(browser, http_url: str, width: int):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        for name, path in MAIN_PAGES.items():
            if scheme == "dark" and name not in ("home", "article", "search"):
                continue
            tab.goto(http_url + path)
            if name == "search":
                _search(tab, "dân vận")
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width} px"
            tab.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
        context.close()


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    """The reader's site built as a large archive is: one Pagefind index per year, and 2021
    (two articles over a limit of one) split into halves: pagefind-2021-h1/, pagefind-2021-h2/."""
    root = copy_site("reader", tmp_path_factory.mktemp("sharded"))
    build(root, single_index_max=0, shard_max=1)
    assert (root / "output" / "pagefind-2021-h1").is_dir() and (root / "output" / "pagefind-2021-h2").is_dir()
    server, url = serve_directory(root / "output")
    yield url
    server.shutdown()


def test_search_merges_every_shard_of_a_large_archive(tab, sharded_url: str):
    tab.goto(sharded_url + "tim-kiem.html")
    titles = _search(tab, "dân vận")
    assert {"Giao ban công tác dân vận quý I/2016", "Ban Dân vận Trung ương giao ban quý I/2021",
            "Chuyên đề công tác dân vận vùng đồng bào có đạo", "Sơ kết công tác dân vận 6 tháng đầu năm 2022"} <= set(titles)
    assert _search(tab, "lua")[:2] != []  # diacritic-free, across the 2021 halves
    assert "Giao ban công tác dân vận quý I/2016" in _search(tab, "dang")  # Đảng, in an older year's shard


def test_search_finds_an_article_added_to_a_shards_additions_bundle(tab, tmp_path: Path):
    """An article added to a year that already has its search index goes into that shard's
    additions bundle (search.ShardIndexer); the search page merges it like any shard."""
    root = copy_site("reader", tmp_path)
    build(root, single_index_max=0)
    added = root / "content" / "2019" / "2019-08-01-bai-them.md"
    added.write_text("---\ntitle: Bài thêm về đường giao thông nông thôn\ndate: 2019-08-01\nlocality: Cao Bằng\n---\n"
                     "Nhân dân hiến đất làm đường khoalangthem.\n", encoding="utf-8")
    report = build(root, single_index_max=0)
    output = root / "output"
    assert report.indexed_shards == 1 and (output / "pagefind-2019-them" / "pagefind.js").is_file()
    server, url = serve_directory(output)
    try:
        tab.goto(url + "tim-kiem.html")
        assert _search(tab, "khoalangthem") == ["Bài thêm về đường giao thông nông thôn"]
        assert "Bài thêm về đường giao thông nông thôn" in _search(tab, "duong giao thong")  # đ folded
        titles = _search(tab, "dân vận")
        assert len(titles) == len(set(titles)) and "Sơ kết công tác dân vận 6 tháng đầu năm 2022" in titles
    finally:
        server.shutdown()
