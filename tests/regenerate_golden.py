"""Rewrite the import golden files: `.venv/bin/python -m tests.regenerate_golden`.

Each tests/fixtures/import/<case>.txt is imported with the project's site.yaml and written
to <case>.expected.md. Run it only when an import change is intended, then review the diff
(`git diff tests/fixtures/import`) before committing: the golden files are the spec.
"""

from __future__ import annotations

from pathlib import Path

from digest.config import load_config
from digest.content import decode_source
from digest.importer import import_text, render_markdown

REPO = Path(__file__).resolve().parent.parent
GOLDEN_DIR = REPO / "tests" / "fixtures" / "import"


def golden_markdown(case: Path) -> str:
    """The Markdown that import makes of one golden case."""
    config = load_config(REPO / "site.yaml")
    return render_markdown(import_text(decode_source(case.read_bytes()), config))


def main() -> None:
    """Write every <case>.expected.md and list what changed."""
    for case in sorted(GOLDEN_DIR.glob("*.txt")):
        target = case.with_suffix(".expected.md")
        text = golden_markdown(case)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != text:
            target.write_text(text, encoding="utf-8")
            print(f"{'updated' if old is not None else 'created'} {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
