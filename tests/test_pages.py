"""Page planning and the rendered reader's site (fixture `reader`, built without Pagefind)."""

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import load_config
from digest.content import load_articles
from digest.model import build_model, role_history
from digest.pages import SEARCH_FILTERS, index_letter, plan_pages, search_folding
from digest.vietnamese import fold_diacritics
from tests.conftest import FIXTURES, build, copy_site

READER = FIXTURES / "sites" / "reader"


@pytest.fixture(scope="module")
def model_and_config():
    config = load_config(READER / "site.yaml")
    articles, _ = load_articles(READER / "content")
    return build_model(articles, config), config


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_site("reader", tmp_path_factory.mktemp("reader"))
    build(root, search=False)
    return root / "output"


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "letter"), [("Lê Văn Đằng", "Đ"), ("Hoàng Thị Ấn", "Â"),
                                              ("Nguyễn Mạnh Dũng", "D"), ("Bùi Thị Minh Hoài", "H"),
                                              ("Trần Ánh", "A"), ("Phạm Ước", "Ư"), ("", "#")])
def test_officials_are_filed_under_the_vietnamese_letter_of_their_given_name(name, letter):
    assert index_letter(name) == letter


def test_officials_index_groups_follow_the_vietnamese_alphabet(model_and_config):
    pages = {p.path: p for p in plan_pages(*model_and_config)}
    letters = pages["can-bo/index.html"].context["letters"]
    assert [letter for letter, _ in letters] == ["Â", "D", "Đ", "H", "Q"]
    assert [i["name"] for i in dict(letters)["Đ"]] == ["Lê Văn Đằng"]


def test_every_page_kind_is_planned_once(model_and_config):
    paths = [p.path for p in plan_pages(*model_and_config)]
    assert len(paths) == len(set(paths))
    assert {"index.html", "dong-thoi-gian.html", "can-bo/index.html", "phong-trao/index.html", "tim-kiem.html",
            "404.html"} <= set(paths)
    assert sum(p.startswith("bai-viet/") for p in paths) == 6
    assert sorted(p for p in paths if p.startswith("dong-thoi-gian/")) == [
        f"dong-thoi-gian/{year}.html" for year in (2016, 2018, 2019, 2021, 2022)]


def test_model_links_previous_and_next_in_timeline_order(model_and_config):
    model, _ = model_and_config
    middle = model.neighbours["2019-12-20-tong-ket-nam-2019"]
    assert (middle.previous, middle.next) == ("2018-07-10-so-ket-6-thang", "2021-04-05-giao-ban-trung-uong")
    assert model.neighbours["2016-03-15-giao-ban-quy-i"].previous is None
    assert model.neighbours["2022-06-30-so-ket-ha-giang"].next is None


def test_related_articles_share_officials_or_campaigns_and_exclude_the_article(model_and_config):
    model, _ = model_and_config
    related = model.related["2018-07-10-so-ket-6-thang"]
    assert related[0] == "2019-12-20-tong-ket-nam-2019"  # shares an official and two campaigns
    assert "2018-07-10-so-ket-6-thang" not in related
    assert "2021-11-02-chuyen-de-ton-giao" not in related  # nothing in common
    assert "2021-11-02-chuyen-de-ton-giao" not in model.related


def test_related_work_is_capped_for_a_campaign_named_by_thousands_of_articles():
    import datetime as dt

    from digest.config import SiteConfig
    from digest.content import Article
    from digest.model import NEAREST_PER_LIST, RELATED_COUNT

    articles = [Article(f"c/{i}.md", f"a{i:05d}", f"Bài {i}", dt.date(2000, 1, 1) + dt.timedelta(days=i), "x",
                        campaigns=("Dân vận khéo",)) for i in range(3000)]
    model = build_model(articles, SiteConfig(title="t"))
    assert len(model.related) == 3000
    assert all(len(r) <= RELATED_COUNT for r in model.related.values())
    assert set(model.related["a01500"]) <= {f"a{i:05d}" for i in range(1500 - NEAREST_PER_LIST, 1501 + NEAREST_PER_LIST)}


