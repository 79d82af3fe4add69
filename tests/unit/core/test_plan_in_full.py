"""``plan_in_full`` (the matcher's allocation split) gives what ``plan_settlement`` gives for a
payment of exactly the cash settling a debit in full: the same values, exponents included,
and the same errors."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.errors import OverSettlement
from core.domain.receivables import ItemKind, OpenItem, plan_in_full, plan_settlement
from core.domain.settings import Tolerances

DAY = date(2026, 3, 10)
cents = st.integers(min_value=-3, max_value=3_000).map(lambda n: Decimal(n).scaleb(-2))
amounts = st.one_of(cents, st.sampled_from([Decimal(0), Decimal("0.000"), Decimal("5.5")]))
tolerances = st.builds(
    Tolerances,
    penny=st.sampled_from([Decimal("0.05"), Decimal("0.01"), Decimal(0)]),
    max_underpayment=st.sampled_from([Decimal("10.00"), Decimal("0.50"), Decimal(0)]),
    max_overpayment=st.sampled_from([Decimal("1.00"), Decimal(0), Decimal("0.02")]),
)


def _outcome(call: object) -> object:
    try:
        return call()  # type: ignore[operator]
    except OverSettlement as err:
        return ("OverSettlement", str(err))


@settings(max_examples=3_000, deadline=None)
@given(
    open_debit=amounts,
    cash=amounts,
    discount=amounts,
    discount_days=st.one_of(st.none(), st.integers(min_value=-3, max_value=3)),
    tol=tolerances,
    reason=st.sampled_from(["", "LATE_DISCOUNT", "D1+D2"]),
    deduct=st.booleans(),
)
def test_plan_in_full_is_plan_settlement(
    open_debit: Decimal,
    cash: Decimal,
    discount: Decimal,
    discount_days: int | None,
    tol: Tolerances,
    reason: str,
    deduct: bool,
) -> None:
    on_discount = None if discount_days is None else DAY + timedelta(days=discount_days)
    debit = OpenItem(
        "INV-1", ItemKind.INVOICE, "C1", "USD", "1200", DAY, DAY, open_debit, open_debit,
        on_discount, discount,
    )  # fmt: skip
    credit = OpenItem("REMITTANCE", ItemKind.PAYMENT, "C1", "USD", "1200", DAY, DAY, -cash, -cash)

    def old() -> object:
        p = plan_settlement(debit, credit, DAY, tol, in_full=True, reason=reason, deduct=deduct)
        values = (p.amount, p.discount, p.write_off, p.overpay_write_off, p.deduction)
        return (*map(repr, values), p.reason)

    def new() -> object:
        *values, why = plan_in_full(
            "INV-1", open_debit, on_discount, discount, "REMITTANCE", cash, DAY, tol, reason,
            deduct,
        )  # fmt: skip
        return (*map(repr, values), why)

    assert _outcome(new) == _outcome(old)
