"""Writing a file whole or not at all (files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop import files
from crm_desktop.progress import Cancelled


def test_the_new_content_replaces_the_old_and_nothing_is_left_beside_it(tmp_path: Path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with files.replacing(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".report.xlsx.")
        temporary.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # not in place until the block ends
    assert target.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("failure", [Cancelled(), OSError(28, "No space left on device"), ValueError("a bug")])
def test_a_failure_while_writing_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path, failure):
    target = tmp_path / "calls.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(type(failure)):
        with files.replacing(target) as temporary:
            temporary.write_bytes(b"half")
            raise failure
    assert target.read_bytes() == b"old"
    assert files.leftover_temporaries(tmp_path) == []


def test_no_file_appears_when_the_first_write_fails(tmp_path: Path):
    target = tmp_path / "new.pdf"
    with pytest.raises(RuntimeError):
        with files.replacing(target):
            raise RuntimeError("cancelled before anything was written")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_oserror_for_the_caller_to_word(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        files.write_bytes(tmp_path / "no" / "such" / "x.pdf", b"%PDF")


def test_write_bytes_and_copy(tmp_path: Path):
    source = files.write_bytes(tmp_path / "a.bin", b"\x00\x01" * 1000)
    copied = files.copy(source, tmp_path / "b.bin")
    assert copied.read_bytes() == source.read_bytes()
    assert files.leftover_temporaries(tmp_path) == []
