"""Render planned pages to HTML files with Jinja2 (autoescape, StrictUndefined).

Incremental and parallel: each page's fingerprint (theme + declared context, digest/cache.py)
is compared with the last build's; an unchanged page is hard-linked from the previous output
instead of rendered, and the pages left to render are spread over the cores (digest/workers.py).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError

from digest import urls
from digest.cache import Fingerprinter, PageRecord
from digest.config import SiteConfig
from digest.content import Article, display_path
from digest.errors import BuildFailed, SourceError
from digest.feeds import write_feeds
from digest.files import path_in, write_new_file
from digest.model import Campaign, Official, SiteModel
from digest.offline_search import article_entry_json, write_offline_index
from digest.pages import ArticleText, Entry, Page, plan_article_pages, plan_pages
from digest.paths import guard_output_paths
from digest.prelink import remove_stale_pages
from digest.search import search_view
from digest.templating import make_environment
from digest.workers import map_chunks


@dataclass(frozen=True)
class PreviousPages:
    """The last build's pages that may be reused: their records and the folder holding them."""

    records: Mapping[str, PageRecord]
    """Site-relative path -> record, as the last build wrote them."""
    folder: Path
    """The previous output folder (hard-link source)."""
    prelinked: bool = False
    """The staging folder already holds the previous pages as hard links (digest/prelink.py):
    an unchanged page is kept where it is, a changed one replaced, a stale one removed."""


@dataclass(frozen=True)
class RenderResult:
    """What render_site wrote."""

    records: dict[str, PageRecord]
    """Every page, by site-relative path, in plan order."""
    rendered: int
    """Pages rendered this time; the others were linked from the previous output."""
    offline_entries: dict[tuple, bytes] = field(default_factory=dict)
    """The offline-search records written (UTF-8 JSON), for the next build (OfflineEntries)."""
    offline_records: dict[str, bytes] = field(default_factory=dict)
    """Offline-search records (UTF-8 JSON) of the pages rendered this time, by page path
    (Page.offline_record)."""


class OfflineEntries:
    """make_entry for offline_search: reuses the last build's record of an unchanged article.

    A record is a pure function of the article (its file's digest, cache.content_digests) and its
    campaign names; rebuilding all of them took 4.8 s of every 10,000-article rebuild. The
    previous records are only offered when the theme (which covers the code) is unchanged;
    `fresh` holds the records the render workers made this build, by article page path."""

    def __init__(self, previous: Mapping[tuple, bytes], contents: Mapping[int, bytes],
                 fresh: Mapping[str, bytes] | None = None):
        self.previous, self.contents, self.fresh = previous, contents, fresh or {}
        self.entries: dict[tuple, bytes] = {}

    def __call__(self, article: Article, campaigns: list[str]) -> bytes:
        digest = self.contents.get(id(article))
        key = (digest, tuple(campaigns)) if digest else None
        entry = self.previous.get(key) if key else None
        if entry is None:
            entry = self.fresh.get(urls.article_url(article.slug)) or article_entry_json(article, campaigns)
        if key:
            self.entries[key] = entry
        return entry


LIGHT_TEMPLATES = frozenset({"article.html", "official.html"})
"""Page kinds of a few KB each; the others list many articles and take longer."""


@dataclass(frozen=True)
class _RenderJob:
    """What a render worker needs (inherited through fork, never pickled)."""

    env: Environment
    pages: Sequence[Page]
    config: SiteConfig
    out_dir: Path
    templates_dir: Path
    fingerprinter: Fingerprinter | None = None
    """Makes each page's fingerprint (in the worker that handles the page); None: no cache."""
    previous: PreviousPages | None = None
    """The last build's pages: a page whose fingerprint matches is linked, not rendered."""
    search_copies: Mapping[str, str] | None = None
    """Page path -> the folder (a search shard's scratch site) where the search indexer wants
    the page's copy for Pagefind (search.pagefind_copy); a page without one is fed whole."""


def _template_problem(exc: TemplateError, page: Page, templates_dir: Path) -> SourceError:
    """The template file and line a Jinja error comes from (Jinja puts template frames in the traceback)."""
    where, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith((".html", ".xml")):
            where, line = trace.tb_frame.f_code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    shown = display_path(Path(where)) if where else display_path(templates_dir / page.template)
    return SourceError(shown, line, f"{exc.message or type(exc).__name__} (rendering {page.path})",
                       "fix the template, or give the page that variable in digest/pages.py")


