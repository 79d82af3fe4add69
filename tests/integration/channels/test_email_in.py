"""ImapChannel against a real Dovecot on loopback: known senders, quarantine, acknowledge."""

from __future__ import annotations

import imaplib
from email.message import EmailMessage
from email.utils import make_msgid

import pytest

from gateway.channels import AuthError, HostKeyError, NotFoundError
from gateway.channels.email_in import ImapChannel, ImapSettings, MailMessage
from tests.support.servers import DovecotServer

X12 = b"ISA*00*          *00*          *ZZ*BUYER          *ZZ*SELLER         *~GS*PO~"
PARTNER = "edi@buyer.example"


def settings(server: DovecotServer, **changes: object) -> ImapSettings:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": "plain",
        "known_senders": ("EDI@Buyer.example", "backup@buyer.example"),
        "username_env": "IMAP_USER",
        "password_env": "IMAP_PASSWORD",
        "timeout": 5.0,
    }
    values.update(changes)
    return ImapSettings(**values)  # type: ignore[arg-type]


def env(server: DovecotServer) -> dict[str, str]:
    return {"IMAP_USER": server.user, "IMAP_PASSWORD": server.password}


def mail(sender: str, attachments: list[tuple[str, str, bytes]], subject: str = "PO") -> bytes:
    message = EmailMessage()
    message["From"] = f"Buyer EDI <{sender}>"
    message["To"] = "orders@seller.example"
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="buyer.example")
    message.set_content("see attachment")
    for filename, content_type, data in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def imap(server: DovecotServer) -> imaplib.IMAP4:
    conn = imaplib.IMAP4(server.host, server.port, timeout=5)
    conn.login(server.user, server.password)
    return conn


def append(server: DovecotServer, raw: bytes, mailbox: str = "INBOX") -> None:
    conn = imap(server)
    try:
        status, _ = conn.append(mailbox, None, None, raw)
        assert status == "OK"
    finally:
        conn.logout()


