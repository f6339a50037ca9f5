"""`build.py import` and `build.py eval`: the editor's side of import (called from digest.cli).

Prints what was extracted and what needs review, so an editor can check each article before
the build publishes it. Exit status 1 when a file was refused (already imported, unreadable).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from digest.config import SiteConfig, load_config
from digest.evaluate import evaluate_dir, format_report
from digest.importer import ImportOutcome, import_files, render_markdown


def _config(args: argparse.Namespace) -> tuple[Path, SiteConfig]:
    root = Path(getattr(args, "root", None) or ".")
    return root, load_config(root / "site.yaml")


def describe_outcome(outcome: ImportOutcome, dry_run: bool) -> list[str]:
    """Lines telling the editor what happened to one file and what was extracted."""
    lines = [f"== {outcome.source_path}"]
    if outcome.article is None:
        return [*lines, f"refused: {outcome.refused}"]
    article = outcome.article
    if outcome.refused:
        lines.append(f"refused: {outcome.refused}")
    elif dry_run:
        front = render_markdown(article).split("\n---\n", 1)[0]
        lines += [f"would write {outcome.target_path}", front, "---"]
    else:
        lines.append(f"wrote {outcome.target_path}")
    lines.append(f"  ngày / date: {article.date or '(không rõ / unknown)'}"
                 + (f"   đăng / published: {article.published}" if article.published else ""))
    lines.append(f"  địa phương / locality: {article.locality or '(không / none)'}")
    lines.append("  cán bộ / officials:" + ("" if article.officials else " (không / none)"))
    for official in article.officials:
        function = f" [{official.function}]" if official.function else ""
        lines.append(f"    - {official.name}: {'; '.join(official.roles)}{function}")
    lines.append("  phong trào / campaigns: " + ("; ".join(article.campaigns) or "(không / none)"))
    if outcome.review:
        lines.append("  Cần kiểm tra / Needs review:")
        lines += [f"    - {note}" for note in outcome.review]
    return lines


def run_import(args: argparse.Namespace) -> int:
    """Import the files named on the command line; 1 if any was refused."""
    root, config = _config(args)
    content_dir = Path(args.content_dir) if getattr(args, "content_dir", None) else root / "content"
    outcomes = import_files([Path(f) for f in args.files], content_dir, config,
                            dry_run=bool(args.dry_run), force=bool(args.force))
    for outcome in outcomes:
        print("\n".join(describe_outcome(outcome, bool(args.dry_run))))
    refused = [o for o in outcomes if o.refused]
    if refused:
        print(f"{len(refused)} of {len(outcomes)} file(s) refused.")
    return 1 if refused else 0


def run_eval(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 of import for each folder given."""
    _, config = _config(args)
    folders = getattr(args, "dirs", None) or [args.dir]
    for folder in folders:
        path = Path(folder)
        if not (path / "expected.yaml").is_file():
            print(f"{path}: no expected.yaml in this folder")
            return 1
        print(f"# {path}")
        print(format_report(evaluate_dir(path, config), verbose=bool(getattr(args, "verbose", False))))
    return 0
