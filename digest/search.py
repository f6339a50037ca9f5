"""Index the rendered site with Pagefind's CLI: one index, or shards by event date.

Why shards: Pagefind always indexes a whole site (~16 s and 1.4 GB for 5,000 pages here), so
one edited article would cost a full re-index. Split by year (and a busy year by half,
quarter or month: group_shards), an edit re-indexes one shard's articles; unchanged shards
are hard-linked from the previous output. The newest shard is the primary bundle in
pagefind/ (whose UI the search page loads); the others are listed in
assets/search-shards.js for the search page to merge with Pagefind's `mergeIndex`.
ShardIndexer starts each shard as soon as its pages are written, while others still render.
Only article pages carry `data-pagefind-body`, so listing pages are not indexed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from digest import urls
from digest.cache import PageRecord, ShardRecord
from digest.errors import BuildFailed, SourceError
from digest.files import path_in, write_new_file

PRIMARY_DIR = "pagefind"
"""The bundle the search page loads Pagefind's UI from: the newest year's index."""
SHARDS_SCRIPT = "assets/search-shards.js"
"""Lists the other bundles: `window.SEARCH_SHARDS = ["pagefind-2024/", ...]` (newest first)."""


@dataclass(frozen=True)
class SearchResult:
    """What index_shards did."""

    shards: dict[str, ShardRecord]
    """Every shard by key (see group_shards), newest first."""
    indexed: int
    """Shards Pagefind ran on (the others were linked from the previous output)."""


SINGLE_INDEX_MAX = 2000
"""Up to this many articles the site gets one Pagefind index, not shards. One index
ranks all hits together and can sort by date (Pagefind sorts each merged index on its own);
Pagefind indexes 2,000 articles in ~3 s, so re-indexing the whole of a small site is cheap.
Larger archives are split so an edit re-indexes one shard."""
SHARD_MAX = 600
"""Above this many articles in a year, the year is split into halves, quarters or months
(by event date), so that re-indexing the shard of one edited article takes ~0.5 s."""
PARTS = ((1, ""), (2, "h"), (4, "q"), (12, "m"))
"""Ways to split a year: number of parts and the letter of their keys ("2020-h2")."""


def _split(count: int, shard_max: int) -> tuple[int, str]:
    """The coarsest split of a year of `count` articles with at most ~shard_max per part."""
    return next(((n, letter) for n, letter in PARTS if count <= n * shard_max), PARTS[-1])


def group_shards(dated: Sequence[tuple[dt.date, str]], single_index_max: int = SINGLE_INDEX_MAX,
                 shard_max: int = SHARD_MAX) -> dict[str, list[str]]:
    """Shard key -> article paths, from (event date, path) pairs.

    A small site gets one shard (keyed by its newest year); a larger one a shard per year,
    a busy year one per half, quarter or month ("2020", "2020-h1", "2020-q3", "2020-m11").
    Keys depend only on the dates, so adding an article changes one shard (or, when its year
    crosses a size limit, that year's)."""
    if not dated:
        return {}
    if len(dated) <= single_index_max:
        return {str(max(date.year for date, _ in dated)): [path for _, path in dated]}
    years: dict[int, list[tuple[dt.date, str]]] = {}
    for date, path in dated:
        years.setdefault(date.year, []).append((date, path))
    shards: dict[str, list[str]] = {}
    for year, members in years.items():
        parts, letter = _split(len(members), shard_max)
        for date, path in members:
            part = (date.month - 1) * parts // 12 + 1
            key = str(year) if parts == 1 else f"{year}-{letter}{part:0{len(str(parts))}d}"
            shards.setdefault(key, []).append(path)
    return shards


def shard_order(key: str) -> tuple[int, int]:
    """Sort key of a shard key: (year, part), "2020" before "2020-h1" before "2021"."""
    year, _, part = key.partition("-")
    return int(year), int(part[1:]) if part else 0


@dataclass(frozen=True)
class SearchPlan:
    """What to index: article pages by year, and how to run Pagefind."""

    shards: Mapping[str, Sequence[str]]
    """Shard key -> site-relative paths of its article pages (see group_shards)."""
    command: Sequence[str]
    """Pagefind command prefix (`--site` and `--output-path` are appended)."""


def pagefind_command() -> list[str]:
    """The Pagefind binary from the `pagefind[bin]` wheel (skips a Python start per shard),
    else `python -m pagefind`. The CLI, not the Python API: the API is ~30x slower."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable()), "--silent"]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind", "--silent"]


def pagefind_version() -> str:
    """Installed Pagefind version: part of every shard's fingerprint (and of the build's settings).

    Read from the name of the wheel's dist-info folder beside the package: importing
    importlib.metadata to ask it cost 16-50 ms of every build, a no-change one included."""
    spec = importlib.util.find_spec("pagefind_bin")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        found = [entry.name for entry in os.scandir(site)
                 if entry.name.startswith("pagefind_bin-") and entry.name.endswith(".dist-info")]
        if len(found) == 1:
            return found[0][len("pagefind_bin-"):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"


def shard_directory(key: str, newest: str | None) -> str:
    """Bundle folder of a shard: the newest is the primary bundle."""
    return PRIMARY_DIR if key == newest else f"pagefind-{key}"


def additions_directory(key: str) -> str:
    """Bundle folder of the pages added to a shard since its bundle was written (ShardIndexer)."""
    return f"pagefind-{key}-them"


ADDITIONS_MAX = 50
"""Pages a shard's additions bundle may hold; past that the shard is indexed afresh."""


