"""Index the rendered site with Pagefind's CLI, one index per year of event date.

Why shards: Pagefind always indexes a whole site (~16 s and 1.4 GB for 5,000 pages here), so
one edited article would cost a full re-index. Split by year, an edit re-indexes one year's
articles; unchanged shards are hard-linked from the previous output. The newest year is the
primary bundle in pagefind/ (whose UI the search page loads); the other years are listed in
assets/search-shards.js for the search page to merge with Pagefind's `mergeIndex`.
Only article pages carry `data-pagefind-body`, so listing pages are not indexed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from digest import urls
from digest.cache import PageRecord, ShardRecord
from digest.errors import BuildFailed, SourceError

PRIMARY_DIR = "pagefind"
"""The bundle the search page loads Pagefind's UI from: the newest year's index."""
SHARDS_SCRIPT = "assets/search-shards.js"
"""Lists the other bundles: `window.SEARCH_SHARDS = ["pagefind-2024/", ...]` (newest first)."""


@dataclass(frozen=True)
class SearchResult:
    """What index_shards did."""

    shards: dict[int, ShardRecord]
    """Every shard by year."""
    indexed: int
    """Shards Pagefind ran on (the others were linked from the previous output)."""


SINGLE_INDEX_MAX = 2000
"""Up to this many articles the site gets one Pagefind index, not one per year. One index
ranks all hits together and can sort by date (Pagefind sorts each merged index on its own);
Pagefind indexes 2,000 articles in ~4 s, so re-indexing the whole of a small site is cheap.
Larger archives are split per year so an edit re-indexes one year."""


def group_shards(years: Mapping[int, Sequence[str]], single_index_max: int = SINGLE_INDEX_MAX) -> dict[int, list[str]]:
    """Year -> article paths per shard: every year in one shard (under the newest) for a small site."""
    total = sum(len(paths) for paths in years.values())
    if not years or total > single_index_max:
        return {year: list(paths) for year, paths in years.items()}
    return {max(years): [path for year in sorted(years, reverse=True) for path in years[year]]}


@dataclass(frozen=True)
class SearchPlan:
    """What to index: article pages by year, and how to run Pagefind."""

    years: Mapping[int, Sequence[str]]
    """Year -> site-relative paths of that year's article pages."""
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
    """Installed Pagefind version: part of every shard's fingerprint."""
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"


def shard_directory(year: int, newest: int) -> str:
    """Bundle folder of a year's shard."""
    return PRIMARY_DIR if year == newest else f"pagefind-{year}"


BODY_PATTERN = re.compile(rb"<(\w+)[^>]*\sdata-pagefind-body[\s>=]")
"""The start of the element Pagefind indexes (its tag name in group 1)."""
ATTRIBUTE_PATTERN = re.compile(rb"data-pagefind-[\w-]+(?:=\"[^\"]*\")?|<html[^>]*>")
"""Pagefind attributes and the <html> tag (language): read wherever they are on the page."""


def indexed_part(html: bytes) -> bytes:
    """What Pagefind reads from a page: its `data-pagefind-body` element (found by balancing
    that tag) plus every Pagefind attribute; the whole page when there is no such element."""
    start = BODY_PATTERN.search(html)
    if start is None:
        return html
    tag = start.group(1)
    opening, closing = re.compile(rb"<" + tag + rb"[\s>]"), b"</" + tag + b">"
    depth, position = 1, start.end()
    while depth:
        end = html.find(closing, position)
        if end < 0:
            return html
        depth += len(opening.findall(html, position, end)) - 1
        position = end + len(closing)
    return html[start.start():position] + b"\n".join(ATTRIBUTE_PATTERN.findall(html))


def search_digest(html: bytes) -> str:
    """SHA-1 of indexed_part(html)."""
    return hashlib.sha1(indexed_part(html)).hexdigest()


