"""Command line: build | check | import | eval. The only module that prints or exits."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from digest.errors import BuildFailed, SourceError
from digest.pipeline import BuildOptions, build_site, check_site

COMMANDS = ("build", "check", "import", "eval")


def _print_problems(problems: list[SourceError] | tuple[SourceError, ...]) -> None:
    """Print each problem as `file:line: message. Fix: ...`, plus GitHub annotations in Actions."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if in_actions:
            print(problem.github_annotation(), file=sys.stderr)


def _options(args: argparse.Namespace) -> BuildOptions:
    root = Path(args.root)
    return BuildOptions(
        root=root,
        content_dir=Path(args.content_dir) if args.content_dir else root / "content",
        output_dir=Path(getattr(args, "output_dir", None) or root / "output"),
        drafts=getattr(args, "drafts", False),
    )


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site into output/."""
    report = build_site(_options(args))
    _print_problems(report.warnings)
    if not args.quiet:
        print(f"Built {report.pages} pages from {report.articles} articles into {_options(args).output_dir} "
              f"({len(report.warnings)} warnings, {report.seconds:.1f} s)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything, write nothing."""
    warnings = check_site(_options(args))
    _print_problems(warnings)
    if not args.quiet:
        print(f"OK: no errors ({len(warnings)} warnings)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import raw articles (implemented in digest.importer)."""
    from digest.import_cli import run_import

    return run_import(args)


def cmd_eval(args: argparse.Namespace) -> int:
    """Evaluate import against a folder of raw articles and expected.yaml."""
    from digest.import_cli import run_eval

    return run_eval(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Nhật ký Dân vận: static digest site builder.")
    sub = parser.add_subparsers(dest="command")
    build = sub.add_parser("build", help="build output/ (default command)")
    check = sub.add_parser("check", help="validate content/ and site.yaml without writing")
    for p in (build, check):
        p.add_argument("--content-dir", help="folder of articles (default: content/)")
        p.add_argument("--drafts", action="store_true", help="include draft: true articles")
        p.add_argument("--quiet", action="store_true", help="print only errors")
    build.add_argument("--output-dir", help="where to write the site (default: output/)")
    imp = sub.add_parser("import", help="turn raw article text into content/ Markdown")
    imp.add_argument("files", nargs="+", help="raw article text files")
    imp.add_argument("--content-dir", help="where to write (default: content/)")
    imp.add_argument("--dry-run", action="store_true", help="print the front matter, write nothing")
    imp.add_argument("--force", action="store_true", help="replace an article imported before")
    ev = sub.add_parser("eval", help="precision/recall of import against expected.yaml")
    ev.add_argument("dirs", nargs="+", help="folders with *.txt and expected.yaml")
    ev.add_argument("--verbose", action="store_true", help="list every mismatch")
    for p in (build, check, imp, ev):
        p.add_argument("--debug", action="store_true", help="show tracebacks")
        p.add_argument("--root", default=".", help="project folder with site.yaml and templates/ (default: .)")
    return parser


def _command_first(argv: list[str]) -> list[str]:
    """Put the command word first (default `build`), so options may come before or after it."""
    if argv in ([], ["-h"], ["--help"]):
        return argv or ["build"]
    commands = [a for a in argv if a in COMMANDS]
    if not commands:
        return ["build", *argv]
    argv.remove(commands[0])
    return [commands[0], *argv]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, turn failures into messages and exit codes."""
    args = _parser().parse_args(_command_first(list(sys.argv[1:] if argv is None else argv)))
    handlers = {"build": cmd_build, "check": cmd_check, "import": cmd_import, "eval": cmd_eval}
    command = args.command or "build"
    try:
        return handlers[command](args)
    except BuildFailed as failed:
        _print_problems(failed.errors)
        count = len([e for e in failed.errors if e.severity == "error"])
        print(f"{command} failed: {count} error(s); output/ was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; output/ was not changed.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, not a traceback
        if getattr(args, "debug", False):
            traceback.print_exc()
        else:
            print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2
