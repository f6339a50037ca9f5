"""Hostile content (tests/fixtures/sites/hostile): every page, the feed, the sitemap and the
offline index show the attacks as text; nothing can run; colliding names keep their own pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.config import load_config
from digest.content import load_articles
from tests.conftest import REPO, build, copy_site, write_article
from tests.sitecheck import CSP, html_pages, parse_html, parse_site, unsafe_markup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TITLE = "<script>alert(\"title\")</script> Giao ban \"dân vận\" & 'quý I' &amp; &lt;b&gt;"
NAME = "Nguyễn Văn An\"><img src=x onerror=alert('name')>"
CAMPAIGN = "<img src=x onerror=alert('campaign')>"
HOSTILE_ARTICLE = "bai-viet/2023-03-01-script-everywhere.html"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The hostile fixture site, built once (Pagefind included) for every test here."""
    root = copy_site("hostile", tmp_path_factory.mktemp("hostile"))
    build(root)
    return root


def page(root: Path, path: str):
    return parse_html(root / "output" / path)


def output_file(root: Path, path: str) -> Path:
    """A generated file that another stage owns; skip until that stage writes it."""
    target = root / "output" / path
    if not target.exists():
        pytest.skip(f"{path} is not written by this build yet")
    return target


def test_every_page_carries_the_csp_and_no_injected_markup(hostile: Path):
    pages = parse_site(hostile / "output")
    assert len(pages) >= 15
    for path, parsed in pages.items():
        assert [el.attrs["content"] for el in parsed.elements if el.attrs.get("http-equiv") == "Content-Security-Policy"] \
            == [CSP], path
        assert unsafe_markup(parsed) == [], path


def test_csp_allows_only_own_scripts_and_webassembly():
    script_src = dict(d.strip().split(" ", 1) for d in CSP.split(";"))["script-src"]
    assert script_src == "'self' 'wasm-unsafe-eval'"
    assert "unsafe-inline" not in CSP and "unsafe-eval'" not in CSP.replace("wasm-unsafe-eval'", "")


def test_article_page_shows_every_hostile_field_as_text(hostile: Path):
    parsed = page(hostile, HOSTILE_ARTICLE)
    assert parsed.texts["h1"] == [TITLE]
    assert parsed.texts["title"][0].startswith(TITLE)
    links = parsed.texts["a"]
    assert NAME in links and CAMPAIGN in links and "</script><script>alert('c2')</script>" in links
    html = (hostile / "output" / HOSTILE_ARTICLE).read_text(encoding="utf-8")
    for shown in ("&lt;img src=x onerror=alert(&#39;locality&#39;)&gt;", "&lt;script&gt;alert(&#39;role&#39;)",
                  "&lt;script&gt;alert('body')&lt;/script&gt;", "&lt;svg/onload=alert('svg')&gt;",
                  "&lt;b onmouseover=alert(&#39;author&#39;)&gt;", "{{ 7*7 }}", "{% raw %}"):
        assert shown in html


def test_markdown_links_to_script_and_data_urls_stay_text(hostile: Path):
    parsed = page(hostile, HOSTILE_ARTICLE)
    hrefs = [el.attrs.get("href") or "" for el in parsed.elements if el.tag == "a"]
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.IGNORECASE)]
    assert "https://example.com" in hrefs  # the one legitimate Markdown link is kept
    assert not [el for el in parsed.elements if el.tag == "img"]


@pytest.mark.parametrize(("path", "expected"), [
    ("index.html", TITLE), ("dong-thoi-gian/2023.html", TITLE), ("can-bo/index.html", NAME),
    ("phong-trao/index.html", CAMPAIGN)])
def test_lists_show_hostile_names_as_link_text(hostile: Path, path: str, expected: str):
    assert expected in page(hostile, path).texts["a"]


def test_official_and_campaign_pages_have_the_hostile_name_as_heading(hostile: Path):
    out = hostile / "output"
    official = next(p for p in (out / "can-bo").glob("nguyen-van-an*.html"))
    campaign = next(p for p in (out / "phong-trao").glob("img-src-x-onerror*.html"))
    assert parse_html(official).texts["h1"] == [NAME]
    assert parse_html(campaign).texts["h1"] == [CAMPAIGN]


def test_names_with_one_slug_get_their_own_pages(hostile: Path):
    out = hostile / "output" / "can-bo"
    headings = {p.name: parse_html(p).texts["h1"][0] for p in out.glob("*.html") if p.name != "index.html"}
    for one, other in (("Dương Văn Minh", "Đường Văn Minh"), ("Hùng Văn Tư", "Hưng Văn Tư")):
        files = sorted((name for name, h1 in headings.items() if h1 in (one, other)), key=len)
        assert len(files) == 2 and {headings[f] for f in files} == {one, other}
        assert files[0].removesuffix(".html") in files[1]  # "duong-van-minh" and "duong-van-minh-<hash>"


