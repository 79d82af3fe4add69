"""Email in: poll an IMAP4rev1 mailbox (RFC 3501) with imaplib; documents are attachments.

A poll reads every undeleted message of the mailbox without marking it seen (``BODY.PEEK[]``).
A message whose single From address is one of the partner's known senders and that carries at
least one EDI or XML attachment becomes a :class:`MailMessage`; any other message becomes a
:class:`QuarantinedMessage` with its raw bytes and the reason, so nothing is lost. The From
header can be forged: the known-sender check is a filter against stray mail, not
authentication.

:meth:`ImapChannel.acknowledge` moves a message to the processed folder (or another folder):
UID MOVE (RFC 6851) when the server supports it, else UID COPY, STORE ``\\Deleted`` and UID
EXPUNGE (RFC 4315) or EXPUNGE. The caller calls it only after the archive commit.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import re
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path, PurePosixPath
from typing import Literal

from gateway.channels.credentials import secret
from gateway.channels.errors import (
    ChannelConfigError,
    ChannelError,
    NotFoundError,
    RefusedError,
    translated,
)
from gateway.digits import is_digits

Security = Literal["ssl", "starttls", "plain"]

DEFAULT_ATTACHMENT_TYPES: tuple[str, ...] = (
    "application/edi-x12",
    "application/edi-consent",
    "application/edifact",
    "application/xml",
    "text/xml",
)
DEFAULT_ATTACHMENT_SUFFIXES: tuple[str, ...] = (".edi", ".x12", ".xml")


@dataclass(frozen=True)
class ImapSettings:
    """An IMAP mailbox where one partner's documents arrive."""

    host: str
    known_senders: tuple[str, ...]
    username_env: str
    password_env: str
    port: int = 993
    security: Security = "ssl"
    ca_file: Path | None = None
    mailbox: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    attachment_types: tuple[str, ...] = DEFAULT_ATTACHMENT_TYPES
    attachment_suffixes: tuple[str, ...] = DEFAULT_ATTACHMENT_SUFFIXES
    use_move: bool = True
    max_messages: int = 100
    timeout: float = 60.0