def render_page(env: Environment, page: Page, config: SiteConfig, templates_dir: Path | None = None) -> str:
    """Render one page to HTML text; a template error becomes BuildFailed naming file and line."""
    try:
        extra = page.derived(page.context) if page.derived else {}
        return env.get_template(page.template).render(site=config, page_path=page.path, urls=urls,
                                                      **page.context, **extra)
    except TemplateError as exc:
        raise BuildFailed([_template_problem(exc, page, templates_dir or Path("templates"))]) from None


def text_key(contents: Mapping[int, bytes], text: ArticleText) -> bytes:
    """What stands for an article's text in a fingerprint: its file's digest (the text is a
    pure function of the file and the code, and the code is in the theme), else the text's own."""
    known = contents.get(id(text.article))
    return b"file:" + known if known is not None else b"text:" + hashlib.sha1(text.article.body.encode()).digest()


def entry_key(entry: Entry) -> tuple:
    """What determines a list entry (pages._Views): its article, URL and each official link
    with the mention it shows, by position in the article's mentions (equal mentions show
    the same). Digesting it skips pickling every mention of 10,000 entries."""
    mentions = entry.article.officials
    return entry.article, entry.url, tuple((link["url"], mentions.index(link["mention"])) for link in entry.officials)


def official_key(official: Official) -> tuple:
    """Every field of an official, appearances as plain tuples (dates as day numbers): pickling
    30,000 Appearance dataclasses and their dates one by one (a class reference and a state
    dict each) was most of fingerprinting the 1,000 official pages."""
    return official.key, official.slug, official.name, tuple(
        (ap.article_slug, ap.date.toordinal(), ap.roles, ap.locality, ap.function) for ap in official.appearances)


def page_fingerprinter(theme: str, known: Mapping[int, tuple[bytes, Any]] | None = None,
                       contents: Mapping[int, bytes] | None = None) -> Fingerprinter:
    """The Fingerprinter of a build's pages (see render_site for `known` and `contents`):
    articles, officials and campaigns digested once per build however many pages show them,
    an article's text from its file's digest, list entries and officials from their keys."""
    return Fingerprinter(theme, known, records=(Article, Official, Campaign),
                         keys={ArticleText: functools.partial(text_key, contents or {}), Entry: entry_key,
                               Official: official_key})


def fingerprint_page(fingerprinter: Fingerprinter, page: Page) -> str:
    """A page's fingerprint: of its basis when it declares one, else of its context."""
    return fingerprinter.page(page.path, page.template, _fingerprinted(page), page.derived)


def _page_fingerprint(job: _RenderJob, index: int) -> str:
    """The page's fingerprint ("" without a cache: then it is always rendered)."""
    return fingerprint_page(job.fingerprinter, job.pages[index]) if job.fingerprinter else ""


def _render_one(job: _RenderJob, index: int, fingerprint: str,
                folders: set[str]) -> tuple[str, PageRecord, bytes | None]:
    """Render and write the page at `index`; its record (and offline-search record, if any)."""
    page = job.pages[index]
    data = render_page(job.env, page, job.config, job.templates_dir).encode("utf-8")
    target = path_in(job.out_dir, page.path, folders)
    stat = write_new_file(target, data)
    search, copy = search_view(data)
    if copy is not None and job.search_copies and page.path in job.search_copies:
        write_new_file(path_in(job.search_copies[page.path], page.path, folders), copy)
    return (page.path, PageRecord(fingerprint, hashlib.sha1(data).hexdigest(), stat.st_size, stat.st_mtime_ns, search),
            page.offline_record(page.context) if page.offline_record else None)


def _render_chunk(job: _RenderJob, indexes: Sequence[int]) -> list[tuple[str, PageRecord, bytes | None]]:
    """Render and write the pages at `indexes` whatever their fingerprints; return their records."""
    folders: set[str] = set()
    return [_render_one(job, index, _page_fingerprint(job, index), folders) for index in indexes]


def _page_chunk(job: _RenderJob, indexes: Sequence[int]) -> list[tuple[str, PageRecord, bytes | None, bool]]:
    """Worker: fingerprint each page at `indexes`; link it from the previous output when the
    fingerprint is the last build's (and the file there untouched), else render it. Returns
    (path, record, offline-search record, rendered?) per page.

    One pass on both cores: fingerprinting everything first, then linking in the parent, then
    rendering was three passes, one of them on one core. The Fingerprinter is made fresh for
    each build; each forked worker fills its own copy of its record memo."""
    done: list[tuple[str, PageRecord, bytes | None, bool]] = []
    folders: set[str] = set()
    for index in indexes:
        page = job.pages[index]
        fingerprint = _page_fingerprint(job, index)
        if job.previous is not None and _reusable(page, fingerprint, job.previous):
            try:
                done.append((page.path, _keep(page.path, job.previous, job.out_dir, folders), None, False))
                continue
            except OSError:  # the previous file vanished since it was checked: render it
                pass
        done.append((*_render_one(job, index, fingerprint, folders), True))
    return done


