"""Plan every page of the site: its output path, template and declared context.

Each page kind gets a small context of its own (never the whole model), so a template can
only use what its page is about and the incremental build can tell what a page depends on.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import groupby
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from digest import urls
from digest.charts import year_chart
from digest.config import SiteConfig
from digest.content import Article
from digest.markdown_body import render_markdown
from digest.model import Campaign, ModelLinks, Neighbours, Official, SiteModel, role_history
from digest.offline_search import article_entry_json, distinct_tokens
from digest.vietnamese import TONE_MARKS, collation_key, fold_diacritics

CAMPAIGN_OFFICIALS_SHOWN = 30
"""Officials listed on a campaign page (the most frequent in its articles)."""
SEARCH_FILTERS = {"year": "Năm", "locality": "Địa phương", "kind": "Loại", "campaign": "Phong trào",
                  "official": "Cán bộ"}
"""Pagefind filter names: shown as is in the search UI, so they are Vietnamese."""


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template, and its declared context."""

    path: str
    """Site-relative output path, e.g. "bai-viet/x.html"."""
    template: str
    """Template file name under templates/."""
    context: Mapping[str, Any]
    """Exactly the variables this page kind uses (plus `site` and `page_path`); a LazyContext
    for pages that declare a basis."""
    derived: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    """More variables computed from `context` alone, only when the page is rendered: costly
    work (Markdown) that the incremental build skips for pages whose context is unchanged."""
    basis: tuple | None = None
    """What the context is made from, when that is much smaller than the context (an article
    page: its article and text, neighbours, related articles, official and campaign links). The build
    fingerprints it instead of the context: a tuple of records whose digests are already
    known is ~10x cheaper to digest than the dicts built from them. The context must be a
    pure function of the basis (tests/test_incremental.py compares rebuilds after random edits
    with full builds)."""
    offline_record: Callable[[Mapping[str, Any]], bytes] | None = None
    """The page's record in the offline search index, computed from `context` where the page
    is rendered (in a worker, so 10,000 records are not made one by one in the parent)."""
    kept: bool = False
    """The page is provably the last build's (unchanged_article_pages): planned without a
    context, it is kept as the last build wrote it and never rendered."""


def article_body(context: Mapping[str, Any]) -> dict[str, Any]:
    """The article's rendered body and folded words: derived from `context["article"]` only."""
    article = context["article"]
    return {"body_html": render_markdown(article.body), "search_folding": search_folding(article)}


def offline_record(context: Mapping[str, Any]) -> bytes:
    """An article page's offline-search record (UTF-8 JSON): from its article and campaign names only."""
    return article_entry_json(context["article"], [c["name"] for c in context["campaigns"]])


def search_folding(article: Article) -> str:
    """Words containing đ/Đ written without it, so a diacritic-free query finds them.

    Pagefind folds tone marks but not đ (it has no Unicode decomposition): "dang" would
    not find "Đảng". Indexing the folded words alongside the text closes that gap."""
    names = " ".join((article.title, *(o.name for o in article.officials), *article.campaigns)).split()
    # The body's words as its offline-search record splits them too (offline_search.distinct_tokens).
    words = {w for w in (*names, *distinct_tokens(article.body)) if "đ" in w or "Đ" in w}
    return " ".join(sorted(map(_folded_word, words)))


@functools.lru_cache(maxsize=1 << 16)
def _folded_word(word: str) -> str:
    """A word without diacritics or the punctuation around it. Memoised: ~20 words an article,
    mostly the same few hundred ("Đảng", "đồng", "được"): ~50 µs of each article page."""
    return fold_diacritics(word).strip(".,;:!?\"'()“”")


def index_letter(name: str) -> str:
    """Letter of the Vietnamese alphabet a person is filed under: the given name's first letter
    without its tone but with its own marks ("Đằng" -> "Đ", "Ấn" -> "Â", "Dũng" -> "D")."""
    words = name.split()
    first = words[-1][:1] if words else "#"
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", first) if c not in TONE_MARKS))
    return bare.upper() if bare.isalpha() else "#"


def _official_links(model: SiteModel, article: Article) -> list[dict[str, Any]]:
    """Each official of an article once, with the link to their page and the roles given here."""
    linked: dict[str, dict[str, Any]] = {}
    for mention, slug in zip(article.officials, model.official_slugs.get(article.slug, ()), strict=False):
        linked.setdefault(slug, {"mention": mention, "name": mention.name, "url": urls.official_url(slug)})
    return list(linked.values())


@dataclass(frozen=True)
class Entry:
    """An article as a list shows it (home, timeline years, campaign pages). A record, not a
    dict, so the page fingerprints digest it once per build however many pages list it (from
    render.entry_key: a new field must be added there too, or the key must cover it)."""

    article: Article
    """The article."""
    url: str
    """Site-relative URL of its page."""
    officials: tuple[dict[str, Any], ...]
    """Each official once: mention, name and URL (see _official_links)."""