BODY_PATTERN = re.compile(rb"<(\w+)[^>]*\sdata-pagefind-body[\s>=]")
"""The start of the element Pagefind indexes (its tag name in group 1)."""
ATTRIBUTE_PATTERN = re.compile(rb"data-pagefind-[\w-]+(?:=\"[^\"]*\")?")
"""Pagefind attributes: read wherever they are on the page."""
HTML_TAG_PATTERN = re.compile(rb"<html[^>]*>")
"""The <html> tag (its language). Two patterns, each starting with a literal, are searched
much faster than one alternation of the two."""


def _body_start(html: bytes) -> re.Match | None:
    """BODY_PATTERN's match: tried first at the tag around the attribute's first occurrence
    (searching the pattern from the top tries it at every tag: 0.08 ms of each article page)."""
    found = html.find(b"data-pagefind-body")
    if found < 0:
        return None
    tag = html.rfind(b"<", 0, found)
    start = BODY_PATTERN.match(html, tag) if tag >= 0 and html.rfind(b">", 0, tag) >= html.rfind(b"<", 0, tag) else None
    return start if start is not None and start.end() > found else BODY_PATTERN.search(html)


def _body_span(html: bytes) -> tuple[int, int] | None:
    """Start and end of the `data-pagefind-body` element (found by balancing its tag), or None."""
    start = _body_start(html)
    if start is None:
        return None
    tag = start.group(1)
    opening, closing = re.compile(rb"<" + tag + rb"[\s>]"), b"</" + tag + b">"
    depth, position = 1, start.end()
    while depth:
        end = html.find(closing, position)
        if end < 0:
            return None
        depth += len(opening.findall(html, position, end)) - 1
        position = end + len(closing)
    return start.start(), position


def indexed_part(html: bytes) -> bytes:
    """What Pagefind reads from a page: its `data-pagefind-body` element plus every Pagefind
    attribute; the whole page when there is no such element."""
    return _indexed_part(html, _body_span(html))


def _indexed_part(html: bytes, span: tuple[int, int] | None) -> bytes:
    if span is None:
        return html
    return b"\n".join([html[span[0]:span[1]], *HTML_TAG_PATTERN.findall(html), *ATTRIBUTE_PATTERN.findall(html)])


OUTSIDE_READ_PATTERN = re.compile(rb"data-pagefind|<(?:h1|img)[\s>/]")
"""What Pagefind would take from outside the body element: its attributes (a second body,
an ignored ancestor, meta or filters), and the first <h1> and <img>, its default title and
image. Searched in the lower-cased page (HTML names ignore case): twice as fast as a
case-insensitive pattern."""
TITLE_PATTERN = re.compile(rb"<title[\s>].*?</title>", re.IGNORECASE | re.DOTALL)
"""The <title> element: Pagefind's default title when the page has no <h1>."""


