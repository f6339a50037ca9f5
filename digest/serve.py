"""Preview server: build, serve output/ on 127.0.0.1, rebuild on change, reload the open page.

Why the reload works this way: the site's Content-Security-Policy forbids inline scripts, so
the dev server adds `<script src="/__livereload.js?v=N">` to HTML *responses* (never to files
in output/); the script polls `/__livereload/state` and reloads when the build number moves.
A failed build keeps the last good output/ (the pipeline swaps only on success) and the
server adds an escaped error banner to every page until the next good build.
"""

from __future__ import annotations

import html
import json
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import watchfiles

from digest.content import display_path
from digest.errors import BuildFailed, SourceError
from digest.pipeline import BuildOptions, BuildReport, build_site, theme_dir

HOST = "127.0.0.1"
LIVERELOAD_JS = b"""// Dev server only (build.py serve): reload when the site is rebuilt or its build fails.
(function () {
  var me = document.currentScript ? new URL(document.currentScript.src) : null;
  var seen = me ? me.searchParams.get("v") : null;
  function poll() {
    fetch("/__livereload/state", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && String(state.version) !== seen) { location.reload(); return; }
        setTimeout(poll, 400);
      }, function () { setTimeout(poll, 1500); });
  }
  poll();
})();
"""
LIVERELOAD_CSS = b"""/* Dev server only (build.py serve): the banner shown while the last build failed. */
#digest-dev-error { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; margin: 0;
  padding: 0.75rem 1rem; max-height: 50vh; overflow: auto; background: #7f1d1d; color: #fff;
  font: 14px/1.45 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4); }
#digest-dev-error pre { margin: 0.5rem 0 0; white-space: pre-wrap; font: 13px/1.45 monospace; }
"""
HEAD_END_PATTERN = re.compile(rb"</head\s*>", re.IGNORECASE)
BODY_START_PATTERN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
NO_SITE_PAGE = (b"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>build.py serve</title>"
                b"</head><body><p>Ch\xc6\xb0a c\xc3\xb3 b\xe1\xba\xa3n d\xe1\xbb\xb1ng n\xc3\xa0o / No site built yet."
                b"</p></body></html>")
SITE_MIME_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".pf_meta": "application/octet-stream",
                   ".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
                   ".pagefind": "application/octet-stream"}


class DevState:
    """What the last build left: a build number that moves when the page should reload, and errors."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.version = 0
        self.error: str | None = None
        self.building = False

    def snapshot(self) -> tuple[int, str | None]:
        """(build number, error text or None), read together."""
        with self.lock:
            return self.version, self.error

    def start(self) -> None:
        """A build began: requests for a folder being swapped in wait for it (see wait_idle)."""
        with self.lock:
            self.building = True

    def finish(self, error: str | None) -> None:
        """A build ended; move the build number if the page has something new to show."""
        with self.lock:
            if error is None or error != self.error:
                self.version += 1
            self.error, self.building = error, False
            self.lock.notify_all()

    def wait_idle(self, timeout: float) -> None:
        """Block until no build runs (or timeout), so a request never sees output/ mid-swap."""
        with self.lock:
            self.lock.wait_for(lambda: not self.building, timeout=timeout)


def error_banner(error: str) -> bytes:
    """The escaped banner the dev server puts at the top of every page while the build is broken."""
    title = "Bản dựng lỗi – đang hiển thị bản tốt gần nhất / Build failed – showing the last good site"
    return (f'<div id="digest-dev-error" role="alert"><strong>{html.escape(title)}</strong>'
            f"<pre>{html.escape(error)}</pre></div>").encode()


def inject_dev_tags(page: bytes, version: int, error: str | None) -> bytes:
    """Add the reload script, its stylesheet and (when broken) the error banner to an HTML page."""
    tags = (b'<link rel="stylesheet" href="/__livereload.css">'
            b'<script src="/__livereload.js?v=%d" defer></script>' % version)
    page, found = HEAD_END_PATTERN.subn(lambda m: tags + m.group(0), page, count=1)
    if not found:
        page = tags + page
    if error is None:
        return page
    page, found = BODY_START_PATTERN.subn(lambda m: m.group(0) + error_banner(error), page, count=1)
    return page if found else error_banner(error) + page


class DevRequestHandler(SimpleHTTPRequestHandler):
    """Serves output/ with the dev tags added to HTML, and the live-reload endpoints."""

    state: DevState
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **SITE_MIME_TYPES}

    def __init__(self, *args, state: DevState, **kwargs):  # noqa: ANN002, ANN003 - stdlib signature
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature; the terminal is for build news
        pass

    def end_headers(self) -> None:
        """Never let the browser cache: a reload must show the rebuilt page."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = urlsplit(self.path).path
        if path == "/__livereload.js":
            self._send(200, LIVERELOAD_JS, "text/javascript; charset=utf-8")
        elif path == "/__livereload.css":
            self._send(200, LIVERELOAD_CSS, "text/css; charset=utf-8")
        elif path == "/__livereload/state":
            version, error = self.state.snapshot()
            self._send(200, json.dumps({"version": version, "error": error}).encode(), "application/json")
        else:
            self._send_site_file(path)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_site_file(self, path: str) -> None:
        """HTML pages get the dev tags; every other file is served as it is on disk."""
        self.state.wait_idle(timeout=5)
        root = Path(self.directory)
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send_page(200, target.read_bytes())
        elif not root.is_dir():
            self._send_page(503, NO_SITE_PAGE)
        elif target.is_file():
            super().do_GET()
        elif (root / "404.html").is_file():
            self._send_page(404, (root / "404.html").read_bytes())
        else:
            self.send_error(404)

    def _send_page(self, status: int, page: bytes) -> None:
        version, error = self.state.snapshot()
        self._send(status, inject_dev_tags(page, version, error), "text/html; charset=utf-8")