class _Views:
    """Each article's Entry, made once per build: an article is listed on many pages."""

    def __init__(self, model: SiteModel):
        self.model = model
        self.views: dict[str, Entry] = {}

    def __call__(self, article: Article) -> Entry:
        view = self.views.get(article.slug)
        if view is None:
            view = Entry(article, urls.article_url(article.slug), tuple(_official_links(self.model, article)))
            self.views[article.slug] = view
        return view


def _link_to(article: Article | None) -> dict[str, Any] | None:
    """Title, date and URL of another article, or None."""
    return {"article": article, "url": urls.article_url(article.slug)} if article else None


def _search_filters(article: Article, officials: Sequence[dict[str, Any]], campaigns: list[dict[str, Any]]) -> list[str]:
    """Pagefind filter values ("Năm:2019", ...) for the article's hidden filter markers."""
    values = [(SEARCH_FILTERS["year"], str(article.date.year))]
    values += [(SEARCH_FILTERS["locality"], article.locality), (SEARCH_FILTERS["kind"], article.kind)]
    values += [(SEARCH_FILTERS["campaign"], c["name"]) for c in campaigns]
    values += [(SEARCH_FILTERS["official"], o["name"]) for o in officials]
    return [f"{name}:{value}" for name, value in values if value]


def _search_terms(article: Article, officials: Sequence[dict[str, Any]], campaigns: list[dict[str, Any]]) -> str:
    """The metadata as one sentence for the index: names, roles, place, kind, period, campaigns."""
    people = [o["name"] + (f" ({', '.join(o['mention'].roles)})" if o["mention"].roles else "") for o in officials]
    facts = [article.kind, article.period, article.locality, article.source, *people, *(c["name"] for c in campaigns)]
    return ". ".join(f for f in facts if f)


@dataclass(frozen=True)
class ArticleText:
    """Stands for an article's text in a page's basis. The build digests it from the digest of
    the article's file (cache.content_digests) rather than pickling ~6 KB of text for each of
    10,000 pages (render.text_key)."""

    article: Article


class LazyContext(Mapping[str, Any]):
    """A page context made on first use. Article pages declare a basis (Page.basis) that the
    build fingerprints instead of the context, so a rebuild that renders 10 of 10,000 article
    pages never makes the other 9,990 contexts (~0.2 s at 10,000 articles), and a full build
    makes them in the render workers rather than in the parent."""

    __slots__ = ("_make", "_made")

    def __init__(self, make: Callable[[], dict[str, Any]]):
        self._make: Callable[[], dict[str, Any]] | None = make
        self._made: dict[str, Any] | None = None

    def _context(self) -> dict[str, Any]:
        if self._made is None:
            assert self._make is not None
            self._made, self._make = self._make(), None
        return self._made

    def __getitem__(self, key: str) -> Any:
        return self._context()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._context())

    def __len__(self) -> int:
        return len(self._context())


class ArticleLinks(NamedTuple):
    """What an article page takes from the model besides articles and campaign names (article_page_links)."""

    officials: tuple[str, ...]
    campaigns: tuple[str, ...]
    neighbours: Neighbours | None
    related: tuple[str, ...]


def article_page_links(links: SiteModel | ModelLinks, slug: str) -> ArticleLinks:
    """An article page's links: its officials' and campaigns' slugs, its neighbours and its
    related articles. With the articles it shows (its own, its neighbours and related ones)
    and its campaigns' names, this is all its basis is made of (_article_page), so a page
    whose links are the last build's (ModelLinks, saved in the cache), whose articles and
    campaign names are unchanged, is unchanged too."""
    return ArticleLinks(links.official_slugs.get(slug, ()), links.campaign_slugs.get(slug, ()), links.neighbours.get(slug),
                        links.related.get(slug, ()))


def unchanged_article_pages(model: SiteModel, previous: ModelLinks, unchanged: AbstractSet[str]) -> frozenset[str]:
    """Slugs of the articles whose page is provably the last build's: its links and its
    campaigns' names are the last build's (`previous`) and it shows only articles in
    `unchanged` (slugs of articles read from the same, unchanged file as last time,
    cache.unchanged_articles).

    Why: after an article is added or deleted, the model changes near it only, yet planning
    and fingerprinting all 10,000 article pages took about a second of the rebuild; these
    pages are kept without either (plan_pages with `kept`)."""
    old_names = {c.slug: c.name for c in previous.campaigns}
    renamed = {c.slug for c in model.campaigns if old_names.get(c.slug) != c.name}
    kept = set()
    for slug in unchanged:
        if slug not in model.article_by_slug or slug not in previous.neighbours:  # not on the last build's site
            continue
        links = article_page_links(model, slug)
        if links != article_page_links(previous, slug) or (renamed and not renamed.isdisjoint(links.campaigns)):
            continue
        neighbours = links.neighbours
        if neighbours is not None and (neighbours.previous not in unchanged and neighbours.previous is not None
                                       or neighbours.next not in unchanged and neighbours.next is not None):
            continue
        if unchanged.issuperset(links.related):
            kept.add(slug)
    return frozenset(kept)


