"""The build cache under <root>/.cache/ (git-ignored): what the last build read and wrote, so the
next build redoes only what changed. Hugo and Pagefind redo everything on any change.

Three layers, cheapest first:
1. stamp: size and mtime of every input file. Equal to the last build's, with output/ still
   the folder that build wrote: there is nothing to do (no file is even opened).
2. sources: each article's parse, keyed by path + size + mtime_ns, then by content hash
   (a touched but unchanged file is not parsed again).
3. pages and search shards: fingerprints of what each page and shard was made from; the
   previous output/ is the store of their bytes (render.py and search.py reuse them).
Any change of templates, static files, site.yaml, build options or this package's code
changes the theme fingerprint, and with it every page's: everything is rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.content import MAX_FILE_BYTES, Article, OfficialMention, display_path, read_article
from digest.errors import SourceError
from digest.model import ModelLinks
from digest.workers import map_chunks

CACHE_FORMAT = 7
"""Bump when the pickled records change shape: an older cache is then ignored."""
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SourceRecord:
    """One article file as the last build read it."""

    shown: str
    """Path as shown to the user (part of the parsed Article)."""
    size: int
    """File size in bytes when read."""
    mtime_ns: int
    """Modification time when read."""
    digest: str
    """SHA-1 of the bytes."""
    article: Article | None
    """The parse, or None when the file has errors."""
    problems: tuple[SourceError, ...]
    """Errors and warnings the file gave."""
    meta_digest: str = ""
    """SHA-1 of the parse without the body (metadata_digest): all that pages listing the
    article depend on, so editing its text does not re-render a campaign's page."""


@dataclass(frozen=True)
class PageRecord:
    """One written output file and what it was made from."""

    fingerprint: str
    """Digest of theme + path + template + declared context ("" when not fingerprintable)."""
    digest: str
    """SHA-1 of the bytes written."""
    size: int
    """Size of the file (checked before reuse: a hand-edited output file is rendered again)."""
    mtime_ns: int
    """Modification time of the file (hard links share it)."""
    search_digest: str = ""
    """SHA-1 of what Pagefind reads from the page (search.indexed_part): a change elsewhere on
    the page (related articles, neighbours) does not re-index its shard."""


@dataclass(frozen=True)
class ShardRecord:
    """One Pagefind index (the articles of a year, or part of one: search.group_shards)."""

    fingerprint: str
    """Digest of the Pagefind version and every (page path, search digest) it indexes."""
    directory: str
    """Folder of the bundle in output/ ("pagefind" for the newest shard, else "pagefind-<key>")."""
    indexer: str = ""
    """Pagefind version and command that wrote the bundle: its fragments are reused by a later
    run (search.link_fragments) only if that run's are the same."""
    base: tuple[str, ...] = ()
    """Paths of the pages in the bundle at `directory`, sorted."""
    base_fingerprint: str = ""
    """shard_fingerprint of `base` when that bundle was written."""
    additions: str = ""
    """Folder of the shard's additions bundle (search.ShardIndexer): the pages added since the
    bundle at `directory` was written, when there are any; "" when there are none."""

    @property
    def folders(self) -> tuple[str, ...]:
        """Every bundle folder of the shard in output/: its bundle, then its additions bundle if any."""
        return (self.directory, self.additions) if self.additions else (self.directory,)


@dataclass(frozen=True)
class BuildState:
    """Everything the next build may reuse."""

    stamp: str
    """Digest of every input file's size and mtime (see input_stamp)."""
    theme: str
    """Digest of templates, static files, site.yaml, options and code (see theme_fingerprint)."""
    output_inode: int
    """Inode of the output folder this build produced: another folder there means unknown bytes."""
    sources: dict[str, SourceRecord]
    """Article files by path relative to content/."""
    pages: dict[str, PageRecord]
    """Written files by site-relative path."""
    shards: dict[str, ShardRecord] = field(default_factory=dict)
    """Search index shards by key (search.group_shards)."""
    summary: tuple[int, int, tuple[SourceError, ...]] = (0, 0, ())
    """(pages, articles, warnings) of the build, reported again when nothing changed."""
    offline_entries: dict[tuple, bytes] = field(default_factory=dict)
    """Offline-search records (UTF-8 JSON) by (article digest, campaign names) (render.OfflineEntries)."""
    code: str = ""
    """code_digest() of the build: parsed articles are reused only by the same code."""
    links: ModelLinks | None = None
    """The model's links (model.model_links): a build of text-only edits reuses them."""


def cache_folder(root: Path, output_dir: Path) -> Path:
    """<root>/.cache/build-<digest of the output path>: two output folders never share a cache."""
    key = hashlib.sha1(str(output_dir.resolve()).encode()).hexdigest()[:12]
    return root / ".cache" / f"build-{key}"