def _fingerprinted(page: Page) -> Any:
    """What a page's fingerprint digests: its basis when it declares one, else its context."""
    return ("basis", page.basis) if page.basis is not None else page.context


def _reusable(page: Page, fingerprint: str, previous: PreviousPages) -> bool:
    """Whether an unchanged page can be linked from the previous output (same fingerprint, and
    the file there is still the one the last build wrote)."""
    old = previous.records.get(page.path)
    if old is None or not fingerprint or old.fingerprint != fingerprint:
        return False
    return _unchanged_in(previous, page.path)


def _keep(path: str, previous: PreviousPages, out_dir: Path, folders: set[str]) -> PageRecord:
    """Keep an unchanged page: hard-link it from the previous output (unless the staging
    folder was prelinked with it); its old record."""
    if not previous.prelinked:
        os.link(os.path.join(previous.folder, path), path_in(out_dir, path, folders))
    return previous.records[path]


def _render_order(pages: Sequence[Page]) -> list[list[int]]:
    """The pages to render or check (all but the kept ones), as batches run one after another.

    Listing pages (a campaign page lists thousands of articles) before the light ones: the
    long ones must not be the last chunk, where one worker would render them while the other
    waits. In a rebuild that keeps most pages (Page.kept), the article pages left go first, in
    a batch of their own: their search shard starts as soon as they are written, and Pagefind
    re-indexing it is the longest part of such a rebuild."""
    order = sorted((i for i, page in enumerate(pages) if not page.kept),
                   key=lambda i: pages[i].template in LIGHT_TEMPLATES)
    if len(order) == len(pages):
        return [order]
    return [[i for i in order if pages[i].template == "article.html"],
            [i for i in order if pages[i].template != "article.html"]]


def render_pages(pages: Sequence[Page], job: _RenderJob, workers: int,
                 progress: Callable[[str, int, int], None] | None = None,
                 on_page: Callable[[str, PageRecord], None] | None = None,
                 kept: Mapping[str, PageRecord] | None = None) -> RenderResult:
    """Link unchanged pages from the previous output (job.previous) and render the rest, on
    `workers` cores. `kept`: the records of the pages planned as kept (Page.kept), already in
    place (keep_unchanged). `on_page(path, record)` is called as each page is in place."""
    kept = kept or {}
    for path, record in kept.items() if on_page else ():
        on_page(path, record)
    batches = _render_order(pages)
    total = len(kept) + sum(map(len, batches))
    if progress:
        progress("render", len(kept), total)

    def chunk_done(chunk: list[tuple[str, PageRecord, bytes | None, bool]]) -> None:
        for path, record, _, _ in chunk if on_page else ():
            on_page(path, record)

    results: list[tuple[str, PageRecord, bytes | None, bool]] = []
    for batch in batches:
        before = len(kept) + len(results)
        results += map_chunks(_page_chunk, job, batch, workers,
                              lambda done, before=before: progress("render", before + done, total) if progress else None,
                              each=chunk_done)
    found = {**kept, **{path: record for path, record, _, _ in results}}
    return RenderResult({page.path: found[page.path] for page in pages}, sum(1 for *_, rendered in results if rendered),
                        offline_records={path: entry for path, _, entry, _ in results if entry is not None})


def keep_unchanged(pages: Sequence[Page], previous: PreviousPages, out_dir: Path) -> dict[str, PageRecord] | None:
    """Put the pages planned as kept (Page.kept) in place (linked from the previous output,
    unless the staging folder was prelinked); their records. None when one cannot be kept (a
    page of the previous output was changed or removed by hand): then the caller plans every
    page in full."""
    folders: set[str] = set()
    records = {}
    for page in pages:
        if not page.kept:
            continue
        if page.path not in previous.records or not _unchanged_in(previous, page.path):
            return None
        try:
            records[page.path] = _keep(page.path, previous, out_dir, folders)
        except OSError:  # vanished since it was checked
            return None
    return records


def _unchanged_in(previous: PreviousPages, path: str) -> bool:
    """Whether the previous output still holds the page as the last build wrote it."""
    old = previous.records[path]
    try:
        stat = os.stat(os.path.join(previous.folder, path))
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (old.size, old.mtime_ns)


