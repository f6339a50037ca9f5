"""The Jinja environment pages are rendered with: autoescape, StrictUndefined, our filters,
and two shortcuts in what Jinja runs for every value a template prints or reads.

Both shortcuts give exactly Jinja's output (tests/test_templating.py renders the same
templates with stock Jinja and compares); they exist because a 10,000-article build prints
~1.6 million values and reads ~3 million attributes, which made Jinja's per-value overhead a
tenth of the build's own CPU time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr

from digest.filters import register_filters

try:  # markupsafe's C escaper, which returns a plain str (its public escape wraps it in Markup)
    from markupsafe import _escape_inner as _escape_str
except ImportError:  # another markupsafe than the pinned one: slower, same result
    from markupsafe import escape as _escape_markup

    def _escape_str(text: str) -> str:
        return str(_escape_markup(text))


def escape_text(value: Any) -> str:
    """markupsafe.escape(value) as a plain str: what a template prints with autoescape on.

    Why: Jinja wraps each printed value in escape(), a Python function that builds a Markup
    object (another Python call) only to have it joined into the page at once; ~0.55 µs a
    value against ~0.1 µs here, ~0.7 CPU-s of a 10,000-article build. Same order of checks
    as markupsafe's, so an undefined value fails the same way."""
    if type(value) is str:
        return _escape_str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_str(str(value))


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, printing autoescaped values through escape_text.

    Only where Jinja writes `escape(` around an output expression (autoescape known at
    compile time): the value goes straight into the page, or into a block buffer that Jinja
    joins and marks safe as a whole, so a str serves as well as a Markup there."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_text(")
        if finalize.src is not None:
            self.write(finalize.src)


BYTECODE_PATTERN = "__digest_escape_text_%s.cache"
"""File names of compiled templates in the build cache (Jinja's own: "__jinja2_%s.cache")."""

DICT_ATTRIBUTES = frozenset(dir(dict))
"""What getattr finds on a plain dict: any other name is one of its keys or nothing."""


class _Environment(Environment):
    """Jinja's Environment, with escape_text for printed values (see _CodeGenerator), and
    `mapping.key` on a plain dict looked up as a key at once.

    Jinja tries an attribute first and catches AttributeError before trying the key; for the
    dicts pages pass (official and campaign links: ~200,000 lookups in a 10,000-article build)
    the exception cost ~0.7 µs each. The result is the same: a plain dict has no attributes
    but DICT_ATTRIBUTES, and those still go Jinja's way. Jinja's way is written out here
    rather than called (Environment.getattr): one Python call fewer in ~2 million lookups."""

    code_generator_class = _CodeGenerator
    escape_text = staticmethod(escape_text)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


def make_environment(templates_dir: Path, cache_dir: Path | None = None) -> Environment:
    """Jinja environment: autoescape on, undefined variables fail the build. With cache_dir,
    compiled templates are kept there (keyed by their source) and not compiled on every build.
    No auto_reload: each build makes its own environment, and Jinja's check of every template
    file's mtime on each get_template (two per page) was ~2% of rendering 11,000 pages."""
    bytecode = None
    if cache_dir is not None:
        (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
        # Named after the code generator: templates compiled by stock Jinja (before it) would
        # still render correctly from the cache, only without escape_text.
        bytecode = FileSystemBytecodeCache(str(cache_dir / "jinja"), pattern=BYTECODE_PATTERN)
    env = _Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode,
        autoescape=select_autoescape(("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    register_filters(env)
    return env
