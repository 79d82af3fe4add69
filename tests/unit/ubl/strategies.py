"""Hypothesis strategies for model documents that a correct builder must render validly."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import strategies as st

from gateway.ubl.example import EXEMPT, example_invoice
from gateway.ubl.model import AllowanceCharge, Document, DocumentKind, Line, Tax, TaxCategory
from tests.unit.ubl.cases import REVERSE, ZERO_RATED

# The sample seller is Swedish: Peppol's national rule SE-R-006 allows only 6, 12 and 25 %.
TAXES = [
    Tax(TaxCategory.STANDARD, Decimal("25")),
    Tax(TaxCategory.STANDARD, Decimal("12")),
    Tax(TaxCategory.STANDARD, Decimal("6")),
    ZERO_RATED,
    EXEMPT,
    REVERSE,
]
UNITS = ["EA", "HR", "KG", "DZ", "C62", "LTR", "MON"]


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


@st.composite
def lines(draw: st.DrawFn, number: int) -> Line:
    quantity = draw(decimals("0.001", "500", 3))
    price = draw(decimals("0", "2000", 4))
    base = draw(st.sampled_from([None, None, Decimal("1"), Decimal("10"), Decimal("12")]))
    gross = quantity * price / (base or 1)
    allowances: tuple[AllowanceCharge, ...] = ()
    if draw(st.booleans()) and gross > 1:
        amount = draw(
            decimals("0.01", str(min(gross / 2, Decimal(500)).quantize(Decimal("0.01"))), 2)
        )
        allowances = (AllowanceCharge(False, amount, "95", "Discount"),)
    return Line(
        id=str(number),
        quantity=quantity,
        unit=draw(st.sampled_from(UNITS)),
        unit_price=price,
        base_quantity=base,
        item_name=f"Item {number}",
        tax=draw(st.sampled_from(TAXES)),
        seller_item_id=f"SKU-{number}",
        allowances_charges=allowances,
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    count = draw(st.integers(min_value=1, max_value=12))
    kind = draw(st.sampled_from(list(DocumentKind)))
    doc_lines = tuple(draw(lines(n)) for n in range(1, count + 1))
    document_acs = tuple(
        AllowanceCharge(
            draw(st.booleans()),
            draw(decimals("0.01", "50", 2)),
            None,
            "Adjustment",
            tax=draw(st.sampled_from([t for t in TAXES if any(ln.tax == t for ln in doc_lines)])),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    )
    prepaid = draw(st.one_of(st.none(), decimals("0", "100", 2)))
    return replace(
        example_invoice(f"HYP-{count}", kind),
        lines=doc_lines,
        allowances_charges=document_acs,
        prepaid_amount=prepaid,
    )
