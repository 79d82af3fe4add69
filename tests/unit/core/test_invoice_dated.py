"""``billing._dated`` builds the dated invoice by one positional call: the same invoice as
``dataclasses.replace`` with the payer's terms, totals included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from core.domain.billing import _dated, _terms_on
from core.domain.documents import Invoice, InvoiceKind, InvoiceLine
from core.domain.parties import Customer, PaymentTerms


def test_dated_is_replace_with_the_terms() -> None:
    line = InvoiceLine(
        1, "Widget", D(3), "EA", D("9.99"), D("29.97"), D(0), D(0), D("29.97"), "STD",
        D("8.25"), D("2.47"), "4000", "WID", "", 1, "7",
    )  # fmt: skip
    inv = Invoice(
        "INV-1", InvoiceKind.SALES, "C1", "USD", date(2026, 1, 5), date(2026, 1, 5), (line,),
        order_number="SO-1", order_customer="S1", po_number="PO", packing_slips=("PS-1",),
        external_refs={"ST": "x"},
    )  # fmt: skip
    payer = Customer("C1", "One", "USD", PaymentTerms.parse("2/10 net 30"))
    terms = payer.terms
    expected = replace(
        inv,
        terms=terms.code,
        due_date=terms.due_date(inv.invoice_date),
        discount_date=terms.discount_date(inv.invoice_date),
        cash_discount=terms.discount_amount(inv.total, inv.currency),
    )
    dated = _dated(inv, payer)
    assert dated == expected
    assert (dated.net_total, dated.tax_total, dated.total) == (D("29.97"), D("2.47"), D("32.44"))
    assert dated.cash_discount == D("0.65")


def test_terms_kept_per_date_are_each_terms_own() -> None:
    """``_terms_on`` keeps code and dates by terms and day: equal terms written with another
    exponent, and other days, get what their own terms compute."""
    days = [date(2026, 1, 5), date(2026, 1, 31), date(2026, 2, 28)]
    kinds = ["2/10 net 30", "2.0/10 net 30", "2.00%/10 N30", "net 45", "1.5/15 net 60"]
    for text in kinds:
        for day in days:
            terms = PaymentTerms.parse(text)
            expected = (terms.code, terms.due_date(day), terms.discount_date(day))
            assert _terms_on(terms, day) == expected
            assert _terms_on(terms, day) == expected  # kept
    assert _terms_on(PaymentTerms(30, D("2.0"), 10), days[0])[0] == "2/10 net 30"
