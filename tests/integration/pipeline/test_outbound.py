"""Ledger events → partner documents: 856 and 810 for bigbox, UBL for northwind, each valid,
enveloped with our control numbers, archived and queued exactly once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core import services
from core.domain.commands import InvoiceOrder, OrderLineInput, PlaceOrder, PostPackingSlip
from gateway.pipeline.context import Gateway
from gateway.pipeline.inbound import receive
from gateway.pipeline.outbound import distribute
from gateway.store import repository as store
from gateway.ubl.validate import Validator as UblValidator
from gateway.x12.envelope import TransactionSet, read_envelopes
from gateway.x12.report import summarize
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES

PO = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()


def ship_and_invoice(gateway: Gateway, order_number: str) -> None:
    uow = gateway.ledger()
    services.post_packing_slip(uow, PostPackingSlip(order_number, ship_date=date(2026, 11, 20)))
    services.invoice_order(uow, InvoiceOrder(order_number, date(2026, 11, 20)))


def test_856_and_810_for_a_received_850(gateway: Gateway) -> None:
    ((_, _, _, (order_number,)),) = receive(gateway, PO, name="po.edi").sets
    ship_and_invoice(gateway, order_number)
    results = distribute(gateway)
    queued = [(r.kind, r.outcome) for r in results if r.kind]
    assert queued == [("856", "queued"), ("810", "queued")]
    assert distribute(gateway) == []  # events are handled once
    with gateway.engine.begin() as conn:
        rows = {row.kind: row for row in store.outbound(conn)}
    assert set(rows) == {"TA1+997", "856", "810"}
    for kind in ("856", "810"):
        data = gateway.archive.read(rows[kind].sha256)
        (report,) = summarize(read_envelopes(data), Validator())
        assert report.valid, [p.message for p in report.all_problems()]
        assert rows[kind].ack_deadline is not None and rows[kind].group_control
        (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
        elements = [s.elements for s in transaction.segments]
        assert ["REF", "IA", "77123"] in elements  # the partner's override
        if kind == "856":
            assert next(s for s in elements if s[0] == "PRF")[1] == "4500012345"
            assert [s[2] for s in elements if s[0] == "SN1"] == ["24", "6", "10"]
        else:
            # 24 x 12.50 + 6 x 54.00 + 10 x 3.875 = 662.75; RESALE is tax exempt
            assert next(s for s in elements if s[0] == "TDS")[1] == "66275"
            assert next(s for s in elements if s[0] == "IT1")[-2:] == ["IN", "884411"]


def test_ubl_invoice_for_a_ubl_partner(gateway: Gateway) -> None:
    uow = gateway.ledger()
    order = services.place_order(
        uow,
        PlaceOrder(
            "C-2001",
            (OrderLineInput("KIT-500", Decimal(2), external_line_ref="1"),),
            po_number="NW-PO-1",
            order_date=date(2026, 11, 18),
        ),
    )
    ship_and_invoice(gateway, order.number)
    results = [r for r in distribute(gateway) if r.kind]
    assert [(r.kind, r.partner_id, r.outcome) for r in results] == [
        ("856", "northwind", "queued"),
        ("UBL", "northwind", "queued"),
    ]
    with gateway.engine.begin() as conn:
        rows = {row.kind: row for row in store.outbound(conn)}
    asn = gateway.archive.read(rows["856"].sha256)
    assert b"BSN*00*" in asn and b"*0004~" in asn  # northwind's ASNs are SOI (BSN05 0004)
    data = gateway.archive.read(rows["UBL"].sha256)
    report = UblValidator().validate_bytes(data)
    assert report.valid, [(p.rule_id, p.message) for p in report.problems]
    assert b'<cbc:EndpointID schemeID="0088">8712345000011</cbc:EndpointID>' in data
    assert b"NW-PO-1" in data
