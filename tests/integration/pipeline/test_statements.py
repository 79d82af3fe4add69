"""Statements of account by e-mail, through a real SMTP server (aiosmtpd on loopback).

The ``email_statements`` job queues one statement per customer with an e-mail address and
date; ``retry_sends`` delivers it to the customer's address (not the partner's EDI mailbox) as a
UTF-8 text attachment. A second run on the same date queues nothing; customers with nothing
owed or open, or without an address, get nothing.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from decimal import Decimal as D
from email.message import Message
from pathlib import Path

import pytest

from core import services
from core.domain.commands import Application, FreeTextInvoice, FreeTextLine, RecordPayment
from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.jobs.runner import email_statements
from gateway.pipeline.context import Gateway
from gateway.pipeline.master_data import load_master_data
from gateway.pipeline.transport import send_queued
from gateway.store import repository as store
from tests.support.databases import BACKENDS, empty_database
from tests.support.servers import SmtpServer


@pytest.fixture(params=BACKENDS)
def mail_gateway(
    request: pytest.FixtureRequest, workspace: Path, smtp: SmtpServer
) -> Iterator[Gateway]:
    toml = workspace / "config" / "gateway.toml"
    toml.write_text(
        re.sub(
            r"(\[channels\.mail-out\]\n)[^\[]*",
            f'\\1kind = "email_out"\nhost = "{smtp.host}"\nport = {smtp.port}\ntls = "none"\n'
            'from_address = "ar@o2c-supplier.example"\n\n',
            toml.read_text(),
        )
    )
    url = empty_database(request, request.param, workspace)
    gw = build_gateway(load_config(workspace / "config", env={}), url, worker="test")
    load_master_data(gw)
    yield gw
    gw.engine.dispose()


def invoice_and_part_payment(gw: Gateway) -> None:
    uow = gw.ledger()
    invoice = services.free_text_invoice(
        uow, FreeTextInvoice("C-1001", (FreeTextLine("4000", D("150.00"), "Display fixtures"),))
    )
    services.record_payment(
        gw.ledger(),
        RecordPayment(
            "C-1001", D("50.00"), "CHK 1001", apply=(Application(invoice.number, D("50.00")),)
        ),
    )


def attachment(message: Message) -> Message:
    (part,) = [p for p in message.walk() if p.get_filename()]
    return part


def test_statement_mailed_to_the_customer_once_per_date(
    mail_gateway: Gateway, smtp: SmtpServer
) -> None:
    invoice_and_part_payment(mail_gateway)
    today = mail_gateway.clock().date()
    assert email_statements(mail_gateway) == (
        "1 statement(s) queued, 0 already queued, 1 settled, 1 customer(s) without e-mail"
    )
    (sent,) = send_queued(mail_gateway)
    assert (sent.kind, sent.state) == ("STMT", "sent")
    (envelope,) = smtp.recorder.received
    assert envelope.rcpt_tos == ["ap@bigbox.example"]  # the customer's AP, not the EDI mailbox
    assert envelope.mail_from == "ar@o2c-supplier.example"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == f"Statement of account C-1001 as of {today.isoformat()}"
    body = message.get_body(("plain",))  # type: ignore[attr-defined]
    assert "is attached" in body.get_content()
    part = attachment(message)
    assert part.get_filename() == f"statement-C-1001-{today:%Y%m%d}.txt"
    assert part.get_content_type() == "text/plain"
    assert part.get_content_charset() == "utf-8"
    text = part.get_payload(decode=True).decode("utf-8")
    assert "To:       BigBox Stores Inc. (account C-1001)" in text
    assert "INV-000001" in text and "Balance due: 100.00 USD" in text

    # the same date again: nothing new is queued or sent
    assert email_statements(mail_gateway).startswith("0 statement(s) queued, 1 already queued")
    assert send_queued(mail_gateway) == []
    assert len(smtp.recorder.received) == 1
    with mail_gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.kind == "STMT"]
    assert (row.business_key, row.state) == ("C-1001", "sent")
    assert mail_gateway.archive.read(row.sha256).decode("utf-8") == text


def test_a_refused_statement_is_retried_later(mail_gateway: Gateway, smtp: SmtpServer) -> None:
    invoice_and_part_payment(mail_gateway)
    smtp.recorder.refuse_with = "451 try again later"
    email_statements(mail_gateway)
    (first,) = send_queued(mail_gateway)
    assert first.state == "queued" and "451" in first.detail
    with mail_gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.kind == "STMT"]
    assert row.attempts == 1 and row.next_attempt_at is not None
    assert smtp.recorder.received == []
