"""Channels: move bytes under names to and from partners. Nothing here knows X12 or the ledger.

Modules, one per channel kind:

- :mod:`~gateway.channels.base`: boundary types (:class:`RemoteFile`, :class:`SendMetadata`,
  :class:`Receipt`) and the Protocols :class:`InboundChannel` / :class:`OutboundChannel`.
- :mod:`~gateway.channels.readiness`: when an inbound file is complete (temp names, stable
  size and mtime across two polls, or a done-marker).
- :mod:`~gateway.channels.local`: :class:`LocalFolderChannel` (inbound, outbound, processed).
- :mod:`~gateway.channels.sftp`: :class:`SftpChannel` (paramiko; known_hosts enforced).
- :mod:`~gateway.channels.email_out`: :class:`SmtpChannel` (aiosmtplib; one attachment per mail).
- :mod:`~gateway.channels.email_in`: :class:`ImapChannel` (imaplib; known senders, quarantine).
- :mod:`~gateway.channels.errors`: the exception tree below and the one place where paramiko,
  aiosmtplib, smtplib, imaplib, ssl and OS errors are translated into it.

Inbound contract: ``list_ready()`` → ``fetch(name)`` → (caller archives and commits) →
``acknowledge(name)``. A file is never moved or deleted before the caller's commit, so a crash
in between means the file is fetched again and recognised as a duplicate by its hash.

Exceptions (every one carries ``message`` and ``transient``: may a later retry succeed?)::

    ChannelError
    ├── ChannelConfigError       settings unusable: missing env variable, key, folder, bad name
    ├── ConnectError             server unreachable or connection lost          (transient)
    ├── ChannelTimeoutError      connect, banner, auth or an operation too slow  (transient)
    ├── AuthError                credentials refused
    ├── HostKeyError             SSH host key unknown or different; TLS certificate rejected
    ├── RefusedError             the server said no (SMTP reply ``code``; 4xx transient, 5xx not;
    │                            permission denied; IMAP NO)
    ├── NotFoundError            the named file or message is not there
    └── TransferError            incomplete or inconsistent transfer, failed rename  (transient)
        └── TargetExistsError    the final name exists and overwrite is off     (not transient)
"""

from __future__ import annotations

from gateway.channels.base import (
    InboundChannel,
    OutboundChannel,
    Receipt,
    RemoteFile,
    SendMetadata,
)
from gateway.channels.errors import (
    AuthError,
    ChannelConfigError,
    ChannelError,
    ChannelTimeoutError,
    ConnectError,
    HostKeyError,
    NotFoundError,
    RefusedError,
    TargetExistsError,
    TransferError,
)
from gateway.channels.readiness import ReadinessRule, Stability

__all__ = [
    "AuthError",
    "ChannelConfigError",
    "ChannelError",
    "ChannelTimeoutError",
    "ConnectError",
    "HostKeyError",
    "InboundChannel",
    "NotFoundError",
    "OutboundChannel",
    "ReadinessRule",
    "Receipt",
    "RefusedError",
    "RemoteFile",
    "SendMetadata",
    "Stability",
    "TargetExistsError",
    "TransferError",
]
