"""Model documents for many invoicing cases, shared by the unit and conformance tests.

Each case's expected totals are worked out by hand in its comment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from gateway.ubl.example import EXEMPT, STANDARD_25, buyer, example_invoice, seller
from gateway.ubl.model import (
    Address,
    AllowanceCharge,
    Delivery,
    Document,
    DocumentKind,
    Identifier,
    Line,
    Tax,
    TaxCategory,
)

D = Decimal
REDUCED_12 = Tax(TaxCategory.STANDARD, D("12"))
REDUCED_6 = Tax(TaxCategory.STANDARD, D("6"))
ZERO_RATED = Tax(TaxCategory.ZERO, D("0"))
REVERSE = Tax(TaxCategory.REVERSE_CHARGE, D("0"), "VATEX-EU-AE", "Reverse charge")
INTRA = Tax(TaxCategory.INTRA_COMMUNITY, D("0"), "VATEX-EU-IC", "Intra-community supply")
EXPORT = Tax(TaxCategory.EXPORT, D("0"), "VATEX-EU-G", "Export outside the EU")
OUTSIDE = Tax(TaxCategory.OUTSIDE_SCOPE, None, "VATEX-EU-O", "Not subject to VAT")


def line(n: int, qty: str, price: str, tax: Tax = STANDARD_25, **kw: object) -> Line:
    """A line with an item name and seller item id derived from its number."""
    return Line(
        id=str(n),
        quantity=D(qty),
        unit=str(kw.pop("unit", "EA")),
        unit_price=D(price),
        item_name=f"Item {n}",
        tax=tax,
        seller_item_id=f"SKU-{n}",
        **kw,  # type: ignore[arg-type]
    )


def several_rates() -> Document:
    """25 %: 2 × 100.00 = 200.00 → VAT 50.00; 12 %: 3 × 33.33 = 99.99 → VAT 12.00 (11.9988);
    6 %: 1 × 10.00 → VAT 0.60. Lines 309.99, VAT 62.60, total 372.59."""
    return replace(
        example_invoice("INV-RATES"),
        lines=(
            line(1, "2", "100.00"),
            line(2, "3", "33.33", REDUCED_12),
            line(3, "1", "10", REDUCED_6),
        ),
        allowances_charges=(),
    )


def exempt_and_zero() -> Document:
    """S 25 %: 100.00 → 25.00; E: 50.00 (VATEX reason); Z: 20.00. Total 195.00."""
    return replace(
        example_invoice("INV-EXEMPT"),
        lines=(line(1, "1", "100"), line(2, "5", "10", EXEMPT), line(3, "4", "5", ZERO_RATED)),
        allowances_charges=(),
    )


def allowances_and_charges() -> Document:
    """Line 1: 10 × 9.99 = 99.90 − 5.00 discount + 2.50 telecom charge = 97.40;
    line 2: 1 × 50 = 50.00 (12 %). Document: −10.00 allowance (S 25), +7.50 freight (S 25),
    −1.00 allowance (S 12). S25 base 97.40 − 10 + 7.50 = 94.90 → VAT 23.725 → 23.73;
    S12 base 49.00 → 5.88. Lines 147.40; allowances 11.00; charges 7.50; excl 143.90;
    VAT 29.61; incl 173.51."""
    return replace(
        example_invoice("INV-AC"),
        lines=(
            line(
                1,
                "10",
                "9.99",
                allowances_charges=(
                    AllowanceCharge(False, D("5.00"), "95", "Discount"),
                    AllowanceCharge(True, D("2.50"), "AAA", "Telecommunication"),
                ),
            ),
            line(2, "1", "50", REDUCED_12),
        ),
        allowances_charges=(
            AllowanceCharge(False, D("10.00"), "95", "Volume discount", tax=STANDARD_25),
            AllowanceCharge(True, D("7.50"), "FC", "Freight", tax=STANDARD_25),
            AllowanceCharge(
                False,
                D("1.00"),
                "95",
                "Loyalty",
                tax=REDUCED_12,
                base_amount=D("50.00"),
                percent=D("2"),
            ),
        ),
    )


def prepaid() -> Document:
    """The example invoice (total 472.49) with 100.00 prepaid: payable 372.49."""
    return replace(example_invoice("INV-PREPAID"), prepaid_amount=D("100.00"))


def partial_credit_note() -> Document:
    """Credits 2 of the 10 widgets of INV-1001: 2 × 12.50 = 25.00, VAT 6.25, total 31.25."""
    return replace(
        example_invoice("CN-PART", DocumentKind.CREDIT_NOTE),
        lines=(line(1, "2", "12.50"),),
        billing_references=("INV-1001",),
        allowances_charges=(),
        payment_terms="Credited against the next invoice",
    )


def three_decimal_prices(count: int = 60) -> Document:
    """``count`` lines of quantity n × price 1.235 (unit prices with 3 decimals, one rounding
    per line, VAT once on the sum); totals are checked by the rules and the XSLTs."""
    return replace(
        example_invoice("INV-3DEC"),
        lines=tuple(line(n, str(n), "1.235") for n in range(1, count + 1)),
        allowances_charges=(),
    )


def base_quantity_and_units() -> Document:
    """2.5 KG at 12.00 per 10 KG = 3.00; 1.5 HR at 80 = 120.00; 3 DZ at 4.1234 = 12.37 (12.3702)."""
    return replace(
        example_invoice("INV-UNITS"),
        lines=(
            line(1, "2.5", "12.00", unit="KG", base_quantity=D("10")),
            line(2, "1.5", "80", unit="HR"),
            line(3, "3", "4.1234", unit="DZ"),
        ),
        allowances_charges=(),
    )


def reverse_charge() -> Document:
    """Reverse charge (AE) to a buyer with a VAT number: 4 × 250 = 1000.00, VAT 0."""
    return replace(
        example_invoice("INV-AE"),
        lines=(line(1, "4", "250", REVERSE),),
        allowances_charges=(),
    )


def intra_community() -> Document:
    """K: 10 × 20 = 200.00, VAT 0, delivered to NL with a date (BR-IC-11/12)."""
    return replace(
        example_invoice("INV-K"),
        lines=(line(1, "10", "20", INTRA),),
        allowances_charges=(),
        delivery=Delivery(
            date=date(2026, 10, 30),
            location_id=Identifier("8712345000011", "0088"),
            address=Address("NL", "Havenweg 5", None, "Rotterdam", "3011 AA"),
        ),
    )


def export() -> Document:
    """G export to a US buyer: 3 × 99.95 = 299.85, VAT 0."""
    us_buyer = replace(
        buyer(),
        name="Fabrikam Inc.",
        endpoint=Identifier("123456789", "9959"),
        address=Address("US", "1 Main St", None, "Seattle", "98101", "WA"),
        vat_id=None,
        legal_id=None,
    )
    return replace(
        example_invoice("INV-G"),
        buyer=us_buyer,
        lines=(line(1, "3", "99.95", EXPORT),),
        allowances_charges=(),
    )


def outside_scope() -> Document:
    """O, between parties without VAT identifiers (BR-O-02): 2 × 75 = 150.00, VAT 0."""
    return replace(
        example_invoice("INV-O"),
        seller=replace(seller(), vat_id=None),
        buyer=replace(buyer(), vat_id=None),
        lines=(line(1, "2", "75", OUTSIDE),),
        allowances_charges=(),
    )


def non_peppol_en16931() -> Document:
    """A plain EN 16931 invoice (not Peppol): no ProfileID, no buyer reference or PO."""
    return replace(
        example_invoice("INV-CEN"),
        customization_id="urn:cen.eu:en16931:2017",
        profile_id=None,
        buyer_reference=None,
        order_reference=None,
    )


ALL_CASES = {
    "example": example_invoice,
    "example-credit-note": lambda: example_invoice("CN-1001", DocumentKind.CREDIT_NOTE),
    "several-rates": several_rates,
    "exempt-and-zero": exempt_and_zero,
    "allowances-and-charges": allowances_and_charges,
    "prepaid": prepaid,
    "partial-credit-note": partial_credit_note,
    "three-decimal-prices": three_decimal_prices,
    "base-quantity-and-units": base_quantity_and_units,
    "reverse-charge": reverse_charge,
    "intra-community": intra_community,
    "export": export,
    "outside-scope": outside_scope,
    "non-peppol": non_peppol_en16931,
}
