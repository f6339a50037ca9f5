"""Writing into the staging folder: new files only, folders made once per pass.

Why a module of its own: the render stage and the search stage both write there (pages,
copies for Pagefind, the list of search bundles), and the staging folder may hold hard
links to the previous output (digest/prelink.py), so every writer must replace a file,
never write into it.
"""

from __future__ import annotations

import os
from pathlib import Path

NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
"""open(target, "xb") as flags (the mode 0o666 less the umask, as open() gives; no newline
translation where the system has a text mode)."""


def write_new_file(target: str | Path, data: bytes) -> os.stat_result:
    """Write data as a new file: never through a hard link shared with the previous output.

    Created exclusively, and only when that fails is the old name unlinked first: in a full
    build nothing is there, and an unlink that fails cost ~10 µs for each of ~21,000 files.
    Plain os calls, not open(): no buffered file object for a single write (~15 µs a file)."""
    try:
        fd = os.open(target, NEW_FILE_FLAGS, 0o666)
    except FileExistsError:
        os.unlink(target)
        fd = os.open(target, NEW_FILE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than it is given
            view = view[os.write(fd, view):]
        return os.fstat(fd)
    finally:
        os.close(fd)


def path_in(folder: str | Path, path: str, made: set[str]) -> str:
    """The target of a site-relative `path` under `folder`, its parent folder made once per
    pass (`made` holds the folders made so far).

    Plain strings, not pathlib: 11,000 pages per rebuild spent more in Path objects than in
    the link calls."""
    target = os.path.join(folder, path)
    parent = os.path.dirname(target)
    if parent not in made:
        os.makedirs(parent, exist_ok=True)
        made.add(parent)
    return target
