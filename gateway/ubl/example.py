"""A sample invoice in the model, for ``o2c ubl render --example``, tests and the benchmark.

Figures (checked by hand in tests/unit/ubl/test_amounts.py):
line 1: 10 EA × 12.50 = 125.00 (S 25 %); line 2: 3 HR × 80.00 − 10.00 allowance = 230.00
(S 25 %); line 3: 2 EA × 4.995 = 9.99 (E, exempt); freight charge 15.00 (S 25 %).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gateway.ubl.model import (
    Address,
    AllowanceCharge,
    Contact,
    Delivery,
    Document,
    DocumentKind,
    Identifier,
    Line,
    Party,
    PaymentMeans,
    Tax,
    TaxCategory,
)

STANDARD_25 = Tax(TaxCategory.STANDARD, Decimal("25"))
EXEMPT = Tax(TaxCategory.EXEMPT, Decimal("0"), "VATEX-EU-132-1I", "Exempt financial service")


def seller() -> Party:
    """A seller with a GLN endpoint, a VAT number and a legal registration."""
    return Party(
        name="Northwind Supply AB",
        trading_name="Northwind",
        endpoint=Identifier("7300010000001", "0088"),
        address=Address("SE", "Storgatan 1", None, "Stockholm", "11122"),
        vat_id="SE556677889901",
        legal_id=Identifier("5566778899", "0007"),
        contact=Contact("Sales desk", "+46 8 123 456", "ar@northwind.example"),
    )


def buyer() -> Party:
    """A buyer with a GLN endpoint and a VAT number."""
    return Party(
        name="Contoso Retail BV",
        endpoint=Identifier("8712345000004", "0088"),
        address=Address("NL", "Kerkstraat 10", None, "Utrecht", "3511 AB"),
        vat_id="NL123456789B01",
        legal_id=Identifier("12345678", "0106"),
    )


def example_invoice(
    number: str = "INV-1001", kind: DocumentKind = DocumentKind.INVOICE
) -> Document:
    """A three-line invoice with a line allowance, an exempt line and a freight charge."""
    lines = (
        Line(
            id="1",
            quantity=Decimal("10"),
            unit="EA",
            unit_price=Decimal("12.50"),
            item_name="Widget, blue",
            tax=STANDARD_25,
            seller_item_id="W-100",
            gtin="07300010000011",
        ),
        Line(
            id="2",
            quantity=Decimal("3"),
            unit="HR",
            unit_price=Decimal("80.00"),
            item_name="Installation",
            tax=STANDARD_25,
            seller_item_id="SRV-INST",
            allowances_charges=(
                AllowanceCharge(False, Decimal("10.00"), reason_code="95", reason="Discount"),
            ),
        ),
        Line(
            id="3",
            quantity=Decimal("2"),
            unit="EA",
            unit_price=Decimal("4.995"),
            item_name="Handling insurance",
            tax=EXEMPT,
        ),
    )
    return Document(
        kind=kind,
        number=number,
        issue_date=date(2026, 11, 2),
        due_date=date(2026, 12, 2),
        currency="EUR",
        seller=seller(),
        buyer=buyer(),
        lines=lines,
        buyer_reference="DEPT-42",
        order_reference="PO-778899",
        billing_references=("INV-0999",) if kind is DocumentKind.CREDIT_NOTE else (),
        despatch_reference="PS-5566",
        delivery=Delivery(date=date(2026, 10, 30), location_id=Identifier("8712345000011", "0088")),
        payment_means=(
            PaymentMeans(
                "30", "INV-1001", "SE4550000000058398257466", "Northwind Supply AB", "ESSESESS"
            ),
        ),
        payment_terms="Net 30 days",
        allowances_charges=(
            AllowanceCharge(True, Decimal("15.00"), "FC", "Freight", tax=STANDARD_25),
        ),
    )
