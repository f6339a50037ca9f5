"""build_model: identity of officials and campaigns, slugs, timeline order, links by slug."""

from __future__ import annotations

import datetime as dt
import math
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import CampaignEntry, OfficialRules, SiteConfig
from digest.content import Article, OfficialMention
from digest.model import build_model, model_links, role_history


def _article(slug: str, date: str, officials=(), campaigns=(), locality=None) -> Article:
    return Article(source_path=f"content/{slug}.md", slug=slug, title=slug, date=dt.date.fromisoformat(date),
                   body="x\n", locality=locality,
                   officials=tuple(OfficialMention(n, tuple(r)) for n, r in officials), campaigns=tuple(campaigns))


CONFIG = SiteConfig(title="T", campaigns=(CampaignEntry("Dân vận khéo", ("DVK",), "Mô tả."),))


def test_articles_are_newest_first_and_ties_break_by_slug():
    model = build_model([_article("b", "2020-01-01"), _article("a", "2020-01-01"), _article("c", "2021-05-05")], CONFIG)
    assert [a.slug for a in model.articles] == ["c", "b", "a"]


def test_one_person_written_with_other_case_spacing_or_tone_placement_is_one_official():
    model = build_model([
        _article("a", "2019-01-02", [("Nguyễn Văn Thủy", ["Bí thư"])]),
        _article("b", "2020-01-02", [("NGUYỄN  VĂN THUỶ", ["Chủ tịch"])]),
    ], CONFIG)
    assert len(model.officials) == 1
    official = model.officials[0]
    assert official.slug == "nguyen-van-thuy"
    assert [ap.roles for ap in official.appearances] == [("Bí thư",), ("Chủ tịch",)]


def test_names_with_the_same_slug_get_distinct_stable_urls():
    older = _article("a", "2018-01-01", [("Nguyễn Văn Hùng", ["Bí thư"])])
    newer = _article("b", "2019-01-01", [("Nguyễn Văn Hưng", ["Phó Bí thư"])])
    slugs = {o.name: o.slug for o in build_model([older, newer], CONFIG).officials}
    assert slugs["Nguyễn Văn Hùng"] == "nguyen-van-hung"
    assert slugs["Nguyễn Văn Hưng"].startswith("nguyen-van-hung-") and len(set(slugs.values())) == 2
    newest = _article("c", "2020-01-01", [("Nguyễn Văn Hưng", [])])
    again = {o.name: o.slug for o in build_model([older, newer, newest], CONFIG).officials}
    assert again == slugs


def test_site_yaml_merge_rule_joins_two_spellings_under_the_canonical_name():
    config = SiteConfig(title="T", officials=OfficialRules(merge=(("Nguyễn V. An", "Nguyễn Văn An"),)))
    model = build_model([_article("a", "2019-01-01", [("Nguyễn V. An", ["Bí thư"])]),
                         _article("b", "2019-02-01", [("Nguyễn Văn An", ["Bí thư"])])], config)
    assert [(o.name, len(o.appearances)) for o in model.officials] == [("Nguyễn Văn An", 2)]


def test_site_yaml_split_rule_makes_one_name_two_people_by_locality():
    config = SiteConfig(title="T", officials=OfficialRules(split_by_locality=("Nguyễn Văn An",)))
    model = build_model([_article("a", "2019-01-01", [("Nguyễn Văn An", ["Bí thư"])], locality="Hà Giang"),
                         _article("b", "2019-02-01", [("Nguyễn Văn An", ["Chủ tịch"])], locality="Cà Mau")], config)
    assert len(model.officials) == 2
    assert model.official_slugs["a"] != model.official_slugs["b"]


def test_campaign_aliases_and_case_meet_under_the_registry_name():
    model = build_model([_article("a", "2019-01-01", campaigns=["DVK"]),
                         _article("b", "2020-01-01", campaigns=["dân vận KHÉO"]),
                         _article("c", "2021-01-01", campaigns=["Ngày vì người nghèo"])], CONFIG)
    by_name = {c.name: c for c in model.campaigns}
    assert by_name["Dân vận khéo"].article_slugs == ("a", "b")
    assert by_name["Dân vận khéo"].registered and by_name["Dân vận khéo"].description == "Mô tả."
    assert not by_name["Ngày vì người nghèo"].registered
    assert model.campaign_slugs["b"] == ("dan-van-kheo",)


def test_officials_are_in_vietnamese_order_by_given_name():
    model = build_model([_article("a", "2019-01-01", [("Trần Hồng Quảng", ["x"]), ("Lâm Minh Đằng", ["x"]),
                                                      ("Nguyễn Mạnh Dũng", ["x"])])], CONFIG)
    assert [o.name for o in model.officials] == ["Nguyễn Mạnh Dũng", "Lâm Minh Đằng", "Trần Hồng Quảng"]


def test_build_model_does_not_mutate_its_input():
    articles = [_article("b", "2021-01-01"), _article("a", "2020-01-01")]
    build_model(articles, CONFIG)
    assert [a.slug for a in articles] == ["b", "a"]


def test_relinked_model_equals_the_built_one_in_every_link_it_keeps():
    """A text-only rebuild builds its model from the cached links (relink_model): what an
    article page, the feed and the offline index read must be what build_model gives."""
    from digest.config import load_config
    from digest.content import load_articles
    from digest.model import model_links, relink_model
    from tests.conftest import FIXTURES

    site = FIXTURES / "sites" / "reader"
    articles, _ = load_articles(site / "content")
    built = build_model(articles, load_config(site / "site.yaml"))
    relinked = relink_model(list(reversed(articles)), model_links(built))
    assert relinked.articles == built.articles and relinked.campaigns == built.campaigns
    assert list(relinked.article_by_slug.items()) == list(built.article_by_slug.items())
    for name in ("official_slugs", "campaign_slugs", "neighbours", "related"):
        assert dict(getattr(relinked, name)) == dict(getattr(built, name)), name


