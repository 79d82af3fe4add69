"""``settlement_lines`` sums its pairs of lines by account without making a line per pair: the
lines must be exactly those of making every pair and merging them with ``summarise`` (same
accounts, same order, same amounts; zero sums left out)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.journal import DEFAULT_CHART, ChartOfAccounts, JournalLine, summarise
from core.domain.posting import settlement_lines
from core.domain.receivables import ItemKind, OpenItem, Settlement

DAY = date(2026, 3, 10)
ACCOUNTS = ["1200", "1210", "2300", "1250"]  # AR, prepayments, deductions, another control


def _by_pairs(
    stl: Settlement, debit: OpenItem, credit: OpenItem, deductions: str, chart: ChartOfAccounts
) -> tuple[JournalLine, ...]:
    """Every pair made as two lines, then merged: what the posting means."""
    cur, who = stl.currency, stl.customer_account
    lines: list[JournalLine] = []

    def pair(dr: str, cr: str, amount: Decimal) -> None:
        lines.append(JournalLine(dr, cur, amount, who))
        lines.append(JournalLine(cr, cur, -amount, who))

    if credit.account != debit.account:
        pair(credit.account, debit.account, stl.amount)
    small = "penny" if stl.reason == "PENNY" else "underpayment"
    pair(chart.for_role("cash_discount"), debit.account, stl.discount)
    pair(chart.for_role(small), debit.account, stl.write_off)
    pair(deductions, debit.account, stl.deduction)
    pair(credit.account, chart.for_role("overpayment"), stl.overpay_write_off)
    return summarise(lines)


def _item(number: str, account: str, amount: Decimal) -> OpenItem:
    return OpenItem(number, ItemKind.INVOICE, "C1", "USD", account, DAY, DAY, amount, amount)


cents = st.integers(min_value=0, max_value=3).map(
    lambda n: [Decimal(0), Decimal("0.01"), Decimal("12.34"), Decimal("5")][n]
)


@settings(max_examples=300, deadline=None)
@given(
    debit_account=st.sampled_from(ACCOUNTS),
    credit_account=st.sampled_from(ACCOUNTS),
    deductions=st.sampled_from(ACCOUNTS),
    amounts=st.tuples(cents, cents, cents, cents, cents),
    reason=st.sampled_from(["", "PENNY", "01"]),
)
def test_settlement_lines_are_the_merged_pairs(
    debit_account: str,
    credit_account: str,
    deductions: str,
    amounts: tuple[Decimal, Decimal, Decimal, Decimal, Decimal],
    reason: str,
) -> None:
    amount, discount, write_off, overpay, deduction = amounts
    stl = Settlement(
        "STL-1", DAY, "C1", "USD", "INV-1", "PAY-1", amount, discount, write_off, overpay,
        deduction, "", reason,
    )  # fmt: skip
    debit = _item("INV-1", debit_account, Decimal(100))
    credit = _item("PAY-1", credit_account, Decimal(-100))
    got = settlement_lines(stl, debit, credit, deductions, DEFAULT_CHART)
    want = _by_pairs(stl, debit, credit, deductions, DEFAULT_CHART)
    assert [(ln.account, str(ln.amount), ln.customer, ln.text) for ln in got] == [
        (ln.account, str(ln.amount), ln.customer, ln.text) for ln in want
    ]