def shard_fingerprint(paths: Sequence[str], pages: Mapping[str, PageRecord], command: Sequence[str]) -> str:
    """Digest of the Pagefind version, the command and the indexed part of every page in the shard."""
    digest = hashlib.sha1(repr((pagefind_version(), list(command[1:]))).encode())
    for path in sorted(paths):
        digest.update(f"{path}\0{pages[path].search_digest or pages[path].digest}\n".encode())
    return digest.hexdigest()


def link_tree(source: Path, target: Path) -> None:
    """Recreate source's files under target as hard links (cheap, and the source stays untouched)."""
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


def _index_shard(command: Sequence[str], out_dir: Path, scratch: Path, year: int, paths: Sequence[str],
                 directory: str) -> None:
    """Index one year: a scratch site of hard links to its article pages, bundle into out_dir."""
    site = scratch / str(year)
    for path in paths:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        os.link(out_dir / path, site / path)
    run_pagefind(command, site, out_dir / directory)


def _reuse_shard(old: ShardRecord | None, fingerprint: str, previous_dir: Path | None, out_dir: Path,
                 directory: str) -> bool:
    """Link an unchanged shard's bundle from the previous output (possibly under a new name)."""
    if old is None or previous_dir is None or old.fingerprint != fingerprint:
        return False
    source = previous_dir / old.directory
    if not (source / "pagefind.js").is_file():
        return False
    try:
        link_tree(source, out_dir / directory)
    except OSError:
        shutil.rmtree(out_dir / directory, ignore_errors=True)
        return False
    return True


def write_shards_script(out_dir: Path, directories: Sequence[str]) -> None:
    """assets/search-shards.js: the bundles to merge into the primary one (newest first)."""
    target = out_dir / SHARDS_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    listed = json.dumps([f"{d}/" for d in directories if d != PRIMARY_DIR])
    target.unlink(missing_ok=True)
    target.write_text(f"window.SEARCH_SHARDS = {listed};\n", encoding="utf-8")


def index_shards(out_dir: Path, plan: SearchPlan, pages: Mapping[str, PageRecord],
                 previous: Mapping[int, ShardRecord], previous_dir: Path | None, workers: int = 1,
                 progress: Callable[[str, int, int], None] | None = None) -> SearchResult:
    """Index every year whose pages changed, reuse the others; return the shards' records."""
    if not plan.years:
        index_site(out_dir, plan.command)
        write_shards_script(out_dir, [])
        return SearchResult({}, 1)
    newest = max(plan.years)
    shards, todo = {}, []
    for year in sorted(plan.years, reverse=True):
        directory = shard_directory(year, newest)
        shards[year] = ShardRecord(shard_fingerprint(plan.years[year], pages, plan.command), directory)
        if not _reuse_shard(previous.get(year), shards[year].fingerprint, previous_dir, out_dir, directory):
            todo.append(year)
    _run_shards(out_dir, plan, todo, shards, workers, progress)
    write_shards_script(out_dir, [shards[year].directory for year in shards])
    return SearchResult(shards, len(todo))


def _run_shards(out_dir: Path, plan: SearchPlan, todo: Sequence[int], shards: Mapping[int, ShardRecord],
                workers: int, progress: Callable[[str, int, int], None] | None) -> None:
    """Run Pagefind on the shards to index, `workers` at a time, in a scratch folder."""
    scratch = out_dir.with_name(out_dir.name + ".shards")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        with ThreadPoolExecutor(max(1, workers)) as pool:
            futures = [pool.submit(_index_shard, plan.command, out_dir, scratch, year, plan.years[year],
                                   shards[year].directory) for year in todo]
            for done, future in enumerate(futures, start=1):
                future.result()
                if progress:
                    progress("index", done, len(todo))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def index_site(out_dir: Path, command: Sequence[str] | None = None) -> None:
    """Index a site without articles (only its search page) so the search UI still loads."""
    run_pagefind([*(command or pagefind_command()), "--glob", urls.SEARCH], out_dir, out_dir / PRIMARY_DIR)