def test_role_history_gives_each_position_with_its_dates_and_places(model_and_config):
    model, _ = model_and_config
    history = {r.role: r for r in role_history(next(o for o in model.officials if o.slug == "le-van-dang"))}
    assert list(history) == ["Trưởng Ban Dân vận Tỉnh ủy", "Phó Bí thư Tỉnh ủy"]
    assert [d.isoformat() for d in history["Phó Bí thư Tỉnh ủy"].dates] == ["2018-07-10"]
    assert history["Trưởng Ban Dân vận Tỉnh ủy"].localities == ("Cao Bằng",)


def test_co_appearances_count_shared_articles(model_and_config):
    model, _ = model_and_config
    together = {c.official_slug: c.shared for c in model.co_appearances["nguyen-manh-dung"]}
    assert together == {"hoang-thi-an": 1, "le-van-dang": 1, "tran-hong-quang": 1}


def test_article_page_has_metadata_neighbours_related_and_source(site: Path):
    html = _read(site, "bai-viet/2019-12-20-tong-ket-nam-2019.html")
    assert "năm 2019 &amp; triển khai nhiệm vụ &lt;năm 2020&gt;</h1>" in html
    assert 'rel="prev" href="2018-07-10-so-ket-6-thang.html"' in html
    assert 'rel="next" href="2021-04-05-giao-ban-trung-uong.html"' in html
    assert "Bài liên quan" in html
    assert '<a href="../can-bo/hoang-thi-an.html">Hoàng Thị Ấn</a>' in html
    assert '<a href="../phong-trao/nam-dan-van-chinh-quyen.html">Năm dân vận chính quyền</a>' in html
    assert "<dt>Nguồn</dt><dd>Báo Cao Bằng</dd>" in html


def test_article_page_declares_pagefind_filters_and_sort(site: Path):
    html = _read(site, "bai-viet/2019-12-20-tong-ket-nam-2019.html")
    for value in ("Năm:2019", "Địa phương:Cao Bằng", "Loại:tổng kết", "Phong trào:Dân vận khéo",
                  "Cán bộ:Hoàng Thị Ấn"):
        assert f'data-pagefind-filter="{value}"' in html, value
    assert 'data-pagefind-sort="date:2019-12-20"' in html
    assert set(SEARCH_FILTERS.values()) == {"Năm", "Địa phương", "Loại", "Phong trào", "Cán bộ"}


def test_pages_have_canonical_and_open_graph_when_base_url_is_set(site: Path):
    html = _read(site, "can-bo/index.html")
    assert '<link rel="canonical" href="https://example.github.io/dan-van/can-bo/">' in html
    assert '<meta property="og:url" content="https://example.github.io/dan-van/can-bo/">' in html
    article = _read(site, "bai-viet/2016-03-15-giao-ban-quy-i.html")
    assert '<meta property="og:type" content="article">' in article


def test_not_found_page_links_from_the_site_root_so_it_works_at_any_depth(site: Path):
    html = _read(site, "404.html")
    assert 'href="/dan-van/assets/style.css"' in html
    assert 'href="/dan-van/"' in html and 'href="/dan-van/tim-kiem.html"' in html
    assert 'rel="canonical"' not in html


def test_without_base_url_links_stay_relative_and_no_canonical(tmp_path: Path):
    root = copy_site("basic", tmp_path)
    (root / "site.yaml").write_text("title: T\n", encoding="utf-8")
    build(root, search=False)
    html = (root / "output" / "404.html").read_text(encoding="utf-8")
    assert 'href="assets/style.css"' in html
    assert "canonical" not in (root / "output" / "index.html").read_text(encoding="utf-8")


def test_timeline_entries_show_date_kind_period_locality_title_officials(site: Path):
    html = _read(site, "dong-thoi-gian/2018.html")
    entry = re.search(r'<li class="entry" data-locality="Cao Bằng" data-kind="sơ kết">.*?</li>', html, re.S).group(0)
    for text in ("10/07/2018", "sơ kết", "6 tháng đầu năm 2018", "Cao Bằng",
                 "Sơ kết công tác dân vận 6 tháng đầu năm 2018", "Lê Văn Đằng", "Nguyễn Mạnh Dũng"):
        assert text in entry, text
    assert '<option value="Cao Bằng">Cao Bằng</option>' in html
    assert "Cần Thơ" not in html  # each year's filters offer only that year's places
    assert '<script src="../assets/timeline.js" defer></script>' in html


