"""`build.py check` on small broken sites: every problem, exact text, exit status, nothing written."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from digest.content import load_articles
from tests.clirun import run_cli
from tests.conftest import copy_site

GIAO_BAN = "content/2019/2019-01-02-giao-ban.md"
EXAMPLE_OFFICIAL = "write each official as `- {name: Trần Hồng Quảng, roles: [Phó Bí thư Tỉnh ủy]}`"

EXPECTED_ERRORS = {
    "invalid_typo": [
        f'{GIAO_BAN}:4: unknown key "offical". Fix: did you mean officials?',
        f'{GIAO_BAN}:7: unknown key "campaing". Fix: did you mean campaigns?',
    ],
    "invalid_date": [
        f'{GIAO_BAN}:3: date "2/1/2019" is not a real date (YYYY-MM-DD). Fix: date: 2019-01-02',
        f'{GIAO_BAN}:4: published "hôm qua" is not a date and time. Fix: published: 2022-07-01T15:15',
        'content/2019/2019-02-30-so-ket.md:3: date "2019-02-30" is not a real date (YYYY-MM-DD). '
        "Fix: date: 2019-01-02 (year-month-day, the day the event took place)",
    ],
    "invalid_missing": [
        f"{GIAO_BAN}:1: title is missing. Fix: add `title: ...` to the front matter",
        f"{GIAO_BAN}:1: date is missing. Fix: add `date: YYYY-MM-DD`, the day the event took place",
        "content/2019/2019-01-03-khong-co-front-matter.md:1: the file does not start with a `---` front matter line. "
        "Fix: put `---`, then `title: ...` and `date: YYYY-MM-DD`, then `---` at the top",
    ],
    "invalid_types": [
        f'{GIAO_BAN}:2: title must be text, not a list. Fix: title: "..."',
        f"{GIAO_BAN}:4: authors must be a list of names. Fix: authors: [Tên thứ nhất, Tên thứ hai]",
        f"{GIAO_BAN}:5: draft must be true or false. Fix: draft: true",
        f"{GIAO_BAN}:6: source_url must start with http:// or https://. Fix: source_url: https://...",
    ],
    "invalid_officials": [
        f'{GIAO_BAN}:4: official #1 has an unknown key "role". Fix: did you mean roles?',
        f"{GIAO_BAN}:4: official #2 has no name. Fix: {EXAMPLE_OFFICIAL}",
        f'{GIAO_BAN}:4: roles of "Bùi Mai Hoa" must be a list of positions. Fix: roles: [Phó Bí thư Tỉnh ủy]',
        f"{GIAO_BAN}:4: official #4 must have `name:` and `roles:`. Fix: {EXAMPLE_OFFICIAL}",
    ],
    "invalid_duplicate_url": [
        "content/2019/giao-ban.md:1: the URL bai-viet/giao-ban.html is also used by content/2020/giao-ban.md. "
        "Fix: rename one of the two files (the file name, without folders, becomes the URL)",
        "content/2020/giao-ban.md:1: the URL bai-viet/giao-ban.html is also used by content/2019/giao-ban.md. "
        "Fix: rename one of the two files (the file name, without folders, becomes the URL)",
    ],
}


def _summary(errors: int) -> str:
    return f"check failed: {errors} error{'s' if errors != 1 else ''}, 0 warnings."


@pytest.mark.parametrize("case", sorted(EXPECTED_ERRORS))
def test_check_prints_every_problem_with_file_line_and_fix(case: str, tmp_path: Path):
    site = copy_site(case, tmp_path)
    result = run_cli(site, "check")
    expected = EXPECTED_ERRORS[case]
    assert result.stderr.splitlines() == [*expected, _summary(len(expected))]
    assert result.stdout == ""
    assert result.returncode == 1
    assert sorted(p.name for p in site.iterdir()) == ["content", "site.yaml"]  # nothing written


def test_check_errors_carry_no_traceback_unless_debug(tmp_path: Path):
    site = copy_site("invalid_typo", tmp_path)
    plain = run_cli(site, "check")
    debug = run_cli(site, "check", "--debug")
    assert "Traceback" not in plain.stderr
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.endswith("\n".join([*EXPECTED_ERRORS["invalid_typo"], _summary(2)]) + "\n")
    assert debug.returncode == 1


def test_check_under_github_actions_adds_an_annotation_per_problem(tmp_path: Path):
    site = copy_site("invalid_typo", tmp_path)
    result = run_cli(site, "check", GITHUB_ACTIONS="true")
    assert result.stderr.splitlines() == [
        EXPECTED_ERRORS["invalid_typo"][0],
        f'::error file={GIAO_BAN},line=4::unknown key "offical". Fix: did you mean officials?',
        EXPECTED_ERRORS["invalid_typo"][1],
        f'::error file={GIAO_BAN},line=7::unknown key "campaing". Fix: did you mean campaigns?',
        _summary(2),
    ]
    assert result.returncode == 1


def test_unregistered_campaign_is_a_warning_on_the_campaigns_line(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "check", GITHUB_ACTIONS="true")
    fix = "Fix: add it to site.yaml campaigns or check the spelling"
    assert result.stderr.splitlines() == [
        f'{GIAO_BAN}:4: warning: campaign "Dân vận khẻo" is not in the registry. {fix}; did you mean Dân vận khéo?',
        f'::warning file={GIAO_BAN},line=4::campaign "Dân vận khẻo" is not in the registry. '
        f"{fix}; did you mean Dân vận khéo?",
        f'{GIAO_BAN}:4: warning: campaign "Phong trào hoàn toàn mới" is not in the registry. {fix}',
        f'::warning file={GIAO_BAN},line=4::campaign "Phong trào hoàn toàn mới" is not in the registry. '
        f"{fix}",
    ]
    assert result.stdout == "check passed: no errors, 2 warnings\n"
    assert result.returncode == 0


def test_quiet_check_hides_warnings_and_the_summary(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "check", "--quiet")
    assert (result.stdout, result.stderr, result.returncode) == ("", "", 0)


def test_check_validates_drafts_even_when_they_are_left_out(tmp_path: Path):
    site = copy_site("drafts", tmp_path)
    assert run_cli(site, "check").stdout == "check passed: no errors, 0 warnings\n"
    draft = site / "content" / "2019" / "2019-03-04-ban-nhap.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("date: 2019-03-04", "date: 4/3/2019"), encoding="utf-8")
    result = run_cli(site, "check")
    assert result.stderr.splitlines()[0] == ('content/2019/2019-03-04-ban-nhap.md:3: date "4/3/2019" is not a real date '
                                             "(YYYY-MM-DD). Fix: date: 2019-03-04")
    assert result.returncode == 1


# --- Encodings: what editors' tools save -----------------------------------------------------

ARTICLE = ("---\ntitle: Hội nghị giao ban công tác dân vận Tỉnh ủy\ndate: 2019-01-02\n---\n"
           "Phó Bí thư Tỉnh ủy chủ trì hội nghị.\n")
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed (â, ơ, ư), tone marks combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in decomposed if m in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def _site_with_article(tmp_path: Path, data: bytes) -> Path:
    site = copy_site("drafts", tmp_path)
    (site / "content" / "2019" / "2019-03-04-ban-nhap.md").unlink()
    (site / "content" / "2019" / "2019-01-02-giao-ban.md").write_bytes(data)
    return site


@pytest.mark.parametrize("encoding", ["utf-8-bom-crlf", "utf-8-nfd", "utf-16-le-bom", "utf-16-be-bom"])
def test_unicode_files_are_read_and_stored_as_nfc(encoding: str, tmp_path: Path):
    data = {
        "utf-8-bom-crlf": b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        "utf-8-nfd": unicodedata.normalize("NFD", ARTICLE).encode("utf-8"),
        "utf-16-le-bom": ARTICLE.encode("utf-16"),
        "utf-16-be-bom": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
    }[encoding]
    site = _site_with_article(tmp_path, data)
    result = run_cli(site, "check")
    assert (result.stdout, result.stderr, result.returncode) == ("check passed: no errors, 0 warnings\n", "", 0)
    [article], _ = load_articles(site / "content")
    assert article.title == "Hội nghị giao ban công tác dân vận Tỉnh ủy"
    assert article.body == "Phó Bí thư Tỉnh ủy chủ trì hội nghị.\n"
    assert unicodedata.is_normalized("NFC", article.title + article.body)


FIX_ENCODING = "Fix: save it as UTF-8 (e.g. in Notepad: File > Save As > Encoding: UTF-8)"


def test_windows_1258_file_is_refused_naming_the_encoding_and_line(tmp_path: Path):
    site = _site_with_article(tmp_path, to_windows_1258(ARTICLE))
    result = run_cli(site, "check")
    assert result.stderr.splitlines() == [
        f"{GIAO_BAN}:2: the file is in Windows-1258 (an old Vietnamese encoding), not UTF-8. {FIX_ENCODING}",
        _summary(1),
    ]
    assert result.returncode == 1


def test_other_legacy_encoding_is_refused_with_the_byte_and_line(tmp_path: Path):
    site = _site_with_article(tmp_path, "---\ntitle: Café\ndate: 2019-01-02\n---\nx\n".encode("latin-1"))
    result = run_cli(site, "check")
    assert result.stderr.splitlines()[0] == (
        f"{GIAO_BAN}:2: the file is not UTF-8 (byte 0xe9 cannot be read; maybe Windows-1258 or another "
        f"legacy encoding). {FIX_ENCODING}")
    assert result.returncode == 1


@pytest.mark.parametrize(("data", "message"), [
    (ARTICLE.encode("utf-16-le"), "the file contains NUL bytes (binary or UTF-16 without a BOM)"),
    (b"\xff\xfe" + ARTICLE.encode("utf-16-le")[:-1], "the file starts like UTF-16 but is cut short or damaged"),
])
def test_damaged_utf16_is_refused_without_a_traceback(data: bytes, message: str, tmp_path: Path):
    site = _site_with_article(tmp_path, data)
    result = run_cli(site, "check")
    assert result.stderr.splitlines() == [f"{GIAO_BAN}:1: {message}. {FIX_ENCODING}", _summary(1)]
    assert result.returncode == 1
