"""render: the keys that stand for records in page fingerprints."""

from __future__ import annotations

import dataclasses
import datetime as dt

from digest.cache import Fingerprinter
from digest.content import Article, OfficialMention
from digest.model import Appearance, Official
from digest.pages import ArticleText, Entry
from digest.render import entry_key, official_key, text_key


def _article(body: str = "Nội dung.\n", officials=(("Nguyễn Văn An", ("Bí thư",)),)) -> Article:
    return Article(source_path="content/a.md", slug="a", title="A", date=dt.date(2020, 1, 2), body=body,
                   officials=tuple(OfficialMention(name, roles) for name, roles in officials))


def _entry(article: Article, links: list[tuple[int, str]]) -> Entry:
    return Entry(article, "bai-viet/a.html", tuple({"mention": article.officials[i], "name": article.officials[i].name,
                                                     "url": url} for i, url in links))


def test_an_entry_key_tells_apart_the_links_and_the_mention_shown():
    article = _article(officials=(("Nguyễn Văn An", ("Bí thư",)), ("Nguyễn Văn An", ("Chủ tịch",))))
    first, second = _entry(article, [(0, "can-bo/an.html")]), _entry(article, [(1, "can-bo/an.html")])
    other_url = _entry(article, [(0, "can-bo/an-2.html")])
    assert len({entry_key(first), entry_key(second), entry_key(other_url)}) == 3
    assert entry_key(first) == entry_key(_entry(article, [(0, "can-bo/an.html")]))


def test_entries_digest_like_their_keys():
    article = _article()
    fingerprinter = Fingerprinter("salt", records=(Article,), keys={Entry: entry_key})
    same = [fingerprinter.record_digest(_entry(article, [(0, "can-bo/an.html")])) for _ in range(2)]
    assert same[0] == same[1] != fingerprinter.record_digest(_entry(article, [(0, "can-bo/khac.html")]))


def _official(**changes) -> Official:
    appearance = dataclasses.replace(Appearance("a", dt.date(2020, 1, 2), ("Bí thư",), "Hà Giang", "phát biểu"),
                                     **{k: v for k, v in changes.items() if k in Appearance.__dataclass_fields__})
    fields = {k: v for k, v in changes.items() if k in Official.__dataclass_fields__}
    return dataclasses.replace(Official("an", "nguyen-van-an", "Nguyễn Văn An", (appearance,)), **fields)


OTHER_VALUES = {"key": "binh", "slug": "nguyen-van-an-2", "name": "Nguyễn Văn Ân", "appearances": (),
                "article_slug": "b", "date": dt.date(2020, 1, 3), "roles": ("Chủ tịch",), "locality": None,
                "function": None}


def test_an_official_key_changes_with_every_field_of_the_official_and_its_appearances():
    """The key replaces the record in page fingerprints: a field it missed would leave an
    official's page stale. Listing the dataclasses' fields makes a new field fail here."""
    names = [*Official.__dataclass_fields__, *Appearance.__dataclass_fields__]
    assert sorted(OTHER_VALUES) == sorted(names)
    keys = [official_key(_official())] + [official_key(_official(**{name: OTHER_VALUES[name]})) for name in names]
    assert len(set(keys)) == len(keys)
    assert official_key(_official()) == official_key(_official())


def test_a_text_key_is_the_files_digest_when_known_else_the_texts():
    article = _article()
    assert text_key({id(article): b"d1"}, ArticleText(article)) == b"file:d1"
    assert text_key({}, ArticleText(article)) != text_key({}, ArticleText(_article(body="Khác.\n")))
