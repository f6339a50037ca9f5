"""Read `content/**/*.md` into validated Article records (front matter + Markdown body)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest.errors import BuildFailed, SourceError, only_errors
from digest.vietnamese import normalize_text, slug_for
from digest.yaml_source import YamlProblem, parse_yaml_mapping

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
URL_UNSAFE_PATTERN = re.compile(r'[\s"<>\\^`{|}]')
"""Characters a URL must percent-encode (RFC 3986); raw, they make the page's HTML invalid."""
PUBLISHED_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?")
MAX_FILE_BYTES = 1_000_000
"""An article file larger than this is refused: the longest real article is ~100 KB, and
hostile Markdown (a megabyte of `[`) costs markdown-it ~15 s per MB, so 1 MB bounds a build."""
MAX_OFFICIALS = 500
"""More officials than this in one article is a scraping accident, not an article (a
tổng kết naming every commended person reaches ~100)."""
MAX_SLUG_CHARS = 120
"""Article slugs are cut to this length (file names stay far below 255 bytes)."""


@dataclass(frozen=True)
class OfficialMention:
    """A person named in one article, with the positions the article gives them."""

    name: str
    """Full personal name, NFC with normalised tone placement."""
    roles: tuple[str, ...]
    """Positions as written in the article, in order."""
    function: str | None = None
    """What they did at the event ("chủ trì", "dự"), when the article says so."""


@dataclass(frozen=True, kw_only=True)
class ArticleFacts:
    """What an article says besides its title, date and text: the fields an imported article
    (importer.ImportedArticle) and a parsed article file (Article) share, so the two stages
    keep one schema. Keyword-only, so each stage's required fields can come first."""

    published: str | None = None
    """When the outlet published it: YYYY-MM-DD or YYYY-MM-DDTHH:MM."""
    locality: str | None = None
    """Province, district or city the event concerns; None for national events."""
    source: str | None = None
    """Outlet name."""
    kind: str | None = None
    """Kind of meeting: "giao ban", "sơ kết", "tổng kết", ..."""
    period: str | None = None
    """Reporting period: "6 tháng đầu năm 2022", "quý IV/2018", ..."""
    category: str | None = None
    """Outlet's section ("Hoạt động Đảng")."""
    officials: tuple[OfficialMention, ...] = ()
    """People named with a full name and a position (import merges one person's roles)."""
    campaigns: tuple[str, ...] = ()
    """Campaign names as written (import uses the registry's spelling when it knows the campaign;
    the model resolves aliases)."""
    authors: tuple[str, ...] = ()
    """Byline."""
    photo_credits: tuple[str, ...] = ()
    """Photographers credited."""


