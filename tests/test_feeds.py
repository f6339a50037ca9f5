import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from digest.config import load_config
from digest.content import load_articles
from digest.feeds import build_feed, build_sitemap
from digest.model import build_model
from tests.conftest import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
READER = FIXTURES / "sites" / "reader"


def _model_and_config(base_url: str | None = None):
    config = load_config(READER / "site.yaml")
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url)
    articles, _ = load_articles(READER / "content")
    return build_model(articles, config), config


def test_feed_carries_the_latest_feed_count_articles_newest_first():
    model, config = _model_and_config()
    feed = ET.fromstring(build_feed(model, config))
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == config.feed_count == 4
    assert titles[0] == "Sơ kết công tác dân vận 6 tháng đầu năm 2022"
    assert titles[-1] == "Tổng kết công tác dân vận năm 2019 & triển khai nhiệm vụ <năm 2020>"


def test_feed_has_the_elements_atom_requires():
    model, config = _model_and_config()
    feed = ET.fromstring(build_feed(model, config))
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
    assert feed.find(f"{ATOM}updated").text == "2022-07-01T15:15:00+07:00"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"


def test_feed_links_are_absolute_under_base_url():
    model, config = _model_and_config()
    feed = ET.fromstring(build_feed(model, config))
    self_link = [lk for lk in feed.findall(f"{ATOM}link") if lk.get("rel") == "self"][0]
    assert self_link.get("href") == "https://example.github.io/dan-van/feed.xml"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == \
        "https://example.github.io/dan-van/bai-viet/2022-06-30-so-ket-ha-giang.html"
    assert entry.find(f"{ATOM}id").text == entry.find(f"{ATOM}link").get("href")


def test_feed_without_base_url_uses_relative_links_and_uuid_ids():
    model, config = _model_and_config(base_url="")
    feed = ET.fromstring(build_feed(model, config))
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "bai-viet/2022-06-30-so-ket-ha-giang.html"
    assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")


def test_feed_escapes_markup_in_titles():
    model, config = _model_and_config()
    raw = build_feed(model, config).decode("utf-8")
    assert "&amp; triển khai nhiệm vụ &lt;năm 2020&gt;" in raw
    assert "<năm 2020>" not in raw


def test_sitemap_lists_absolute_urls_of_every_page_but_404():
    xml = build_sitemap("https://example.github.io/dan-van/", ["index.html", "404.html", "can-bo/index.html",
                                                                "bai-viet/a&b.html"])
    locs = [u.find(f"{SITEMAP}loc").text for u in ET.fromstring(xml).findall(f"{SITEMAP}url")]
    assert locs == ["https://example.github.io/dan-van/bai-viet/a&b.html",
                    "https://example.github.io/dan-van/can-bo/",
                    "https://example.github.io/dan-van/"]
    assert b"a&amp;b.html" in xml


def test_build_writes_feed_always_and_sitemap_only_with_base_url(tmp_path: Path):
    from tests.conftest import build, copy_site

    root = copy_site("reader", tmp_path)
    build(root, search=False)
    assert (root / "output" / "feed.xml").exists() and (root / "output" / "sitemap.xml").exists()
    text = (root / "site.yaml").read_text(encoding="utf-8").replace("base_url: https://example.github.io/dan-van/",
                                                                     'base_url: ""')
    (root / "site.yaml").write_text(text, encoding="utf-8")
    build(root, search=False)
    assert (root / "output" / "feed.xml").exists() and not (root / "output" / "sitemap.xml").exists()
