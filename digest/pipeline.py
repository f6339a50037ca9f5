"""The build as a flat list of stage calls: config -> articles -> model -> pages -> search index.

Everything is validated before output/ is touched; pages and the index are written into a
staging folder that replaces output/ only when every stage succeeded (an atomic exchange
of the two folders on Linux). The cache (digest/cache.py) makes every stage incremental.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import errno
import functools
import gc
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from digest import urls
from digest.cache import (
    BuildState,
    SourceRecord,
    article_digests,
    cache_folder,
    code_digest,
    content_digests,
    folder_inode,
    input_stamp,
    load_stamp,
    load_state,
    read_sources,
    save_state,
    scan_tree,
    theme_fingerprint,
    unchanged_articles,
)
from digest.checks import check_campaigns
from digest.config import SiteConfig, load_config
from digest.content import collect_articles, display_path, load_articles, require_content_dir
from digest.errors import SourceError
from digest.model import build_model, model_links, relink_model
from digest.pages import unchanged_article_pages
from digest.prelink import finish_prelink, prelink_names, start_prelink, stop_prelink
from digest.render import PreviousPages, render_site
from digest.search import (
    SHARD_MAX,
    SINGLE_INDEX_MAX,
    SearchPlan,
    SearchResult,
    ShardIndexer,
    group_shards,
    pagefind_command,
    pagefind_version,
)
from digest.workers import default_workers


@dataclass(frozen=True)
class BuildOptions:
    """Where things are and what to include."""

    root: Path
    """Project folder holding site.yaml and templates/ (and the build cache in .cache/)."""
    content_dir: Path
    """Folder of article Markdown files."""
    output_dir: Path
    """Folder that receives the site."""
    drafts: bool = False
    """Include `draft: true` articles."""
    search: bool = True
    """Run Pagefind after rendering."""
    progress: Callable[[str, int, int], None] | None = None
    """Called as progress(stage, done, total) while a build runs, so the CLI can draw a bar."""
    full: bool = False
    """Ignore the cache: re-read, re-render and re-index everything (the cache is refreshed)."""
    workers: int | None = None
    """Processes for reading and rendering (None: every core). The output does not depend on it."""
    pagefind: tuple[str, ...] | None = None
    """Pagefind command prefix (None: the binary from the `pagefind[bin]` wheel)."""
    base_url: str | None = None
    """Replaces site.yaml's base_url (the Pages workflow passes the published address)."""
    single_index_max: int = SINGLE_INDEX_MAX
    """Up to this many articles, one search index; above, shards by year and half-year (digest/search.py)."""
    shard_max: int = SHARD_MAX
    """Articles of one year above which its search shard is split (see digest/search.py)."""


def _load_config(options: BuildOptions, site_yaml: Path) -> SiteConfig:
    """site.yaml, with the base URL given on the command line (if any) in place of its own."""
    config = load_config(site_yaml, display_path(site_yaml))
    if options.base_url is None:
        return config
    base = options.base_url.strip()
    return dataclasses.replace(config, base_url=base if not base or base.endswith("/") else base + "/")


def _no_progress(stage: str, done: int, total: int) -> None:
    """Default progress callback: builds run silently unless the caller wants to show them."""


PROJECT_DIR = Path(__file__).resolve().parent.parent
"""The repository: its templates/ and static/ serve sites that have none of their own."""


def theme_dir(root: Path, name: str) -> Path:
    """root/<name> when the site has one, else the project's own (templates/ or static/)."""
    own = root / name
    return own if own.is_dir() else PROJECT_DIR / name


@dataclass(frozen=True)
class BuildReport:
    """What a successful build did."""

    pages: int
    """HTML pages written."""
    articles: int
    """Articles on the site."""
    warnings: tuple[SourceError, ...]
    """Problems that did not stop the build."""
    seconds: float
    """Wall time of the whole build."""
    rendered: int = 0
    """Pages rendered by this build (the others were reused from the previous output)."""
    indexed_shards: int = 0
    """Search shards (years) indexed by this build (the others were reused)."""
    timings: tuple[tuple[str, float], ...] = ()
    """Seconds per stage ("read", "model", "render", "save" (the cache), "index" (what Pagefind had
    left after rendering), "publish")."""
    unchanged: bool = False
    """Nothing had changed since the last build: output/ was left as it was."""


