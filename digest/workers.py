"""Spread a stage's work over the machine's cores with a fork-started process pool.

Why fork: the workers inherit the parent's planned pages and Jinja environment, so only
indexes go to them and small records come back; pickling 10,000 page contexts would cost
more than rendering them. Below a few chunks of work the pool costs more than it saves,
so small jobs (and `workers=1`) run in the calling process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any

from digest.errors import BuildFailed

CHUNK = 32
"""Items per task: large enough to amortise the queue round trip, small enough to balance."""

_job: dict[str, Any] = {}
"""Set once in each worker process by _install (the parent never writes it)."""


def default_workers() -> int:
    """The cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _install(function: Callable, shared: Any) -> None:
    """Worker start-up: keep the job, and leave Ctrl-C to the parent (which stops the pool).
    The collector is on in workers (the build pauses it in the parent); what they inherit is
    frozen, so it only walks what the worker itself creates."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()
    _job["function"], _job["shared"] = function, shared


def _run(chunk: Sequence[Any]) -> tuple[str, Any]:
    """Run the job on one chunk; failures come back as data (BuildFailed does not pickle)."""
    try:
        return "ok", _job["function"](_job["shared"], chunk)
    except BuildFailed as failed:
        return "failed", failed.errors
    except Exception as exc:  # noqa: BLE001 - re-raised in the parent
        try:
            pickle.loads(pickle.dumps(exc))
            return "raise", exc
        except Exception:  # noqa: BLE001 - an exception that cannot cross processes
            return "raise", RuntimeError(f"{type(exc).__name__}: {exc}")


def _unwrap(outcome: tuple[str, Any]) -> Any:
    status, value = outcome
    if status == "failed":
        raise BuildFailed(value)
    if status == "raise":
        raise value
    return value


def map_chunks(function: Callable[[Any, Sequence[Any]], list], shared: Any, items: Sequence[Any], workers: int,
               done: Callable[[int], None] | None = None, each: Callable[[list], None] | None = None) -> list:
    """`function(shared, chunk)` over `items` in chunks; results concatenated in input order.

    `done(count)` is called in the parent after each chunk (for progress bars), and
    `each(results)` with the chunk's results as they arrive (to start work that needs them)."""
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    results: list = []
    if workers <= 1 or len(chunks) < 4 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            results.extend(function(shared, chunk))
            if each:
                each(results[len(results) - len(chunk):])
            if done:
                done(len(results))
        return results
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the workers' collector must not walk (and so copy) every object they inherit
    try:
        with context.Pool(workers, initializer=_install, initargs=(function, shared)) as pool:
            for outcome in pool.imap(_run, chunks):
                finished = _unwrap(outcome)
                results.extend(finished)
                if each:
                    each(finished)
                if done:
                    done(len(results))
    finally:
        gc.unfreeze()
    return results