def pagefind_copy(html: bytes) -> bytes | None:
    """A small page that Pagefind indexes exactly as it indexes `html`, or None when `html`
    must be fed whole: the <html> tag (its language), <title> and the body element.

    Why: Pagefind parses every byte it is given; fed these copies instead of the article pages
    (half their size: navigation, related articles and the footer are not indexed), it spends
    ~10% less CPU, and its fragments and word index are byte-identical (tests/test_search.py).
    None when anything outside the body element could matter (OUTSIDE_READ_PATTERN)."""
    return _pagefind_copy(html, _body_span(html))


def _pagefind_copy(html: bytes, span: tuple[int, int] | None) -> bytes | None:
    opening = HTML_TAG_PATTERN.search(html, 0, span[0]) if span else None
    lowered = html.lower()
    if opening is None or OUTSIDE_READ_PATTERN.search(lowered, 0, span[0]) or OUTSIDE_READ_PATTERN.search(lowered, span[1]):
        return None
    title = TITLE_PATTERN.search(html, opening.end(), span[0])
    return b"".join((b"<!doctype html>", opening.group(0), b'<head><meta charset="utf-8">',
                     title.group(0) if title else b"", b"</head><body>", html[span[0]:span[1]], b"</body></html>"))


def takes_copies(command: Sequence[str]) -> bool:
    """Whether Pagefind, run as `command`, indexes pagefind_copy(page) as it indexes the page:
    not when a selector option could pick elements outside the body element."""
    return not any(arg.startswith(("--root-selector", "--exclude-selectors")) for arg in command)


def search_view(html: bytes) -> tuple[str, bytes | None]:
    """The page's search digest, SHA-1 of indexed_part(html) ("" for a page Pagefind does not
    index: no `data-pagefind-body`, only article pages go into the search shards), and
    pagefind_copy(html); the body element is found once for both."""
    if b"data-pagefind-body" not in html:
        return "", None
    span = _body_span(html)
    return hashlib.sha1(_indexed_part(html, span)).hexdigest(), _pagefind_copy(html, span)


def indexer_identity(command: Sequence[str]) -> str:
    """The Pagefind version and options a bundle was written with."""
    return repr((pagefind_version(), list(command[1:])))


def shard_fingerprint(paths: Sequence[str], pages: Mapping[str, PageRecord], indexer: str) -> str:
    """Digest of the Pagefind version and options (indexer_identity) and the indexed part of
    every page in the shard."""
    digest = hashlib.sha1(indexer.encode())
    for path in sorted(paths):
        digest.update(f"{path}\0{pages[path].search_digest or pages[path].digest}\n".encode())
    return digest.hexdigest()


def link_tree(source: Path, target: Path) -> None:
    """Recreate source's files under target as hard links (cheap, and the source stays untouched).

    GNU `cp -al` does it in C (a shard is ~1,000 files; in Python linking the unchanged shards
    took 0.4 s of a 10,000-article rebuild); elsewhere, or if it fails, os.link one by one."""
    if not target.exists() and shutil.which("cp"):
        result = subprocess.run(["cp", "-al", "--", str(source), str(target)], capture_output=True, check=False)
        if result.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)
    for folder, _, names in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            os.link(Path(folder) / name, destination / name)


