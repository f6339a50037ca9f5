"""Print the benchmark results as the Markdown table the README carries."""

from __future__ import annotations

import statistics


def change_seconds(data: dict, change: str) -> float:
    """A rebuild's time: the median of its rounds when it was timed more than once."""
    return statistics.median(data.get("rounds", {}).get(change) or [data[change]["seconds"]])


def _change(data: dict, change: str) -> str:
    run = data[change]
    timings = run["report"].get("timings", {})
    text = f"{run['seconds']:.1f} s ({run['report'].get('rendered', 0)} pages, {run['report'].get('shards', 0)} shards; " \
           f"index {timings.get('index', 0):.1f} s)"
    rounds = data.get("rounds", {}).get(change, [])
    if len(rounds) > 1:
        text += f"; median of {len(rounds)}: {change_seconds(data, change):.1f} s ({min(rounds):.1f}–{max(rounds):.1f} s)"
    return text


def pagefind_floor(data: dict) -> float:
    """The full-build ratio we would reach if all our own work took no time: the same pages
    cost Pagefind about the same CPU time whichever generator wrote them, and the most a build
    can do is spread that time over every core while Hugo + Pagefind run one after the other."""
    hugo = data["hugo"]
    both = hugo["hugo"]["seconds"] + hugo["pagefind"]["seconds"]
    return hugo["pagefind"]["cpu_seconds"] / data["cores"] / both


def full_ratios(data: dict) -> list[float]:
    """ours / (Hugo + Pagefind) of the main run and of every alternating round (run.full_rounds)."""
    hugo = data["hugo"]
    ratios = [data["full"]["seconds"] / (hugo["hugo"]["seconds"] + hugo["pagefind"]["seconds"])]
    return ratios + [pair["ours"] / (pair["hugo"] + pair["pagefind"]) for pair in data.get("full_rounds", [])]


def _rows(count: int, data: dict) -> list[str]:
    full = data["full"]
    timings = full["report"]["timings"]
    render = sum(v for k, v in timings.items() if k != "index")
    pages = full["report"]["pages"]
    rows = [
        f"| full build (fresh process) | {full['seconds']:.1f} s |",
        f"| – of which read + model + render + save (Pagefind indexing alongside) | {render:.1f} s |",
        f"| – of which search indexing left after rendering | {timings.get('index', 0):.1f} s |",
        f"| pages | {pages:,} ({pages / full['seconds']:.0f} pages/s) |",
        f"| output size | {data['bytes'] / 1e6:.0f} MB |",
        f"| peak memory of the build's process tree (PSS) | {data['full_memory']['peak_mb']:.0f} MB |",
        f"| rebuild, nothing changed | {data['nothing']['seconds']:.2f} s |",
        f"| rebuild after one article edited | {_change(data, 'edit')} |",
        f"| rebuild after one article added | {_change(data, 'add')} |",
        f"| rebuild after one article deleted | {_change(data, 'delete')} |",
        f"| peak memory, rebuild after an addition | {data['rebuild_memory']['peak_mb']:.0f} MB |",
        f"| every article findable; new found; deleted gone | {data['findable']}; {data['new_found']}; {data['deleted_gone']} |",
    ]
    if "one_worker" in data:
        rows.append(f"| full build on 1 / 2 workers | {data['one_worker']['seconds']:.1f} s / "
                    f"{data['two_workers']['seconds']:.1f} s |")
    if "hugo" in data:
        hugo = data["hugo"]
        both = hugo["hugo"]["seconds"] + hugo["pagefind"]["seconds"]
        rows += [
            f"| Hugo 0.168 (equivalent theme) | {hugo['hugo']['seconds']:.1f} s, {hugo['hugo']['peak_mb']:.0f} MB |",
            f"| Pagefind over Hugo's output | {hugo['pagefind']['seconds']:.1f} s, {hugo['pagefind']['peak_mb']:.0f} MB |",
            f"| ours / (Hugo + Pagefind), full build | {full['seconds'] / both:.2f}x |",
        ]
        ratios = full_ratios(data)
        if len(ratios) > 1:
            pairs = [f"{p['ours']:.1f} / ({p['hugo']:.1f} + {p['pagefind']:.1f})" for p in data["full_rounds"]]
            rows.append(f"| – alternating again, {len(pairs)} more: {'; '.join(pairs)} s | median of {len(ratios)}: "
                        f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f}x) |")
        if hugo["pagefind"].get("cpu_seconds") and "cores" in data:
            rows += [
                f"| CPU time: our full build / Hugo / Pagefind over Hugo's output | {full['cpu_seconds']:.0f} / "
                f"{hugo['hugo']['cpu_seconds']:.0f} / {hugo['pagefind']['cpu_seconds']:.0f} CPU-s |",
                f"| floor of the ratio: Pagefind's CPU time alone spread over {data['cores']} cores, / (Hugo + Pagefind) "
                f"| {pagefind_floor(data):.2f}x |",
            ]
    return rows


def print_table(results: dict, targets: dict) -> None:
    """One table per archive size, then the targets at the largest size."""
    print(f"Machine: {results['machine']}\n")
    sizes = {int(count): data for count, data in results["sizes"].items()}  # JSON keys are text
    for count, data in sizes.items():
        print(f"### {int(count):,} articles\n\n| measure | value |\n|---|---|")
        print("\n".join(_rows(int(count), data)) + "\n")
    counts = sorted(int(c) for c in sizes)
    if len(counts) > 1:
        small, large = sizes[counts[0]], sizes[counts[-1]]
        growth = large["full"]["seconds"] / small["full"]["seconds"]
        print(f"Growth {counts[0]:,} -> {counts[-1]:,} articles: {growth:.1f}x (target <= {targets['growth']}x)")
    large = sizes[counts[-1]]
    worst_change = max(change_seconds(large, k) for k in ("edit", "add", "delete"))
    print(f"Targets at {counts[-1]:,}: change rebuild {worst_change:.1f} s (<= {targets['change_seconds']} s), "
          f"no-change {large['nothing']['seconds']:.2f} s (<= {targets['nothing_seconds']} s), "
          f"peak {large['full_memory']['peak_mb']:.0f} MB (<= {targets['peak_mb']} MB)")
    if "hugo" in large:
        ratios = full_ratios(large)
        spread = f", median of {len(ratios)} alternating pairs ({min(ratios):.2f}–{max(ratios):.2f}x)" if len(ratios) > 1 else ""
        print(f"Full build / (Hugo + Pagefind): {statistics.median(ratios):.2f}x{spread} (<= {targets['full_vs_hugo']}x)")
