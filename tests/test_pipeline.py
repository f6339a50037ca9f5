from pathlib import Path

from tests.conftest import build


def test_fixture_site_builds_every_page_kind(basic_site: Path):
    report = build(basic_site)
    out = basic_site / "output"
    assert report.articles == 2
    for page in ("index.html", "dong-thoi-gian.html", "dong-thoi-gian/2022.html", "can-bo/index.html", "phong-trao/index.html",
                 "tim-kiem.html", "404.html", "can-bo/tran-hong-quang.html", "phong-trao/dan-van-kheo.html",
                 "bai-viet/2019-01-02-giao-ban-quy-iv.html", "pagefind/pagefind.js", ".nojekyll"):
        assert (out / page).exists(), page


def test_official_page_lists_each_appearance_with_its_roles(basic_site: Path):
    build(basic_site, search=False)
    html = (basic_site / "output" / "can-bo" / "tran-hong-quang.html").read_text(encoding="utf-8")
    assert "<h1>Trần Hồng Quảng</h1>" in html
    assert "Phó Bí thư Thường trực Tỉnh ủy; Chủ tịch HĐND tỉnh" in html
    assert html.count('class="roles"') == 2


def test_campaign_alias_and_case_variants_meet_on_one_page(basic_site: Path):
    build(basic_site, search=False)
    html = (basic_site / "output" / "phong-trao" / "dan-van-kheo.html").read_text(encoding="utf-8")
    assert "<h1>Dân vận khéo</h1>" in html
    assert "Được nhắc đến trong 2 bài" in html
