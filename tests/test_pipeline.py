import datetime as dt
from pathlib import Path

from digest import urls
from digest.cache import SourceRecord
from digest.config import SiteConfig
from digest.content import Article
from digest.model import build_model
from digest.pipeline import urgent_pages
from digest.search import group_shards
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


def _record(article, digest: str) -> SourceRecord:
    return SourceRecord(article.source_path, 1, 1, digest, article, ())


def test_urgent_pages_are_the_shards_of_added_changed_and_removed_articles():
    def article(slug: str, date: str) -> Article:
        return Article(source_path=f"content/{slug}.md", slug=slug, title=slug, date=dt.date.fromisoformat(date),
                       body="x\n")

    kept = {f"a{i}": article(f"a{i}", f"20{15 + i}-03-01") for i in range(6)}  # one article a year, 2015-2020
    before = {f"{slug}.md": _record(a, "same") for slug, a in kept.items()}
    after = dict(before)
    after["a1.md"] = _record(kept["a1"], "edited")  # 2016
    del after["a3.md"]  # 2018: its neighbours' shards (2017, 2019)
    after["new.md"] = _record(article("new", "2020-05-01"), "new")  # 2020
    articles = [r.article for r in after.values()]
    model = build_model(articles, SiteConfig(title="T"))
    shards = group_shards([(a.date, urls.article_url(a.slug)) for a in articles], single_index_max=0)
    urgent = urgent_pages(model, shards, before, after)
    assert urgent == frozenset(path for key in ("2016", "2017", "2019", "2020") for path in shards[key])
    assert urgent_pages(model, shards, after, after) == frozenset()