def _article_page(model: SiteModel, article: Article, campaign_names: dict[str, str], view: _Views) -> Page:
    official_slugs, campaign_slugs, neighbours, related_slugs = article_page_links(model, article.slug)
    # Only what the page shows: a whole Campaign record lists every article of the campaign,
    # so adding one article would change the fingerprint of hundreds of unchanged pages.
    campaigns = tuple((campaign_names[s], urls.campaign_url(s)) for s in campaign_slugs)
    previous = model.article_by_slug[neighbours.previous] if neighbours and neighbours.previous else None
    following = model.article_by_slug[neighbours.next] if neighbours and neighbours.next else None
    related = tuple(model.article_by_slug[s] for s in related_slugs)
    basis = (article, ArticleText(article), official_slugs, campaigns, previous, following, related)
    return Page(urls.article_url(article.slug), "article.html",
                LazyContext(functools.partial(_article_context, view, article, campaigns, previous, following, related)),
                derived=article_body, basis=basis, offline_record=offline_record)


def _article_context(view: _Views, article: Article, campaign_links: tuple[tuple[str, str], ...],
                     previous: Article | None, following: Article | None, related: tuple[Article, ...]) -> dict[str, Any]:
    """An article page's context, from its basis (see _article_page; the view's official
    links come from the article and its official slugs)."""
    officials = view(article).officials
    campaigns = [{"name": name, "url": url} for name, url in campaign_links]
    return {
        "article": article,
        "officials": officials,
        "campaigns": campaigns,
        "previous": _link_to(previous),
        "next": _link_to(following),
        "related": [_link_to(other) for other in related],
        "search_filters": _search_filters(article, officials, campaigns),
        "search_terms": _search_terms(article, officials, campaigns),
    }


def _months(in_year: list[Article], view: _Views) -> list[dict[str, Any]]:
    """Months (newest first) -> article entries."""
    return [{"month": month, "entries": [view(a) for a in in_month]}
            for month, in_month in groupby(in_year, key=lambda a: a.date.month)]


def _choices(values: list[str | None]) -> list[str]:
    """Distinct non-empty values in Vietnamese order (for filter menus)."""
    return sorted({v for v in values if v}, key=collation_key)


def _timeline_pages(model: SiteModel, view: _Views) -> list[Page]:
    """The timeline: an index of years (chart, counts, links), then one page per year with its
    months and filters, so a change to one article re-renders one year's page, not 10,000 entries."""
    by_year = [(year, list(in_year)) for year, in_year in groupby(model.articles, key=lambda a: a.date.year)]
    nav = [{"year": year, "url": urls.timeline_year_url(year)} for year, _ in by_year]
    index = Page(urls.TIMELINE, "timeline.html", {
        "years": [{"year": year, "url": urls.timeline_year_url(year), "count": len(in_year)} for year, in_year in by_year],
        "chart": year_chart("bieu-do-nam", (a.date for a in model.articles), "Số bài theo năm"),
    })
    return [index] + [Page(urls.timeline_year_url(year), "timeline_year.html", {
        "year": year, "count": len(in_year), "months": _months(in_year, view), "nav": nav,
        "localities": _choices([a.locality for a in in_year]),
        "kinds": _choices([a.kind for a in in_year]),
        "unplaced": any(not a.locality for a in in_year),
    }) for year, in_year in by_year]


def _officials_index(model: SiteModel) -> Page:
    """Officials grouped by the letter of their given name; model order is already Vietnamese.
    Each with what the index shows (name, link, number of articles), not the whole record: a
    changed appearance does not re-render the index, and 1,000 small entries digest in ~10 ms
    where the records took ~0.13 s."""
    letters: dict[str, list[dict[str, Any]]] = {}
    for official in model.officials:
        letters.setdefault(index_letter(official.name), []).append(
            {"name": official.name, "url": urls.official_url(official.slug), "count": len(official.appearances)})
    return Page(urls.OFFICIALS, "officials.html", {"letters": list(letters.items())})


def _official_page(model: SiteModel, official: Official, names: dict[str, str]) -> Page:
    # The basis: the official (appearances included), the articles they appear in and who
    # appears with them (names, links, counts). Fingerprinting it skips the per-appearance
    # dicts of the context (~0.2 s a build at 1,000 officials). Their positions over time are
    # not in it: model.role_history makes them from the official's appearances alone.
    together = tuple((names[c.official_slug], c.official_slug, c.shared) for c in model.co_appearances.get(official.slug, ()))
    articles = tuple(model.article_by_slug[ap.article_slug] for ap in official.appearances)
    return Page(urls.official_url(official.slug), "official.html",
                LazyContext(functools.partial(_official_context, official, articles, together)),
                basis=(official, articles, together))


