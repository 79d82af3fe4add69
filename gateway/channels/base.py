"""What every channel shares: the boundary types, the two Protocols and file-name safety.

A channel moves bytes under names. Inbound channels list the files that are ready, fetch one by
name and acknowledge it (move it to the processed folder or delete it) once the caller has
committed it to the archive. Outbound channels send bytes under a name and return a receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from gateway.channels.errors import ChannelConfigError


@dataclass(frozen=True)
class RemoteFile:
    """A file seen in an inbound folder: its plain name, size in bytes and modification time."""

    name: str
    size: int
    mtime: datetime  # timezone-aware, UTC


@dataclass(frozen=True)
class SendMetadata:
    """What an outbound channel may need besides bytes and a name.

    ``content_type`` is the MIME type used by email (guessed from the name when None);
    ``subject`` is the email subject (the file name when None); ``body`` the text of the
    message (the channel's own when None). Folder channels ignore all three.
    """

    content_type: str | None = None
    subject: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class Receipt:
    """Proof of a send: where the bytes went, how many, and the Message-ID for email."""

    remote_name: str
    bytes_sent: int
    message_id: str | None = None


@runtime_checkable
class InboundChannel(Protocol):
    """A folder-like source of files (local folder, SFTP)."""

    def list_ready(self) -> list[RemoteFile]:
        """Files complete and safe to take now, oldest first."""
        ...

    def fetch(self, name: str) -> bytes:
        """The whole content of a file returned by :meth:`list_ready`."""
        ...

    def acknowledge(self, name: str) -> None:
        """Move the file to the processed folder or delete it; only after the archive commit."""
        ...

    def close(self) -> None:
        """Release any connection; the next call reconnects."""
        ...


@runtime_checkable
class OutboundChannel(Protocol):
    """A destination for files (local folder, SFTP, email)."""

    def send(self, name: str, data: bytes, metadata: SendMetadata | None = None) -> Receipt:
        """Deliver ``data`` under ``name``: complete under the final name, or not at all."""
        ...

    def close(self) -> None:
        """Release any connection; the next call reconnects."""
        ...


def check_name(name: str) -> str:
    """``name`` when it is a plain file name (no folder part, not ``.``/``..``, no NUL)."""
    if (
        not name
        or name in {".", ".."}
        or "/" in name
        or "\\" in name
        or "\x00" in name
        or name != name.strip()
    ):
        raise ChannelConfigError(f"{name!r} is not a plain file name")
    return name