def check_site(options: BuildOptions) -> list[SourceError]:
    """Run every validation without writing anything; return warnings (raise BuildFailed on errors)."""
    config = _load_config(options, options.root / "site.yaml")
    articles, warnings = load_articles(options.content_dir, drafts=options.drafts)
    return warnings + check_campaigns(articles, config)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    at_cwd, rename_exchange = -100, 2
    if function(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _previous_path(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.previous")


def recover_interrupted_swap(output_dir: Path) -> None:
    """Put the previous site back if a crash fell between the two renames of the fallback swap."""
    previous = _previous_path(output_dir)
    if previous.is_dir() and not output_dir.exists():
        previous.rename(output_dir)
    shutil.rmtree(previous, ignore_errors=True)


def discard_folder(folder: Path) -> None:
    """Remove a replaced site without waiting: rename it aside, delete it in a detached `rm`.

    Why: 10,000 articles make ~31,000 files; unlinking them took 3 s of every rebuild here.
    A leftover (`rm` missing or killed) is a dot-folder removed by the next build."""
    trash = folder if ".trash-" in folder.name else \
        folder.with_name(f"{folder.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
    if trash != folder:
        folder.rename(trash)
    # At the lowest CPU priority: the next build (often seconds later in `serve`) must not
    # share the two cores with unlinking 30,000 names.
    polite = ["nice", "-n", "19"] if shutil.which("nice") else []
    try:
        subprocess.Popen([*polite, "rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


def remove_trash(output_dir: Path) -> None:
    """Delete, again in the background, replaced sites whose `rm` was killed or is still running."""
    for leftover in output_dir.parent.glob(f".{output_dir.name}.staging.trash-*"):
        discard_folder(leftover)


def swap_into_place(staging: Path, output_dir: Path) -> None:
    """Make staging the output: an atomic exchange where the OS has one, else two renames
    (then recover_interrupted_swap repairs a crash in between at the next build)."""
    if output_dir.exists() and _exchange(staging, output_dir):
        discard_folder(staging)  # now the old site
        return
    previous = _previous_path(output_dir)
    shutil.rmtree(previous, ignore_errors=True)
    if output_dir.exists():
        output_dir.rename(previous)
    staging.rename(output_dir)
    shutil.rmtree(previous, ignore_errors=True)


@dataclass(frozen=True)
class _Inputs:
    """Where a build reads from and keeps its cache."""

    templates: Path
    static: Path
    site_yaml: Path
    cache: Path
    settings: tuple


def _inputs(options: BuildOptions) -> _Inputs:
    # Pagefind's version too: after an upgrade the search bundles (and its UI files) are new.
    settings = (options.drafts, options.search, str(options.content_dir.resolve()), os.getcwd(),
                tuple(options.pagefind or ()), pagefind_version() if options.search else "", options.base_url)
    return _Inputs(theme_dir(options.root, "templates"), theme_dir(options.root, "static"),
                   options.root / "site.yaml", cache_folder(options.root, options.output_dir), settings)


def _unchanged(options: BuildOptions, inputs: _Inputs, stamp: str, started: float) -> BuildReport | None:
    """The last build's report when no input changed and output/ is the folder it wrote."""
    last = load_stamp(inputs.cache)
    if options.full or last is None or last[0] != stamp or last[1] != folder_inode(options.output_dir):
        return None
    pages, articles, warnings = last[2]
    return BuildReport(pages, articles, warnings, time.perf_counter() - started, unchanged=True)


class _Clock:
    """Seconds per stage, for the report and the benchmark."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, now - self.last))
        self.last = now


def text_only_edits(before: Mapping[str, SourceRecord], after: Mapping[str, SourceRecord]) -> frozenset[str] | None:
    """Slugs of the articles whose text alone changed since the last build, or None when any
    file was added, removed or had its metadata (front matter) changed: then pages other than
    the articles' own may change, and the build plans every page."""
    if before.keys() != after.keys():
        return None
    slugs = set()
    for relative, record in after.items():
        old = before[relative]
        if old.digest == record.digest:
            continue
        if old.article is None or record.article is None or not record.meta_digest \
                or old.meta_digest != record.meta_digest or old.problems != record.problems:
            return None
        slugs.add(record.article.slug)
    return frozenset(slugs)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the duration of a build (workers turn it back on).

    Why: reading and indexing 10,000 articles creates millions of long-lived objects, and
    each full collection walks all of them; they made up a third of building the model and
    planning the pages. The build's own data has no reference cycles to wait for."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_site(options: BuildOptions) -> BuildReport:
    """Build the site, redoing only what changed; on any failure output_dir is left exactly as it was."""
    with collector_paused():
        return _build(options)


def _build(options: BuildOptions) -> BuildReport:
    started, clock = time.perf_counter(), _Clock()
    progress = options.progress or _no_progress
    workers = options.workers or default_workers()
    inputs = _inputs(options)
    recover_interrupted_swap(options.output_dir)
    remove_trash(options.output_dir)
    content = scan_tree(options.content_dir)
    trees = {options.content_dir: content, inputs.templates: scan_tree(inputs.templates),
             inputs.static: scan_tree(inputs.static)}
    stamp = input_stamp(trees, [inputs.site_yaml], inputs.settings)
    unchanged = _unchanged(options, inputs, stamp, started)
    if unchanged:
        return unchanged
    code = code_digest()
    previous = None if options.full else load_state(inputs.cache, code)
    theme = theme_fingerprint({folder: trees[folder] for folder in (inputs.templates, inputs.static)},
                              [inputs.site_yaml], inputs.settings, code)
    reusable = previous if (previous and previous.theme == theme
                            and previous.output_inode == folder_inode(options.output_dir)) else None
    staging = options.output_dir.with_name(f".{options.output_dir.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    # Link the previous pages and bundles into staging on the idle core while the articles
    # are read and the model is built.
    bundles = [folder for shard in reusable.shards.values() for folder in shard.folders] if reusable and options.search else []
    prelink = start_prelink(options.output_dir, staging, prelink_names(reusable.pages, bundles)) if reusable else None
    try:
        progress("read", 0, 1)
        config = _load_config(options, inputs.site_yaml)
        require_content_dir(options.content_dir)
        sources = read_sources(options.content_dir, content, previous.sources if previous else {}, workers)
        articles, warnings = collect_articles(((r.shown, r.article, list(r.problems)) for r in sources.values()),
                                              options.drafts)
        warnings = warnings + check_campaigns(articles, config)
        progress("read", 1, 1)
        clock.lap("read")
        text_edits = text_only_edits(reusable.sources, sources) if reusable and reusable.links else None
        before = reusable.links if reusable else None
        model = relink_model(articles, before) if before and text_edits is not None \
            else build_model(articles, config, before)
        clock.lap("model")
        prelinked = finish_prelink(prelink, staging)
        indexer = ShardIndexer(staging, SearchPlan(
            group_shards([(a.date, urls.article_url(a.slug)) for a in model.articles], options.single_index_max,
                         options.shard_max), options.pagefind or pagefind_command()),
            reusable.shards if reusable else {}, options.output_dir if reusable else None, workers, progress,
            reusable.pages if reusable else None, prelinked) \
            if options.search else None
        with indexer or contextlib.nullcontext():
            render = functools.partial(
                render_site, config=config, templates_dir=inputs.templates, static_dir=inputs.static, out_dir=staging,
                progress=progress, theme=theme,
                previous=PreviousPages(reusable.pages, options.output_dir, prelinked) if reusable else None,
                workers=workers,
                known=article_digests(sources), contents=content_digests(sources), cache_dir=inputs.cache,
                offline=reusable.offline_entries if reusable else None, on_page=indexer.page_done if indexer else None,
                search_copies=indexer.copies if indexer else None)
            result = render(model, text_edits=text_edits) if text_edits is not None else None
            if result is None:  # the general path (a page of output/ was edited by hand)
                if text_edits is not None:
                    model = build_model(articles, config, before)
                kept = unchanged_article_pages(model, before, unchanged_articles(
                    reusable.sources, sources, model.article_by_slug)) if reusable and before else ()
                result = render(model, kept=kept)
            clock.lap("render")
            # Saved while Pagefind still runs (its shards' fingerprints are known once their pages
            # are). Should indexing fail, this state names a folder that never became output/, so
            # the next build reuses the parsed articles but renders and indexes everything.
            summary = (len(result.records), len(articles), tuple(warnings))
            save_state(inputs.cache, BuildState(stamp, theme, folder_inode(staging), sources, result.records,
                                                indexer.shards if indexer else {}, summary, result.offline_entries,
                                                code, model_links(model)))
            clock.lap("save")
            search = indexer.finish() if indexer else SearchResult({}, 0)
        clock.lap("index")
        swap_into_place(staging, options.output_dir)
        clock.lap("publish")
    finally:
        stop_prelink(prelink)
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(len(result.records), len(articles), tuple(warnings), time.perf_counter() - started,
                       rendered=result.rendered, indexed_shards=search.indexed, timings=tuple(clock.laps))