def render_text_edits(model: SiteModel, slugs: Collection[str], job: _RenderJob, previous: PreviousPages,
                      on_page: Callable[[str, PageRecord], None] | None = None,
                      progress: Callable[[str, int, int], None] | None = None) -> RenderResult | None:
    """When only the text of some articles changed: render their pages, link every other page.

    Why it is exact: the pages listing an article depend on its metadata only (cache.
    article_digests), and no metadata changed, so the model is the last build's but for those
    articles' bodies; only the articles' own pages show a body. Skipping the plan and the
    fingerprints of 11,000 pages is most of an edit rebuild. None (nothing written) when a
    page of the previous output was changed by hand: the caller then takes the whole path."""
    pages = {page.path: page for page in plan_article_pages(model, slugs)}
    if not all(path in previous.records for path in pages) or \
            not all(_unchanged_in(previous, path) for path in previous.records if path not in pages):
        return None
    if progress:
        progress("render", 0, len(previous.records))
    # The edited pages first: their search shard starts as soon as its other pages are linked.
    listed = list(pages.values())
    results = _render_chunk(dataclasses.replace(job, pages=listed), range(len(listed)))
    rendered = {path: record for path, record, _ in results}
    records: dict[str, PageRecord] = {}
    folders: set[str] = {os.path.dirname(os.path.join(job.out_dir, path)) for path in rendered}
    for path in previous.records:
        records[path] = rendered[path] if path in rendered else _keep(path, previous, job.out_dir, folders)
        if on_page:
            on_page(path, records[path])
    if progress:
        progress("render", len(records), len(records))
    return RenderResult(records, len(results),
                        offline_records={path: entry for path, _, entry in results if entry is not None})


def render_site(model: SiteModel, config: SiteConfig, templates_dir: Path, static_dir: Path, out_dir: Path,
                progress: Callable[[str, int, int], None] | None = None, *, previous: PreviousPages | None = None,
                theme: str = "", workers: int = 1, known: Mapping[int, tuple[bytes, Any]] | None = None,
                contents: Mapping[int, bytes] | None = None,
                cache_dir: Path | None = None, offline: Mapping[tuple, bytes] | None = None,
                on_page: Callable[[str, PageRecord], None] | None = None,
                text_edits: Collection[str] | None = None,
                search_copies: Mapping[str, str] | None = None, kept: Collection[str] = ()) -> RenderResult | None:
    """Write every page, the static assets and the feeds into out_dir.

    Pages whose fingerprint (theme + context) matches `previous` are linked, not rendered;
    `known` seeds the fingerprint memo (cache.article_digests), `contents` has each article's
    file digest (cache.content_digests); `offline` holds the last
    build's offline-search records (only when its theme is this build's).
    `progress("render", done, total)` is called as pages are written (the CLI draws a bar), and
    `on_page(path, record)` as each page is in place (the search indexer starts shards with it).
    `text_edits`: slugs of the only articles that changed, and only in their text (the caller
    checked their metadata digests): see render_text_edits; None (nothing written) when that
    path cannot be taken, and the caller renders again without `text_edits`.
    `search_copies`: where rendered pages' copies for Pagefind go (ShardIndexer.copies).
    `kept`: slugs of the articles whose pages are provably the previous build's (pages.
    unchanged_article_pages): kept without planning or fingerprinting them."""
    fingerprinter = page_fingerprinter(theme, known, contents) if theme else None
    environment = make_environment(templates_dir, cache_dir)
    if text_edits is not None:
        if previous is None or fingerprinter is None:
            return None
        job = _RenderJob(environment, [], config, out_dir, templates_dir, fingerprinter, search_copies=search_copies)
        result = render_text_edits(model, text_edits, job, previous, on_page, progress)
        if result is None:
            return None
    else:
        pages = plan_pages(model, config, kept if previous is not None and fingerprinter is not None else ())
        guard_output_paths(pages)  # no page overwrites another or escapes out_dir (digest/paths.py)
        records = keep_unchanged(pages, previous, out_dir) if previous is not None else {}
        if records is None:  # the same paths, each with its context
            pages, records = plan_pages(model, config), {}
        job = _RenderJob(environment, pages, config, out_dir, templates_dir, fingerprinter, previous, search_copies)
        result = render_pages(pages, job, workers, progress, on_page, records)
    if previous is not None and previous.prelinked:
        remove_stale_pages(out_dir, previous.records, result.records)
    if static_dir.is_dir():
        shutil.copytree(static_dir, out_dir / "assets", dirs_exist_ok=True)
    (out_dir / ".nojekyll").write_text("", encoding="utf-8")
    write_feeds(model, config, list(result.records), out_dir)
    entries = OfflineEntries(offline or {}, contents or {}, result.offline_records)
    write_offline_index(model, out_dir, entries)
    return RenderResult(result.records, result.rendered, entries.entries)