class _LazyText:
    """A str field of a dataclass that may hold UTF-8 bytes until it is first read.

    Why: the build cache keeps 10,000 article bodies (~57 MB of Vietnamese). Unpickled as
    str, they were decoded on every rebuild (~0.18 s) although a rebuild reads a handful of
    them (the pages it renders, the feed's latest entries). Article pickles its body as bytes
    (Article.__getstate__) and decodes it here on first use."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.slot = name, "_" + name

    def __get__(self, instance: Any, owner: type | None = None) -> str:
        if instance is None:  # no class-level default: the dataclass field stays required
            raise AttributeError(self.name)
        value = instance.__dict__[self.slot]
        if type(value) is bytes:
            value = value.decode("utf-8")
            instance.__dict__[self.slot] = value
        return value

    def __set__(self, instance: Any, value: str | bytes) -> None:
        instance.__dict__[self.slot] = value


@dataclass(frozen=True)
class Article(ArticleFacts):
    """One validated article file."""

    def __getstate__(self) -> dict[str, Any]:
        """The fields for pickling, the body as UTF-8 bytes (decoded on first read: _LazyText)."""
        state = dict(self.__dict__)
        if isinstance(state["_body"], str):
            state["_body"] = state["_body"].encode("utf-8")
        return state

    source_path: str
    """Path as shown to the user, e.g. "content/2019/giao-ban.md"."""
    slug: str
    """URL slug, unique across the site, derived from the file path."""
    title: str
    """Headline."""
    date: dt.date
    """The day the event took place."""
    body: str = _LazyText()  # type: ignore[assignment]
    """Markdown body (raw HTML is not rendered)."""
    body_line: int = 1
    """Line of the file on which the body starts (for error messages)."""
    source_url: str | None = None
    """Address of the original page (http or https only)."""
    draft: bool = False
    """Drafts are left out of the site unless the build asks for them."""
    campaigns_line: int | None = None
    """Line of the `campaigns:` key, so a warning about an unknown campaign points at it."""


TEXT_KEYS = ("title", "locality", "source", "source_url", "kind", "period", "category")
LIST_KEYS = ("campaigns", "authors", "photo_credits")
KNOWN_KEYS = {"date", "published", "officials", "draft", *TEXT_KEYS, *LIST_KEYS}
OFFICIAL_KEYS = {"name", "roles", "function"}


@dataclass(frozen=True)
class SplitFile:
    """A file cut into its front matter and body."""

    front_matter: str
    body: str
    body_line: int


def split_front_matter(text: str) -> SplitFile:
    """Cut `---` front matter from the body; raise YamlProblem when the block is not closed."""
    text = text.lstrip("\ufeff")  # a byte-order mark before `---` is invisible in editors
    if not text.strip():
        raise YamlProblem(None, "the file is empty", "start it with `---`, `title: ...`, `date: YYYY-MM-DD`, `---`")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise YamlProblem(1, "the file does not start with a `---` front matter line",
                          "put `---`, then `title: ...` and `date: YYYY-MM-DD`, then `---` at the top")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitFile("\n".join(lines[1:index]), "\n".join(lines[index + 1:]).strip("\n") + "\n",
                             index + 2)
    raise YamlProblem(1, "the front matter opened on line 1 is never closed",
                      "add a line with `---` after the last key")


VIETNAMESE_1258_PATTERN = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")
"""Letters and tone marks that Vietnamese text decoded as Windows-1258 is full of."""


class UnreadableSource(ValueError):
    """A file that cannot be turned into text: too large, not UTF-8, binary. `line` is 1-based or None."""

    def __init__(self, line: int | None, message: str, hint: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


ENCODING_HINT = "save it as UTF-8 (e.g. in Notepad: File > Save As > Encoding: UTF-8)"
NUL_BYTES = "the file contains NUL bytes (binary or UTF-16 without a BOM)"


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> UnreadableSource:
    """Say where UTF-8 decoding failed and, when the bytes read as Vietnamese in Windows-1258, say so."""
    line = data[: exc.start].count(b"\n") + 1
    try:
        legacy = VIETNAMESE_1258_PATTERN.search(data.decode("cp1258")) is not None
    except UnicodeDecodeError:
        legacy = False
    if legacy:
        return UnreadableSource(line, "the file is in Windows-1258 (an old Vietnamese encoding), not UTF-8", ENCODING_HINT)
    return UnreadableSource(line, f"the file is not UTF-8 (byte {data[exc.start]:#04x} cannot be read; "
                            "maybe Windows-1258 or another legacy encoding)", ENCODING_HINT)


def decode_source(data: bytes) -> str:
    """Decode an article file to NFC text with `\\n` line ends; raise UnreadableSource with a fix."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableSource(1, "the file starts like UTF-16 but is cut short or damaged", ENCODING_HINT) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if b"\x00" in data:  # UTF-16 without a BOM fails as UTF-8 too; say what it most likely is
                raise UnreadableSource(1, NUL_BYTES, ENCODING_HINT) from None
            raise _not_utf8(data, exc) from None
    if "\x00" in text:
        raise UnreadableSource(1, NUL_BYTES, ENCODING_HINT)
    return normalize_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def article_slug(relative: Path) -> str:
    """URL slug from the file name ("2019/2019-01-02-giao-ban.md" -> "2019-01-02-giao-ban").

    Folders only organise content/; two files with the same name in different folders
    are reported as a URL clash by load_articles."""
    full = slug_for(relative.stem, max_length=10_000)
    if len(full) <= MAX_SLUG_CHARS:
        return full
    # Cut long names but keep them apart: two names sharing the first 120 characters
    # still get different URLs, and the same name always gets the same one.
    suffix = hashlib.sha1(full.encode()).hexdigest()[:6]
    return slug_for(full, max_length=MAX_SLUG_CHARS - 7) + "-" + suffix


