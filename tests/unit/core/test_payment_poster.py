"""``PaymentPoster.settle``: the open amounts it leaves are the settlement's reductions (value,
exponent and sign), whichever parts are split off; the chart's accounts for the settlement's
lines are found as ``settlement_lines`` finds them, and a missing one fails every settlement."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.errors import RuleViolation
from core.domain.journal import DEFAULT_CHART, ChartOfAccounts
from core.domain.receivables import ItemKind, OpenItem
from core.domain.settings import LedgerSettings, Tolerances
from core.memory import MemoryUnitOfWork
from core.services import payment_posting
from core.services._common import PREFIXES
from core.services.payment_posting import PaymentPoster

DAY = date(2026, 1, 10)
TOL = Tolerances(penny=D("0.05"), max_underpayment=D("10.00"), max_overpayment=D("1.00"))


def _items(
    uow: MemoryUnitOfWork, invoice: D, paid: D, discount: D, credit_account: str = "1200"
) -> tuple[OpenItem, OpenItem]:
    debit = OpenItem(
        "INV-1", ItemKind.INVOICE, "C1", "USD", "1200", DAY, DAY, invoice, invoice,
        date(2026, 1, 15), discount,
    )  # fmt: skip
    credit = OpenItem(
        "PAY-1", ItemKind.PAYMENT, "C1", "USD", credit_account, DAY, DAY, -paid, -paid
    )
    uow.open_items.add(debit)
    uow.open_items.add(credit)
    return debit, credit


cents = st.integers(min_value=1, max_value=2_000_000).map(lambda n: D(n).scaleb(-2))


@settings(max_examples=300, deadline=None)
@given(
    invoice=cents,
    paid=cents,
    discount=st.integers(min_value=0, max_value=500).map(lambda n: D(n).scaleb(-2)),
    requested=st.one_of(st.none(), cents),
    in_full=st.booleans(),
    deduct=st.booleans(),
    prepaid=st.booleans(),
)
def test_open_amounts_move_by_the_settlements_reductions(
    invoice: D, paid: D, discount: D, requested: D | None, in_full: bool, deduct: bool,
    prepaid: bool,
) -> None:  # fmt: skip
    uow = MemoryUnitOfWork(LedgerSettings(tolerances=TOL))
    with uow:
        debit, credit = _items(uow, invoice, paid, discount, "2300" if prepaid else "1200")
        if requested is not None and requested > paid:
            requested = paid
        before_debit, before_credit = debit.open_amount, credit.open_amount
        stl = PaymentPoster(uow).settle(debit, credit, DAY, requested, in_full, "", deduct)
        expected_debit = before_debit - stl.debit_reduction
        expected_credit = before_credit + stl.credit_reduction
    assert debit.open_amount.as_tuple() == expected_debit.as_tuple()
    assert credit.open_amount.as_tuple() == expected_credit.as_tuple()


def _chart_without(role: str) -> ChartOfAccounts:
    return ChartOfAccounts(
        tuple(replace(a, role="") if a.role == role else a for a in DEFAULT_CHART.accounts)
    )


@pytest.mark.parametrize("role", ["deductions", "cash_discount", "underpayment", "overpayment"])
def test_a_missing_role_fails_every_settlement(role: str) -> None:
    uow = MemoryUnitOfWork(LedgerSettings(chart=_chart_without(role), tolerances=TOL))
    with uow:
        debit, credit = _items(uow, D("100.00"), D("250.00"), D(0))
        poster = PaymentPoster(uow)
        for _ in range(2):  # not remembered as found after the first refusal
            with pytest.raises(RuleViolation, match=repr(role)):
                poster.settle(debit, credit, DAY, D("10.00"), False, "", False)


def test_the_first_missing_role_is_the_one_named() -> None:
    """Deductions are looked up before the cash-discount account, as ``settlement_lines``
    callers did."""
    chart = _chart_without("cash_discount")
    chart = ChartOfAccounts(
        tuple(replace(a, role="") if a.role == "deductions" else a for a in chart.accounts)
    )
    uow = MemoryUnitOfWork(LedgerSettings(chart=chart, tolerances=TOL))
    with uow:
        debit, credit = _items(uow, D("100.00"), D("250.00"), D(0))
        with pytest.raises(RuleViolation, match="'deductions'"):
            PaymentPoster(uow).settle(debit, credit, DAY, D("10.00"), False, "", False)


def test_penny_and_underpayment_settlements_post_to_their_own_accounts() -> None:
    uow = MemoryUnitOfWork(LedgerSettings(tolerances=TOL))
    with uow:
        poster = PaymentPoster(uow)
        penny_debit, credit = _items(uow, D("100.00"), D("200.00"), D(0))
        poster.settle(penny_debit, credit, DAY, D("99.98"), False, "", False)
        under = OpenItem("INV-2", ItemKind.INVOICE, "C1", "USD", "1200", DAY, DAY, D(50), D(50))
        uow.open_items.add(under)
        poster.settle(under, credit, DAY, D("45.00"), True, "", False)
        accounts = [{ln.account for ln in e.lines} for e in uow.state.entries.values()]
    assert accounts == [
        {"1200", DEFAULT_CHART.for_role("penny")},
        {"1200", DEFAULT_CHART.for_role("underpayment")},
    ]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(payment_posting._NUMBER)), st.integers(min_value=-(10**9)))
def test_poster_numbers_read_as_next_number_writes_them(sequence: str, n: int) -> None:
    """The poster's numbers (``_NUMBER``, filled by ``%``) are ``_common.next_number``'s."""
    assert payment_posting._NUMBER[sequence] % n == f"{PREFIXES[sequence]}-{n:06d}"