def subjects(server: DovecotServer, mailbox: str) -> list[str]:
    conn = imap(server)
    try:
        if conn.select(f'"{mailbox}"')[0] != "OK":
            return []
        _, found = conn.search(None, "UNDELETED")
        result = []
        for number in (found[0] or b"").split():
            _, data = conn.fetch(number, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            header = data[0][1] if isinstance(data[0], tuple) else b""
            result.append(header.decode().split(":", 1)[1].strip())
        return sorted(result)
    finally:
        conn.logout()


def test_poll_sorts_documents_from_quarantine(dovecot: DovecotServer) -> None:
    xml = b"<Invoice/>"
    append(dovecot, mail(PARTNER, [("po1.edi", "application/EDI-X12", X12)], "known edi"))
    append(
        dovecot,
        mail(
            "backup@buyer.example",
            [("inv.xml", "application/xml", xml), ("terms.pdf", "application/pdf", b"%PDF")],
            "known xml",
        ),
    )
    append(
        dovecot,
        mail("spoof@elsewhere.example", [("po2.edi", "application/EDI-X12", X12)], "stranger"),
    )
    append(dovecot, mail(PARTNER, [("notes.pdf", "application/pdf", b"%PDF")], "no document"))
    with ImapChannel(settings(dovecot), environ=env(dovecot)) as channel:
        result = channel.poll()
    by_subject = {m.subject: m for m in result.documents}
    assert sorted(by_subject) == ["known edi", "known xml"]
    (edi,) = by_subject["known edi"].attachments
    assert (edi.filename, edi.content_type, edi.data) == ("po1.edi", "application/edi-x12", X12)
    (xml_doc,) = by_subject["known xml"].attachments  # the PDF is not a document
    assert (xml_doc.filename, xml_doc.content_type, xml_doc.data) == (
        "inv.xml",
        "application/xml",
        xml,
    )
    assert by_subject["known edi"].sender == PARTNER
    reasons = {q.subject: q.reason for q in result.quarantined}
    assert sorted(reasons) == ["no document", "stranger"]
    assert "spoof@elsewhere.example" in reasons["stranger"]
    assert "not a known sender" in reasons["stranger"]
    assert reasons["no document"] == "no EDI or XML attachment"
    stranger = next(q for q in result.quarantined if q.subject == "stranger")
    assert X12 not in stranger.raw and b"po2.edi" in stranger.raw  # raw kept (base64 body)
    assert len(subjects(dovecot, "INBOX")) == 4  # polling moves nothing


def test_poll_does_not_mark_messages_seen(dovecot: DovecotServer) -> None:
    append(dovecot, mail(PARTNER, [("po1.edi", "application/EDI-X12", X12)]))
    with ImapChannel(settings(dovecot), environ=env(dovecot)) as channel:
        channel.poll()
    conn = imap(dovecot)
    try:
        conn.select("INBOX")
        _, unseen = conn.search(None, "UNSEEN")
    finally:
        conn.logout()
    assert unseen[0].split() == [b"1"]


@pytest.mark.parametrize("use_move", [True, False], ids=["MOVE", "COPY+EXPUNGE"])
def test_acknowledge_moves_to_the_processed_folder(dovecot: DovecotServer, use_move: bool) -> None:
    append(dovecot, mail(PARTNER, [("po1.edi", "application/EDI-X12", X12)], "first"))
    append(dovecot, mail(PARTNER, [("po2.edi", "application/EDI-X12", X12)], "second"))
    with ImapChannel(settings(dovecot, use_move=use_move), environ=env(dovecot)) as channel:
        documents = channel.poll().documents
        first = next(d for d in documents if d.subject == "first")
        channel.acknowledge(first.uid)
        remaining = channel.poll().documents
    assert [d.subject for d in remaining] == ["second"]
    assert subjects(dovecot, "INBOX") == ["second"]
    assert subjects(dovecot, "Processed") == ["first"]


def test_quarantine_moves_to_the_quarantine_folder(dovecot: DovecotServer) -> None:
    append(
        dovecot, mail("spoof@elsewhere.example", [("po.edi", "application/EDI-X12", X12)], "odd")
    )
    with ImapChannel(settings(dovecot), environ=env(dovecot)) as channel:
        (item,) = channel.poll().quarantined
        channel.quarantine(item.uid)
        assert channel.poll().quarantined == ()
    assert subjects(dovecot, "Quarantine") == ["odd"]


def test_acknowledging_a_missing_message_is_not_found(dovecot: DovecotServer) -> None:
    with (
        ImapChannel(settings(dovecot), environ=env(dovecot)) as channel,
        pytest.raises(NotFoundError),
    ):
        channel.acknowledge("999999")


def test_documents_are_mail_messages(dovecot: DovecotServer) -> None:
    append(dovecot, mail(PARTNER, [("po1.edi", "application/EDI-X12", X12)]))
    with ImapChannel(settings(dovecot), environ=env(dovecot)) as channel:
        (document,) = channel.poll().documents
    assert isinstance(document, MailMessage)
    assert document.uid.isdigit()
    assert document.message_id is not None and document.message_id.endswith("@buyer.example>")


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls_with_a_trusted_self_signed_certificate(dovecot: DovecotServer, security: str) -> None:
    if dovecot.tls_port is None:
        pytest.skip("Dovecot runs without TLS here (cryptography is missing)")
    append(dovecot, mail(PARTNER, [("po1.edi", "application/EDI-X12", X12)]))
    port = dovecot.tls_port if security == "ssl" else dovecot.port
    secure = settings(dovecot, security=security, port=port, ca_file=dovecot.root / "cert.pem")
    with ImapChannel(secure, environ=env(dovecot)) as channel:
        (document,) = channel.poll().documents
    assert document.attachments[0].data == X12


def test_tls_refuses_an_untrusted_certificate(dovecot: DovecotServer) -> None:
    if dovecot.tls_port is None:
        pytest.skip("Dovecot runs without TLS here (cryptography is missing)")
    untrusted = settings(dovecot, security="ssl", port=dovecot.tls_port)
    with pytest.raises(HostKeyError, match="CERTIFICATE_VERIFY_FAILED"):
        ImapChannel(untrusted, environ=env(dovecot)).poll()


def test_a_wrong_password_is_an_auth_error(dovecot: DovecotServer) -> None:
    # Last in the module on purpose: Dovecot delays the next logins from an address that
    # failed one (auth penalty), which would slow the fixtures of later tests.
    channel = ImapChannel(settings(dovecot), environ={**env(dovecot), "IMAP_PASSWORD": "nope"})
    with pytest.raises(AuthError):
        channel.poll()
