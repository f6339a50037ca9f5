"""Loading articles: broken, hostile and oversized files give one clear error naming the file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
import tracemalloc
from pathlib import Path

import pytest

from digest.content import (
    MAX_FILE_BYTES,
    MAX_OFFICIALS,
    MAX_SLUG_CHARS,
    Article,
    article_slug,
    load_articles,
    parse_article,
)
from digest.errors import BuildFailed
from tests.conftest import write_article

GOOD = "---\ntitle: Giao ban\ndate: 2019-01-02\n---\nNội dung.\n"


def errors_of(text: str, name: str = "a.md") -> list[str]:
    """Formatted errors of one article text, as the CLI prints them."""
    article, problems = parse_article(text, Path(name), f"content/{name}")
    assert article is None, "expected the article to be refused"
    return [p.format() for p in problems if p.severity == "error"]


def load_errors(content: Path) -> list[str]:
    with pytest.raises(BuildFailed) as info:
        load_articles(content, root=content.parent)
    return [e.format() for e in info.value.errors if e.severity == "error"]


def test_good_article_parses():
    article, problems = parse_article(GOOD, Path("2019/giao-ban.md"), "content/2019/giao-ban.md")
    assert problems == [] and article is not None
    assert (article.slug, article.title, article.body, article.body_line) == ("giao-ban", "Giao ban", "Nội dung.\n", 5)


def test_an_article_pickles_its_body_as_bytes_and_decodes_it_on_first_read():
    article, _ = parse_article("---\ntitle: Giao ban\ndate: 2019-01-02\n---\nĐảng ủy họp.\n",
                               Path("a.md"), "content/a.md")
    assert article is not None
    data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
    assert "Đảng ủy họp.\n".encode() in data  # UTF-8 bytes: unpickling does not decode them
    loaded = pickle.loads(data)
    assert loaded.__dict__["_body"] == "Đảng ủy họp.\n".encode()
    assert loaded.body == "Đảng ủy họp.\n" and type(loaded.body) is str and loaded == article
    assert dataclasses.replace(loaded, body="").body == "" and hash(loaded) == hash(article)
    with pytest.raises(TypeError):  # still a required field
        Article(source_path="a", slug="a", title="t", date=dt.date(2019, 1, 2))  # type: ignore[call-arg]


def test_byte_order_mark_before_the_opening_line_is_ignored():
    article, problems = parse_article("\ufeff" + GOOD, Path("a.md"), "content/a.md")
    assert article is not None and problems == []


def test_empty_file_says_it_is_empty():
    assert errors_of("") == ["content/a.md: the file is empty. Fix: start it with `---`, `title: ...`, "
                             "`date: YYYY-MM-DD`, `---`"]
    assert errors_of("\n  \n") == errors_of("")


@pytest.mark.parametrize("text", ["---", "---\n", "---\ntitle: a\ndate: 2019-01-02\nNội dung không có dòng đóng.\n"])
def test_unterminated_front_matter_names_the_opening_line(text: str):
    assert errors_of(text) == ["content/a.md:1: the front matter opened on line 1 is never closed. "
                               "Fix: add a line with `---` after the last key"]


def test_missing_opening_line_is_reported_on_line_1():
    assert errors_of("title: a\n---\n")[0].startswith("content/a.md:1: the file does not start with a `---`")


def test_empty_front_matter_reports_both_required_keys():
    found = errors_of("---\n---\nNội dung.\n")
    assert [e.split(". Fix")[0] for e in found] == ["content/a.md:1: title is missing", "content/a.md:1: date is missing"]


def test_front_matter_that_is_a_list_gives_file_and_line():
    assert errors_of("---\n- title\n- date\n---\n") == [
        "content/a.md:2: expected `key: value` lines, found a list. Fix: write one `key: value` per line"]


def test_python_tag_in_front_matter_is_refused_with_the_file_line():
    found = errors_of("---\ntitle: a\ndate: 2019-01-02\nsource: !!python/object/apply:os.system [touch /tmp/pwned]\n---\n")
    assert found == ["content/a.md:4: YAML tags such as `!!python/object/apply:os.system` are not allowed "
                     "(they could run code or build objects). Fix: remove the tag; write plain text, lists and "
                     "`key: value` only"]
    assert not Path("/tmp/pwned").exists()


def test_alias_bomb_in_front_matter_gives_file_and_line():
    text = "---\ntitle: a\nx: &a [lol, lol]\ny: [*a, *a]\n---\n"
    assert errors_of(text)[0].startswith("content/a.md:3: YAML anchors and aliases")


def test_duplicate_key_and_tab_lines_are_file_lines():
    assert errors_of("---\ntitle: a\ndate: 2019-01-02\ntitle: b\n---\n")[0].startswith(
        'content/a.md:4: key "title" is written twice (first on line 2)')
    assert errors_of("---\ntitle: a\nofficials:\n\t- A\n---\n")[0].startswith("content/a.md:4: a tab is used")


def test_slug_key_with_dot_dot_is_an_unknown_key_not_a_path():
    found = errors_of("---\ntitle: a\ndate: 2019-01-02\nslug: ../../etc/passwd\n---\n")
    assert found[0].startswith('content/a.md:4: unknown key "slug"')


def test_source_url_must_be_http_even_when_disguised():
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JavaScript:alert(1)",
                "//evil.example/x", "java\nscript:alert(1)"):
        found = errors_of(f"---\ntitle: a\ndate: 2019-01-02\nsource_url: {url!r}\n---\n".replace("\\n", "\n"))
        assert found == ["content/a.md:4: source_url must start with http:// or https://. Fix: source_url: https://..."]


@pytest.mark.parametrize(("name", "slug"), [
    ("..md", "x"), ("...md", "x"), ("../../x.md", "x"), ("/etc/passwd.md", "passwd"), ("a/../../b.md", "b"),
    ("<script>alert(1)</script>.md", "script"), ("Giao ban QUÝ IV.md", "giao-ban-quy-iv")])
def test_article_slug_is_plain_letters_digits_and_dashes(name: str, slug: str):
    assert article_slug(Path(name)) == slug


def test_long_file_names_get_capped_distinct_stable_slugs():
    first = Path("Hội nghị giao ban công tác dân vận " * 4 + "quý I.md")
    second = Path("Hội nghị giao ban công tác dân vận " * 4 + "quý II.md")
    assert len(str(first).encode()) < 255
    one, two = article_slug(first), article_slug(second)
    assert len(one) <= MAX_SLUG_CHARS and len(two) <= MAX_SLUG_CHARS
    assert one != two and article_slug(first) == one


def test_twenty_megabyte_file_is_refused_without_reading_it(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    big = content / "big.md"
    with big.open("wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(20_000_000)  # sparse: the test writes nothing large
    tracemalloc.start()
    try:
        found = load_errors(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [f"content/big.md: the file is 20,000,000 bytes, over the limit of {MAX_FILE_BYTES:,}. "
                     "Fix: split it into several articles or trim the scraped furniture"]
    assert peak < 2_000_000


def test_file_just_under_the_limit_loads(tmp_path: Path):
    body = ("Đồng chí Bí thư phát biểu chỉ đạo hội nghị. " * 20 + "\n\n") * 1000
    write_article(tmp_path / "content", "long.md", "title: Dài\ndate: 2019-01-02", body[: MAX_FILE_BYTES // 2 - 100])
    articles, _ = load_articles(tmp_path / "content")
    assert len(articles) == 1


def _officials_yaml(count: int) -> str:
    return "officials:\n" + "".join(f"  - {{name: Nguyễn Văn An {i}, roles: [Bí thư]}}\n" for i in range(count))


def test_more_officials_than_the_limit_is_a_clear_error():
    found = errors_of(f"---\ntitle: a\ndate: 2019-01-02\n{_officials_yaml(MAX_OFFICIALS + 1)}---\n")
    assert found == [f"content/a.md:4: {MAX_OFFICIALS + 1} officials in one article, over the limit of "
                     f"{MAX_OFFICIALS}. Fix: keep the people the article is about"]


def test_five_thousand_officials_are_refused_in_bounded_memory():
    tracemalloc.start()
    try:
        found = errors_of(f"---\ntitle: a\ndate: 2019-01-02\n{_officials_yaml(5000)}---\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) == 1 and "over the limit of" in found[0] and found[0].startswith("content/a.md:2: the YAML block is ")
    assert peak < 20_000_000


def test_officials_at_the_limit_load():
    article, problems = parse_article(f"---\ntitle: a\ndate: 2019-01-02\n{_officials_yaml(MAX_OFFICIALS)}---\n",
                                      Path("a.md"), "content/a.md")
    assert article is not None and len(article.officials) == MAX_OFFICIALS


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_to_a_file_outside_content_is_refused(tmp_path: Path):
    outside = tmp_path / "secret.md"
    outside.write_text(GOOD, encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "link.md").symlink_to(outside)
    assert load_errors(content) == ["content/link.md: the file is a link to a file outside the content folder. "
                                    "Fix: copy the article into the content folder instead of linking to it"]


def test_every_broken_file_is_reported_and_no_good_article_is_lost(tmp_path: Path):
    content = tmp_path / "content"
    write_article(content, "good.md", "title: Tốt\ndate: 2019-01-02")
    (content / "empty.md").write_text("", encoding="utf-8")
    (content / "open.md").write_text("---\ntitle: x\n", encoding="utf-8")
    (content / "tag.md").write_text("---\ntitle: !!python/name:os.system x\n---\n", encoding="utf-8")
    found = load_errors(content)
    assert [f.split(":")[0] for f in found] == ["content/empty.md", "content/open.md", "content/tag.md"]


def test_source_url_with_characters_a_url_cannot_hold_is_refused():
    found = errors_of("---\ntitle: a\ndate: 2019-01-02\nsource_url: 'https://e.com/?q=\"><script>'\n---\n")
    assert found == ["content/a.md:4: source_url contains '\"', which a web address cannot contain. "
                     "Fix: copy the address from the browser's address bar (it encodes such characters)"]
