"""The amount rules of remittance matching, for one remittance line against one open item.

Rules: AMOUNT_EXACT (cash equals the open amount), DISCOUNT_IN_TIME (cash plus the cash
discount equals it and the payment date is on or before the discount date), LATE_DISCOUNT (the
discount taken after its date: an exception, or a deduction item with a reason, per
``MatchSettings.late_discount``), ADJUSTMENT (a short pay explained by ADX adjustments: a
deduction item with their reason codes, even within the write-off tolerance), TOLERANCE (an
unexplained short pay up to the ledger's underpayment tolerance), SHORT_PAY (a larger one: an
exception), OVERPAYMENT (the excess stays on account). The split into cash, discount,
write-off and deduction is the ledger's own ``plan_settlement``, so what the matcher shows is
what the settlement posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.frozen import quick_init, quick_make
from core.domain.receivables import OpenItem, plan_in_full
from core.domain.remittance import (
    ZERO,
    Allocation,
    Deduction,
    Evidence,
    LateDiscountPolicy,
    MatchSettings,
    RemittanceLineInput,
    make_allocation,
)


@quick_init
@dataclass(frozen=True, slots=True)
class AmountVerdict:
    """What the amounts say: ``code`` RMT_MATCHED / RMT_OVER_OPEN_AMOUNT when postable, else
    the reason it is not; ``allocation`` when postable."""

    rule: str
    code: str
    allocation: Allocation | None
    deductions: tuple[Deduction, ...]
    evidence: Evidence

    @property
    def postable(self) -> bool:
        return self.allocation is not None


# AmountVerdict with all five fields given positionally, made faster (one per line judged: see
# quick_make)
_make_verdict = quick_make(AmountVerdict)


def entitled_discount(item: OpenItem, open_amount: Decimal, on: date) -> Decimal:
    """The cash discount the payer may take on ``on`` (0 after the discount date)."""
    if item.discount_date is None or on > item.discount_date or item.cash_discount <= ZERO:
        return ZERO
    return min(item.cash_discount, open_amount)


def due_on(item: OpenItem, open_amount: Decimal, on: date) -> Decimal:
    """What settles ``item`` in full on ``on``: the open amount less any discount still due."""
    return open_amount - entitled_discount(item, open_amount, on)


def allocate(
    item: OpenItem,
    open_amount: Decimal,
    cash: Decimal,
    on: date,
    s: MatchSettings,
    reason: str,
    deduct: bool = False,
) -> Allocation:
    """The ledger's split of ``cash`` settling ``item`` in full on ``on`` (``plan_settlement``
    of a payment of ``cash``, through ``plan_in_full``: the same values and errors)."""
    amount, discount, write_off, over, deduction, why = plan_in_full(
        item.number, open_amount, item.discount_date, item.cash_discount, "REMITTANCE",
        cash, on, s.tolerances, reason, deduct,
    )  # fmt: skip
    return make_allocation(
        item.number, item.customer_account, open_amount, amount, discount,
        write_off, deduction, over, True, why, deduct,
    )  # fmt: skip


_NOTHING_DEDUCTED = RemittanceLineInput("", "", ZERO).deducted  # a line without adjustments
_NO_ADJUSTMENTS = str(-_NOTHING_DEDUCTED)  # its evidence


def evaluate(
    line: RemittanceLineInput, item: OpenItem, open_amount: Decimal, on: date, s: MatchSettings
) -> AmountVerdict:
    """Judge the amounts of ``line`` against ``item`` with ``open_amount`` still open."""
    paid, tolerances = line.amount_paid, s.tolerances
    penny = tolerances.penny
    discount_date, cash_discount = item.discount_date, item.cash_discount
    entitled = entitled_discount(item, open_amount, on)
    if line.adjustments:
        deductions = tuple(
            Deduction(-a.amount, a.reason_code, a.reference)
            for a in line.adjustments
            if a.amount < ZERO
        )
        deducted = line.deducted
        adjusted = str(-deducted)
    else:
        deductions, deducted, adjusted = (), _NOTHING_DEDUCTED, _NO_ADJUSTMENTS
    gap = open_amount - paid - deducted  # neither cash nor explained by an ADX
    taken = line.discount or ZERO
    evidence: Evidence = (
        ("open_amount", str(open_amount)),
        ("amount_paid", str(paid)),
        ("discount_taken", str(taken)),
        ("adjustments", adjusted),
        ("payment_date", on.isoformat()),
        ("discount_date", discount_date.isoformat() if discount_date else ""),
        ("cash_discount", str(cash_discount)),
        ("entitled_discount", str(entitled)),
    )
    reasons = "+".join([d.reason for d in deductions]) if deductions else ""
    reason: str | None = None  # None: not postable
    deduct = False
    if paid > open_amount:
        rule, code, reason = "OVERPAYMENT", "RMT_OVER_OPEN_AMOUNT", reasons
    elif gap < -penny:
        rule, code = "ADJUSTMENT", "RMT_ADJUSTMENT_MISMATCH"
    elif (
        not entitled
        and cash_discount > ZERO
        and gap > penny
        and (taken > ZERO or abs(gap - cash_discount) <= penny)
    ):  # late
        rule, code = "LATE_DISCOUNT", "RMT_LATE_DISCOUNT"
        if s.late_discount is LateDiscountPolicy.DEDUCTION:
            code, deduct = "RMT_MATCHED", True
            reason = "+".join(r for r in (s.late_discount_reason, reasons) if r)
    else:
        in_time = gap >= entitled - penny
        rest = gap - entitled if in_time else gap
        rule = "AMOUNT_EXACT"
        if entitled and in_time:
            rule = "DISCOUNT_IN_TIME"
        if deductions:
            rule = "ADJUSTMENT"
        if rest <= penny:
            code, reason = "RMT_MATCHED", reasons
        elif rest <= tolerances.max_underpayment:
            rule, code, reason = "TOLERANCE", "RMT_MATCHED", reasons
        else:
            rule = "SHORT_PAY"
            code = "RMT_EXCESS_DISCOUNT" if taken > entitled + penny else "RMT_SHORT_PAY"
    alloc = None
    if reason is not None:
        alloc = allocate(item, open_amount, paid, on, s, reason, deduct or bool(deductions))
    return _make_verdict(rule, code, alloc, deductions, evidence)