def test_case_variants_of_one_name_are_one_person(hostile: Path):
    pages = [p for p in (hostile / "output" / "can-bo").glob("nguyen-van-an*.html")]
    assert len(pages) == 1
    assert "Xuất hiện trong 2 bài" in pages[0].read_text(encoding="utf-8")


def test_colliding_urls_do_not_shift_when_newer_articles_arrive(hostile: Path, tmp_path: Path):
    before = sorted(p.name for p in (hostile / "output" / "can-bo").glob("*.html"))
    root = copy_site("hostile", tmp_path)
    write_article(root / "content", "2024/2024-01-01-moi.md",
                  "title: Mới\ndate: 2024-01-01\nofficials: [Hưng Văn Tư, Đường Văn Minh, Hùng Văn Tư]")
    build(root, search=False)
    assert sorted(p.name for p in (root / "output" / "can-bo").glob("*.html")) == before


def test_every_planned_page_is_its_own_file(hostile: Path):
    from digest.model import build_model
    from digest.pages import plan_pages

    config = load_config(hostile / "site.yaml", "site.yaml")
    articles, _ = load_articles(hostile / "content")
    paths = [p.path for p in plan_pages(build_model(articles, config), config)]
    assert len(paths) == len(set(paths))
    assert {p for p in paths if p.endswith(".html")} <= {
        p.relative_to(hostile / "output").as_posix() for p in html_pages(hostile / "output")}


def _titles(root: Path) -> set[str]:
    return {a.title for a in load_articles(root / "content")[0]}


def test_atom_feed_parses_and_round_trips_hostile_titles(hostile: Path):
    feed = ET.parse(output_file(hostile, "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert {e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")} == _titles(hostile)
    for link in feed.iter(f"{ATOM}link"):
        assert link.get("href", "").startswith("https://example.github.io/dan-van/")


def test_sitemap_parses_and_lists_only_site_addresses(hostile: Path):
    sitemap = ET.parse(output_file(hostile, "sitemap.xml")).getroot()
    locations = [loc.text or "" for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"https://example.github.io/dan-van/{HOSTILE_ARTICLE}" in locations
    assert all(loc.startswith("https://example.github.io/dan-van/") and "<" not in loc for loc in locations)


def _offline_records(text: str) -> list[dict]:
    prefix, _, payload = text.partition("= ")
    assert prefix.startswith("window.") and payload.rstrip().endswith(";")
    return json.loads(payload.rstrip().removesuffix(";"))


def test_offline_index_keeps_hostile_text_as_json_data(hostile: Path):
    text = output_file(hostile, "assets/search-index.js").read_text(encoding="utf-8")
    assert not re.search(r"</script|<!--", text, re.IGNORECASE)
    assert "\u2028" not in text and "\u2029" not in text
    assert {r["t"] for r in _offline_records(text)} == _titles(hostile)


def test_offline_index_escapes_script_end_and_line_separators():
    offline = pytest.importorskip("digest.offline_search")
    tricky = [{"t": "</script><script>alert(1)</script>", "x": "a\u2028b\u2029c <!-- d"}]
    text = offline.render_offline_index(tricky)
    assert not re.search(r"</script|<!--", text, re.IGNORECASE)
    assert "\u2028" not in text and "\u2029" not in text
    assert _offline_records(text) == tricky
    node = shutil.which("node")
    if node:  # the file is JavaScript: evaluate it as a browser would
        script = text + "process.stdout.write(JSON.stringify(window." + text.split("=")[0].split(".")[1].strip() + "));"
        result = subprocess.run([node, "-e", "var window = {};" + script], capture_output=True, text=True, timeout=60)
        assert json.loads(result.stdout) == tricky


INLINE_SCRIPT_PATTERN = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_PATTERN = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("template", sorted(p.name for p in (REPO / "templates").glob("*.html")))
def test_templates_have_no_inline_scripts_handlers_or_script_urls(template: str):
    text = (REPO / "templates" / template).read_text(encoding="utf-8")
    assert not INLINE_SCRIPT_PATTERN.search(text)
    assert not HANDLER_PATTERN.search(text)
    assert "javascript:" not in text.lower()
    assert "|safe" not in text.replace(" ", "") or template == "article.html"  # only the rendered Markdown body
