"""Guard the render stage: every planned page goes to its own path inside the output folder.

Why: slugs come from names anyone can write in a pull request. The model disambiguates
slugs, but a page must never silently overwrite another (an official called "Index" would
land on can-bo/index.html) nor be written outside output/. This check is pure, runs on the
planned paths before anything is written, and fails the build with every clash it finds.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from digest.errors import BuildFailed, SourceError

MAX_SEGMENT_BYTES = 255
"""Longest file or folder name most file systems accept (ext4, APFS, NTFS)."""
UNSAFE_PATTERN = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")
"""Characters that are invalid or ambiguous in a file name on some system we publish from."""


@dataclass(frozen=True)
class PlannedFile:
    """One file the render stage is about to write."""

    path: str
    """Site-relative path with forward slashes, e.g. "can-bo/nguyen-van-an.html"."""
    origin: str
    """What produces it, for the error message: 'official "Nguyễn Văn An"'."""


def path_problem(path: str) -> str | None:
    """Why `path` is not a safe site-relative file path, or None when it is."""
    if not path or path.startswith("/") or UNSAFE_PATTERN.search(path):
        return "is not a plain relative path"
    segments = path.split("/")
    if any(s in ("", ".", "..") for s in segments) or posixpath.normpath(path) != path:
        return "would be written outside the output folder"
    if any(len(s.encode("utf-8")) > MAX_SEGMENT_BYTES for s in segments):
        return f"has a name longer than {MAX_SEGMENT_BYTES} bytes"
    return None


def find_path_problems(files: Iterable[PlannedFile]) -> list[SourceError]:
    """Every unsafe path and every path claimed twice (case-insensitively, as on macOS)."""
    problems: list[SourceError] = []
    owners: dict[str, PlannedFile] = {}
    for planned in files:
        reason = path_problem(planned.path)
        if reason:
            problems.append(SourceError(planned.path, None, f"the page for {planned.origin} {reason}",
                                        "rename the source so its URL is plain letters, digits and dashes"))
            continue
        first = owners.setdefault(planned.path.casefold(), planned)
        if first is not planned:
            problems.append(SourceError(planned.path, None,
                                        f"two pages would be written here: {first.origin} and {planned.origin}",
                                        "rename one of the two so their URLs differ"))
    return problems


def describe_origin(path: str, context: Mapping) -> str:
    """A short human description of what a page shows, from its declared context."""
    if "article" in context and hasattr(context["article"], "source_path"):
        return f"the article {context['article'].source_path}"
    for key, entries in (("official", "appearances"), ("campaign", "entries")):
        if key in context and hasattr(context[key], "name"):
            first = (context.get(entries) or [{}])[0]
            source = getattr(first.get("article") if isinstance(first, dict) else None, "source_path", None)
            return f'{key} "{context[key].name}"' + (f" (named in {source})" if source else "")
    return f"the page {path}"


def guard_output_paths(pages: Iterable) -> None:
    """Raise BuildFailed before rendering when two pages share a path or a path is unsafe.

    `pages` are digest.pages.Page records (anything with `.path` and `.context`)."""
    pages = list(pages)
    if not find_path_problems(PlannedFile(p.path, "") for p in pages):
        return
    # Described only now: describing every page would make every page's context.
    raise BuildFailed(find_path_problems(PlannedFile(p.path, describe_origin(p.path, p.context)) for p in pages))
