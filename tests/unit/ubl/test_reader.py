"""Reading UBL back into the model: round trips and the same validation."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest

from gateway.ubl.builder import render
from gateway.ubl.model import Document, DocumentKind, TaxCategory
from gateway.ubl.reader import read
from tests.unit.ubl.cases import ALL_CASES, allowances_and_charges, partial_credit_note


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_render_read_render_is_stable(name: str) -> None:
    factory: Callable[[], Document] = ALL_CASES[name]
    xml = render(factory())
    result = read(xml)
    assert result.valid, result.report.problems
    assert result.document is not None
    assert render(result.document) == xml


def test_reader_maps_the_business_terms() -> None:
    result = read(render(allowances_and_charges()))
    doc = result.document
    assert doc is not None
    assert (doc.kind, doc.number, doc.currency) == (DocumentKind.INVOICE, "INV-AC", "EUR")
    assert doc.order_reference == "PO-778899" and doc.buyer_reference == "DEPT-42"
    assert doc.seller.endpoint.value == "7300010000001" and doc.seller.endpoint.scheme == "0088"
    assert doc.seller.vat_id == "SE556677889901"
    assert doc.lines[0].rec20_unit == "EA"
    assert [ac.amount for ac in doc.lines[0].allowances_charges] == [D("5.00"), D("2.50")]
    assert [(ac.is_charge, ac.amount) for ac in doc.allowances_charges] == [
        (False, D("10.00")),
        (True, D("7.50")),
        (False, D("1.00")),
    ]
    assert doc.allowances_charges[2].tax is not None
    assert doc.allowances_charges[2].tax.rate == D("12")
    # declared totals, as written (see cases.allowances_and_charges)
    assert result.declared is not None
    assert result.declared.tax_inclusive == D("173.51")
    assert result.declared.allowance_total == D("11.00")


def test_credit_note_due_date_and_billing_reference() -> None:
    doc = read(render(partial_credit_note())).document
    assert doc is not None
    assert doc.kind is DocumentKind.CREDIT_NOTE
    assert doc.billing_references == ("INV-1001",)
    assert doc.due_date is not None and doc.due_date.isoformat() == "2026-12-02"
    assert doc.lines[0].tax.category is TaxCategory.STANDARD


def test_document_the_model_cannot_hold_is_reported_not_raised() -> None:
    xml = render(allowances_and_charges()).replace(
        b"<cbc:RegistrationName>Contoso Retail BV</cbc:RegistrationName>", b""
    )
    result = read(xml)
    assert result.document is None
    assert not result.valid
    ids = {p.rule_id for p in result.report.problems}
    assert {"BR-07", "UBL-READ"} <= ids
