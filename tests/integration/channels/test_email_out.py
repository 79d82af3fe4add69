"""SmtpChannel against aiosmtpd on loopback: attachment, MIME type, Message-ID, TLS, refusals."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from gateway.channels import (
    AuthError,
    ConnectError,
    HostKeyError,
    RefusedError,
    SendMetadata,
)
from gateway.channels.email_out import SmtpChannel, SmtpSettings, content_type_for
from tests.support.servers import (
    ServerUnavailable,
    SmtpRecorder,
    SmtpServer,
    free_port,
    self_signed_certificate,
    server_tls_context,
    start_smtp,
)

X12 = b"ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *~"


def plain(server: SmtpServer, **changes: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": "plain",
        "sender": "edi@seller.example",
        "recipients": ("orders@buyer.example", "copy@buyer.example"),
        "timeout": 5.0,
    }
    values.update(changes)
    return SmtpSettings(**values)  # type: ignore[arg-type]


def parsed(envelope: object) -> EmailMessage:
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[attr-defined]
    assert isinstance(message, EmailMessage)
    return message


def test_x12_goes_as_an_edi_x12_attachment(smtp: SmtpServer) -> None:
    receipt = SmtpChannel(plain(smtp)).send("INV0001.edi", X12)
    (envelope,) = smtp.recorder.received
    assert envelope.mail_from == "edi@seller.example"
    assert envelope.rcpt_tos == ["orders@buyer.example", "copy@buyer.example"]
    message = parsed(envelope)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/edi-x12"
    assert "application/EDI-X12" in attachment["Content-Type"]
    assert attachment.get_filename() == "INV0001.edi"
    assert attachment.get_payload(decode=True) == X12
    assert message["Message-ID"] == receipt.message_id
    assert receipt.message_id is not None and receipt.message_id.endswith("@seller.example>")
    assert receipt.bytes_sent == len(X12)
    assert message["Subject"] == "INV0001.edi"


def test_ubl_goes_as_application_xml_with_the_given_subject(smtp: SmtpServer) -> None:
    xml = b"<?xml version='1.0'?><Invoice/>"
    SmtpChannel(plain(smtp)).send("INV0001.xml", xml, SendMetadata(subject="Invoice INV0001"))
    message = parsed(smtp.recorder.received[0])
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/xml"
    assert attachment.get_payload(decode=True) == xml
    assert message["Subject"] == "Invoice INV0001"


def test_an_explicit_content_type_wins(smtp: SmtpServer) -> None:
    SmtpChannel(plain(smtp)).send("doc.txt", b"x", SendMetadata(content_type="application/edifact"))
    (attachment,) = list(parsed(smtp.recorder.received[0]).iter_attachments())
    assert attachment.get_content_type() == "application/edifact"


def test_content_type_parameters_and_a_body_of_its_own(smtp: SmtpServer) -> None:
    text = "Müller & Söhne: 1,234.50 EUR\n".encode()
    metadata = SendMetadata("text/plain; charset=utf-8", "Statement", "Your statement.\n")
    SmtpChannel(plain(smtp)).send("statement.txt", text, metadata)
    message = parsed(smtp.recorder.received[0])
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/plain"
    assert attachment.get_content_charset() == "utf-8"
    assert attachment.get_payload(decode=True) == text
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().rstrip() == "Your statement."


def test_content_type_guess_by_name() -> None:
    assert content_type_for("a.EDI") == "application/EDI-X12"
    assert content_type_for("a.x12") == "application/EDI-X12"
    assert content_type_for("a.xml") == "application/xml"
    assert content_type_for("a.bin") == "application/octet-stream"


@pytest.mark.parametrize(
    ("reply", "transient"), [("550 5.7.1 not accepted", False), ("451 try later", True)]
)
def test_a_refusing_server_is_a_refused_error(reply: str, transient: bool) -> None:
    server = start_smtp(SmtpRecorder(refuse_with=reply))
    try:
        with pytest.raises(RefusedError) as caught:
            SmtpChannel(plain(server)).send("a.edi", X12)
    finally:
        server.stop()
    assert caught.value.code == int(reply[:3])
    assert caught.value.transient is transient
    assert reply[4:] in str(caught.value)


def test_nothing_listening_is_a_connect_error() -> None:
    settings = SmtpSettings(
        host="127.0.0.1",
        port=free_port(),
        security="plain",
        sender="a@b.example",
        recipients=("c@d.example",),
        timeout=2.0,
    )
    with pytest.raises(ConnectError):
        SmtpChannel(settings).send("a.edi", X12)


@pytest.fixture
def tls_smtp(tmp_path: Path) -> Iterator[tuple[SmtpServer, Path]]:
    try:
        cert, key = self_signed_certificate(tmp_path)
        server = start_smtp(
            SmtpRecorder(),
            tls_context=server_tls_context(cert, key),
            credentials=("edi-user", "s3cret"),
        )
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server, cert
    finally:
        server.stop()


ENV = {"SMTP_USER": "edi-user", "SMTP_PASSWORD": "s3cret"}


def test_starttls_and_login_with_a_trusted_self_signed_certificate(
    tls_smtp: tuple[SmtpServer, Path],
) -> None:
    server, cert = tls_smtp
    settings = plain(
        server,
        security="starttls",
        ca_file=cert,
        username_env="SMTP_USER",
        password_env="SMTP_PASSWORD",
    )
    receipt = SmtpChannel(settings, environ=ENV).send("a.edi", X12)
    (envelope,) = server.recorder.received
    assert parsed(envelope)["Message-ID"] == receipt.message_id


def test_starttls_refuses_an_untrusted_certificate(tls_smtp: tuple[SmtpServer, Path]) -> None:
    server, _ = tls_smtp
    settings = plain(
        server, security="starttls", username_env="SMTP_USER", password_env="SMTP_PASSWORD"
    )
    with pytest.raises(HostKeyError, match="CERTIFICATE_VERIFY_FAILED"):
        SmtpChannel(settings, environ=ENV).send("a.edi", X12)
    assert server.recorder.received == []


def test_wrong_password_is_an_auth_error(tls_smtp: tuple[SmtpServer, Path]) -> None:
    server, cert = tls_smtp
    settings = plain(
        server,
        security="starttls",
        ca_file=cert,
        username_env="SMTP_USER",
        password_env="SMTP_PASSWORD",
    )
    with pytest.raises(AuthError):
        SmtpChannel(settings, environ={**ENV, "SMTP_PASSWORD": "wrong"}).send("a.edi", X12)
    assert server.recorder.received == []


# aiosmtpd only counts STARTTLS as TLS and warns about AUTH on a port that is in fact TLS.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_implicit_tls(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    server = start_smtp(
        SmtpRecorder(), implicit_tls=server_tls_context(cert, key), credentials=("u", "p")
    )
    try:
        settings = plain(server, security="ssl", ca_file=cert, username_env="U", password_env="P")
        receipt = SmtpChannel(settings, environ={"U": "u", "P": "p"}).send("a.xml", b"<a/>")
    finally:
        server.stop()
    (envelope,) = server.recorder.received
    assert parsed(envelope)["Message-ID"] == receipt.message_id
