"""cache: the metadata digest that stands for an article on the pages listing it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from digest.cache import metadata_digest
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
