"""A local (or mounted) folder as a channel: inbound, outbound and processed sub-folders.

Inbound follows :mod:`gateway.channels.readiness`. Outbound bytes are written to a hidden
temporary name in the outbound folder, fsynced, then put under the final name in one atomic
step (a hard link, which refuses an existing name, or a rename when overwriting is configured)
and the folder is fsynced, so a reader never sees a half-written file under the final name.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from gateway.channels.base import Receipt, RemoteFile, SendMetadata, check_name
from gateway.channels.errors import ChannelConfigError, TargetExistsError, translated
from gateway.channels.readiness import ReadinessRule, ReadyTracker
from gateway.durable import fsync_dir, write_synced

AfterAck = Literal["move", "delete"]


@dataclass(frozen=True)
class LocalFolderSettings:
    """Folders of a local channel. ``processed`` is required when ``after_ack`` is ``move``."""

    inbound: Path | None = None
    outbound: Path | None = None
    processed: Path | None = None
    after_ack: AfterAck = "move"
    readiness: ReadinessRule = field(default_factory=ReadinessRule)
    overwrite: bool = False
    temp_suffix: str = ".part"


class LocalFolderChannel:
    """Inbound and outbound channel on local folders (see the module docstring)."""

    def __init__(self, settings: LocalFolderSettings) -> None:
        self.settings = settings
        self._tracker = ReadyTracker(settings.readiness)

    def __enter__(self) -> LocalFolderChannel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release; present for the channel Protocols."""

    # inbound
    def list_ready(self) -> list[RemoteFile]:
        inbound = _required(self.settings.inbound, "inbound")
        with translated(f"local {inbound}: list"):
            listing = []
            for entry in os.scandir(inbound):
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
                mtime = datetime.fromtimestamp(stat.st_mtime, UTC)
                listing.append(RemoteFile(entry.name, stat.st_size, mtime))
        return self._tracker.select(listing)

    def fetch(self, name: str) -> bytes:
        inbound = _required(self.settings.inbound, "inbound")
        with translated(f"local {inbound}: read {name}"):
            return (inbound / check_name(name)).read_bytes()

    def acknowledge(self, name: str) -> None:
        inbound = _required(self.settings.inbound, "inbound")
        names = [check_name(name)]
        if self.settings.readiness.stability == "done_marker":
            names.append(self.settings.readiness.marker_for(name))
        for index, item in enumerate(names):
            source = inbound / item
            with translated(f"local {inbound}: acknowledge {item}"):
                if index > 0 and not source.exists():
                    continue  # the marker may already be gone
                if self.settings.after_ack == "delete":
                    source.unlink()
                else:
                    processed = _required(self.settings.processed, "processed")
                    os.rename(source, _free_name(processed, item))
                    fsync_dir(processed)
        fsync_dir(inbound)
        self._tracker.forget(name)

    # outbound
    def send(self, name: str, data: bytes, metadata: SendMetadata | None = None) -> Receipt:
        outbound = _required(self.settings.outbound, "outbound")
        final = outbound / check_name(name)
        temp = outbound / f".{name}.{secrets.token_hex(4)}{self.settings.temp_suffix}"
        with translated(f"local {outbound}: write {name}"):
            if final.exists() and not self.settings.overwrite:
                raise TargetExistsError(f"local {outbound}: {name} already exists")
            try:
                write_synced(temp, data, 0o644)
                if self.settings.overwrite:
                    os.replace(temp, final)
                else:
                    os.link(temp, final)  # atomic, and refuses an existing name
            finally:
                temp.unlink(missing_ok=True)
            fsync_dir(outbound)
        return Receipt(remote_name=str(final), bytes_sent=len(data))


def _required(folder: Path | None, which: str) -> Path:
    if folder is None:
        raise ChannelConfigError(f"local channel: no {which} folder is configured")
    return folder


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name.1``, ``.2`` ... when that is taken (re-delivered names)."""
    candidate = folder / name
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{name}.{counter}"
    return candidate
