"""Durable writes on a local file system (POSIX): a new file's bytes forced to disk, and a
folder's entries (new, renamed or removed names) forced to disk with an fsync of the folder.

The archive and the local-folder channel both write a temporary file, sync it, give it its
final name and sync the folder, so that a crash leaves either nothing or the whole file.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_synced(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (it must not exist) with permission ``mode``, write all of ``data`` and
    fsync it before returning."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Force ``folder``'s entries to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