def run_pagefind(command: Sequence[str], site: Path, bundle: Path) -> None:
    """Index `site` into `bundle`; raise BuildFailed with Pagefind's own message on failure."""
    result = subprocess.run([*command, "--site", str(site), "--output-path", str(bundle)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (bundle / "pagefind.js").exists():
        detail = (result.stderr or result.stdout or f"exit status {result.returncode}").strip().splitlines()[-5:]
        raise BuildFailed([SourceError("pagefind", None, "search indexing failed: " + " | ".join(detail),
                                       "run `python -m pagefind --site output` to see the whole message")])


SHARED_MEMORY = Path("/dev/shm")
"""Linux's in-memory file system: where the shards' scratch sites go when the machine has it."""
SCRATCH_PREFIX = "digest-shards-"
"""Scratch folders in shared memory are named SCRATCH_PREFIX + the building process's id + "-"."""


def make_scratch(out_dir: Path) -> tuple[Path, Callable[[str, str], None]]:
    """A new folder for the shards' scratch sites, and how a page is put there whole.

    In shared memory when the machine has it: the render workers write ~10,000 copies for
    Pagefind there, each shard's site is removed after its run, and pages without a copy are
    symbolic links (Pagefind follows them; URLs come from the link's path). On this machine's
    disk, creating a file cost ~0.1 ms of kernel time, up to ~0.6 ms within a minute of a
    deletion (ext4 without a journal passes over every inode freed in the last minute), and
    the copies' deletion made the next build pay it. Else next to out_dir, with hard links.
    Folders left by builds that were killed are removed."""
    if SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK | os.X_OK):
        for leftover in SHARED_MEMORY.glob(SCRATCH_PREFIX + "*"):
            if not _process_alive(leftover.name[len(SCRATCH_PREFIX):].split("-")[0]):
                shutil.rmtree(leftover, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=SHARED_MEMORY)), os.symlink
    scratch = out_dir.with_name(out_dir.name + ".shards")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    return scratch, os.link


def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError, OverflowError):
        return True  # not our name, or another user's live process: leave it
    return True


def _index_shard(command: Sequence[str], out_dir: Path, scratch: Path, key: str, paths: Sequence[str],
                 directory: str, kept: FragmentReuse | None = None,
                 link: Callable[[str, str], None] = os.link) -> None:
    """Index one shard: a scratch site of its article pages' copies for Pagefind (written there
    by the render workers) and `link`s to the other pages, bundle into out_dir; the site is
    removed after. With `kept`, the previous bundle's fragments of unchanged pages are linked
    in first."""
    site, source = scratch / key, out_dir.absolute()
    folders: set[str] = set()
    try:
        for path in paths:  # pages that have no copy for Pagefind there (ShardIndexer.copies)
            with contextlib.suppress(FileExistsError):
                link(os.path.join(source, path), path_in(site, path, folders))
        bundle = out_dir / directory
        shutil.rmtree(bundle, ignore_errors=True)  # a prelinked old bundle: Pagefind must not write into its files
        if kept is not None and kept.urls and link_fragments(kept.bundle, bundle, kept.urls):
            run_pagefind(command, site, bundle)
            if _fragment_count(bundle) == len(paths):
                return
            shutil.rmtree(bundle)  # a linked fragment was not the page's after all: index afresh
        run_pagefind(command, site, bundle)
    finally:
        shutil.rmtree(site, ignore_errors=True)


@dataclass(frozen=True)
class FragmentReuse:
    """Fragments a shard's new bundle can take from its previous one."""

    bundle: Path
    """The previous bundle of the shard."""
    urls: frozenset[str]
    """URLs ("/bai-viet/x.html") of the pages whose indexed part is the last build's."""


FRAGMENT_PREFIX = b"pagefind_dcd"
"""What a Pagefind fragment starts with once gunzipped, before its JSON."""


FRAGMENT_URL_PATTERN = re.compile(rb'pagefind_dcd\{"url":"((?:[^"\\]|\\.)*)"')
"""A fragment's start: Pagefind 1.x writes the page's URL first."""


def fragment_url(compressed: bytes) -> str | None:
    """The page URL a gzipped Pagefind fragment belongs to (None if it is not one).

    Only the first KB is inflated where the URL comes first (a fragment is ~6 KB of page
    text; inflating and parsing all of it was 80% of linking a shard's fragments)."""
    start = zlib.decompressobj(wbits=31).decompress(compressed, 1024)
    found = FRAGMENT_URL_PATTERN.match(start)
    if found:
        return json.loads(b'"' + found.group(1) + b'"')
    data = gzip.decompress(compressed)
    return json.loads(data[len(FRAGMENT_PREFIX):])["url"] if data.startswith(FRAGMENT_PREFIX) else None