def scan_tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Relative posix path -> (size, mtime_ns) of every file below folder; {} when it is missing."""
    found: dict[str, tuple[int, int]] = {}
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        try:
            entries = list(os.scandir(current))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
            else:
                stat = entry.stat()
                found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return dict(sorted(found.items()))


def _file_stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def code_files() -> list[Path]:
    """This package's own sources: editing them changes what every page could look like."""
    return sorted(PACKAGE_DIR.rglob("*.py"))


def input_stamp(trees: dict[Path, dict[str, tuple[int, int]]], files: list[Path], settings: tuple) -> str:
    """Digest of the stats of every input file (trees: folder -> scan_tree) plus the build
    settings; no file is opened."""
    digest = hashlib.sha1(repr((CACHE_FORMAT, settings)).encode())
    for folder, tree in trees.items():
        digest.update(repr((str(folder), tree)).encode())
    for path in [*files, *code_files()]:
        digest.update(repr((str(path), _file_stat(path))).encode())
    return digest.hexdigest()


def code_digest() -> str:
    """Digest of this package's sources: an Article is a pure function of its file and this code."""
    digest = hashlib.sha1(repr((CACHE_FORMAT, sys.version)).encode())
    for path in code_files():
        digest.update(str(path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def theme_fingerprint(trees: Mapping[Path, Mapping[str, tuple[int, int]]], files: list[Path], settings: tuple,
                      code: str) -> str:
    """Digest of the content of templates and static files (trees: folder -> scan_tree, as the
    build already scanned them), site.yaml, settings and the code (its code_digest)."""
    digest = hashlib.sha1(repr((CACHE_FORMAT, sys.version, settings, code)).encode())
    paths = [folder / name for folder, tree in trees.items() for name in tree]
    for path in [*paths, *files]:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _record(digest: bytes) -> bytes:
    """Stands in for a model record inside a fingerprint pickle (never unpickled)."""
    return digest


class _RecordPickler(pickle.Pickler):
    """Pickles a page context with each shared record (an article, a list entry) replaced by
    its own digest, so an article shown on 100 pages is serialised once per build.

    The record types go in a dispatch table, looked up in C: a Python hook called for every
    object (reducer_override) cost more than the pickling itself. Other dataclasses (an
    official's appearances, role history) are pickled whole, also in C."""

    def __init__(self, buffer: io.BytesIO, fingerprinter: Fingerprinter):
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes whatever object sharing is
        self.dispatch_table = fingerprinter.dispatch


PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
"""Values Fingerprinter.plain keeps as they are (not bytes: there they stand for records)."""


class Fingerprinter:
    """Stable digests of page contexts within one build (C-speed pickling, records memoised)."""

    def __init__(self, salt: str, known: Mapping[int, tuple[bytes, Any]] | None = None,
                 records: tuple[type, ...] = (), keys: Mapping[type, Callable[[Any], Any]] | None = None):
        """`records`: dataclasses shared by many pages, digested once per object and build.
        `keys`: record types digested from a key rather than from all their fields: a value
        that determines the record and is cheaper to digest (an article's text: its file's
        digest; a list entry: its article and links)."""
        self.salt = salt.encode()
        self.memo: dict[int, tuple[bytes, Any]] = dict(known or {})
        self.keys: dict[type, Callable[[Any], Any]] = dict(keys or {})
        self.dispatch = {kind: self._reduce_record for kind in (*records, *self.keys)}

    def _reduce_record(self, record: Any) -> tuple:
        return _record, (self.record_digest(record),)

    def digest(self, value: Any) -> bytes:
        """SHA-1 of a value's memo-free pickle."""
        buffer = io.BytesIO()
        _RecordPickler(buffer, self).dump(value)
        return hashlib.sha1(buffer.getvalue()).digest()

    def record_digest(self, record: Any) -> bytes:
        """Digest of a dataclass instance from its type and fields, computed once per object."""
        known = self.memo.get(id(record))
        if known is None:
            key = self.keys.get(type(record))
            values = key(record) if key else tuple(getattr(record, name) for name in type(record).__dataclass_fields__)
            known = (self.digest((type(record).__qualname__, values)), record)  # keep it alive: ids stay unique
            self.memo[id(record)] = known
        return known[0]

    def plain(self, value: Any) -> Any:
        """A page basis (pages.Page.basis) with each record replaced by its digest: the result
        holds only tuples, text, numbers and digests (bytes), which pickle in C without a
        call back into Python. TypeError for anything else (then the basis is pickled)."""
        kind = type(value)
        if kind is tuple:
            return value if all(type(item) in PLAIN_TYPES for item in value) else tuple(map(self.plain, value))
        if kind in self.dispatch:
            return self.record_digest(value)
        if kind in PLAIN_TYPES:
            return value
        raise TypeError(kind)

    def _context_digest(self, context: Any) -> bytes:
        """A declared basis ("basis", (...)) digested as plain() of it (~25% less time than
        pickling it with its records reduced one call at a time, a class reference each);
        any other context, or a basis holding other values, pickled."""
        if type(context) is tuple and len(context) == 2 and context[0] == "basis":
            try:
                return hashlib.sha1(pickle.dumps(("plain", self.plain(context[1])), protocol=5)).digest()
            except TypeError:
                pass
        return self.digest(context)

    def page(self, path: str, template: str, context: Any, derived: Callable | None) -> str:
        """Fingerprint of one page; "" when its context cannot be serialised (always rendered)."""
        try:
            body = self._context_digest(context)
        except (TypeError, AttributeError, pickle.PicklingError, RecursionError):
            return ""
        name = f"{derived.__module__}.{derived.__qualname__}" if derived else ""
        return hashlib.sha1(b"\0".join([self.salt, path.encode(), template.encode(), name.encode(), body])).hexdigest()


META_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name != "body")
"""The fields metadata_digest covers: every field of an Article but its body."""
MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(OfficialMention))


