"""`build.py build` as editors and CI run it: checks first, progress, one summary line, --quiet, drafts."""

from __future__ import annotations

import io
import json
import re
import socket
from pathlib import Path

from digest.progress import ProgressPrinter, render_bar
from tests.clirun import run_cli
from tests.conftest import copy_site

SUMMARY_PATTERN = re.compile(r"Built 15 pages from 1 article into output: 0 warnings, \d+\.\d s\n")
DRAFT_PAGE = "bai-viet/2019-03-04-ban-nhap.html"


def test_build_shows_a_line_per_stage_off_a_terminal_and_ends_with_one_summary(tmp_path: Path):
    site = copy_site("drafts", tmp_path)
    result = run_cli(site, "build")
    assert result.returncode == 0, result.stderr
    stages = [re.sub(r"\(\d+\.\d s\)", "(S)", line) for line in result.stderr.splitlines()]
    assert stages[0] == "Reading articles and site.yaml: 1/1 (S)"
    assert all(re.fullmatch(r"[^:]+: (\d+)/\1 \(S\)", line) for line in stages), stages
    assert len(stages) == len(set(stages))  # one line per stage
    assert any(re.fullmatch(r"Rendering pages: (\d+)/\1 \(S\)", line) for line in stages)
    assert "Indexing for search (Pagefind): 1/1 (S)" in stages
    assert re.fullmatch(r"Built \d+ pages from 1 article into output: 0 warnings, \d+\.\d s\n", result.stdout)
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


def test_quiet_build_prints_nothing_when_all_is_well(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "build", "--quiet")
    assert (result.stdout, result.stderr, result.returncode) == ("", "", 0)
    assert (site / "output" / "index.html").is_file()


def test_build_runs_the_checks_first_and_leaves_output_alone(tmp_path: Path):
    site = copy_site("invalid_typo", tmp_path)
    result = run_cli(site, "build", "--quiet")
    assert result.stderr.splitlines() == [
        'content/2019/2019-01-02-giao-ban.md:4: unknown key "offical". Fix: did you mean officials?',
        'content/2019/2019-01-02-giao-ban.md:7: unknown key "campaing". Fix: did you mean campaigns?',
        "build failed: 2 errors, 0 warnings; output/ was not changed.",
    ]
    assert result.returncode == 1
    assert not (site / "output").exists()


def test_build_prints_warnings_and_counts_them(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "build")
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 2
    assert re.search(r"into output: 2 warnings, \d+\.\d s\n$", result.stdout)


def test_drafts_are_built_only_with_the_drafts_option(tmp_path: Path):
    site = copy_site("drafts", tmp_path)
    assert run_cli(site, "build", "--quiet").returncode == 0
    assert not (site / "output" / DRAFT_PAGE).exists()
    assert "Bản nháp" not in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert run_cli(site, "build", "--quiet", "--drafts").returncode == 0
    assert "Bài này chưa được duyệt." in (site / "output" / DRAFT_PAGE).read_text(encoding="utf-8")


def test_json_report_for_scripts_and_the_benchmark(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    first = run_cli(site, "build", "--json", "--workers", "1")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["pages"] == report["rendered"] > 0 and report["articles"] == 1
    assert set(report["timings"]) == {"read", "model", "render", "save", "index", "publish"}
    assert len(report["warnings"]) == 2 and all("warning" in w for w in report["warnings"])
    again = json.loads(run_cli(site, "build", "--json").stdout)
    assert again["unchanged"] and again["rendered"] == 0


def test_workers_must_be_a_positive_whole_number(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "build", "--workers", "0")
    assert result.returncode == 2
    assert "expected a whole number of at least 1, got '0'" in result.stderr
    assert not (site / "output").exists()


def test_output_written_just_before_the_fast_exit_is_not_lost(tmp_path: Path):
    """build.py leaves with os._exit (no interpreter teardown): the streams must be flushed."""
    site = copy_site("warn_campaign", tmp_path)
    result = run_cli(site, "build", unbuffered=False)
    assert re.search(r"into output: 2 warnings, \d+\.\d s\n$", result.stdout)


def test_options_may_come_before_the_command_word(tmp_path: Path):
    site = copy_site("warn_campaign", tmp_path)
    assert run_cli(site, "--quiet", "check").returncode == 0


def test_serve_on_a_busy_port_says_how_to_fix_it(tmp_path: Path):
    site = copy_site("drafts", tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli(site, "serve", "--port", str(port), timeout=30)
    assert result.stderr == (f"cannot listen on 127.0.0.1:{port}: Address already in use. "
                             f"Fix: stop the other server or pick another port, e.g. --port {port + 1}\n")
    assert result.returncode == 1


# --- The progress printer -------------------------------------------------------------------

class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_redraws_in_place_at_most_ten_times_a_second():
    stream, clock = io.StringIO(), FakeClock()
    printer = ProgressPrinter(stream, tty=True, clock=clock)
    printer("render", 0, 40)
    printer("render", 1, 40)  # same instant: skipped
    clock.now = 0.5
    printer("render", 20, 40)
    printer("render", 40, 40)  # a stage's last step is always drawn
    printer.finish()
    assert stream.getvalue() == ("\r\x1b[K" + render_bar("render", 0, 40) + "\r\x1b[K" + render_bar("render", 20, 40)
                                 + "\r\x1b[K" + render_bar("render", 40, 40) + "\r\x1b[K")


def test_progress_bar_text():
    assert render_bar("render", 12, 40) == "Rendering pages                  [#########.....................] 12/40"
    assert render_bar("cache", 0, 0).endswith("[" + "#" * 30 + "] 0/0")


def test_a_stage_reported_done_twice_prints_one_line():
    stream = io.StringIO()
    printer = ProgressPrinter(stream, tty=False, clock=FakeClock())
    printer("index", 1, 1)
    printer("index", 1, 1)
    assert stream.getvalue() == "Indexing for search (Pagefind): 1/1 (0.0 s)\n"


def test_progress_off_a_terminal_is_one_line_per_finished_stage():
    stream, clock = io.StringIO(), FakeClock()
    printer = ProgressPrinter(stream, tty=False, clock=clock)
    printer("read", 0, 1)
    clock.now = 0.25
    printer("read", 1, 1)
    printer("render", 0, 3)
    clock.now = 1.5
    printer("render", 3, 3)
    printer.finish()
    assert stream.getvalue() == "Reading articles and site.yaml: 1/1 (0.2 s)\nRendering pages: 3/3 (1.2 s)\n"
