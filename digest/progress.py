"""Show a build's progress: a bar redrawn in place on a terminal, one plain line per stage in CI.

Why two forms: a bar is what a person at a terminal wants, but the carriage returns that draw
it turn a CI log into one unreadable line, so logs get a line when each stage ends.
The pipeline only calls `progress(stage, done, total)`; this module decides what to show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

STAGE_LABELS = {
    "read": "Reading articles and site.yaml",
    "render": "Rendering pages",
    "index": "Indexing for search (Pagefind)",
}
"""What each pipeline stage is called on screen; unknown stages show their own name."""
BAR_WIDTH = 30
REDRAW_SECONDS = 0.1
"""Redraw the bar at most ten times a second: writing to a terminal is not free."""


class ProgressPrinter:
    """A progress callback for BuildOptions.progress that writes to `stream` (normally stderr)."""

    def __init__(self, stream: TextIO, tty: bool | None = None, clock: Callable[[], float] = time.monotonic):
        self.stream, self.clock = stream, clock
        self.tty = stream.isatty() if tty is None else tty
        self.stage: str | None = None
        self.stage_started, self.last_draw = 0.0, float("-inf")
        self.drawn = False
        self.completed: str | None = None
        """The stage whose end was last printed: a stage reported done twice prints one line."""

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Record that `done` of `total` steps of `stage` are finished."""
        now = self.clock()
        if stage != self.stage:  # a new stage is shown at once
            self.stage, self.stage_started, self.last_draw = stage, now, float("-inf")
        if done < total and self.completed == stage:  # the same stage runs again
            self.completed, self.stage_started = None, now
        if self.tty:
            self._draw_bar(stage, done, total, now)
        elif done >= total and self.completed != stage:
            self.completed = stage
            self.stream.write(f"{label(stage)}: {done}/{total} ({now - self.stage_started:.1f} s)\n")
            self.stream.flush()

    def _draw_bar(self, stage: str, done: int, total: int, now: float) -> None:
        """Redraw the one bar line, throttled, except that a stage's last step is always shown."""
        if done < total and now - self.last_draw < REDRAW_SECONDS:
            return
        self.last_draw, self.drawn = now, True
        self.stream.write("\r\x1b[K" + render_bar(stage, done, total))
        self.stream.flush()

    def finish(self) -> None:
        """Erase the bar so the summary line (or the errors) start on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def label(stage: str) -> str:
    """The on-screen name of a pipeline stage."""
    return STAGE_LABELS.get(stage, stage)


def render_bar(stage: str, done: int, total: int) -> str:
    """One line: `Rendering pages [#######.......]  12/40`."""
    filled = BAR_WIDTH * done // total if total > 0 else BAR_WIDTH
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return f"{label(stage):<32} [{bar}] {done:>{len(str(total))}}/{total}"
