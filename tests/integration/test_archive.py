"""The content-addressed archive on a real file system."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.archive import (
    Archive,
    ArchiveIntegrityError,
    ArchiveNotFoundError,
    ArchiveWriteError,
)

DATA = b"ISA*00*~GS*PO~ST*850*0001~"
SHA = hashlib.sha256(DATA).hexdigest()


def test_store_puts_bytes_under_their_hash(tmp_path: Path) -> None:
    entry = Archive(tmp_path).store(DATA)
    assert entry.sha256 == SHA
    assert entry.path == tmp_path / SHA[:2] / SHA[2:4] / SHA
    assert entry.path.read_bytes() == DATA
    assert (entry.size, entry.existed) == (len(DATA), False)
    assert sorted(p.name for p in entry.path.parent.iterdir()) == [SHA]  # no temp left


def test_the_same_bytes_again_are_a_duplicate_and_not_rewritten(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = archive.store(DATA)
    inode, mtime = first.path.stat().st_ino, first.path.stat().st_mtime_ns
    second = archive.store(DATA)
    assert second.existed and second.sha256 == first.sha256 and second.path == first.path
    assert first.path.stat().st_ino == inode and first.path.stat().st_mtime_ns == mtime


def test_read_verifies_the_content(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    entry = archive.store(DATA)
    assert archive.read(SHA) == DATA
    entry.path.chmod(0o644)
    entry.path.write_bytes(DATA + b"tampered")
    with pytest.raises(ArchiveIntegrityError, match=SHA):
        archive.read(SHA)


def test_storing_over_a_corrupt_copy_sets_it_aside(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    entry = archive.store(DATA)
    entry.path.chmod(0o644)
    entry.path.write_bytes(b"bit rot")
    again = archive.store(DATA)
    assert not again.existed
    assert archive.read(SHA) == DATA
    (aside,) = (tmp_path / "corrupt").iterdir()
    assert aside.read_bytes() == b"bit rot" and aside.name.startswith(SHA)


def test_unknown_and_malformed_hashes(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    with pytest.raises(ArchiveNotFoundError):
        archive.read("0" * 64)
    with pytest.raises(ArchiveNotFoundError, match="not a SHA-256"):
        archive.read("../../etc/passwd")
    assert not archive.contains("0" * 64)


def test_a_crash_before_the_final_name_leaves_no_file_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "link", crash)  # the step that publishes the final name
    with pytest.raises(ArchiveWriteError):
        archive.store(DATA)
    final = archive.path_for(SHA)
    assert not final.exists()
    assert list(final.parent.iterdir()) == []  # the temp file is gone too
    monkeypatch.undo()
    assert archive.store(DATA).existed is False  # and a retry works


def test_purge_by_age_keeps_referenced_and_recent_files(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    old_kept, old_dropped, recent = (
        archive.store(b"kept"),
        archive.store(b"drop"),
        archive.store(b"new"),
    )
    now = datetime(2026, 11, 22, tzinfo=UTC)
    long_ago = (now - timedelta(days=400)).timestamp()
    for entry in (old_kept, old_dropped):
        os.utime(entry.path, (long_ago, long_ago))
    os.utime(recent.path, (now.timestamp(), now.timestamp()))
    stray = old_kept.path.parent / ".tmp-crashed-leftover"
    stray.write_bytes(b"partial")
    os.utime(stray, (long_ago, long_ago))
    result = archive.purge(now - timedelta(days=365), keep={old_kept.sha256})
    assert result.removed == (old_dropped.sha256,)
    assert result.temporaries == 1
    assert archive.contains(old_kept.sha256) and archive.contains(recent.sha256)
    assert not archive.contains(old_dropped.sha256) and not stray.exists()


def test_purge_needs_an_aware_datetime(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Archive(tmp_path).purge(datetime(2026, 1, 1), keep=set())