def test_timeline_index_links_each_year_with_its_count(site: Path):
    html = _read(site, "dong-thoi-gian.html")
    assert '<a href="dong-thoi-gian/2021.html">Năm 2021</a> <small>(2 bài)</small>' in html
    assert "Sơ kết công tác dân vận" not in html  # entries live on the year pages
    assert '<option value="Cần Thơ">Cần Thơ</option>' in _read(site, "dong-thoi-gian/2021.html")


def test_timeline_and_campaign_pages_carry_accessible_year_charts(site: Path):
    for path in ("dong-thoi-gian.html", "phong-trao/dan-van-kheo.html"):
        html = _read(site, path)
        assert '<svg class="chart" role="img"' in html and "<title id=" in html and "<desc id=" in html
        assert '<table class="visually-hidden">' in html
    assert "2020: 0 bài" in _read(site, "dong-thoi-gian.html")


def test_official_page_shows_roles_localities_and_co_appearances(site: Path):
    html = _read(site, "can-bo/le-van-dang.html")
    assert "Chức vụ qua các bài viết" in html and "Phó Bí thư Tỉnh ủy" in html
    assert "<dt>Địa phương</dt><dd>Cao Bằng</dd>" in html
    assert "Cùng dự các sự kiện" in html and 'href="hoang-thi-an.html"' in html


def test_campaign_page_has_description_localities_and_officials(site: Path):
    html = _read(site, "phong-trao/dan-van-kheo.html")
    assert "tôn vinh cách làm hay" in html
    assert "Cao Bằng, Hà Giang" in html
    assert "Cán bộ liên quan" in html and 'href="../can-bo/nguyen-manh-dung.html"' in html


