"""Plan every page of the site: its output path, template and declared context.

Each page kind gets a small context of its own (never the whole model), so a template can
only use what its page is about and the incremental build can tell what a page depends on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markdown_it import MarkdownIt

from digest import urls
from digest.config import SiteConfig
from digest.content import Article
from digest.model import SiteModel
from digest.vietnamese import fold_diacritics


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template, and its declared context."""

    path: str
    """Site-relative output path, e.g. "bai-viet/x.html"."""
    template: str
    """Template file name under templates/."""
    context: dict[str, Any]
    """Exactly the variables this page kind uses (plus `site` and `page_path`)."""


def make_markdown() -> MarkdownIt:
    """CommonMark with raw HTML off: an article cannot inject markup."""
    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def search_folding(article: Article) -> str:
    """Words containing đ/Đ written without it, so a diacritic-free query finds them.

    Pagefind folds tone marks but not đ (it has no Unicode decomposition): "dang" would
    not find "Đảng". Indexing the folded words alongside the text closes that gap."""
    text = " ".join((article.title, article.body, *(o.name for o in article.officials), *article.campaigns))
    words = {w for w in text.split() if "đ" in w.lower()}
    return " ".join(sorted(fold_diacritics(w).strip(".,;:!?\"'()“”") for w in words))


def _article_view(model: SiteModel, article: Article) -> dict[str, Any]:
    """The facts an article entry shows anywhere (lists, timeline, official pages)."""
    return {"article": article, "url": urls.article_url(article.slug)}


def _article_page(model: SiteModel, article: Article, md: MarkdownIt) -> Page:
    officials = [
        {"mention": m, "url": urls.official_url(slug)}
        for m, slug in zip(article.officials, model.official_slugs[article.slug], strict=False)
    ]
    campaign_by_slug = {c.slug: c for c in model.campaigns}
    campaigns = [{"campaign": campaign_by_slug[s], "url": urls.campaign_url(s)} for s in model.campaign_slugs[article.slug]]
    return Page(urls.article_url(article.slug), "article.html", {
        "article": article,
        "body_html": md.render(article.body),
        "officials": officials,
        "campaigns": campaigns,
        "search_folding": search_folding(article),
    })


def _timeline_groups(model: SiteModel) -> list[dict[str, Any]]:
    """Years (newest first) -> months -> article entries."""
    years = []
    for year, in_year in groupby(model.articles, key=lambda a: a.date.year):
        months = [{"month": month, "entries": [_article_view(model, a) for a in in_month]}
                  for month, in_month in groupby(in_year, key=lambda a: a.date.month)]
        years.append({"year": year, "months": months, "count": sum(len(m["entries"]) for m in months)})
    return years


def _official_pages(model: SiteModel) -> list[Page]:
    pages = []
    for official in model.officials:
        appearances = [{"appearance": ap, **_article_view(model, model.article_by_slug[ap.article_slug])}
                       for ap in reversed(official.appearances)]
        pages.append(Page(urls.official_url(official.slug), "official.html",
                          {"official": official, "appearances": appearances}))
    return pages


def _campaign_pages(model: SiteModel) -> list[Page]:
    pages = []
    for campaign in model.campaigns:
        entries = [_article_view(model, model.article_by_slug[s]) for s in reversed(campaign.article_slugs)]
        localities = sorted({e["article"].locality for e in entries if e["article"].locality})
        pages.append(Page(urls.campaign_url(campaign.slug), "campaign.html",
                          {"campaign": campaign, "entries": entries, "localities": localities}))
    return pages


def plan_pages(model: SiteModel, config: SiteConfig) -> list[Page]:
    """Every page of the site with its context, in a deterministic order."""
    md = make_markdown()
    latest = [_article_view(model, a) for a in model.articles[: config.latest_count]]
    counts = {"articles": len(model.articles), "officials": len(model.officials), "campaigns": len(model.campaigns)}
    official_index = defaultdict(list)
    for official in model.officials:
        official_index[official.name.split()[-1][:1].upper()].append(
            {"official": official, "url": urls.official_url(official.slug)})
    pages = [
        Page(urls.HOME, "home.html", {"latest": latest, "counts": counts}),
        Page(urls.TIMELINE, "timeline.html", {"years": _timeline_groups(model)}),
        Page(urls.OFFICIALS, "officials.html", {"letters": list(official_index.items())}),
        Page(urls.CAMPAIGNS, "campaigns.html", {"campaigns": [
            {"campaign": c, "url": urls.campaign_url(c.slug)} for c in model.campaigns]}),
        Page(urls.SEARCH, "search.html", {}),
        Page(urls.NOT_FOUND, "404.html", {}),
    ]
    pages += [_article_page(model, a, md) for a in model.articles]
    pages += _official_pages(model)
    pages += _campaign_pages(model)
    return pages