def metadata_digest(article: Article) -> str:
    """SHA-1 of an article's every field but its body (pickled: deterministic for these types),
    its official mentions as tuples of their fields: copying the article without its body and
    pickling the mention dataclasses (a class reference and a state dict each) took 76 µs an
    article, ~4x this."""
    values = tuple(tuple(tuple(getattr(m, f) for f in MENTION_FIELDS) for m in article.officials)
                   if name == "officials" else getattr(article, name) for name in META_FIELDS)
    return hashlib.sha1(pickle.dumps((META_FIELDS, MENTION_FIELDS, values), protocol=5)).hexdigest()


def article_digests(sources: Mapping[str, SourceRecord]) -> dict[int, tuple[bytes, Any]]:
    """Fingerprinter memo entries for the articles, from their metadata only: a page that shows
    an article's body declares the body itself (pages.Page.basis), the pages listing it
    (timeline, campaign, official pages) depend on its title, date, people and so on. The
    metadata is a pure function of the file's front matter, path and this package's code
    (part of the theme), so its digest from the read stage stands for it."""
    return {id(r.article): (_article_key(relative, r, r.meta_digest), r.article)
            for relative, r in sources.items() if r.article is not None}


def content_digests(sources: Mapping[str, SourceRecord]) -> dict[int, bytes]:
    """id(article) -> digest of its whole file (body included), for records made from the body
    (the offline search index)."""
    return {id(r.article): _article_key(relative, r, r.digest) for relative, r in sources.items() if r.article is not None}


def unchanged_articles(before: Mapping[str, SourceRecord], after: Mapping[str, SourceRecord],
                       articles: Mapping[str, Article]) -> frozenset[str]:
    """Slugs of the articles (`articles`: the model's, by slug) read from the same file, with
    the same bytes, as in the last build (`before`): each is the last build's article, since a
    parse is a pure function of the file, its path and the code (which the theme covers)."""
    return frozenset(record.article.slug for relative, record in after.items()
                     if record.article is not None and articles.get(record.article.slug) is record.article
                     and (old := before.get(relative)) is not None and old.article is not None
                     and (old.digest, old.shown, old.article.slug) == (record.digest, record.shown, record.article.slug))


def _article_key(relative: str, record: SourceRecord, digest: str) -> bytes:
    """An article's identity for this build: its paths and a digest of (part of) its file."""
    return hashlib.sha1(f"{relative}\0{record.shown}\0{digest}".encode()).digest()


def markdown_files(tree: Mapping[str, tuple[int, int]]) -> list[str]:
    """The article files of a content scan, in find_article_files' order (by path parts)."""
    names = [p for p in tree if p.endswith(".md") and not p.rsplit("/", 1)[-1].startswith(".")]
    return sorted(names, key=lambda p: p.split("/"))


def _read_chunk(content_dir: Path, chunk: list[tuple]) -> list[SourceRecord]:
    """Worker: read, hash and (when the hash is new) parse each file of the chunk."""
    records, folders = [], {}
    for path, shown, size, mtime_ns, old in chunk:
        data = None
        try:
            if size <= MAX_FILE_BYTES:  # a larger file is refused by read_article without reading it
                data = Path(path).read_bytes()
        except OSError:
            pass
        digest = hashlib.sha1(data).hexdigest() if data is not None else ""
        if old is not None and old.digest == digest and digest:
            records.append(SourceRecord(shown, size, mtime_ns, digest, old.article, old.problems, old.meta_digest))
            continue
        article, problems = read_article(Path(path), content_dir, shown, folders, data)
        records.append(SourceRecord(shown, size, mtime_ns, digest, article, tuple(problems),
                                    metadata_digest(article) if article else ""))
    return records


