"""Import: raw scraped article text -> ImportedArticle -> Markdown file with front matter.

`import_text` is pure (text in, record out); `render_markdown` writes the record in the
schema digest.content reads back; `import_files` is the only part that touches the disk, and
it never replaces an article silently.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from digest.config import SiteConfig
from digest.content import (
    ArticleFacts,
    UnreadableSource,
    decode_source,
    find_article_files,
    read_source,
    split_front_matter,
)
from digest.extract.body import render_body
from digest.extract.campaigns import extract_campaigns
from digest.extract.dates import event_date_with_reason
from digest.extract.furniture import split_page
from digest.extract.officials import extract_officials
from digest.extract.places import complete_period, find_kind, find_locality, find_period, place_of_outlet
from digest.vietnamese import identity_key, normalize_text, slug_for
from digest.yaml_source import YamlProblem, parse_yaml_mapping

LEAD_PARAGRAPHS = 2
"""Paragraphs read for locality, kind and period: the lead says who met, and about what."""
FALLBACK_TITLE_CHARS = 120


@dataclass(frozen=True)
class ImportedArticle(ArticleFacts):
    """What import extracted from one raw article, ready to be written as Markdown."""

    title: str
    """Headline (or the first sentence, with a review note, when the page has none)."""
    date: dt.date | None
    """Day the event took place; None when the text does not say (see `review`)."""
    body: str
    """Markdown body: the article's paragraphs, furniture removed, escaped."""
    review: tuple[str, ...] = ()
    """What the editor must check before publishing (no date, unknown campaign, unsure name...)."""
    removed: tuple[str, ...] = ()
    """Lines dropped as page furniture, so the editor can see nothing of the article was lost."""


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one input file."""

    source_path: Path
    """The raw text file."""
    target_path: Path | None
    """Where the Markdown goes (or would go); None when the file could not be read."""
    article: ImportedArticle | None
    """The extracted article; None when the file could not be read."""
    markdown: str
    """The Markdown text (empty when the file could not be read)."""
    written: bool
    """True when the file was written."""
    refused: str | None
    """Why nothing was written (already imported, unreadable), or None."""
    review: tuple[str, ...]
    """Notes for the editor (the article's review list, plus notes about the write)."""


def _fallback_title(paragraphs: tuple[str, ...]) -> str:
    """A title from the first sentence, when the page has no headline."""
    first = paragraphs[0] if paragraphs else "Bài viết không có tiêu đề"
    sentence = first.split(". ")[0].strip()
    if len(sentence) <= FALLBACK_TITLE_CHARS:
        return sentence
    return sentence[:FALLBACK_TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def import_text(text: str, config: SiteConfig, *, source_name: str = "") -> ImportedArticle:
    """Extract one article from raw page text; `source_name` is the outlet when the caller knows it."""
    outlets = tuple(name for name, _ in config.outlets)
    page = split_page(text, outlets)
    review: list[str] = []
    title = page.title
    if not title:
        title = _fallback_title(page.paragraphs)
        review.append("không thấy tiêu đề, lấy câu đầu / no headline found: the first sentence is used as title")
    title = normalize_text(title)
    paragraphs = list(page.paragraphs)
    source = page.source or (normalize_text(source_name).strip() or None)
    lead = [p for i, p in enumerate(paragraphs) if i not in page.captions][:LEAD_PARAGRAPHS]
    period = find_period(title, lead)
    date, reason = event_date_with_reason(paragraphs, title, page.published, period)
    if date is None:
        review.append("không xác định được ngày diễn ra / no event date found: add `date: YYYY-MM-DD`")
    elif reason:
        review.append(f"ngày / date {date.isoformat()}: {reason}")
    outlet_place = (config.locality_for_outlet(source) or place_of_outlet(source)) if source else None
    period = complete_period(period, date.year if date else None, date.month if date else None)
    officials = extract_officials(paragraphs)
    campaigns = extract_campaigns([title, *paragraphs], config)
    review.extend(officials.unsure)
    review.extend(campaigns.review)
    return ImportedArticle(
        title=title, date=date, body=render_body(page.paragraphs, page.captions), published=page.published,
        locality=find_locality(title, lead, outlet_place, frozenset(identity_key(o.name) for o in officials.officials)),
        source=source, kind=find_kind(title, lead), period=period, category=page.category, officials=officials.officials,
        campaigns=campaigns.names, authors=page.authors, photo_credits=page.photo_credits,
        review=tuple(review), removed=page.removed,
    )


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when safe, quoted otherwise."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and value == value.strip() and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000).strip().removesuffix("...").strip()


def _front_matter(article: ImportedArticle) -> list[str]:
    """Front matter lines in the schema of digest.content, review notes as comments."""
    lines = [f"# Cần kiểm tra / Needs review: {note}" for note in article.review]
    lines.append(f"title: {_scalar(article.title)}")
    if article.date:
        lines.append(f"date: {article.date.isoformat()}")
    if article.published:
        lines.append(f"published: {article.published}")
    for key in ("locality", "source", "kind", "period", "category"):
        value = getattr(article, key)
        if value:
            lines.append(f"{key}: {_scalar(value)}")
    if article.officials:
        lines.append("officials:")
        for official in article.officials:
            lines.append(f"  - name: {_scalar(official.name)}")
            lines.append("    roles:")
            lines.extend(f"      - {_scalar(role)}" for role in official.roles)
            if official.function:
                lines.append(f"    function: {_scalar(official.function)}")
    for key in ("campaigns", "authors", "photo_credits"):
        values = getattr(article, key)
        if values:
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(v)}" for v in values)
    return lines


def render_markdown(article: ImportedArticle) -> str:
    """The article as a Markdown file: `---` front matter `---`, then the body."""
    return "---\n" + "\n".join(_front_matter(article)) + "\n---\n\n" + article.body


def target_path(article: ImportedArticle, content_dir: Path) -> Path:
    """content/YYYY/YYYY-MM-DD-<slug>.md, or content/undated/<slug>.md without a date."""
    slug = slug_for(article.title, max_length=70)
    if article.date is None:
        return content_dir / "undated" / f"{slug}.md"
    return content_dir / f"{article.date.year:04d}" / f"{article.date.isoformat()}-{slug}.md"


def _identity(title: str, date: object) -> tuple[str, str]:
    return identity_key(str(title)), str(date or "")


def _existing_articles(content_dir: Path) -> dict[tuple[str, str], Path]:
    """(title key, date) of every article already in content_dir, to spot a second import."""
    found: dict[tuple[str, str], Path] = {}
    if not content_dir.is_dir():
        return found
    for path in find_article_files(content_dir):
        try:
            data = parse_yaml_mapping(split_front_matter(decode_source(path.read_bytes())).front_matter).data
        except (OSError, ValueError, YamlProblem):
            continue
        if isinstance(data.get("title"), str):
            found.setdefault(_identity(data["title"], data.get("date")), path)
    return found


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and os.replace, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _unreadable(path: Path, reason: str) -> ImportOutcome:
    return ImportOutcome(path, None, None, "", False, reason, ())


def import_files(paths: Iterable[Path], content_dir: Path, config: SiteConfig, *, dry_run: bool,
                 force: bool) -> list[ImportOutcome]:
    """Import each file into content_dir; refuse (unless `force`) an article already there."""
    existing = _existing_articles(content_dir)
    outcomes: list[ImportOutcome] = []
    for path in paths:
        try:
            text = read_source(Path(path))
        except UnreadableSource as exc:
            outcomes.append(_unreadable(Path(path), f"cannot read: {exc.message}. Fix: {exc.hint}"))
            continue
        except OSError as exc:
            outcomes.append(_unreadable(Path(path), f"cannot read: {exc.strerror}"))
            continue
        article = import_text(text, config)
        outcomes.append(_place(Path(path), article, content_dir, existing, dry_run=dry_run, force=force))
    return outcomes


def _place(path: Path, article: ImportedArticle, content_dir: Path, existing: dict[tuple[str, str], Path], *,
           dry_run: bool, force: bool) -> ImportOutcome:
    """Decide where one article goes, and write it unless refused or dry-run."""
    markdown = render_markdown(article)
    target = target_path(article, content_dir)
    key = _identity(article.title, article.date)
    previous = existing.get(key) or (target if target.exists() else None)
    notes = list(article.review)
    if previous is not None and not force:
        reason = (f"already imported as {previous} (same title and date); "
                  "use --force to replace it")
        return ImportOutcome(path, previous, article, markdown, False, reason, tuple(notes))
    if previous is not None:
        target = previous
        notes.append(f"replaces {previous}")
    if not dry_run:
        _write_atomic(target, markdown)
    existing[key] = target
    return ImportOutcome(path, target, article, markdown, not dry_run, None, tuple(notes))
