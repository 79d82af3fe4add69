"""The exceptions of ``gateway.channels`` and the one place where library errors are translated.

paramiko, aiosmtplib, smtplib, imaplib, ssl and the operating system each raise their own
exceptions. Every channel wraps its I/O in :func:`translated`, so callers only ever see the tree
drawn in the package docstring. Exceptions that are not I/O failures (programming errors such as
``TypeError``) are deliberately left alone.
"""

from __future__ import annotations

import imaplib
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import aiosmtplib
import paramiko


class ChannelError(Exception):
    """Base class of every exception raised by ``gateway.channels``.

    ``transient`` says whether trying again later may succeed (a dropped connection, a timeout,
    a 4xx SMTP reply) or not (wrong credentials, an unknown host key, a 5xx refusal).
    """

    transient: bool = False

    def __init__(self, message: str, *, transient: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        if transient is not None:
            self.transient = transient


class ChannelConfigError(ChannelError):
    """The settings cannot be used: a missing environment variable, key file or invalid name."""


class ConnectError(ChannelError):
    """The server cannot be reached, or the connection was lost during an operation."""

    transient = True


class ChannelTimeoutError(ChannelError):
    """Connecting, the banner, authentication or one operation took longer than allowed."""

    transient = True


class AuthError(ChannelError):
    """The server refused the credentials."""


class HostKeyError(ChannelError):
    """The server's identity is not verified: SSH host key unknown or different, TLS certificate
    rejected. The connection is refused before any credential is sent."""


class RefusedError(ChannelError):
    """The server understood and said no: an SMTP 4xx/5xx reply, permission denied, an IMAP NO.

    ``code`` is the server's reply code when it has one (SMTP); 4xx codes are transient.
    """

    def __init__(
        self, message: str, *, code: int | None = None, transient: bool | None = None
    ) -> None:
        if transient is None:
            transient = code is not None and 400 <= code < 500
        super().__init__(message, transient=transient)
        self.code = code


class NotFoundError(ChannelError):
    """The named remote file or message is not there (any more)."""


class TransferError(ChannelError):
    """A transfer did not complete as it must: size mismatch, a failed rename, a write error."""

    transient = True


class TargetExistsError(TransferError):
    """The final name already exists on the remote side and overwriting is not configured."""

    transient = False


def translate(exc: BaseException, context: str) -> ChannelError | None:
    """The :class:`ChannelError` for a library or OS exception, or None when it is not I/O.

    ``context`` names the channel and the operation (``"SFTP 127.0.0.1:22: upload a.edi"``); it
    starts the message, the library's own text ends it.
    """
    if isinstance(exc, ChannelError):
        return exc
    detail = f"{context}: {_describe(exc)}"
    for kinds, build in _RULES:
        if isinstance(exc, kinds):
            return build(exc, detail)
    return None


@contextmanager
def translated(context: str) -> Iterator[None]:
    """Run a block of channel I/O; library exceptions leave it as :class:`ChannelError`."""
    try:
        yield
    except ChannelError:
        raise
    except Exception as exc:
        mapped = translate(exc, context)
        if mapped is None:
            raise
        raise mapped from exc


_Builder = Callable[[BaseException, str], ChannelError]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _ssh(exc: BaseException, detail: str) -> ChannelError:
    text = str(exc)
    if "known_hosts" in text or "host key" in text.lower():
        return HostKeyError(detail)
    lowered = text.lower()
    if "timeout" in lowered or "timed out" in lowered or isinstance(exc.__context__, TimeoutError):
        return ChannelTimeoutError(detail)
    return ConnectError(detail)


def _smtp_response(exc: BaseException, detail: str) -> ChannelError:
    code = getattr(exc, "code", None) or getattr(exc, "smtp_code", None)
    return RefusedError(detail, code=code if isinstance(code, int) else None)


def _smtp_recipients(exc: BaseException, detail: str) -> ChannelError:
    recipients = getattr(exc, "recipients", None)
    codes: list[int] = []
    if isinstance(recipients, dict):  # smtplib: {address: (code, message)}
        codes = [value[0] for value in recipients.values()]
    elif isinstance(recipients, list):  # aiosmtplib: [SMTPRecipientRefused, ...]
        codes = [getattr(item, "code", 550) for item in recipients]
    code = max(codes) if codes else None
    return RefusedError(detail, code=code)


def _imap(exc: BaseException, detail: str) -> ChannelError:
    text = str(exc).upper()
    if "AUTHENTICATIONFAILED" in text or "LOGIN" in text or "AUTHENTICATE" in text:
        return AuthError(detail)
    return RefusedError(detail)


def _os_error(exc: BaseException, detail: str) -> ChannelError:
    # paramiko reports a dead transport as a bare OSError("Socket is closed")
    if getattr(exc, "errno", None) is None and "closed" in str(exc).lower():
        return ConnectError(detail)
    return TransferError(detail)


def _build(kind: type[ChannelError]) -> _Builder:
    def build(_exc: BaseException, detail: str) -> ChannelError:
        return kind(detail)

    return build


_IMAP_ABORT = imaplib.IMAP4.abort
_IMAP_READONLY = imaplib.IMAP4.readonly
_IMAP_ERROR = imaplib.IMAP4.error

# Order matters: the first matching family wins, so specific classes come before their bases.
_RULES: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], _Builder], ...] = (
    # SSH (paramiko)
    (paramiko.BadHostKeyException, _build(HostKeyError)),
    (paramiko.AuthenticationException, _build(AuthError)),
    (paramiko.ssh_exception.NoValidConnectionsError, _build(ConnectError)),
    (paramiko.ssh_exception.ChannelException, _build(ConnectError)),
    (paramiko.SSHException, _ssh),
    # SMTP (aiosmtplib, then smtplib)
    (aiosmtplib.SMTPAuthenticationError, _build(AuthError)),
    (aiosmtplib.SMTPTimeoutError, _build(ChannelTimeoutError)),
    (aiosmtplib.SMTPConnectResponseError, _smtp_response),
    (aiosmtplib.SMTPConnectError, _build(ConnectError)),
    (aiosmtplib.SMTPServerDisconnected, _build(ConnectError)),
    (aiosmtplib.SMTPRecipientsRefused, _smtp_recipients),
    (aiosmtplib.SMTPResponseException, _smtp_response),
    (aiosmtplib.SMTPNotSupported, _build(RefusedError)),
    (aiosmtplib.SMTPException, _build(TransferError)),
    (smtplib.SMTPAuthenticationError, _build(AuthError)),
    (smtplib.SMTPConnectError, _smtp_response),
    (smtplib.SMTPServerDisconnected, _build(ConnectError)),
    (smtplib.SMTPRecipientsRefused, _smtp_recipients),
    (smtplib.SMTPResponseException, _smtp_response),
    (smtplib.SMTPNotSupportedError, _build(RefusedError)),
    (smtplib.SMTPException, _build(TransferError)),
    # IMAP (imaplib)
    (_IMAP_READONLY, _build(RefusedError)),  # a subclass of abort
    (_IMAP_ABORT, _build(ConnectError)),
    (_IMAP_ERROR, _imap),
    # TLS and the operating system
    (ssl.SSLCertVerificationError, _build(HostKeyError)),
    (ssl.SSLError, _build(ConnectError)),
    (TimeoutError, _build(ChannelTimeoutError)),  # also socket.timeout, asyncio.TimeoutError
    (socket.gaierror, _build(ConnectError)),
    (ConnectionError, _build(ConnectError)),  # refused, reset, aborted, broken pipe
    (EOFError, _build(ConnectError)),
    (FileNotFoundError, _build(NotFoundError)),
    (FileExistsError, _build(TargetExistsError)),
    (PermissionError, _build(RefusedError)),
    (OSError, _os_error),
)
