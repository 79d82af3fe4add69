"""Ledger documents to 810, 856 and UBL: rendered from a real ledger cycle (in memory), valid
against our X12 maps and the UBL 2.1 schema and rules, and agreeing with the ledger's figures."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.charges import AllowanceCharge
from core.domain.commands import (
    InvoiceOrder,
    IssueCreditNote,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
)
from core.domain.parties import PaymentTerms
from core.memory import MemoryUnitOfWork
from gateway.pipeline.documents import TaxInfo, invoice_notice, ship_notice, ubl_document
from gateway.transactions.common import Party, decimal_n
from gateway.transactions.gs1 import sscc
from gateway.transactions.mapping import ItemCrossReference, PartnerMapping
from gateway.transactions.ts810 import render_810
from gateway.transactions.ts856 import render_856
from gateway.ubl import builder
from gateway.ubl import model as ubl
from gateway.ubl.example import buyer, seller
from gateway.ubl.validate import Validator as UblValidator
from gateway.x12.envelope import TransactionSet, read_envelopes
from gateway.x12.report import summarize
from gateway.x12.validator import Validator
from tests.support.ledger_scenario import master_data
from tests.unit.transactions.outbound_cases import envelope

MAPPING = PartnerMapping("bigbox", "C1", items=(ItemCrossReference("WID", buyer_item="884411"),))
REMIT = Party("RE", "O2C SUPPLIER", "92", "R01")
SHIP_TO = Party("ST", "DC 6043", "92", "6043")


@pytest.fixture
def ledger() -> MemoryUnitOfWork:
    """PO-777: WID 30 and GAD 4 (10 % promo), freight 20.00; WID 20 + GAD 4 shipped and
    invoiced (INV-000001: 200.00 + 90.00 + 20.00 = 310.00 net, tax 16.50 + 7.43 = 23.93,
    total 333.93); INV-000002 later credited by 2 WID (CN-000001: 20.00 + 1.65 = 21.65)."""
    uow = MemoryUnitOfWork()
    master_data(uow)
    promo = AllowanceCharge(False, "promo", percent=D(10))
    freight = AllowanceCharge(True, "freight", amount=D("20.00"), tax_code="EXEMPT")
    order = s.place_order(
        uow,
        PlaceOrder(
            "C1",
            (
                OrderLineInput("WID", D(30), external_line_ref="1"),
                OrderLineInput("GAD", D(4), external_line_ref="2", allowances=(promo,)),
            ),
            po_number="PO-777",
            external_refs={"REF DP": "042", "po_date": "2026-01-04"},
            charges=(freight,),
            order_date=date(2026, 1, 5),
        ),
    )
    s.post_packing_slip(uow, PostPackingSlip(order.number, {1: D(20), 2: D(4)}, date(2026, 1, 5)))
    s.invoice_order(uow, InvoiceOrder(order.number, date(2026, 1, 5)))
    s.post_packing_slip(uow, PostPackingSlip(order.number, None, date(2026, 1, 8)))
    s.invoice_order(uow, InvoiceOrder(order.number, date(2026, 1, 8)))
    s.issue_credit_note(uow, IssueCreditNote("INV-000002", {1: D(2)}, credit_date=date(2026, 1, 9)))
    return uow


def segments(data: bytes) -> list[list[str]]:
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    return [seg.elements for seg in transaction.segments]


def valid(data: bytes) -> bool:
    (report,) = summarize(read_envelopes(data), Validator())
    return report.valid


def test_810_from_a_ledger_invoice_agrees_with_it(ledger: MemoryUnitOfWork) -> None:
    invoice = ledger.invoices.get("INV-000001")
    assert invoice is not None and invoice.total == D("333.93")
    notice = invoice_notice(
        invoice,
        MAPPING,
        REMIT,
        SHIP_TO,
        date(2026, 1, 4),
        date(2026, 1, 5),
        PaymentTerms.parse("2/10 net 30"),
    )
    data = envelope("810", "IN", render_810(notice, MAPPING), "4010")
    assert valid(data)
    found = segments(data)
    tds = next(seg for seg in found if seg[0] == "TDS")
    assert decimal_n(tds[1], 2) == invoice.total
    it1 = [seg for seg in found if seg[0] == "IT1"]
    assert [seg[1] for seg in it1] == ["1", "2"]  # the 850 line numbers
    assert it1[0][-2:] == ["IN", "884411"]  # the partner's buyer item from the cross-reference
    assert ["REF", "DP", "042"] in found


def test_810_credit_memo_from_a_credit_note(ledger: MemoryUnitOfWork) -> None:
    credit = ledger.invoices.get("CN-000001")
    assert credit is not None
    notice = invoice_notice(credit, MAPPING, REMIT)
    found = segments(envelope("810", "IN", render_810(notice, MAPPING), "4010"))
    assert found[1][7] == "CR" and ["REF", "IV", "INV-000002"] in found
    assert decimal_n(next(seg for seg in found if seg[0] == "TDS")[1], 2) == D("21.65")


def test_856_from_a_packing_slip(ledger: MemoryUnitOfWork) -> None:
    slip = ledger.packing_slips.get("PS-000001")
    order = ledger.orders.get(slip.order_number) if slip else None
    assert slip is not None and order is not None
    ssccs = [sscc("0614141", n) for n in (1, 2)]
    notice = ship_notice(slip, order, MAPPING, SHIP_TO, REMIT, ssccs, time(9, 30))
    data = envelope("856", "SH", render_856(notice, MAPPING, "SOPI"), "4010")
    assert valid(data)
    found = segments(data)
    assert next(seg for seg in found if seg[0] == "PRF")[1:] == ["PO-777", "", "", "20260104"]
    sn1 = [seg for seg in found if seg[0] == "SN1"]
    # shipped 20 of 30 WID and 4 of 4 GAD: never more than ordered
    assert [(seg[2], seg[5]) for seg in sn1] == [("20", "30"), ("4", "4")]
    assert [seg[2] for seg in found if seg[0] == "MAN"] == ssccs


TAXES = {
    "STD": TaxInfo(ubl.TaxCategory.STANDARD),
    "EXEMPT": TaxInfo(ubl.TaxCategory.EXEMPT, "Freight is exempt", "VATEX-EU-O"),
}


@pytest.mark.parametrize("number", ["INV-000001", "CN-000001"])
def test_ubl_from_a_ledger_document_passes_xsd_and_rules(
    ledger: MemoryUnitOfWork, number: str
) -> None:
    invoice = ledger.invoices.get(number)
    assert invoice is not None
    document = ubl_document(
        invoice, seller(), buyer(), TAXES, payment_terms="2 % 10 days, net 30 days"
    )
    report = UblValidator().validate(builder.build(document))
    assert report.valid, [(p.rule_id, p.message) for p in report.problems]
    xml = builder.render(document).decode()
    assert f"<cbc:ID>{number}</cbc:ID>" in xml
    if invoice.is_credit:
        assert "<cac:BillingReference>" in xml and "INV-000002" in xml
    else:
        assert '<cbc:PayableAmount currencyID="USD">333.93</cbc:PayableAmount>' in xml
