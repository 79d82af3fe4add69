"""The scheduled jobs: acknowledgements reconciled (accepted, rejected, overdue), every job run
once, and one worker at a time on a leased job."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal as D

from core import services
from core.domain.commands import FreeTextInvoice, FreeTextLine, InvoiceOrder, PostPackingSlip
from gateway.config.gateway_model import JOB_NAMES
from gateway.demo.documents import Paid, remittance
from gateway.jobs.lease import leased
from gateway.jobs.runner import match_remittances, reconcile_acks
from gateway.pipeline.context import Gateway
from gateway.pipeline.inbound import receive
from gateway.pipeline.outbound import distribute
from gateway.scheduler import run_once
from gateway.store import repository as store
from tests.conftest import FIXTURES

PO = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()


def invoiced_810(gateway: Gateway) -> int:
    """Receive the PO, ship, invoice, distribute, and mark the 810 as sent (awaiting its 997)."""
    ((_, _, _, (order,)),) = receive(gateway, PO, name="po.edi").sets
    uow = gateway.ledger()
    services.post_packing_slip(uow, PostPackingSlip(order, ship_date=date(2026, 11, 20)))
    services.invoice_order(uow, InvoiceOrder(order, date(2026, 11, 20)))
    distribute(gateway)
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.kind == "810"]
        store.update_outbound(conn, row.id, now=gateway.clock(), state="awaiting_ack")
    return row.id


def partner_997(group_control: str, status: str) -> bytes:
    ak5 = "A" if status == "A" else "R*5"
    body = [
        f"AK1*IN*{group_control}",
        "AK2*810*0001",
        f"AK5*{ak5}",
        f"AK9*{status}*1*1*{1 if status == 'A' else 0}",
    ]
    segments = [
        "ISA*00*          *00*          *08*9254110060     *ZZ*O2CSUPPLIER    "
        "*261121*1200*U*00401*000000777*0*P*>",
        "GS*FA*9254110060*O2CSUPPLIER*20261121*1200*777*X*004010",
        "ST*997*0001",
        *body,
        f"SE*{len(body) + 2}*0001",
        "GE*1*777",
        "IEA*1*000000777",
    ]
    return "~\n".join(segments).encode() + b"~\n"


def test_the_partners_997_closes_what_we_sent(gateway: Gateway) -> None:
    outbound_id = invoiced_810(gateway)
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.id == outbound_id]
    result = receive(gateway, partner_997(row.group_control, "A"), name="997.edi")
    assert [s[:3] for s in result.sets] == [("997", "0001", "posted")]
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.id == outbound_id]
    assert row.state == "accepted"
    assert reconcile_acks(
        dataclasses.replace(gateway, clock=lambda: gateway.clock() + timedelta(days=3))
    ) == ("0 acknowledgement(s) overdue")


def test_a_rejecting_997_is_an_exception(gateway: Gateway) -> None:
    outbound_id = invoiced_810(gateway)
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.id == outbound_id]
    receive(gateway, partner_997(row.group_control, "R"), name="997.edi")
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.id == outbound_id]
        (exception,) = store.exceptions(conn)
    assert row.state == "rejected" and exception.code == "ACK_REJECTED"


def test_no_997_by_the_deadline_is_overdue(gateway: Gateway) -> None:
    invoiced_810(gateway)
    assert reconcile_acks(gateway) == "0 acknowledgement(s) overdue"  # before the deadline
    later = dataclasses.replace(gateway, clock=lambda: gateway.clock() + timedelta(hours=25))
    assert reconcile_acks(later) == "1 acknowledgement(s) overdue"
    with gateway.engine.begin() as conn:
        (exception,) = store.exceptions(conn)
        assert exception.code == "ACK_OVERDUE" and exception.business_key == "INV-000001"
    assert reconcile_acks(later) == "0 acknowledgement(s) overdue"  # reported once


def test_run_once_runs_every_configured_job(gateway: Gateway) -> None:
    done = dict(run_once(gateway))
    assert set(done) == set(gateway.config.gateway.schedules) == set(JOB_NAMES)
    assert done["reconcile_acks"] == "0 acknowledgement(s) overdue"
    assert done["email_statements"].startswith("0 statement(s) queued")  # nothing owed yet


def test_one_worker_at_a_time_holds_a_lease(gateway: Gateway) -> None:
    other = dataclasses.replace(gateway, worker="elsewhere:1")
    with leased(gateway, "distribute") as mine:
        assert mine
        with leased(other, "distribute") as theirs:
            assert not theirs
    with leased(other, "distribute") as theirs:
        assert theirs  # released


def test_match_remittances_applies_money_once_the_invoice_exists(gateway: Gateway) -> None:
    """An 820 paying an invoice the ledger does not have yet leaves its money on account with
    RMT_UNKNOWN_INVOICE; once the invoice is posted, the job applies it and closes the
    exception; run again, it posts nothing more."""
    now = gateway.clock()
    early = remittance(
        gateway.config, "bigbox", 1, [Paid("INV-000001", D("150.00"), D("150.00"))], now.date(), now
    )
    ((_, _, status, (payment,)),) = receive(gateway, early, name="820.edi").sets
    assert status == "posted"
    with gateway.engine.begin() as conn:
        (exc,) = [e for e in store.exceptions(conn, only_open=True) if e.code.startswith("RMT_")]
    assert exc.code == "RMT_UNKNOWN_INVOICE"
    assert dict(run_once(gateway))["match_remittances"].startswith(
        "1 remittance(s) with open lines, 0 line(s) matched"
    )
    invoice = services.free_text_invoice(
        gateway.ledger(),
        FreeTextInvoice("C-1001", (FreeTextLine("4000", D("150.00"), "Display fixtures"),)),
    )
    assert invoice.number == "INV-000001" and invoice.total == D("150.00")
    assert match_remittances(gateway).startswith("1 remittance(s) with open lines, 1 line(s)")
    uow = gateway.ledger()
    with uow:
        pay, inv = uow.open_items.get(payment), uow.open_items.get("INV-000001")
    assert pay is not None and inv is not None
    assert (pay.open_amount, inv.open_amount) == (D("0.00"), D("0.00"))
    with gateway.engine.begin() as conn:
        row = store.get_exception(conn, exc.id)
        (remit,) = store.sets_of_kind(conn, "820")
    assert row is not None and (row.state, row.updated_by) == ("resolved", "match_remittances")
    figures = json.loads(remit.detail)
    assert (figures["auto_lines"], figures["matched_later"], figures["on_account"]) == (
        1,
        1,
        "0.00",
    )
    assert match_remittances(gateway).startswith("0 remittance(s)")