def _related_reference(model) -> dict[str, tuple[str, ...]]:
    """The related-articles rule written plainly (the first implementation): for each list
    (an official's appearances, weight 2; a campaign's articles, weight 1), each article
    scores the NEAREST_PER_LIST members around it; best RELATED_COUNT by score, then
    nearness in time (days apart), then slug."""
    from collections import Counter, defaultdict

    from digest.model import NEAREST_PER_LIST, RELATED_COUNT

    day = {a.slug: a.date.toordinal() for a in model.articles}
    lists = [(2, tuple(ap.article_slug for ap in o.appearances)) for o in model.officials]
    lists += [(1, c.article_slugs) for c in model.campaigns]
    scores: dict[str, Counter[str]] = defaultdict(Counter)
    for weight, members in lists:
        for position, slug in enumerate(members):
            half = NEAREST_PER_LIST // 2
            start = max(0, min(position - half, len(members) - NEAREST_PER_LIST - 1))
            for other in members[start:start + NEAREST_PER_LIST + 1]:
                if other != slug:
                    scores[slug][other] += weight
    return {slug: tuple(sorted(found, key=lambda o: (-found[o], abs(day[o] - day[slug]), o))[:RELATED_COUNT])
            for slug, found in scores.items()}


PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
CAMPAIGNS = ["Dân vận khéo", "Năm dân vận chính quyền", "Học tập và làm theo"]


@given(st.lists(st.tuples(st.integers(0, 400), st.sets(st.sampled_from(PEOPLE), max_size=3),
                          st.sets(st.sampled_from(CAMPAIGNS), max_size=2)), min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
def test_related_articles_follow_the_plain_rule(specs):
    articles = [_article(f"bai-{i:03d}", (dt.date(2018, 1, 1) + dt.timedelta(days=day)).isoformat(),
                         [(name, ["Bí thư"]) for name in sorted(people)], sorted(campaigns))
                for i, (day, people, campaigns) in enumerate(specs)]
    model = build_model(articles, CONFIG)
    assert dict(model.related) == _related_reference(model)


SPEC = st.tuples(st.integers(0, 120), st.sets(st.sampled_from(PEOPLE), max_size=3),
                 st.sets(st.sampled_from(CAMPAIGNS), max_size=2))


def _spec_article(slug: str, spec) -> Article:
    day, people, campaigns = spec
    return _article(slug, (dt.date(2018, 1, 1) + dt.timedelta(days=day)).isoformat(),
                    [(name, ["Bí thư"]) for name in sorted(people)], sorted(campaigns))


@given(st.lists(SPEC, min_size=20, max_size=60),
       st.lists(st.tuples(st.sampled_from(["add", "delete", "change"]), st.integers(0, 10**6), SPEC),
                min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_related_articles_counted_again_near_changes_only_equal_a_full_count(specs, steps):
    """build_model with the last build's links recounts only the articles near a change in one
    of their lists; after each of several additions, deletions and changes (date, officials,
    campaigns) its related articles are those of a model built from nothing."""
    articles = {f"bai-{i:03d}": _spec_article(f"bai-{i:03d}", spec) for i, spec in enumerate(specs)}
    before = model_links(build_model(list(articles.values()), CONFIG))
    recount = mock.patch("digest.model.RECOUNT_SHARE", math.inf)  # never the full count: a small site changes a lot
    for number, (kind, pick, spec) in enumerate(steps):
        slugs = sorted(articles)
        if kind == "add" or not slugs:
            articles[f"moi-{number}"] = _spec_article(f"moi-{number}", spec)
        elif kind == "delete":
            del articles[slugs[pick % len(slugs)]]
        else:
            slug = slugs[pick % len(slugs)]
            articles[slug] = _spec_article(slug, spec)
        with recount:
            again = build_model(list(articles.values()), CONFIG, before)
        fresh = build_model(list(articles.values()), CONFIG)
        assert dict(again.related) == dict(fresh.related) == _related_reference(fresh)
        assert dict(again.related_lists) == dict(fresh.related_lists)
        before = model_links(again)


def test_positions_over_time_depend_on_the_officials_own_appearances_only():
    """Official pages leave the role history out of their fingerprint (pages._official_page)
    and make it where they are rendered: it follows from the official record alone, whatever
    else the archive holds."""
    own = [_article("a", "2020-01-01", [("Nguyễn Văn An", ["Bí thư Huyện ủy"])], locality="Hà Giang"),
           _article("b", "2021-01-01", [("Nguyễn Văn An", ["bí thư huyện ủy", "Chủ tịch"])])]
    others = [_article("c", "2019-01-01", [("Trần Thị Bình", ["Chủ tịch"]), ("Lê Văn Cường", ["Bí thư Huyện ủy"])]),
              _article("d", "2022-01-01", [("Trần Thị Bình", ["Bí thư Huyện ủy"])], locality="Hà Giang")]
    alone, among = build_model(own, CONFIG), build_model(own + others, CONFIG)
    first = next(o for o in alone.officials if o.name == "Nguyễn Văn An")
    second = next(o for o in among.officials if o.name == "Nguyễn Văn An")
    assert first.appearances == second.appearances
    assert role_history(first) == role_history(second)
    assert [seen.role for seen in role_history(first)] == ["Bí thư Huyện ủy", "Chủ tịch"]
