"""The Atom feed of the latest articles and the sitemap, built as XML trees (never by pasting text).

ElementTree escapes every text and attribute, so a title with "&" or "<" stays well-formed.
The sitemap needs absolute URLs, so it is written only when site.yaml (or the build) gives a
base_url; the feed always exists, with links relative to itself when there is no base_url.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from digest import urls
from digest.config import SiteConfig
from digest.content import Article
from digest.model import SiteModel
from digest.offline_search import lead, plain_text

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
TIMEZONE = "+07:00"
"""Event days and publishing times are Vietnamese local time (ICT)."""
SUMMARY_CHARS = 400


def _timestamp(article: Article) -> str:
    """RFC 3339 time of an article: its publishing time when known, else its event day."""
    if article.published and len(article.published) >= 16:
        return article.published[:10] + "T" + article.published[11:16] + ":00" + TIMEZONE
    return (article.published or article.date.isoformat())[:10] + "T00:00:00" + TIMEZONE


def _link(config: SiteConfig, path: str) -> str:
    """Absolute URL under base_url, or the path relative to the feed (at the site root)."""
    return urls.absolute_url(config.base_url, path) if config.base_url else path


def _entry_id(config: SiteConfig, path: str) -> str:
    """A permanent IRI: the page URL when the site has one, else a name-based UUID URN."""
    if config.base_url:
        return urls.absolute_url(config.base_url, path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"digest:{config.title}:{path}").urn


def _child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    element.text = text
    return element


def _feed_entry(feed: ET.Element, config: SiteConfig, article: Article) -> None:
    path = urls.article_url(article.slug)
    entry = _child(feed, "entry")
    _child(entry, "title", article.title)
    _child(entry, "id", _entry_id(config, path))
    _child(entry, "link", rel="alternate", type="text/html", href=_link(config, path))
    _child(entry, "updated", _timestamp(article))
    for name in article.authors:
        _child(_child(entry, "author"), "name", name)
    for term in filter(None, (article.kind, article.locality)):
        _child(entry, "category", term=term)
    _child(entry, "summary", lead(plain_text(article.body), SUMMARY_CHARS))


def build_feed(model: SiteModel, config: SiteConfig) -> bytes:
    """Atom 1.0 document of the latest `feed_count` articles (newest event first)."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": config.language})
    latest = model.articles[: config.feed_count]
    _child(feed, "title", config.title)
    if config.description:
        _child(feed, "subtitle", config.description)
    _child(feed, "id", _entry_id(config, urls.HOME))
    _child(feed, "link", rel="self", type="application/atom+xml", href=_link(config, urls.FEED))
    _child(feed, "link", rel="alternate", type="text/html", href=_link(config, urls.HOME))
    _child(feed, "updated", max((_timestamp(a) for a in latest), default="1970-01-01T00:00:00Z"))
    _child(_child(feed, "author"), "name", config.title)
    for article in latest:
        _feed_entry(feed, config, article)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def build_sitemap(base_url: str, page_paths: Iterable[str]) -> bytes:
    """sitemaps.org document listing every page but the 404 page, as absolute URLs."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path in sorted(set(page_paths) - {urls.NOT_FOUND}):
        ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc").text = \
            urls.absolute_url(base_url, path)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feeds(model: SiteModel, config: SiteConfig, page_paths: Iterable[str], out_dir: Path) -> None:
    """Write feed.xml always, and sitemap.xml when the site has a base_url."""
    (out_dir / urls.FEED).write_bytes(build_feed(model, config))
    if config.base_url:
        (out_dir / urls.SITEMAP).write_bytes(build_sitemap(config.base_url, page_paths))
