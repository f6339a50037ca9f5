"""Byte snapshots of an output folder, for tests that compare builds file by file."""

from __future__ import annotations

from pathlib import Path

PAGEFIND_PREFIX = "pagefind"
"""Search bundles (pagefind/, pagefind-YYYY/): Pagefind's filter files are not byte-stable."""


SHARDS_LIST = "assets/search-shards.js"
"""The list of bundles the search page merges: an incremental build may list an additions
bundle (search.ShardIndexer) that a full build has not; indexed_pages compares their content."""


def snapshot(folder: Path, skip_search: bool = False) -> dict[str, bytes]:
    """Relative path -> bytes of every file under folder (optionally without the search
    bundles and their list)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not (skip_search and (relative.startswith(PAGEFIND_PREFIX) or relative == SHARDS_LIST)):
            files[relative] = path.read_bytes()
    return files


def listed_bundles(output: Path) -> list[str]:
    """The bundles assets/search-shards.js lists, after checking that it lists every bundle of
    the site but the primary one, and only bundles that exist."""
    import json

    text = (output / SHARDS_LIST).read_text(encoding="utf-8")
    listed = [folder.rstrip("/") for folder in json.loads(text.split("=", 1)[1].strip().rstrip(";"))]
    present = sorted(p.name for p in output.glob("pagefind-*") if (p / "pagefind.js").is_file())
    assert sorted(listed) == present, (listed, present)
    return listed


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """Paths missing from one side or with different bytes (empty when equal)."""
    return sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))


OFFICIALS = ("Trần Hồng Quảng", "Bùi Mai Hoa", "Nguyễn Mạnh Dũng", "Lê Thị Hà", "Phạm Văn Sơn")
CAMPAIGNS = ("Dân vận khéo", "Năm dân vận chính quyền", "Ngày vì người nghèo")


def article_front_matter(number: int, year: int, title: str | None = None) -> str:
    """Front matter of the number-th article of a small generated archive."""
    officials = "\n".join(f"  - name: {OFFICIALS[(number + k) % len(OFFICIALS)]}\n    roles: [Phó Bí thư Tỉnh ủy]"
                          for k in range(2))
    return (f"title: {title or f'Hội nghị giao ban công tác dân vận số {number}'}\n"
            f"date: {year}-{number % 12 + 1:02d}-{number % 27 + 1:02d}\nkind: giao ban\nlocality: Hà Giang\n"
            f"officials:\n{officials}\ncampaigns: [{CAMPAIGNS[number % len(CAMPAIGNS)]}]\n")


def write_archive(content_dir: Path, count: int, years: tuple[int, ...] = (2019, 2020, 2021)) -> list[Path]:
    """`count` small articles spread over `years`; returns their paths."""
    paths = []
    for number in range(count):
        year = years[number % len(years)]
        path = content_dir / str(year) / f"{year}-bai-{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = f"Bài số {number} nói về phong trào thi đua ở cơ sở.\n\nĐoạn thứ hai của bài {number}.\n"
        path.write_text(f"---\n{article_front_matter(number, year)}---\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def indexed_pages(output: Path) -> dict[str, str]:
    """URL -> indexed text of every page in every Pagefind bundle under output/ (a page indexed
    in two bundles would be found twice: it fails the test)."""
    import gzip
    import json

    pages = {}
    for fragment in sorted(output.glob("pagefind*/fragment/*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        assert data["url"] not in pages, f"{data['url']} is indexed twice"
        pages[data["url"]] = data["content"]
    return pages
