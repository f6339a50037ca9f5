"""Errors a person can act on: file, line, what is wrong, and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceError:
    """One problem in one input file, printed as `path:line: message. Fix: hint`."""

    path: str
    """Path of the file as the user would type it (relative to the project when possible)."""
    line: int | None
    """1-based line in the file, or None when the problem concerns the whole file."""
    message: str
    """What is wrong, without a trailing period."""
    hint: str | None = None
    """How to fix it, or None when the message says it all."""
    severity: str = "error"
    """"error" fails the build; "warning" is printed and the build goes on."""

    def format(self) -> str:
        """Render as one line in the `file:line: message. Fix: hint` convention."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {prefix}{self.message.rstrip('.')}."
        if self.hint:
            text += f" Fix: {self.hint}"
        return text

    def github_annotation(self) -> str:
        """Render as a GitHub Actions workflow command so a pull request shows it on its line."""
        kind = "warning" if self.severity == "warning" else "error"
        loc = f"file={self.path}" + (f",line={self.line}" if self.line else "")
        body = self.message.rstrip(".") + (f". Fix: {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} {loc}::{body}"


class BuildFailed(Exception):
    """Raised by a stage after it has collected every problem it found."""

    def __init__(self, errors: list[SourceError]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def only_errors(problems: list[SourceError]) -> list[SourceError]:
    """Keep the problems that must stop the build (drop warnings)."""
    return [p for p in problems if p.severity == "error"]