def link_fragments(previous_bundle: Path, bundle: Path, keep: frozenset[str]) -> int:
    """Hard-link into bundle/fragment/ the previous bundle's fragments of the pages at `keep`;
    return how many.

    Why: Pagefind names a fragment by the digest of its content and skips writing one that
    already exists (it only stats it), so a re-indexed shard of ~450 pages in which one page
    changed compresses and writes one fragment, not 450 (creating ~450 small files cost more
    than indexing them here). Only fragments of pages whose indexed part is unchanged are
    linked, so none is stale; _index_shard still counts the files after the run and indexes
    afresh if the count is not one per page."""
    source = previous_bundle / "fragment"
    if not source.is_dir():
        return 0
    target = bundle / "fragment"
    target.mkdir(parents=True, exist_ok=True)
    linked = 0
    for entry in os.scandir(source):
        try:
            with open(entry.path, "rb") as handle:
                url = fragment_url(handle.read())
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            continue
        if url in keep:
            os.link(entry.path, target / entry.name)
            linked += 1
    return linked


def _fragment_count(bundle: Path) -> int:
    folder = bundle / "fragment"
    return sum(1 for _ in os.scandir(folder)) if folder.is_dir() else 0


def _reusable_bundle(old: ShardRecord | None, fingerprint: str, previous_dir: Path | None) -> Path | None:
    """The previous output's bundle of an unchanged shard, or None when it must be indexed."""
    if old is None or previous_dir is None or old.fingerprint != fingerprint:
        return None
    source = previous_dir / old.directory
    return source if (source / "pagefind.js").is_file() else None


def link_bundles(bundles: Sequence[tuple[Path, str]], out_dir: Path) -> list[str]:
    """Link (source bundle, directory) pairs into out_dir; return the directories that failed.

    Bundles keeping their name go in one `cp -al` call (~20 of them, 9 ms per process)."""
    same = [source for source, directory in bundles if source.name == directory]
    if len(same) > 1 and shutil.which("cp"):
        result = subprocess.run(["cp", "-al", "--", *map(str, same), str(out_dir)], capture_output=True, check=False)
        if result.returncode == 0:
            bundles = [(source, directory) for source, directory in bundles if source.name != directory]
    failed = []
    for source, directory in bundles:
        shutil.rmtree(out_dir / directory, ignore_errors=True)
        try:
            link_tree(source, out_dir / directory)
        except OSError:
            shutil.rmtree(out_dir / directory, ignore_errors=True)
            failed.append(directory)
    return failed


def write_shards_script(out_dir: Path, directories: Sequence[str]) -> None:
    """assets/search-shards.js: the bundles to merge into the primary one (newest first)."""
    listed = json.dumps([f"{d}/" for d in directories if d != PRIMARY_DIR])
    write_new_file(path_in(out_dir, SHARDS_SCRIPT, set()), f"window.SEARCH_SHARDS = {listed};\n".encode())