def start_server(output_dir: Path, state: DevState, port: int) -> ThreadingHTTPServer:
    """Listen on 127.0.0.1:port (0 picks a free port) in a daemon thread; raise OSError if busy."""
    handler = partial(DevRequestHandler, state=state, directory=str(output_dir))
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return server


@dataclass(frozen=True)
class BuildOutcome:
    """One build as the dev server saw it: a report, or the text of what went wrong."""

    report: BuildReport | None
    problems: tuple[SourceError, ...] = ()
    crash: str | None = None

    def error_text(self) -> str | None:
        """Every error, one per line, as shown in the terminal and the banner (None when it built)."""
        if self.report is not None:
            return None
        lines = [p.format() for p in sorted(self.problems, key=lambda p: (p.path, p.line or 0))]
        return "\n".join(lines + ([self.crash] if self.crash else []))


def run_build(options: BuildOptions, state: DevState) -> BuildOutcome:
    """Build once; never raise, because one broken save must not stop the server."""
    state.start()
    try:
        outcome = BuildOutcome(build_site(options))
    except BuildFailed as failed:
        outcome = BuildOutcome(None, tuple(failed.errors))
    except Exception as exc:  # noqa: BLE001 - a template typo must reach the banner, not kill serve
        outcome = BuildOutcome(None, crash=f"{type(exc).__name__}: {exc}")
    state.finish(outcome.error_text())
    return outcome


def watched_paths(options: BuildOptions) -> list[Path]:
    """The folders whose changes trigger a rebuild: content, templates and static files."""
    folders = [options.content_dir, theme_dir(options.root, "templates"), theme_dir(options.root, "static")]
    return [folder for folder in folders if folder.is_dir()]


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    """Identity of a file's current content (an editor's atomic save changes inode and mtime)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def watch_changes(options: BuildOptions, stop: threading.Event) -> Iterator[list[str]]:
    """Yield the changed paths each time something the site is built from changes, and an
    empty list every half second while nothing does (the first one means: now watching).

    site.yaml is compared by stat on every wake-up (twice a second) rather than watched,
    because editors save it by replacing the file, which a watch on the old file misses;
    watching the project folder instead would also watch .venv/ and output/."""
    site_yaml = options.root / "site.yaml"
    stamp = _file_stamp(site_yaml)
    for changes in watchfiles.watch(*watched_paths(options), stop_event=stop, debounce=250, step=50,
                                    rust_timeout=500, yield_on_timeout=True, raise_interrupt=True):
        changed = sorted({path for _, path in changes})
        if _file_stamp(site_yaml) != stamp:
            stamp = _file_stamp(site_yaml)
            changed.append(str(site_yaml))
        yield changed


def _log_outcome(outcome: BuildOutcome, log: Callable[[str], None]) -> None:
    """Tell the terminal what the build did: a summary line, or every error."""
    if outcome.report is None:
        count = len(outcome.problems) or 1
        log(f"Build failed ({count} error{'s' if count != 1 else ''}); still serving the last good site:")
        log(outcome.error_text() or "")
        return
    report = outcome.report
    for warning in report.warnings:
        log(warning.format())
    warnings = f"{len(report.warnings)} warning{'' if len(report.warnings) == 1 else 's'}"
    log(f"Built {report.pages} pages, {warnings}, {report.seconds:.1f} s")


def _watched_names(options: BuildOptions) -> str:
    return ", ".join(display_path(p) + "/" for p in watched_paths(options)) + " and site.yaml"


def serve_site(options: BuildOptions, port: int, log: Callable[[str], None]) -> None:
    """Build, serve on 127.0.0.1 and rebuild on every change until Ctrl-C or SIGTERM."""
    state, stop = DevState(), threading.Event()
    server = start_server(options.output_dir, state, port)
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        _log_outcome(run_build(options, state), log)
        for number, changed in enumerate(watch_changes(options, stop)):
            if number == 0:  # the watcher is running: from now on no save is missed
                log(f"Serving http://{HOST}:{server.server_address[1]}/ (watching {_watched_names(options)}; "
                    "Ctrl-C to stop)")
            if changed:
                log("Changed: " + ", ".join(display_path(Path(c)) for c in changed[:3]) + (" ..." * (len(changed) > 3)))
                _log_outcome(run_build(options, state), log)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.shutdown()
        server.server_close()
    log("Stopped.")
