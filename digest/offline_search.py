"""The search index for a site opened from disk: a script that assigns a JSON array to a global.

Pagefind loads its index with fetch() and import(), which Chromium refuses on file:// pages.
A plain `<script src>` still loads there (as in MkDocs-Material's offline plugin), so the
search page falls back to this file. It keeps, per article, what a result shows (title, date,
place, kind, campaigns, officials, the lead) plus the article's distinct words, with their
diacritics so the page can rank exact spellings first; folding happens in the browser.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from digest import urls
from digest.content import Article
from digest.model import SiteModel

GLOBAL_NAME = "DIGEST_SEARCH_INDEX"
"""The global the script assigns (read by static/search.js)."""
LEAD_CHARS = 240
"""Characters of the body shown under a result."""
MAX_WORDS = 800
"""Distinct body words kept per article: enough for the whole of a typical article (~1,000
syllables, ~400 distinct), while a 100 KB outlier cannot blow up the index."""
MARKDOWN_PATTERN = re.compile(r"\]\([^)]*\)|!\[|[*_#>`\[\]]")
"""Link targets first (so "](x.html)" goes whole), then emphasis, heading and quote marks."""
WORD_PATTERN = re.compile(r"\w+", re.UNICODE)


MARKDOWN_CHARACTERS = "*_#>`[]!"
"""Every character MARKDOWN_PATTERN can match: text with none of them skips the pattern."""


@functools.lru_cache(maxsize=4)
def text_tokens(text: str) -> tuple[str, ...]:
    """`text.split()`, kept for the last few texts. An article's body is split for its folded
    words (pages.search_folding), its offline-search record's text and that text's words:
    splitting ~1,000 words took ~0.1 ms each time, a third of making both."""
    return tuple(text.split())


@functools.lru_cache(maxsize=4)
def distinct_tokens(text: str) -> tuple[str, ...]:
    """text_tokens without repeats, in first-seen order, kept like them: an article body's
    ~450 distinct tokens of ~1,000 serve both its folded words (pages.search_folding) and its
    offline-search words, which each deduplicated the whole body (~0.1 ms an article)."""
    return tuple(dict.fromkeys(text_tokens(text)))


@functools.lru_cache(maxsize=4)
def plain_tokens(markdown: str) -> tuple[str, ...]:
    """The words of plain_text (split on white space). Kept for the last few texts like
    text_tokens: an article's record takes both its tokens and their distinct ones."""
    if any(c in markdown for c in MARKDOWN_CHARACTERS):
        return tuple(MARKDOWN_PATTERN.sub(" ", markdown).split())
    return text_tokens(markdown)  # most bodies are plain prose


def plain_distinct_tokens(markdown: str) -> tuple[str, ...]:
    """plain_tokens without repeats, in first-seen order."""
    if any(c in markdown for c in MARKDOWN_CHARACTERS):
        return tuple(dict.fromkeys(plain_tokens(markdown)))
    return distinct_tokens(markdown)


def plain_text(markdown: str) -> str:
    """Body text without Markdown punctuation or line structure."""
    return " ".join(plain_tokens(markdown))


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first `limit` characters, cut at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def words_in_order(text: str) -> dict[str, None]:
    """The distinct words (WORD_PATTERN matches) of `text`, in first-seen order.

    Why not WORD_PATTERN.findall over the text: ~1.5x slower (0.37 against 0.25 ms for an
    article of ~1,000 words). Splitting on spaces and deduplicating run in C; only the distinct
    tokens that are not one whole word (punctuation attached, an underscore) go through the
    pattern, in their first-seen order, so the result is the same."""
    return words_of_tokens(text.split())


def words_of_tokens(tokens: Iterable[str]) -> dict[str, None]:
    """words_in_order of the text these white-space separated tokens make."""
    found: dict[str, None] = {}
    for token in dict.fromkeys(tokens):
        if token.isalnum():  # exactly the characters \w matches, but for "_"
            found[token] = None
        else:
            found.update(dict.fromkeys(WORD_PATTERN.findall(token)))
    return found


def distinct_words(text: str | Sequence[str], skip: str, limit: int = MAX_WORDS) -> str:
    """Lower-case words of `text` (or of its white-space separated tokens) not already in
    `skip`, first-seen order, at most `limit`. Given tokens may repeat (words_of_tokens drops
    repeats) but each is lowered: an article's are given distinct (plain_distinct_tokens)."""
    known = words_in_order(skip.lower())
    tokens = dict.fromkeys(text.split()) if isinstance(text, str) else text
    # Each distinct token lowered (~450 of ~1,000), rather than the text lowered and split
    # again: the same words, as lowering never makes or removes white space
    # (tests/test_offline_search.py checks every character).
    words = [w for w in words_of_tokens(t.lower() for t in tokens) if w not in known]
    return " ".join(words[:limit])


def index_entry(article: Article, campaigns: list[str]) -> dict[str, Any]:
    """The record of one article (short keys: the file is downloaded whole)."""
    tokens = plain_tokens(article.body)
    text = " ".join(tokens)
    excerpt = lead(text)
    officials = list(dict.fromkeys(m.name for m in article.officials))
    return {"t": article.title, "u": urls.article_url(article.slug), "d": article.date.isoformat(),
            "l": article.locality or "", "k": article.kind or "", "c": campaigns, "o": officials,
            "x": excerpt, "w": distinct_words(plain_distinct_tokens(article.body), excerpt + " " + article.title)}


def build_offline_index(model: SiteModel, make_entry: Callable[[Article, list[str]], Any] = index_entry) -> list[Any]:
    """One record per article, newest first (the order results tie in). `make_entry` lets the
    incremental build reuse the records of unchanged articles (digest/render.py)."""
    names = {c.slug: c.name for c in model.campaigns}
    return [make_entry(a, [names[s] for s in model.campaign_slugs.get(a.slug, ())]) for a in model.articles]


def entry_text(entry: dict[str, Any]) -> str:
    """One record as JSON text, safe even if the file is ever inlined in a <script>: no
    "</script" or "<!--", and no raw line separators (a syntax error in pre-2019 JavaScript).
    Still valid JSON and JavaScript. The build keeps these texts between runs."""
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def article_entry_json(article: Article, campaigns: list[str]) -> bytes:
    """An article's record as UTF-8 JSON (entry_text): what the build keeps between runs and
    writes. Bytes, not text: 10,000 records are ~14 MB of Vietnamese, and decoding them when
    the cache loads, then encoding them again for the file, cost ~0.1 s of every rebuild."""
    return entry_text(index_entry(article, campaigns)).encode("utf-8")


def render_index_records(records: list[bytes]) -> bytes:
    """The JavaScript file's bytes from records already made JSON (article_entry_json)."""
    return b"window.%s = [%s];\n" % (GLOBAL_NAME.encode(), b",".join(records))


def render_offline_index(entries: list[dict[str, Any]]) -> str:
    """The JavaScript file's text: `window.DIGEST_SEARCH_INDEX = [...];`."""
    return render_index_records([entry_text(entry).encode("utf-8") for entry in entries]).decode("utf-8")


def write_offline_index(model: SiteModel, out_dir: Path,
                        make_record: Callable[[Article, list[str]], bytes] = article_entry_json) -> Path:
    """Write the offline index into out_dir and return its path (`make_record` gives each
    article's record as UTF-8 JSON; the build passes one that reuses the last build's)."""
    target = out_dir / urls.OFFLINE_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_index_records(build_offline_index(model, make_record)))
    return target
