"""cache: the metadata digest that stands for an article on the pages listing it; page fingerprints."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from digest.cache import Fingerprinter, metadata_digest
from digest.content import Article, OfficialMention

ARTICLE = Article(source_path="content/a.md", slug="a", title="A", date=dt.date(2020, 1, 2), body="Nội dung.\n",
                  officials=(OfficialMention("Nguyễn Văn An", ("Bí thư",), "phát biểu"),), campaigns=("Dân vận khéo",))


def _other(value):
    """A different value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, tuple):
        return value + value[:1] if value else ("x",)
    return (value or "") + "x"


def test_the_metadata_digest_changes_with_every_field_but_the_body():
    """Pages listing an article are re-rendered only when this digest changes: a field it
    missed would leave them stale. Every field is listed from the dataclasses themselves."""
    base = metadata_digest(ARTICLE)
    assert metadata_digest(dataclasses.replace(ARTICLE, body="Khác.\n")) == base
    for field in dataclasses.fields(Article):
        if field.name != "body":
            changed = dataclasses.replace(ARTICLE, **{field.name: _other(getattr(ARTICLE, field.name))})
            assert metadata_digest(changed) != base, field.name
    for field in dataclasses.fields(OfficialMention):
        mention = dataclasses.replace(ARTICLE.officials[0], **{field.name: _other(getattr(ARTICLE.officials[0], field.name))})
        assert metadata_digest(dataclasses.replace(ARTICLE, officials=(mention,))) != base, field.name
    assert metadata_digest(dataclasses.replace(ARTICLE)) == base


def _fingerprinter() -> Fingerprinter:
    return Fingerprinter("salt", records=(Article,))


def test_a_basis_fingerprint_follows_its_records_and_values():
    other = dataclasses.replace(ARTICLE, title="B")
    bases = [(ARTICLE, ("x", "y"), None), (other, ("x", "y"), None), (ARTICLE, ("x", "z"), None),
             (ARTICLE, ("x", "y"), other), (ARTICLE, (("x", "y"),), None), (ARTICLE, ("x", "y"), None, 1)]
    prints = [_fingerprinter().page("p.html", "t.html", ("basis", basis), None) for basis in bases]
    assert len(set(prints)) == len(prints) and all(prints)
    again = _fingerprinter().page("p.html", "t.html", ("basis", bases[0]), None)
    assert again == prints[0] == _fingerprinter().page("p.html", "t.html", ("basis", (dataclasses.replace(ARTICLE),
                                                                                        ("x", "y"), None)), None)


def test_a_basis_with_other_values_is_pickled_instead():
    fingerprinter = _fingerprinter()
    assert fingerprinter.plain((ARTICLE, ("x", 1, None))) == (fingerprinter.record_digest(ARTICLE), ("x", 1, None))
    for odd in (b"bytes", dt.date(2020, 1, 1), ["list"]):
        with pytest.raises(TypeError):
            fingerprinter.plain((ARTICLE, odd))
        first = fingerprinter.page("p.html", "t.html", ("basis", (ARTICLE, odd)), None)
        assert first and first == _fingerprinter().page("p.html", "t.html", ("basis", (ARTICLE, odd)), None)
    assert fingerprinter.page("p.html", "t.html", ("basis", (ARTICLE, lambda: 1)), None) == ""


def test_unchanged_articles_are_those_read_from_the_same_unchanged_file():
    from digest.cache import SourceRecord, unchanged_articles

    def record(article, digest="d1", shown="content/a.md"):
        return SourceRecord(shown, 1, 1, digest, article, ())

    other = dataclasses.replace(ARTICLE, slug="b")
    before = {"a.md": record(ARTICLE), "b.md": record(other, shown="content/b.md")}
    in_model = {"a": ARTICLE, "b": other}
    assert unchanged_articles(before, dict(before), in_model) == {"a", "b"}
    assert unchanged_articles(before, {**before, "a.md": record(ARTICLE, digest="d2")}, in_model) == {"b"}
    moved = {"c.md": record(ARTICLE, shown="content/c.md"), "b.md": before["b.md"]}
    assert unchanged_articles(before, moved, in_model) == {"b"}  # another file now: not the last build's article
    assert unchanged_articles(before, before, {"b": other}) == {"b"}  # not on the site (a draft)
    assert unchanged_articles(before, before, {"a": dataclasses.replace(ARTICLE), "b": other}) == {"b"}  # another parse