def test_no_page_has_inline_scripts_handlers_or_style_attributes(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page
        assert not re.search(r"\son[a-z]+=", html), page
        assert " style=" not in html, page
        assert not re.search(r'(src|href)="(https?:)?//(?!example\.github\.io)', html.split("</head>")[1]
                             .replace('href="https://example.org/', 'x="')), page


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Đảng", "đồng", "dân", " ", "\n", "\xa0", "(đ)", "Đ.", "x", "đđ"]), max_size=15).map("".join))
def test_search_folding_folds_every_word_with_d_stroke(text):
    article = dataclasses.replace(load_articles(FIXTURES / "sites" / "basic" / "content")[0][0], title="", body=text,
                                  officials=(), campaigns=())
    words = {w for w in text.split() if "đ" in w.lower()}
    assert search_folding(article) == " ".join(sorted(fold_diacritics(w).strip(".,;:!?\"'()“”") for w in words))



def _generated_articles(rng, count: int, start: int = 0) -> list:
    """`count` articles over two years, naming a few officials and campaigns from small pools
    (so that related lists, neighbours and co-appearances overlap a lot)."""
    import datetime as dt

    from digest.content import Article, OfficialMention

    people = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Đức Cường", "Phạm Hồng Đào", "Hoàng Văn Em"]
    campaigns = ["Dân vận khéo", "Năm dân vận chính quyền", "Phong trào A", "Phong trào B"]
    return [Article(f"content/b{i:03d}.md", f"b{i:03d}", f"Bài {i}", dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                    f"Nội dung {i}.\n",
                    officials=tuple(OfficialMention(name, ("Bí thư",)) for name in rng.sample(people, rng.randrange(3))),
                    campaigns=tuple(rng.sample(campaigns, rng.randrange(3)))) for i in range(start, start + count)]


def _changed(rng, articles: list) -> list:
    """The archive after one editor's change: an article added, deleted, or given other metadata or text."""
    kind = rng.choice(["add", "delete", "date", "people", "campaigns", "text", "title"])
    changed = list(articles)
    if kind == "add":
        return changed + _generated_articles(rng, 1, start=900)
    position = rng.randrange(len(changed))
    if kind == "delete":
        del changed[position]
        return changed
    other = _generated_articles(rng, 1)[0]
    field = {"date": "date", "people": "officials", "campaigns": "campaigns", "text": "body", "title": "title"}[kind]
    changed[position] = dataclasses.replace(changed[position], **{field: getattr(other, field)})
    return changed


def _article_fingerprints(model, config) -> dict[str, str]:
    from digest.render import fingerprint_page, page_fingerprinter

    fingerprinter = page_fingerprinter("theme")
    return {page.path: fingerprint_page(fingerprinter, page) for page in plan_pages(model, config)
            if page.template == "article.html"}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_kept_article_pages_are_exactly_the_last_builds(seed):
    """unchanged_article_pages is what lets a rebuild keep pages without fingerprinting them:
    every page it names must have the fingerprint it had in the last build."""
    import random

    from digest.config import SiteConfig
    from digest.model import model_links
    from digest.pages import unchanged_article_pages

    rng, config = random.Random(seed), SiteConfig(title="t")
    before_articles = _generated_articles(rng, 40)
    after_articles = _changed(rng, before_articles)
    before, after = build_model(before_articles, config), build_model(after_articles, config)
    same = {a.slug for a in after_articles} & {a.slug for a in before_articles if any(a is b for b in after_articles)}
    kept = unchanged_article_pages(after, model_links(before), same)
    old, new = _article_fingerprints(before, config), _article_fingerprints(after, config)
    assert kept <= same
    assert all(old[f"bai-viet/{slug}.html"] == new[f"bai-viet/{slug}.html"] for slug in kept)
    assert len(kept) >= len(same) - 25  # a change reaches its neighbours and related articles, not the archive


def test_a_deletion_keeps_the_pages_it_does_not_reach(model_and_config):
    """The reader fixture without one article: the pages that showed it (neighbours, related)
    are not kept; in so small an archive that is all but the one sharing nothing with it."""
    from digest.model import model_links
    from digest.pages import unchanged_article_pages

    model, config = model_and_config
    gone = "2019-12-20-tong-ket-nam-2019"
    after = build_model([a for a in model.articles if a.slug != gone], config)
    kept = unchanged_article_pages(after, model_links(model), {a.slug for a in after.articles})
    neighbours = model.neighbours[gone]
    assert gone not in kept and neighbours.previous not in kept and neighbours.next not in kept
    assert not any(gone in model.related.get(slug, ()) for slug in kept)
    assert kept == {"2021-11-02-chuyen-de-ton-giao"}
    pages = plan_pages(after, config, kept)
    assert {p.path for p in pages if p.kept} == {f"bai-viet/{slug}.html" for slug in kept}
    assert all(p.context == {} and p.basis is None for p in pages if p.kept)


def test_a_campaign_renamed_by_its_spellings_keeps_none_of_its_pages():
    """Two more articles spelling a campaign the old way flip its most frequent spelling, its
    name: every page naming it changes, even those whose links and articles did not."""
    import datetime as dt

    from digest.config import SiteConfig
    from digest.content import Article
    from digest.model import model_links
    from digest.pages import unchanged_article_pages

    def article(number: int, campaigns: tuple[str, ...]) -> Article:
        return Article(f"c/{number}.md", f"a{number:02d}", f"Bài {number}", dt.date(2020, 1, 1) + dt.timedelta(days=number),
                       "x", campaigns=campaigns)

    config = SiteConfig(title="t")
    old_way, new_way = ("Phong trào Xanh",), ("phong trào xanh",)
    articles = [article(n, old_way) for n in range(10, 20)] + [article(n, new_way) for n in range(20, 31)] \
        + [article(n, ()) for n in range(31, 36)]
    before = build_model(articles, config)
    added = [article(1, old_way), article(2, old_way)]
    after = build_model(articles + added, config)
    assert [c.name for c in before.campaigns] == ["phong trào xanh"] and [c.name for c in after.campaigns] == ["Phong trào Xanh"]
    kept = unchanged_article_pages(after, model_links(before), {a.slug for a in articles})
    assert not any(after.campaign_slugs[slug] for slug in kept)
    assert {"a33", "a34", "a35"} <= kept
