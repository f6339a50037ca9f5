"""Run `build.py serve` in a subprocess for a test: start, wait for its URL, read its log, stop it.

Every wait has a timeout and the process is always stopped (SIGTERM, then SIGKILL), so a
hanging server fails one test instead of hanging the suite."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.clirun import BUILD_PY, cli_env

URL_PATTERN = re.compile(r"Serving (http://127\.0\.0\.1:\d+/)")


class ServeProcess:
    """A running `build.py serve --port 0`; `log` collects its output lines as they come."""

    def __init__(self, site: Path, *args: str):
        self.process = subprocess.Popen([sys.executable, str(BUILD_PY), "serve", "--port", "0", *args], cwd=site,
                                        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()
        self.url = URL_PATTERN.search(self.wait_for_line(lambda line: "Serving http" in line, 60)).group(1)

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, matches: Callable[[str], bool], timeout: float = 30) -> str:
        """The next output line that `matches`, or AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.log.append(line)
            if matches(line):
                return line
        raise AssertionError("serve did not print the expected line; its output:\n" + "\n".join(self.log))

    def stop(self) -> int:
        """SIGTERM, wait up to 10 s, then SIGKILL; return the exit status."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


@contextmanager
def serving(site: Path, *args: str) -> Iterator[ServeProcess]:
    """`build.py serve` on a free port for the duration of the block, always stopped after."""
    server = ServeProcess(site, *args)
    try:
        yield server
    finally:
        server.stop()