def read_sources(content_dir: Path, tree: Mapping[str, tuple[int, int]], previous: Mapping[str, SourceRecord],
                 workers: int, progress: Callable[[int, int], None] | None = None) -> dict[str, SourceRecord]:
    """Every article file's record in file order (tree: scan_tree of content_dir): reused when
    size and mtime match the last build, else read in parallel and re-parsed only when the
    content hash changed."""
    records: dict[str, SourceRecord | None] = {}
    todo = []
    base = display_path(content_dir)
    for relative in markdown_files(tree):
        size, mtime_ns = tree[relative]
        shown = f"{base}/{relative}"
        old = previous.get(relative)
        if old is not None and (old.shown, old.size, old.mtime_ns) == (shown, size, mtime_ns):
            records[relative] = old
        else:  # a Path only for the files to read: making 10,000 took ~0.1 s of every rebuild
            records[relative] = None
            todo.append((str(content_dir / relative), shown, size, mtime_ns, old if old and old.shown == shown else None))
    fresh = iter(map_chunks(_read_chunk, content_dir, todo, workers,
                            lambda done: progress(done, len(todo)) if progress else None))
    return {relative: record if record is not None else next(fresh) for relative, record in records.items()}


def load_state(folder: Path, code: str | None = None) -> BuildState | None:
    """The last build's state, or None when there is none or it is unreadable or outdated.
    With `code` (code_digest()), parsed articles of another code version are dropped."""
    try:
        with open(folder / "state.pickle", "rb") as handle:
            data = pickle.load(handle)
        if not isinstance(data, tuple) or len(data) != 3 or data[0] != CACHE_FORMAT \
                or not isinstance(data[1], BuildState):
            return None
        state, groups = data[1], data[2]
        sources: dict[str, SourceRecord] = {}
        if code is None or state.code == code:
            for name in groups:
                with open(folder / name, "rb") as handle:
                    sources.update(pickle.load(handle))
    except Exception:  # noqa: BLE001 - any damage to the cache only costs a full build
        return None
    return dataclasses.replace(state, sources=sources)


def load_stamp(folder: Path) -> tuple[str, int, tuple] | None:
    """(stamp, output inode, summary) of the last build: a small file, read by the no-change check."""
    try:
        with open(folder / "stamp.pickle", "rb") as handle:
            data = pickle.load(handle)
        return data[1] if data[0] == CACHE_FORMAT else None
    except Exception:  # noqa: BLE001 - unreadable means unknown: build
        return None


def _write_atomically(path: Path, value: Any, tagged: bool = True) -> None:
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump((CACHE_FORMAT, *value) if tagged else value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _source_groups(sources: Mapping[str, SourceRecord], code: str) -> dict[str, dict[str, SourceRecord]]:
    """The records split by top folder of content/ ("2020/..."), each group named by a digest
    of its files' identities: a group whose files did not change keeps its name and its file."""
    folders: dict[str, dict[str, SourceRecord]] = {}
    for relative, record in sources.items():
        folders.setdefault(relative.split("/", 1)[0] if "/" in relative else "", {})[relative] = record
    named = {}
    for records in folders.values():
        identity = hashlib.sha1(repr([code] + [(k, r.shown, r.size, r.mtime_ns, r.digest, r.meta_digest)
                                      for k, r in records.items()]).encode()).hexdigest()[:24]
        named[f"sources-{CACHE_FORMAT}-{identity}.pickle"] = records
    return named


def save_state(folder: Path, state: BuildState) -> None:
    """Write the state, then the stamp that points at it (each replaced atomically).

    The parsed articles (most of the state: 60 MB at 10,000 articles) go in one file per top
    folder of content/, written only when one of its files changed: an edit rewrites one
    year's file, not the archive's."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stamp.pickle").unlink(missing_ok=True)  # a crash in between leaves no stale stamp
    groups = _source_groups(state.sources, state.code)
    for name, records in groups.items():
        if not (folder / name).is_file():
            _write_atomically(folder / name, records, tagged=False)
    _write_atomically(folder / "state.pickle", (dataclasses.replace(state, sources={}), sorted(groups)))
    _write_atomically(folder / "stamp.pickle", ((state.stamp, state.output_inode, state.summary),))
    for stale in folder.glob("sources-*.pickle"):
        if stale.name not in groups:
            stale.unlink(missing_ok=True)


def folder_inode(path: Path) -> int:
    """Inode of a folder, or -1 when it does not exist."""
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return -1
