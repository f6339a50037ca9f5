"""The article body as safe Markdown: paragraphs as written, nothing turned into markup.

Why escape: a scraped line "1. Tăng cường ..." or "# 5 nhiệm vụ" must stay text, and "*",
"_", "[", "<", "&" inside a sentence must not become emphasis, links, HTML or entities.
Captions are set in italics, so the reader sees they are not article prose.
"""

from __future__ import annotations

import re

INLINE_PATTERN = re.compile(r"([\\`*_\[\]<>&|~])")
LINE_START_PATTERN = re.compile(r"^(\s*)([#>+\-=:]|\d+[.)](?=\s|$))")


def escape_markdown(text: str) -> str:
    """Text that markdown-it renders as exactly these characters, on one line."""
    text = " ".join(text.split())
    text = INLINE_PATTERN.sub(r"\\\1", text)
    match = LINE_START_PATTERN.match(text)
    if match:
        marker = match.group(2)
        escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
        text = text[:match.start(2)] + escaped + text[match.end(2):]
    return text


def render_body(paragraphs: tuple[str, ...], captions: frozenset[int]) -> str:
    """Markdown body: one escaped paragraph per block, captions in italics."""
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        text = escape_markdown(paragraph)
        if not text:
            continue
        blocks.append(f"*{text}*" if index in captions and not text.startswith("\\") else text)
    return "\n\n".join(blocks) + "\n" if blocks else ""
