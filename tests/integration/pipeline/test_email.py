"""Orders mailed in and answers mailed out, against Dovecot (IMAP) and aiosmtpd on loopback.

A partner's purchase order arrives as an attachment from a known address: it is archived,
posted, the mail moved to the processed folder, and the 999 and 855 go back by SMTP as
application/EDI-X12 attachments. Mail from an unknown address is quarantined as an exception.
"""

from __future__ import annotations

import email
import re
import shutil
import tempfile
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.pipeline.context import Gateway
from gateway.pipeline.master_data import load_master_data
from gateway.pipeline.transport import poll, send_queued
from gateway.store import repository as store
from tests.conftest import FIXTURES
from tests.support.databases import empty_database
from tests.support.servers import (
    DovecotServer,
    ServerUnavailable,
    SmtpRecorder,
    SmtpServer,
    start_dovecot,
    start_smtp,
)

PO = (FIXTURES / "x12" / "valid" / "850_5010_northwind.edi").read_bytes()


@pytest.fixture
def servers() -> Iterator[tuple[DovecotServer, SmtpServer]]:
    root = Path(tempfile.mkdtemp(prefix="o2c-dovecot-"))
    try:
        try:
            imap = start_dovecot(root)
            smtp = start_smtp(SmtpRecorder())
        except ServerUnavailable as exc:
            pytest.skip(str(exc))
        yield imap, smtp
        imap.stop()
        smtp.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mail_gateway(
    request: pytest.FixtureRequest, workspace: Path, servers: tuple[DovecotServer, SmtpServer]
) -> Iterator[Gateway]:
    imap, smtp = servers
    toml = workspace / "config" / "gateway.toml"
    text = toml.read_text()
    text = re.sub(
        r"(\[channels\.mail-out\]\n)[^\[]*",
        f"""\\1kind = "email_out"
host = "{smtp.host}"
port = {smtp.port}
tls = "none"
from_address = "edi@o2c-supplier.example"

""",
        text,
    )
    text = re.sub(
        r"(\[channels\.mail-in\]\n)[^\[]*",
        f"""\\1kind = "email_in"
host = "{imap.host}"
port = {imap.port}
tls = "none"
mailbox = "INBOX"
processed_folder = "Processed"
username_env = "O2C_IMAP_USERNAME"
password_env = "O2C_IMAP_PASSWORD"

""",
        text,
    )
    toml.write_text(text)
    env = {"O2C_IMAP_USERNAME": imap.user, "O2C_IMAP_PASSWORD": imap.password}
    url = empty_database(request, "sqlite", workspace)
    gw = build_gateway(load_config(workspace / "config", env=env), url, worker="test")
    load_master_data(gw)
    yield gw
    gw.engine.dispose()


def mail(sender: str, data: bytes, name: str = "po.edi") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "orders@o2c-supplier.example"
    message["Subject"] = "purchase order"
    message.set_content("attached")
    message.add_attachment(data, maintype="application", subtype="EDI-X12", filename=name)
    return message.as_bytes()


def append(server: DovecotServer, raw: bytes) -> None:
    import imaplib

    conn = imaplib.IMAP4(server.host, server.port, timeout=10)
    try:
        conn.login(server.user, server.password)
        assert conn.append("INBOX", None, None, raw)[0] == "OK"
    finally:
        conn.logout()


def test_mailed_order_posted_and_answered_by_mail(
    mail_gateway: Gateway, servers: tuple[DovecotServer, SmtpServer]
) -> None:
    imap, smtp = servers
    append(imap, mail("Northwind EDI <edi@northwind.example>", PO))
    append(imap, mail("someone@elsewhere.example", PO, "spam.edi"))
    result = poll(mail_gateway, "mail-in")
    assert result.error == "" and result.quarantined == 1
    (received,) = result.files
    assert (received.status, received.partner_id) == ("posted", "northwind")
    with mail_gateway.engine.begin() as conn:
        (quarantine,) = store.exceptions(conn)
    assert quarantine.code == "RCV_UNKNOWN_SENDER" and "someone@elsewhere" in quarantine.message
    assert poll(mail_gateway, "mail-in").files == []  # the message was moved away
    sent = send_queued(mail_gateway)
    assert sorted(r.kind for r in sent) == ["855", "999"]
    assert {r.state for r in sent} == {"sent"}
    assert len(smtp.recorder.received) == 2
    for envelope in smtp.recorder.received:
        message = email.message_from_bytes(envelope.content)
        assert envelope.rcpt_tos == ["edi@northwind.example"]
        (part,) = [p for p in message.walk() if p.get_filename()]
        assert part.get_content_type() == "application/edi-x12"
        assert part.get_payload(decode=True).startswith(b"ISA*")
    with mail_gateway.engine.begin() as conn:
        receipts = [row.receipt for row in store.outbound(conn)]
    assert all(r.startswith("<") and r.endswith(">") for r in receipts)  # Message-IDs
