"""plan_settlement: cash discount, penny difference, underpayment write-off, deduction, excess."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core.domain.errors import OverSettlement
from core.domain.receivables import ItemKind, OpenItem, plan_settlement
from core.domain.settings import Tolerances

TOL = Tolerances(penny=D("0.05"), max_underpayment=D("10.00"), max_overpayment=D("1.00"))
DAY = date(2026, 1, 10)


def _invoice(open_amount: str, discount: str = "0", disc_date: date | None = None) -> OpenItem:
    a = D(open_amount)
    return OpenItem(
        "INV-1", ItemKind.INVOICE, "C1", "USD", "1200", DAY, DAY, a, a, disc_date, D(discount)
    )


def _payment(amount: str) -> OpenItem:
    a = -D(amount)
    return OpenItem("PAY-1", ItemKind.PAYMENT, "C1", "USD", "1200", DAY, DAY, a, a)


def test_discount_taken_when_paid_in_time() -> None:
    plan = plan_settlement(
        _invoice("100.00", "2.00", date(2026, 1, 15)), _payment("98.00"), DAY, TOL
    )
    assert (plan.amount, plan.discount, plan.write_off) == (D("98.00"), D("2.00"), D(0))


def test_no_discount_after_the_discount_date() -> None:
    plan = plan_settlement(
        _invoice("100.00", "2.00", date(2026, 1, 5)), _payment("98.00"), DAY, TOL
    )
    assert (plan.amount, plan.discount, plan.write_off) == (
        D("98.00"),
        D(0),
        D(0),
    )  # 2.00 stays open


def test_penny_difference_written_off() -> None:
    plan = plan_settlement(_invoice("100.00"), _payment("99.97"), DAY, TOL)
    assert (plan.write_off, plan.reason) == (D("0.03"), "PENNY")


def test_underpayment_in_full_within_tolerance_is_written_off_with_reason() -> None:
    plan = plan_settlement(
        _invoice("100.00"), _payment("92.00"), DAY, TOL, in_full=True, reason="FREIGHT"
    )
    assert (plan.write_off, plan.deduction, plan.reason) == (D("8.00"), D(0), "FREIGHT")


def test_larger_short_pay_becomes_a_deduction() -> None:
    plan = plan_settlement(
        _invoice("100.00"), _payment("80.00"), DAY, TOL, in_full=True, reason="DAMAGED"
    )
    assert (plan.write_off, plan.deduction, plan.reason) == (D(0), D("20.00"), "DAMAGED")


def test_partial_payment_leaves_the_rest_open() -> None:
    plan = plan_settlement(_invoice("100.00"), _payment("40.00"), DAY, TOL)
    assert (plan.amount, plan.write_off, plan.deduction) == (D("40.00"), D(0), D(0))


def test_small_overpayment_written_off_large_one_stays_on_account() -> None:
    small = plan_settlement(_invoice("100.00"), _payment("100.80"), DAY, TOL, requested=D("100.80"))
    assert (small.amount, small.overpay_write_off) == (D("100.00"), D("0.80"))
    large = plan_settlement(_invoice("100.00"), _payment("150.00"), DAY, TOL, requested=D("150.00"))
    assert (large.amount, large.overpay_write_off) == (D("100.00"), D(0))


def test_cannot_apply_more_than_the_credit_has() -> None:
    with pytest.raises(OverSettlement, match=r"has only 50\.00 unapplied"):
        plan_settlement(_invoice("100.00"), _payment("50.00"), DAY, TOL, requested=D("60.00"))


def test_nothing_open_is_refused() -> None:
    with pytest.raises(OverSettlement, match="nothing open"):
        plan_settlement(_invoice("0.00"), _payment("50.00"), DAY, TOL)
