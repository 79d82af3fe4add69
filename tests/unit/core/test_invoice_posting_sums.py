"""``invoice_lines`` sums an invoice whose lines share one account and tax code a column at a
time: the same journal lines (accounts, order, amounts digit for digit) as the line-by-line
loop it replaces, kept here as the reference."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.charges import AppliedCharge
from core.domain.documents import Invoice, InvoiceKind, InvoiceLine
from core.domain.journal import JournalLine
from core.domain.posting import _fold, invoice_lines
from core.domain.settings import LedgerSettings

ZERO = Decimal(0)
SETTINGS = LedgerSettings()


def reference(inv: Invoice, settings: LedgerSettings) -> tuple[JournalLine, ...]:
    """The former ``invoice_lines``: one line at a time."""
    chart = settings.chart
    sums: dict[str, Decimal] = {chart.for_role("ar"): inv.total}
    get = sums.get
    allowances, charges = chart.for_role("allowances"), chart.for_role("charges")
    for ln in inv.lines:
        sums[ln.account] = get(ln.account, ZERO) + -ln.line_amount
        sums[allowances] = get(allowances, ZERO) + ln.allowance_amount
        sums[charges] = get(charges, ZERO) + -ln.charge_amount
        tax_acct = settings.tax_account(ln.tax_code)
        sums[tax_acct] = get(tax_acct, ZERO) + -ln.tax_amount
    for ac in inv.charges:
        key = charges if ac.is_charge else allowances
        sums[key] = get(key, ZERO) + -ac.signed
        tax = ac.tax_amount if ac.is_charge else -ac.tax_amount
        tax_key = settings.tax_account(ac.tax_code or "EXEMPT")
        sums[tax_key] = get(tax_key, ZERO) + -tax
    sign = -1 if inv.is_credit else 1
    cur, who = inv.currency, inv.customer_account
    return tuple(JournalLine(a, cur, sign * amount, who) for a, amount in sums.items() if amount)


AMOUNTS = st.decimals(min_value=-1000, max_value=10000, places=2) | st.sampled_from(
    [Decimal(0), Decimal("0.00"), Decimal("-0.00"), Decimal(5), Decimal("1.5")]
)
ACCOUNTS = st.sampled_from(["4000", "4000", "4000", "4100", "1200", "4900", "2200"])
CODES = st.sampled_from(["STD", "STD", "EXEMPT"])


@st.composite
def invoices(draw: st.DrawFn) -> Invoice:
    lines = []
    for i in range(draw(st.integers(0, 6))):
        amount, allow, charge, tax = (draw(AMOUNTS) for _ in range(4))
        lines.append(
            InvoiceLine(
                i + 1, "x", Decimal(1), "EA", amount, amount, allow, charge,
                amount - allow + charge, draw(CODES), Decimal("0.08"), tax, draw(ACCOUNTS),
            )
        )  # fmt: skip
    charges = tuple(
        AppliedCharge(draw(st.booleans()), "R", draw(AMOUNTS), draw(CODES), ZERO, draw(AMOUNTS))
        for _ in range(draw(st.integers(0, 2)))
    )
    kind = draw(st.sampled_from([InvoiceKind.SALES, InvoiceKind.CREDIT_NOTE]))
    day = date(2026, 1, 5)
    return Invoice("INV-1", kind, "C1", "USD", day, day, tuple(lines), charges=charges)


def _digits(lines: tuple[JournalLine, ...]) -> list[tuple[object, ...]]:
    return [(ln.account, ln.currency, ln.amount.as_tuple(), ln.customer) for ln in lines]


@settings(max_examples=400)
@given(invoices())
def test_the_same_journal_lines_as_line_by_line(inv: Invoice) -> None:
    assert _digits(invoice_lines(inv, SETTINGS)) == _digits(reference(inv, SETTINGS))


@pytest.mark.parametrize("rounding", [ROUND_HALF_EVEN, ROUND_FLOOR, ROUND_CEILING])
@pytest.mark.parametrize("negated", [False, True])
@pytest.mark.parametrize(
    "zero", ["0", "-0", "0.00", "-0.000", "0E+3", "-0E-7"], ids=lambda z: f"z{z}"
)
def test_a_column_of_one_zero_folds_as_the_sum(zero: str, negated: bool, rounding: str) -> None:
    # the fast path of _fold (one addition) against the fold itself, sign and exponent included
    for count in (1, 2, 5):
        values = [Decimal(zero)] * count
        with localcontext() as ctx:
            ctx.rounding = rounding
            folded = _fold(values, negated)
            summed = sum((-v for v in values) if negated else values, ZERO)
        assert repr(folded) == repr(summed)


def test_a_column_of_new_values_folds_as_the_sum() -> None:
    values = [Decimal("0.00"), Decimal("-0"), Decimal("1.50"), Decimal("0")]
    for negated in (False, True):
        expected = sum((-v for v in values) if negated else values, ZERO)
        assert repr(_fold(values, negated)) == repr(expected)
