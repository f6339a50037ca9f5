"""workers.map_chunks: results in input order whatever order the chunks finish in."""

from __future__ import annotations

import time

from digest.workers import CHUNK, map_chunks


def _slow_first(delays: dict[int, float], chunk: list[int]) -> list[int]:
    time.sleep(delays.get(chunk[0], 0.0))
    return [item * 10 for item in chunk]


def test_results_keep_input_order_while_chunks_arrive_as_they_finish():
    items = list(range(CHUNK * 6))
    arrivals: list[int] = []
    counts: list[int] = []
    # The first chunk finishes last: with two workers the others arrive before it.
    results = map_chunks(_slow_first, {0: 0.5}, items, 2, done=counts.append,
                         each=lambda finished: arrivals.append(finished[0] // 10))
    assert results == [item * 10 for item in items]
    assert sorted(arrivals) == list(range(0, len(items), CHUNK)) and arrivals[0] != 0
    assert counts[-1] == len(items) and counts == sorted(counts)


def test_one_worker_runs_in_process_in_order():
    arrivals: list[int] = []
    results = map_chunks(_slow_first, {}, list(range(CHUNK * 5)), 1, each=lambda f: arrivals.append(f[0] // 10))
    assert results == [item * 10 for item in range(CHUNK * 5)]
    assert arrivals == list(range(0, CHUNK * 5, CHUNK))
