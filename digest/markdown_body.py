"""Article bodies to HTML: CommonMark (markdown-it-py) with raw HTML off, and a fast path for
bodies that are only paragraphs of plain prose.

Why the fast path: most articles are paragraphs of text with no Markdown at all, and
markdown-it-py spends ~0.3 ms on each (3 s of CPU at 10,000 articles) tokenising what ends up
as `<p>...</p>`. A body qualifies only when no character or line start could mean anything to
CommonMark; the output is then byte-identical to markdown-it-py's (property-tested against it
in tests/test_markdown_body.py). Anything else goes to markdown-it-py.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&\t\r\0]")
"""Characters that may start inline Markdown (emphasis, code, links, autolinks, entities,
escapes) or change how a line is read; a body containing one goes to markdown-it-py."""
BLOCK_MARKS = frozenset(" #>+-=~")
LIST_NUMBER = re.compile(r"\d{1,9}[.)]")
"""Line starts that may open a block (indented code, heading, quote, list, fence, setext
underline: one of BLOCK_MARKS, or an ordered-list number): a body with such a line goes to
markdown-it-py."""
MD_TRIM_CHARS = "\t\n\v\f\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
"""What markdown-it-py trims off a paragraph (its common.utils.MD_TRIM_CHARS, checked equal by
tests/test_markdown_body.py): copied so that a build whose bodies are all plain prose does not
import markdown-it-py (~35 ms of every rebuild)."""
PARAGRAPH_BREAK = re.compile(r"\n\n+")
"""A blank line (lines of spaces never reach the fast path: they start with a space)."""



@functools.cache
def make_markdown() -> MarkdownIt:
    """CommonMark with raw HTML off: an article cannot inject markup (one parser per process)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False})


def plain_paragraphs(text: str) -> str | None:
    """The HTML of a body made only of plain-prose paragraphs, or None when it is anything else."""
    # Two spaces before a line end (a hard line break), or spaces ending the text: plain string
    # tests, faster than a regular expression tried at every space.
    if "  \n" in text or text.endswith((" ", " \n")) or INLINE_SYNTAX.search(text):
        return None
    for line in text.split("\n"):  # ~30 lines: cheaper than a multi-line pattern tried everywhere
        if line and (line[0] in BLOCK_MARKS or (line[0].isdigit() and LIST_NUMBER.match(line))):
            return None
    html = []
    for block in PARAGRAPH_BREAK.split(text):
        if block.strip("\n"):  # a line of other whitespace (no-break spaces) is not blank in CommonMark
            paragraph = block.replace(" \n", "\n").strip(MD_TRIM_CHARS)  # a space before a soft line break is dropped
            html += ["<p>", paragraph.replace('"', "&quot;"), "</p>\n"]
    return "".join(html)


def render_markdown(text: str) -> str:
    """An article body as HTML (CommonMark, raw HTML escaped)."""
    fast = plain_paragraphs(text)
    return fast if fast is not None else make_markdown().render(text)
