"""files: writing into the staging folder replaces files, never writes through shared links."""

import os
from pathlib import Path

from digest.files import path_in, write_new_file


def test_a_new_file_replaces_a_hard_link_and_leaves_its_other_name_alone(tmp_path: Path):
    previous = tmp_path / "previous.html"
    previous.write_bytes(b"old")
    staged = tmp_path / "staged.html"
    os.link(previous, staged)
    stat = write_new_file(staged, b"new")
    assert previous.read_bytes() == b"old" and staged.read_bytes() == b"new"
    assert stat.st_size == 3 and stat.st_ino != previous.stat().st_ino


def test_path_in_makes_each_folder_once_per_pass(tmp_path: Path):
    made: set[str] = set()
    first = path_in(tmp_path, "bai-viet/a.html", made)
    (tmp_path / "bai-viet").rmdir()
    second = path_in(tmp_path, "bai-viet/b.html", made)  # remembered: not made again
    assert first == os.path.join(tmp_path, "bai-viet", "a.html") and second.endswith("bai-viet/b.html")
    assert made == {os.path.join(tmp_path, "bai-viet")} and not (tmp_path / "bai-viet").exists()
    path_in(tmp_path, "can-bo/x.html", made)
    assert (tmp_path / "can-bo").is_dir()


def test_a_new_name_is_written_and_a_symbolic_link_is_replaced_not_followed(tmp_path: Path):
    fresh = tmp_path / "fresh.html"
    assert write_new_file(fresh, b"abc").st_size == 3 and fresh.read_bytes() == b"abc"
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "link.html"
    link.symlink_to(elsewhere)
    write_new_file(link, b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new" and elsewhere.read_bytes() == b"keep"


def test_a_new_file_gets_the_permissions_open_gives_and_all_its_bytes(tmp_path: Path):
    reference = tmp_path / "reference.html"
    reference.write_bytes(b"")
    data = bytes(range(256)) * 4096  # 1 MB: more than one buffer
    stat = write_new_file(tmp_path / "page.html", data)
    assert (tmp_path / "page.html").read_bytes() == data and stat.st_size == len(data)
    assert stat.st_mode == reference.stat().st_mode
