"""The content-addressed, write-once archive of every inbound and outbound file.

Layout: ``<root>/ab/cd/<sha256>`` where ``ab`` and ``cd`` are the first two pairs of hex digits
of the SHA-256 (FIPS 180-4) of the content. A store writes a temporary file in the target
folder, fsyncs it, links it under the final name (a link refuses an existing name, so content
is never rewritten, even by two workers racing on the same bytes), removes the temporary name
and fsyncs the folder. A crash at any point leaves either nothing or the complete file under the
final name; stray temporary files are removed by :meth:`Archive.purge`.

Exceptions::

    ArchiveError
    ├── ArchiveNotFoundError    no file for that hash
    ├── ArchiveIntegrityError   the file's bytes no longer hash to its name
    └── ArchiveWriteError       the file system refused a write (full, read-only, permissions)
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gateway.durable import fsync_dir, write_synced

_HASH = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".tmp-"


class ArchiveError(Exception):
    """Base class of the archive's exceptions."""


class ArchiveNotFoundError(ArchiveError):
    """No archived file has this hash."""


class ArchiveIntegrityError(ArchiveError):
    """An archived file's bytes do not hash to its name (disk corruption or tampering)."""


class ArchiveWriteError(ArchiveError):
    """The file system refused to store a file."""


@dataclass(frozen=True)
class ArchiveEntry:
    """One stored content: its hash, where it lives, its size, and whether it was there before."""

    sha256: str
    path: Path
    size: int
    existed: bool


@dataclass(frozen=True)
class PurgeResult:
    """What :meth:`Archive.purge` removed: content hashes, and leftover temporary files."""

    removed: tuple[str, ...]
    temporaries: int


class Archive:
    """A write-once store of bytes by SHA-256 under ``root`` (created on first store)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the content with this hash lives (whether or not it is stored)."""
        digest = _checked(sha256)
        return self.root / digest[:2] / digest[2:4] / digest

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def store(self, data: bytes) -> ArchiveEntry:
        """Store ``data`` unless the same content is there already (then ``existed=True``).

        An existing file is checked against its hash first; a corrupt one is moved aside to
        ``<root>/corrupt/`` and replaced by the good bytes (it could not be trusted anyway).
        """
        digest = hashlib.sha256(data).hexdigest()
        final = self.path_for(digest)
        if final.is_file():
            if _file_hash(final) == digest:
                return ArchiveEntry(digest, final, len(data), existed=True)
            self._set_aside(final)
        try:
            self._write_once(final, data)
        except FileExistsError:  # another writer stored the same bytes meanwhile
            return ArchiveEntry(digest, final, len(data), existed=True)
        except OSError as exc:
            raise ArchiveWriteError(f"cannot archive {digest} under {self.root}: {exc}") from exc
        return ArchiveEntry(digest, final, len(data), existed=False)

    def read(self, sha256: str) -> bytes:
        """The stored bytes, verified against their hash."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise ArchiveNotFoundError(f"no archived file {sha256}") from exc
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise ArchiveIntegrityError(f"archived file {path} hashes to {actual}, not {sha256}")
        return data

    def purge(self, older_than: datetime, keep: set[str]) -> PurgeResult:
        """Remove files last modified before ``older_than`` whose hash is not in ``keep``.

        The caller passes in ``keep`` every hash still referenced (unfinished work, documents
        under a longer retention). Temporary files older than ``older_than`` are crash leftovers
        and are removed too. ``older_than`` must be timezone-aware.
        """
        if older_than.tzinfo is None:
            raise ValueError("older_than must be timezone-aware")
        limit = older_than.timestamp()
        removed: list[str] = []
        temporaries = 0
        for path in self._files():
            try:
                if path.stat().st_mtime >= limit:
                    continue
                if path.name.startswith(_TEMP_PREFIX):
                    path.unlink()
                    temporaries += 1
                elif _HASH.fullmatch(path.name) and path.name not in keep:
                    path.unlink()
                    removed.append(path.name)
            except FileNotFoundError:
                continue  # purged concurrently
        return PurgeResult(tuple(sorted(removed)), temporaries)

    def _write_once(self, final: Path, data: bytes) -> None:
        folder = final.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            fsync_dir(folder.parent)  # make the new fan-out folders durable too
            fsync_dir(self.root)
        temp = folder / f"{_TEMP_PREFIX}{final.name[:16]}-{secrets.token_hex(6)}"
        try:
            write_synced(temp, data, 0o444)
            os.link(temp, final)  # atomic; FileExistsError when the name is taken
        finally:
            temp.unlink(missing_ok=True)
        fsync_dir(folder)

    def _set_aside(self, path: Path) -> None:
        corrupt = self.root / "corrupt"
        corrupt.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        os.replace(path, corrupt / f"{path.name}.{stamp}")

    def _files(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return
        for first in self.root.iterdir():
            if len(first.name) != 2 or not first.is_dir():
                continue
            for second in first.iterdir():
                if second.is_dir():
                    yield from (p for p in second.iterdir() if p.is_file())


def _checked(sha256: str) -> str:
    if not _HASH.fullmatch(sha256):
        raise ArchiveNotFoundError(f"{sha256!r} is not a SHA-256 in lowercase hex")
    return sha256


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
