"""Every library exception a channel can meet comes out as the documented ChannelError."""

from __future__ import annotations

import errno
import imaplib
import smtplib
import socket
import ssl

import aiosmtplib
import paramiko
import pytest

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
    translate,
    translated,
)


def _banner_timeout() -> paramiko.SSHException:
    try:
        try:
            raise TimeoutError("timed out")
        except TimeoutError:
            raise paramiko.SSHException("Error reading SSH protocol banner") from None
    except paramiko.SSHException as exc:
        exc.__context__ = TimeoutError()
        return exc


def _bad_host_key() -> paramiko.BadHostKeyException:
    got, expected = paramiko.ECDSAKey.generate(), paramiko.ECDSAKey.generate()
    return paramiko.BadHostKeyException("[127.0.0.1]:2222", got, expected)


CASES: list[tuple[BaseException, type[ChannelError]]] = [
    # paramiko
    (_bad_host_key(), HostKeyError),
    (paramiko.SSHException("Server '[h]:22' not found in known_hosts"), HostKeyError),
    (paramiko.AuthenticationException("Authentication failed."), AuthError),
    (paramiko.BadAuthenticationType("Bad authentication type", ["publickey"]), AuthError),
    (
        paramiko.ssh_exception.NoValidConnectionsError(
            {("127.0.0.1", 22): ConnectionRefusedError(errno.ECONNREFUSED, "refused")}
        ),
        ConnectError,
    ),
    (paramiko.SSHException("Server connection dropped: "), ConnectError),
    (_banner_timeout(), ChannelTimeoutError),
    # aiosmtplib
    (aiosmtplib.SMTPAuthenticationError(535, "5.7.8 bad credentials"), AuthError),
    (aiosmtplib.SMTPConnectError("refused"), ConnectError),
    (aiosmtplib.SMTPConnectTimeoutError("slow"), ChannelTimeoutError),
    (aiosmtplib.SMTPReadTimeoutError("slow"), ChannelTimeoutError),
    (aiosmtplib.SMTPServerDisconnected("gone"), ConnectError),
    (aiosmtplib.SMTPDataError(550, "5.7.1 refused"), RefusedError),
    (aiosmtplib.SMTPSenderRefused(553, "no", "a@b.example"), RefusedError),
    (
        aiosmtplib.SMTPRecipientsRefused(
            [aiosmtplib.SMTPRecipientRefused(550, "no such user", "x@y.example")]
        ),
        RefusedError,
    ),
    (aiosmtplib.SMTPNotSupported("STARTTLS not supported"), RefusedError),
    # smtplib
    (smtplib.SMTPAuthenticationError(535, b"bad credentials"), AuthError),
    (smtplib.SMTPServerDisconnected("gone"), ConnectError),
    (smtplib.SMTPRecipientsRefused({"x@y.example": (550, b"no such user")}), RefusedError),
    (smtplib.SMTPDataError(554, b"rejected"), RefusedError),
    (smtplib.SMTPConnectError(421, b"busy"), RefusedError),
    # imaplib
    (imaplib.IMAP4.error("b'[AUTHENTICATIONFAILED] Authentication failed.'"), AuthError),
    (imaplib.IMAP4.abort("socket error: EOF"), ConnectError),
    (imaplib.IMAP4.readonly("mailbox is read-only"), RefusedError),
    (imaplib.IMAP4.error("COPY command error: BAD"), RefusedError),
    # TLS and the OS
    (ssl.SSLCertVerificationError(1, "certificate verify failed"), HostKeyError),
    (ssl.SSLError(1, "wrong version number"), ConnectError),
    (TimeoutError("timed out"), ChannelTimeoutError),
    (TimeoutError(), ChannelTimeoutError),
    (socket.gaierror(-2, "Name or service not known"), ConnectError),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), ConnectError),
    (ConnectionResetError(errno.ECONNRESET, "reset"), ConnectError),
    (BrokenPipeError(errno.EPIPE, "broken pipe"), ConnectError),
    (EOFError(), ConnectError),
    (OSError("Socket is closed"), ConnectError),
    (OSError(errno.ENOENT, "No such file"), NotFoundError),
    (OSError(errno.EEXIST, "File exists"), TargetExistsError),
    (OSError(errno.EACCES, "Permission denied"), RefusedError),
    (OSError(errno.ENOSPC, "No space left on device"), TransferError),
    (OSError("Failure"), TransferError),  # paramiko's SSH_FX_FAILURE
]


@pytest.mark.parametrize(("exc", "expected"), CASES, ids=lambda v: type(v).__name__)
def test_library_exceptions_are_translated(
    exc: BaseException, expected: type[ChannelError]
) -> None:
    with pytest.raises(ChannelError) as caught, translated("SFTP h:22: upload a.edi"):
        raise exc
    assert type(caught.value) is expected
    assert caught.value.__cause__ is exc
    assert str(caught.value).startswith("SFTP h:22: upload a.edi: ")


@pytest.mark.parametrize(
    ("exc", "code", "transient"),
    [
        (aiosmtplib.SMTPDataError(550, "refused"), 550, False),
        (aiosmtplib.SMTPDataError(451, "try later"), 451, True),
        (smtplib.SMTPRecipientsRefused({"a@b.example": (450, b"busy")}), 450, True),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(550, "no such user", "x@y.example")]
            ),
            550,
            False,
        ),
    ],
)
def test_smtp_reply_codes_are_kept(exc: BaseException, code: int, transient: bool) -> None:
    mapped = translate(exc, "SMTP h:25")
    assert isinstance(mapped, RefusedError)
    assert mapped.code == code
    assert mapped.transient is transient


def test_transience_of_the_tree() -> None:
    assert ConnectError("x").transient and ChannelTimeoutError("x").transient
    assert TransferError("x").transient
    assert not TargetExistsError("x").transient
    assert not AuthError("x").transient and not HostKeyError("x").transient
    assert not ChannelConfigError("x").transient


def test_programming_errors_are_not_disguised() -> None:
    with pytest.raises(TypeError), translated("SFTP h:22: list"):
        raise TypeError("a bug")
    assert translate(ValueError("a bug"), "x") is None


def test_channel_errors_pass_through_unchanged() -> None:
    original = HostKeyError("already ours")
    with pytest.raises(HostKeyError) as caught, translated("x"):
        raise original
    assert caught.value is original