@dataclass(frozen=True)
class MailAttachment:
    """One document attached to a message: plain file name, MIME type, decoded bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class MailMessage:
    """A message from a known sender, with its EDI/XML attachments (at least one)."""

    uid: str
    message_id: str | None
    sender: str
    subject: str
    attachments: tuple[MailAttachment, ...]


@dataclass(frozen=True)
class QuarantinedMessage:
    """A message that is not a partner document: unknown sender or no document attached."""

    uid: str
    message_id: str | None
    sender: str
    subject: str
    reason: str
    raw: bytes


@dataclass(frozen=True)
class MailPoll:
    """What one poll found."""

    documents: tuple[MailMessage, ...]
    quarantined: tuple[QuarantinedMessage, ...]


class ImapChannel:
    """Inbound channel on an IMAP mailbox (see the module docstring).

    The connection is opened on first use and kept; a failure closes it so the next call
    reconnects. ``environ`` supplies the variables named in the settings.
    """

    def __init__(self, settings: ImapSettings, *, environ: Mapping[str, str] | None = None) -> None:
        self.settings = settings
        self._environ = environ
        self._known = frozenset(a.strip().lower() for a in settings.known_senders)
        self._conn: imaplib.IMAP4 | None = None
        self._capabilities: frozenset[str] = frozenset()
        self._where = f"IMAP {settings.host}:{settings.port}/{settings.mailbox}"

    def __enter__(self) -> ImapChannel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(imaplib.IMAP4.error, OSError):
                conn.logout()

    def poll(self) -> MailPoll:
        """Every undeleted message of the mailbox, sorted into documents and quarantined."""
        documents: list[MailMessage] = []
        quarantined: list[QuarantinedMessage] = []
        with self._io("search") as conn:
            data = _ok(conn.uid("SEARCH", "UNDELETED"), "UID SEARCH")
            uids = [u.decode() for u in (data[0] or b"").split()][: self.settings.max_messages]
        for uid in uids:
            raw = self._fetch(uid)
            if raw is None:
                continue  # expunged meanwhile
            item = self._classify(uid, raw)
            if isinstance(item, MailMessage):
                documents.append(item)
            else:
                quarantined.append(item)
        return MailPoll(tuple(documents), tuple(quarantined))

    def acknowledge(self, uid: str, folder: str | None = None) -> None:
        """Move message ``uid`` to ``folder`` (the processed folder when None)."""
        if not is_digits(uid):
            raise ChannelConfigError(f"{self._where}: {uid!r} is not an IMAP UID")
        target = folder or self.settings.processed_folder
        with self._io(f"move {uid} to {target}") as conn:
            _, found = conn.uid("FETCH", uid, "(UID)")
            if not any(isinstance(x, bytes) and b"UID" in x for x in found):
                raise NotFoundError(f"{self._where}: no message with UID {uid}")
            conn.create(_quote(target))  # NO when it exists already: ignored
            if self.settings.use_move and "MOVE" in self._capabilities:
                _ok(conn.uid("MOVE", uid, _quote(target)), "UID MOVE")
                return
            _ok(conn.uid("COPY", uid, _quote(target)), "UID COPY")
            _ok(conn.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")
            if "UIDPLUS" in self._capabilities:
                _ok(conn.uid("EXPUNGE", uid), "UID EXPUNGE")
            else:
                _ok(conn.expunge(), "EXPUNGE")

    def quarantine(self, uid: str) -> None:
        """Move message ``uid`` to the quarantine folder."""
        self.acknowledge(uid, self.settings.quarantine_folder)

    # reading
    def _fetch(self, uid: str) -> bytes | None:
        with self._io(f"fetch {uid}") as conn:
            data = _ok(conn.uid("FETCH", uid, "(BODY.PEEK[])"), "UID FETCH")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return bytes(item[1])
        return None

    def _classify(self, uid: str, raw: bytes) -> MailMessage | QuarantinedMessage:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        addresses = [a.lower() for _, a in getaddresses(message.get_all("From", [])) if a]
        sender = ", ".join(addresses)
        message_id = str(message["Message-ID"]).strip() if message["Message-ID"] else None
        subject = str(message["Subject"] or "")
        if len(addresses) != 1 or addresses[0] not in self._known:
            reason = f"sender {sender or '(none)'} is not a known sender of this partner"
            return QuarantinedMessage(uid, message_id, sender, subject, reason, raw)
        attachments = tuple(self._attachments(message))
        if not attachments:
            reason = "no EDI or XML attachment"
            return QuarantinedMessage(uid, message_id, sender, subject, reason, raw)
        return MailMessage(uid, message_id, sender, subject, attachments)

    def _attachments(self, message: EmailMessage) -> Iterator[MailAttachment]:
        types = {t.lower() for t in self.settings.attachment_types}
        suffixes = {s.lower() for s in self.settings.attachment_suffixes}
        for index, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            content_type = part.get_content_type()
            filename = _plain_name(part.get_filename())
            if content_type not in types and PurePosixPath(filename).suffix.lower() not in suffixes:
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            yield MailAttachment(filename or f"attachment-{index}", content_type, payload)

    # connection
    @contextmanager
    def _io(self, action: str) -> Iterator[imaplib.IMAP4]:
        try:
            with translated(f"{self._where}: {action}"):
                yield self._session()
        except NotFoundError:
            raise
        except ChannelError:
            self.close()
            raise

    def _session(self) -> imaplib.IMAP4:
        if self._conn is None:
            s = self.settings
            username = secret(self._environ, s.username_env, f"{self._where} username")
            password = secret(self._environ, s.password_env, f"{self._where} password")
            if s.security == "ssl":
                conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    s.host, s.port, ssl_context=self._tls_context(), timeout=s.timeout
                )
            else:
                conn = imaplib.IMAP4(s.host, s.port, timeout=s.timeout)
            try:
                if s.security == "starttls":
                    conn.starttls(self._tls_context())
                conn.login(username or "", password or "")
                _ok(conn.select(_quote(s.mailbox)), f"SELECT {s.mailbox}")
                caps = _ok(conn.capability(), "CAPABILITY")
                self._capabilities = frozenset(b" ".join(caps).decode().upper().split())
            except BaseException:
                conn.shutdown()
                raise
            self._conn = conn
        return self._conn

    def _tls_context(self) -> ssl.SSLContext:
        cafile = str(self.settings.ca_file) if self.settings.ca_file else None
        return ssl.create_default_context(cafile=cafile)


def _ok(result: tuple[str, Sequence[object]], command: str) -> list[bytes]:
    status, data = result
    if status != "OK":
        text = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        raise RefusedError(f"{command} answered {status}: {text}")
    return data  # type: ignore[return-value]


def _quote(mailbox: str) -> str:
    return '"' + re.sub(r'(["\\])', r"\\\1", mailbox) + '"'


def _plain_name(filename: str | None) -> str:
    """The last path component of an attachment's file name, without control characters."""
    if not filename:
        return ""
    last = re.split(r"[\\/]", filename)[-1]
    cleaned = "".join(ch for ch in last if ch.isprintable()).strip()
    return "" if cleaned in {".", ".."} else cleaned