class ShardIndexer:
    """Indexes each shard as soon as all of its pages are written, while the others render.

    Why: rendering and Pagefind both want the two cores, but neither keeps both busy all the
    time (the render pool winds down, Pagefind has single-threaded phases, the parent writes
    the feeds and the offline index); started shard by shard, Pagefind fills those gaps.
    Pages are fed in with page_done() as they land (rendered ones as workers return them,
    then the ones linked from the previous output); finish() waits for the last shard. A shard
    whose pages' indexed parts are unchanged is hard-linked from the previous output instead
    (in finish(), all such bundles in one `cp -al`). Use as a context manager: on an error
    the running Pagefind processes are waited for and the scratch folder is removed."""

    def __init__(self, out_dir: Path, plan: SearchPlan, previous: Mapping[str, ShardRecord],
                 previous_dir: Path | None, workers: int = 1,
                 progress: Callable[[str, int, int], None] | None = None,
                 previous_pages: Mapping[str, PageRecord] | None = None, prelinked: bool = False):
        """`previous_pages`: the last build's page records (their search digests tell which
        fragments of a re-indexed shard's previous bundle can be kept: link_fragments).
        `prelinked`: out_dir already holds the previous bundles under their old folder names
        (digest/prelink.py); those of unchanged shards stay, the others are replaced or removed."""
        self.out_dir, self.plan, self.previous, self.previous_dir = out_dir, plan, previous, previous_dir
        self.prelinked = prelinked and previous_dir is not None
        self.previous_pages = previous_pages or {}
        self.indexer = indexer_identity(plan.command)
        self.progress = progress
        self.newest = max(plan.shards, key=shard_order) if plan.shards else None
        self.shard_of = {path: key for key, paths in plan.shards.items() for path in paths}
        self.missing = {key: len(paths) for key, paths in plan.shards.items()}
        self.pages: dict[str, PageRecord] = {}
        self.shards: dict[str, ShardRecord] = {}
        self.scratch, self.link = make_scratch(out_dir)
        self.pool = ThreadPoolExecutor(max(1, workers))
        self.running: list = []
        self.reused: list[tuple[Path, str, str]] = []
        """(previous bundle, directory, key) of unchanged shards."""
        sites = {key: str(self.scratch / key) for key in plan.shards}
        self.copies = {path: sites[key] for path, key in self.shard_of.items()} if takes_copies(plan.command) else {}
        """Page path -> the scratch site of its shard, where its copy for Pagefind may be written
        (search.pagefind_copy; pages without one are linked there whole when the shard starts)."""
        self.workers = max(1, workers)
        self.slots = threading.Semaphore(1)
        """One Pagefind run at a time while pages render (a run takes ~230 MB beside the render
        workers'; the 1 GB target holds), `workers` at a time once finish() is called."""

    def __enter__(self) -> ShardIndexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def page_done(self, path: str, record: PageRecord) -> None:
        """A page is written (or linked) in out_dir; start its shard when it was the last one."""
        key = self.shard_of.get(path)
        if key is None:
            return
        self.pages[path] = record
        self.missing[key] -= 1
        if self.missing[key] == 0:
            self._start(key)

    def _start(self, key: str) -> None:
        """All pages of the shard are in place: keep its bundles, index its added pages alone
        (_additions), or index it afresh."""
        directory = shard_directory(key, self.newest)
        paths = self.plan.shards[key]
        fingerprint = shard_fingerprint(paths, self.pages, self.indexer)
        old = self.previous.get(key)
        if old is not None and self._unchanged(old, fingerprint):
            record = dataclasses.replace(old, directory=directory)
            self._keep_bundle(old.directory, directory, key)
            if old.additions:
                self._keep_bundle(old.additions, old.additions, key)
        elif old is not None and (added := self._additions(key, old)) is not None:
            record = ShardRecord(fingerprint, directory, self.indexer, old.base, old.base_fingerprint,
                                 additions_directory(key) if added else "")
            self._keep_bundle(old.directory, directory, key)
            if added:
                self.running.append(self.pool.submit(self._run_additions, key, added))
        else:
            record = ShardRecord(fingerprint, directory, self.indexer, tuple(sorted(paths)), fingerprint)
            self.running.append(self.pool.submit(self._run, key, directory))
        self.shards[key] = record

    def _unchanged(self, old: ShardRecord, fingerprint: str) -> bool:
        """Whether the shard's pages are indexed as they are in the previous output's bundles."""
        return _reusable_bundle(old, fingerprint, self.previous_dir) is not None and (
            not old.additions or (self.previous_dir is not None
                                  and (self.previous_dir / old.additions / "pagefind.js").is_file()))

    def _keep_bundle(self, previous: str, directory: str, key: str) -> None:
        """Keep the previous output's bundle `previous` as `directory`: already in place when the
        staging folder was prelinked under the same name, else linked in finish(), all in one go."""
        if not (self.prelinked and previous == directory):
            assert self.previous_dir is not None
            self.reused.append((self.previous_dir / previous, directory, key))

    def _additions(self, key: str, old: ShardRecord) -> list[str] | None:
        """The pages of the shard added since its bundle was written, when that is all that
        changed (every page it holds is still there, indexed as it was) and they are at most
        ADDITIONS_MAX; else None (the shard is indexed afresh).

        Why: editors add this week's articles far more often than they change old ones, and
        Pagefind re-indexing a ~470-page shard for one new page was most of adding an article
        (~1.6 CPU-s of ~4.6); indexing the page alone takes ~0.04 s. Not for a site with a
        single index (up to SINGLE_INDEX_MAX articles): the search page sorts by date and ranks
        all hits together only while there is no other bundle to merge."""
        if len(self.plan.shards) == 1:
            return None  # one index for the whole site: merged with another, its date sort would go
        if self.previous_dir is None or old.indexer != self.indexer or not old.base \
                or not (self.previous_dir / old.directory / "pagefind.js").is_file():
            return None
        paths = set(self.plan.shards[key])
        if not paths.issuperset(old.base) or shard_fingerprint(old.base, self.pages, self.indexer) != old.base_fingerprint:
            return None
        added = sorted(paths.difference(old.base))
        return added if len(added) <= ADDITIONS_MAX else None

    def _run(self, key: str, directory: str) -> None:
        with self.slots:
            _index_shard(self.plan.command, self.out_dir, self.scratch, key, self.plan.shards[key], directory,
                         self._fragment_reuse(key), self.link)

    def _run_additions(self, key: str, added: Sequence[str]) -> None:
        """Index the added pages of a shard alone: their copies (or the pages) in a site of their own."""
        site = self.scratch / f"{key}+"
        folders: set[str] = set()
        for path in added:
            copy = self.scratch / key / path
            self.link(str(copy) if copy.is_file() else os.path.join(self.out_dir.absolute(), path),
                      path_in(site, path, folders))
        with self.slots:
            _index_shard(self.plan.command, self.out_dir, self.scratch, f"{key}+", added, additions_directory(key),
                         None, self.link)

    def _fragment_reuse(self, key: str) -> FragmentReuse | None:
        """The previous bundle of the shard and its pages whose indexed part is unchanged."""
        old = self.previous.get(key)
        if old is None or self.previous_dir is None or old.indexer != self.indexer:
            return None  # another Pagefind may write other bytes under a fragment's name
        kept = frozenset("/" + path for path in self.plan.shards[key]
                         if (before := self.previous_pages.get(path)) is not None and before.search_digest
                         and before.search_digest == self.pages[path].search_digest)
        return FragmentReuse(self.previous_dir / old.directory, kept)

    def finish(self) -> SearchResult:
        """Wait for every shard; write the list of bundles; return the shards' records."""
        for _ in range(self.workers - 1):
            self.slots.release()
        if self.prelinked:  # bundles of shards that are gone, or renamed (the newest is the primary)
            kept = {shard_directory(key, self.newest) for key in self.plan.shards}
            kept |= {folder for record in self.shards.values() for folder in record.folders}
            for old in self.previous.values():
                for folder in old.folders:
                    if folder not in kept:
                        shutil.rmtree(self.out_dir / folder, ignore_errors=True)
        if not self.plan.shards:
            shutil.rmtree(self.out_dir / PRIMARY_DIR, ignore_errors=True)
            index_site(self.out_dir, self.plan.command)
            write_shards_script(self.out_dir, [])
            return SearchResult({}, 1)
        unfinished = [key for key, count in self.missing.items() if count]
        if unfinished:
            raise ValueError(f"pages of shards {unfinished} were never written")
        failed = set(link_bundles([(bundle, directory) for bundle, directory, _ in self.reused], self.out_dir))
        afresh = sorted({key for _, directory, key in self.reused if directory in failed})
        for done, future in enumerate(self.running, start=1):
            future.result()
            if self.progress:
                self.progress("index", done, len(self.running))
        for key in afresh:  # a bundle could not be linked: index the whole shard after all
            record = self.shards[key]
            if record.additions:
                shutil.rmtree(self.out_dir / record.additions, ignore_errors=True)
            self.shards[key] = ShardRecord(record.fingerprint, record.directory, self.indexer,
                                           tuple(sorted(self.plan.shards[key])), record.fingerprint)
            self._run(key, record.directory)
        ordered = {key: self.shards[key] for key in sorted(self.shards, key=shard_order, reverse=True)}
        write_shards_script(self.out_dir, [folder for record in ordered.values() for folder in record.folders])
        return SearchResult(ordered, len(self.running) + len(afresh))


def index_site(out_dir: Path, command: Sequence[str] | None = None) -> None:
    """Index a site without articles (only its search page) so the search UI still loads."""
    run_pagefind([*(command or pagefind_command()), "--glob", urls.SEARCH], out_dir, out_dir / PRIMARY_DIR)