DMY_PATTERN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
"""A Vietnamese-order date ("2/1/2019" is 2 January 2019), which editors often type."""


def _iso_guess(raw: str) -> str:
    """The YYYY-MM-DD form of a day/month/year date, or a generic example when there is none."""
    match = DMY_PATTERN.fullmatch(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            pass
    return "2019-01-02 (year-month-day, the day the event took place)"


@functools.lru_cache(maxsize=1 << 14)
def clean_value(value: str) -> str:
    """A front-matter text as stored: white space collapsed, then normalize_text. Memoised:
    names, roles, places and kinds recur across thousands of articles, and normalising ~16
    values an article was a sixth of reading it."""
    return normalize_text(" ".join(value.split()))


class _Checker:
    """Validates one front-matter mapping, collecting problems with their lines."""

    def __init__(self, path: str, lines: dict[str, int], offset: int):
        self.path, self.lines, self.offset = path, lines, offset
        self.problems: list[SourceError] = []

    def line(self, key: str) -> int:
        return self.lines.get(key, 0) + self.offset

    def add(self, key: str, message: str, hint: str | None = None, severity: str = "error") -> None:
        self.problems.append(SourceError(self.path, self.line(key), message, hint, severity))

    def text(self, data: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(SourceError(self.path, self.offset, f"{key} is missing",
                                                 f"add `{key}: ...` to the front matter"))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(key, f"{key} must be text, not a {type(value).__name__}", f'{key}: "..."')
            return None
        return clean_value(value)

    def text_list(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.add(key, f"{key} must be a list of names", f"{key}: [Tên thứ nhất, Tên thứ hai]")
            return ()
        return tuple(clean_value(str(v)) for v in value if str(v).strip())

    def date(self, data: dict[str, Any]) -> dt.date | None:
        value = data.get("date")
        if value is None:
            self.problems.append(SourceError(self.path, self.offset, "date is missing",
                                             "add `date: YYYY-MM-DD`, the day the event took place"))
            return None
        raw = str(value).strip()
        if DATE_PATTERN.fullmatch(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        self.add("date", f'date "{raw}" is not a real date (YYYY-MM-DD)', f"date: {_iso_guess(raw)}")
        return None

    def published(self, data: dict[str, Any]) -> str | None:
        value = data.get("published")
        if value is None:
            return None
        raw = str(value).strip().replace(" ", "T")
        if PUBLISHED_PATTERN.fullmatch(raw):
            try:
                dt.datetime.fromisoformat(raw)
                return raw[:16]
            except ValueError:
                pass
        self.add("published", f'published "{value}" is not a date and time', "published: 2022-07-01T15:15")
        return None

    def officials(self, data: dict[str, Any]) -> tuple[OfficialMention, ...]:
        value = data.get("officials")
        if value is None:
            return ()
        example = "write each official as `- {name: Trần Hồng Quảng, roles: [Phó Bí thư Tỉnh ủy]}`"
        if not isinstance(value, list):
            self.add("officials", "officials must be a list of `- name: ... roles: [...]` items", example)
            return ()
        if len(value) > MAX_OFFICIALS:
            self.add("officials", f"{len(value)} officials in one article, over the limit of {MAX_OFFICIALS}",
                     "keep the people the article is about")
            return ()
        mentions = []
        for number, item in enumerate(value, start=1):
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                self.add("officials", f"official #{number} must have `name:` and `roles:`", example)
                continue
            for key in item:
                if key not in OFFICIAL_KEYS:
                    close = difflib.get_close_matches(str(key), sorted(OFFICIAL_KEYS), n=1)
                    self.add("officials", f'official #{number} has an unknown key "{key}"',
                             f"did you mean {close[0]}?" if close else "use name, roles, function")
            name = item.get("name")
            if not isinstance(name, str) or not name.strip():
                self.add("officials", f"official #{number} has no name", example)
                continue
            roles = item.get("roles") or []
            if isinstance(roles, str):
                roles = [roles]
            if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
                self.add("officials", f'roles of "{name}" must be a list of positions', "roles: [Phó Bí thư Tỉnh ủy]")
                roles = []
            function = item.get("function")
            mentions.append(OfficialMention(
                clean_value(name),
                tuple(clean_value(r) for r in roles if r.strip()),
                normalize_text(function.strip()) if isinstance(function, str) and function.strip() else None,
            ))
        return tuple(mentions)

    def unknown_keys(self, data: dict[str, Any]) -> None:
        for key in data:
            if key not in KNOWN_KEYS:
                close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else f"remove it; known keys: {', '.join(sorted(KNOWN_KEYS))}"
                self.add(key, f'unknown key "{key}"', hint)


def parse_article(text: str, relative: Path, shown: str) -> tuple[Article | None, list[SourceError]]:
    """Parse one article's text; return the Article (None on error) and every problem found."""
    try:
        split = split_front_matter(text)
    except YamlProblem as exc:
        return None, [SourceError(shown, exc.line, exc.message, exc.hint)]
    try:
        doc = parse_yaml_mapping(split.front_matter, first_line=2)  # the block starts after `---`
    except YamlProblem as exc:
        return None, [SourceError(shown, exc.line or 1, exc.message, exc.hint)]
    data = doc.data
    check = _Checker(shown, doc.key_lines, offset=1)
    check.unknown_keys(data)
    title = check.text(data, "title", required=True)
    date = check.date(data)
    fields = {key: check.text(data, key) for key in TEXT_KEYS if key != "title"}
    if fields["source_url"] and not re.match(r"https?://", fields["source_url"]):
        check.add("source_url", "source_url must start with http:// or https://", "source_url: https://...")
        fields["source_url"] = None
    elif fields["source_url"] and (bad := URL_UNSAFE_PATTERN.search(fields["source_url"])):
        check.add("source_url", f"source_url contains {bad.group()!r}, which a web address cannot contain",
                  "copy the address from the browser's address bar (it encodes such characters)")
        fields["source_url"] = None
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        check.add("draft", "draft must be true or false", "draft: true")
        draft = False
    article = Article(
        source_path=shown, slug=article_slug(relative), title=title or "", date=date or dt.date.min,
        body=split.body, body_line=split.body_line, published=check.published(data),
        officials=check.officials(data), campaigns=check.text_list(data, "campaigns"),
        authors=check.text_list(data, "authors"), photo_credits=check.text_list(data, "photo_credits"),
        draft=draft, campaigns_line=check.line("campaigns") if "campaigns" in doc.key_lines else None, **fields,
    )
    return (None if only_errors(check.problems) else article), check.problems


def read_source(path: Path, data: bytes | None = None) -> str:
    """The text of an article or raw file, refused before reading when over MAX_FILE_BYTES.

    Shared by the loader and the importer so both apply one size limit and one decoding.
    `data`: the file's bytes when the caller already read them (the build cache hashes them)."""
    size = len(data) if data is not None else path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableSource(None, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                               "split it into several articles or trim the scraped furniture")
    return decode_source(data if data is not None else path.read_bytes())


def _real_folder(folder: Path, folders: dict[Path, Path]) -> Path:
    """A folder's resolved path, memoised in `folders` (one read pass): 10,000 articles live
    in a dozen folders, and resolving each file's whole path cost 0.1 ms per file."""
    if folder not in folders:
        folders[folder] = folder.resolve()
    return folders[folder]


def read_article(path: Path, content_dir: Path, shown: str, folders: dict[Path, Path] | None = None,
                 data: bytes | None = None) -> tuple[Article | None, list[SourceError]]:
    """Read and parse one file, turning I/O and encoding trouble into SourceErrors.

    `folders` memoises resolved folders across the files of one read pass; `data` is the
    file's bytes when the caller already read them."""
    folders = {} if folders is None else folders
    real = path.resolve() if path.is_symlink() else _real_folder(path.parent, folders) / path.name
    if not real.is_relative_to(_real_folder(content_dir, folders)):
        # A symlink in a pull request must not publish a file from elsewhere on the machine.
        return None, [SourceError(shown, None, "the file is a link to a file outside the content folder",
                                  "copy the article into the content folder instead of linking to it")]
    try:
        text = read_source(path, data)
    except UnreadableSource as exc:
        return None, [SourceError(shown, exc.line, exc.message, exc.hint)]
    except OSError as exc:
        return None, [SourceError(shown, None, f"cannot read the file: {exc.strerror}")]
    return parse_article(text, path.relative_to(content_dir), shown)


def display_path(path: Path, root: Path | None = None) -> str:
    """Path relative to `root` (or the working directory) when possible, with forward slashes."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        for own, other in ((path.absolute(), base.absolute()), (path.resolve(), base.resolve())):
            try:  # absolute() first: a symlinked article is shown as the link, not its target
                return own.relative_to(other).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def find_article_files(content_dir: Path) -> list[Path]:
    """Every `*.md` under content_dir, in sorted order so builds are deterministic."""
    return sorted(p for p in content_dir.rglob("*.md") if p.is_file() and not p.name.startswith("."))


def _url_clash(slug: str, first: str, second: str) -> list[SourceError]:
    """Report two files with one URL on both files, so whichever an editor opens says why."""
    url = f"bai-viet/{slug}.html"
    hint = "rename one of the two files (the file name, without folders, becomes the URL)"
    return [SourceError(first, 1, f"the URL {url} is also used by {second}", hint),
            SourceError(second, 1, f"the URL {url} is also used by {first}", hint)]


def require_content_dir(content_dir: Path, root: Path | None = None) -> None:
    """Raise BuildFailed when the content folder is missing (a typo in --content-dir)."""
    if not content_dir.is_dir():
        raise BuildFailed([SourceError(display_path(content_dir, root), None, "the content folder does not exist",
                                       "create it or pass --content-dir")])


def load_articles(content_dir: Path, root: Path | None = None, drafts: bool = False) -> tuple[list[Article], list[SourceError]]:
    """Load every article; raise BuildFailed with all errors, return articles and warnings."""
    require_content_dir(content_dir, root)
    folders: dict[Path, Path] = {}
    return collect_articles(((shown, *read_article(path, content_dir, shown, folders))
                             for path in find_article_files(content_dir)
                             for shown in (display_path(path, root),)), drafts)


def collect_articles(results: Iterable[tuple[str, Article | None, list[SourceError]]],
                     drafts: bool = False) -> tuple[list[Article], list[SourceError]]:
    """Apply the site-wide rules (unique URLs, drafts) to per-file (shown path, article, problems)
    results in file order; raise BuildFailed with all errors, return articles and warnings.

    Separate from load_articles so the build cache can feed it articles it did not re-read."""
    articles: list[Article] = []
    problems: list[SourceError] = []
    owners: dict[str, str] = {}
    for shown, article, found in results:
        problems.extend(found)
        if article is None:
            continue
        if article.slug in owners:
            problems.extend(_url_clash(article.slug, owners[article.slug], shown))
            continue
        owners[article.slug] = shown
        if article.draft and not drafts:
            continue
        articles.append(article)
    if only_errors(problems):
        raise BuildFailed(problems)
    return articles, problems
