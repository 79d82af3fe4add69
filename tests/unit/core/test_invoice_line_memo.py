"""Invoice lines that share amounts (``_priced``'s memo, and ``invoice_from_order``'s inline use
of it) are the lines made without it, digit for digit: every amount is a product rounded to
the currency's quantum, so equal inputs (whatever their exponents) give the same digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.billing import PriceMemo, _priced, invoice_from_order
from core.domain.orders import OrderLine, SalesOrder
from core.domain.parties import Customer
from core.domain.settings import LedgerSettings, TaxCode

amounts = st.decimals(min_value=D("0.0001"), max_value=D(10**6), places=4).map(
    lambda d: d.normalize() if d.as_tuple().exponent < 0 else d
)
quantities = st.sampled_from([D(1), D("1.0"), D(3), D("3.000"), D("2.5"), D("0.333"), D(12)])
rates = st.sampled_from([D(0), D("8.25"), D(5), D("19.6")])


def _line(code: TaxCode, qty: D, price: D, memo: PriceMemo | None) -> str:
    line = _priced(
        code, "USD", D("0.01"), 1, "x", qty, "EA", price, "4000", (), D(1), "S", "", 1, "", memo
    )
    return repr(line)


@settings(max_examples=200, deadline=None)
@given(qty=quantities, other=quantities, price=amounts, rate=rates)
def test_shared_lines_are_the_lines_made_alone(qty: D, other: D, price: D, rate: D) -> None:
    code = TaxCode("T", rate)
    memo: PriceMemo = {}
    _line(code, other, price, memo)  # may fill the entry another exponent of qty then finds
    assert _line(code, qty, price, memo) == _line(code, qty, price, None)
    assert _line(code, qty, price, memo) == _line(code, qty, price, None)


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.tuples(quantities, amounts, st.sampled_from(["STD", "EXEMPT"])), max_size=6)
)
def test_order_invoices_share_amounts_digit_for_digit(lines: list[tuple[D, D, str]]) -> None:
    ledger = LedgerSettings()
    order_lines = [
        OrderLine(n, f"S{n}", "d", q, "EA", p, D(1), D(1), tax, shipped=q)
        for n, (q, p, tax) in enumerate([*lines, *lines, (D(2), D("9.99"), "STD")], start=1)
    ]
    order = SalesOrder("SO-1", "C1", "C1", "USD", date(2026, 1, 5), order_lines)
    payer = Customer("C1", "One", "USD")

    def invoice(memo: PriceMemo | None) -> str:
        inv = invoice_from_order(
            order, order.to_invoice_lines(), payer, ledger, number="INV-1", on=date(2026, 1, 5),
            packing_slips=(), first=True, memo=memo,
        )  # fmt: skip
        return repr(inv)

    shared: PriceMemo = {}
    alone = [
        repr(_priced(ledger.tax_code(ln.tax_code), "USD", D("0.01"), i, ln.description,
                     ln.shipped, ln.uom, ln.unit_price, "4000", (), D(1), ln.sku, ln.gtin,
                     ln.line_no, ln.external_line_ref))
        for i, ln in enumerate(order_lines, start=1)
    ]  # fmt: skip
    first = invoice(shared)
    assert invoice(shared) == first == invoice(None)
    assert all(text in first for text in alone)