def _official_context(official: Official, articles: tuple[Article, ...],
                      together: tuple[tuple[str, str, int], ...]) -> dict[str, Any]:
    """An official page's context: a function of its basis only (see _official_page)."""
    roles = role_history(official)
    appearances = [{"appearance": ap, "article": article, "url": urls.article_url(ap.article_slug)}
                   for ap, article in zip(reversed(official.appearances), reversed(articles), strict=True)]
    localities = Counter(ap.locality for ap in official.appearances if ap.locality)
    return {
        "official": official, "appearances": appearances,
        "roles": [{"seen": seen, "articles": [{"slug": s, "url": urls.article_url(s)} for s in seen.article_slugs]}
                  for seen in roles],
        "together": [{"name": name, "url": urls.official_url(slug), "shared": shared} for name, slug, shared in together],
        "localities": [place for place, _ in localities.most_common()],
    }


def _campaign_officials(model: SiteModel, campaign: Campaign, names: dict[str, str],
                        order: dict[str, int]) -> list[dict[str, Any]]:
    """Officials named in the campaign's articles, most frequent first, ties in model
    (Vietnamese name) order: `order` is each official's position, computed once per build."""
    counts = Counter(s for a in campaign.article_slugs for s in dict.fromkeys(model.official_slugs.get(a, ())))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))
    return [{"name": names[s], "url": urls.official_url(s), "count": n} for s, n in ranked[:CAMPAIGN_OFFICIALS_SHOWN]]


def _campaign_page(model: SiteModel, campaign: Campaign, names: dict[str, str], order: dict[str, int],
                   view: _Views) -> Page:
    articles = [model.article_by_slug[s] for s in reversed(campaign.article_slugs)]
    return Page(urls.campaign_url(campaign.slug), "campaign.html", {
        "campaign": campaign,
        "entries": [view(a) for a in articles],
        "chart": year_chart("bieu-do-phong-trao", (a.date for a in articles), "Số bài nhắc đến theo năm"),
        "localities": _choices([a.locality for a in articles]),
        "officials": _campaign_officials(model, campaign, names, order),
    })


def _home_page(model: SiteModel, config: SiteConfig, view: _Views) -> Page:
    latest = [view(a) for a in model.articles[: config.latest_count]]
    counts = {"articles": len(model.articles), "officials": len(model.officials), "campaigns": len(model.campaigns)}
    chart = year_chart("bieu-do-trang-chu", (a.date for a in model.articles), "Số bài theo năm")
    return Page(urls.HOME, "home.html", {"latest": latest, "counts": counts, "chart": chart})


def plan_article_pages(model: SiteModel, slugs: Iterable[str]) -> list[Page]:
    """The pages of some articles, exactly as plan_pages plans them (for a build in which only
    their text changed: render.render_text_edits)."""
    campaign_names = {c.slug: c.name for c in model.campaigns}
    view = _Views(model)
    return [_article_page(model, model.article_by_slug[slug], campaign_names, view)
            for slug in slugs if slug in model.article_by_slug]


def plan_pages(model: SiteModel, config: SiteConfig, kept: Collection[str] = frozenset()) -> list[Page]:
    """Every page of the site with its context, in a deterministic order; the pages of the
    articles in `kept` (unchanged_article_pages) without one, marked Page.kept."""
    names = {o.slug: o.name for o in model.officials}
    order = {o.slug: i for i, o in enumerate(model.officials)}
    campaign_names = {c.slug: c.name for c in model.campaigns}
    view = _Views(model)
    pages = [
        _home_page(model, config, view),
        *_timeline_pages(model, view),
        _officials_index(model),
        Page(urls.CAMPAIGNS, "campaigns.html", {"campaigns": [
            {"campaign": c, "url": urls.campaign_url(c.slug)} for c in model.campaigns]}),
        Page(urls.SEARCH, "search.html", {"filter_names": list(SEARCH_FILTERS.values())}),
        # GitHub Pages serves 404.html at any depth, where relative links break: link from the
        # root of the site's path instead (same origin, so the CSP and privacy still hold).
        Page(urls.NOT_FOUND, "404.html", {"link_base": urlsplit(config.base_url).path if config.base_url else ""}),
    ]
    pages += [Page(urls.article_url(a.slug), "article.html", {}, kept=True) if a.slug in kept
              else _article_page(model, a, campaign_names, view) for a in model.articles]
    pages += [_official_page(model, o, names) for o in model.officials]
    pages += [_campaign_page(model, c, names, order, view) for c in model.campaigns]
    return pages
