"""Open items (the customer sub-ledger) and settlements.

Each invoice, credit note, payment, prepayment and deduction is an open item on a control account
(AR, prepayments, deductions) with a signed amount: debit items (invoices, deductions) positive,
credit items (payments, credit notes) negative. A ``Settlement`` links one credit to one debit with
the cash applied, and any cash discount, write-off or deduction split off at the same time;
postings are never changed, only open amounts move. ``plan_settlement`` decides the split.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from core.domain.errors import OverSettlement, RuleViolation
from core.domain.frozen import quick_init, quick_make
from core.domain.settings import Tolerances

ZERO = Decimal(0)


class ItemKind(Enum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit note"
    PAYMENT = "payment"
    PREPAYMENT = "prepayment"
    DEDUCTION = "deduction"
    WRITE_OFF = "write-off"


@dataclass(slots=True)
class OpenItem:
    number: str
    kind: ItemKind
    customer_account: str
    currency: str
    account: str
    doc_date: date
    due_date: date
    amount: Decimal  # signed: debit positive
    open_amount: Decimal
    discount_date: date | None = None
    cash_discount: Decimal = ZERO
    order_number: str = ""
    reference: str = ""
    reason: str = ""
    version: int = 0

    @property
    def is_debit(self) -> bool:
        return self.amount > 0


@quick_init
@dataclass(frozen=True, slots=True)
class Settlement:
    number: str
    settle_date: date
    customer_account: str
    currency: str
    debit_item: str
    credit_item: str
    amount: Decimal  # credit applied to the debit
    discount: Decimal = ZERO
    write_off: Decimal = ZERO  # short pay written off (reduces the debit)
    overpay_write_off: Decimal = ZERO  # excess written off (reduces the credit)
    deduction: Decimal = ZERO  # short pay moved to a deduction item
    deduction_item: str = ""
    reason: str = ""

    @property
    def debit_reduction(self) -> Decimal:
        return self.amount + self.discount + self.write_off + self.deduction

    @property
    def credit_reduction(self) -> Decimal:
        return self.amount + self.overpay_write_off


# Settlement with all 13 fields given positionally, made faster (see quick_make)
make_settlement = quick_make(Settlement)


@quick_init
@dataclass(frozen=True, slots=True)
class SettlementPlan:
    amount: Decimal
    discount: Decimal = ZERO
    write_off: Decimal = ZERO
    overpay_write_off: Decimal = ZERO
    deduction: Decimal = ZERO
    reason: str = ""


def plan_settlement(
    debit: OpenItem,
    credit: OpenItem,
    on: date,
    tolerances: Tolerances,
    *,
    requested: Decimal | None = None,
    in_full: bool = False,
    reason: str = "",
    deduct: bool = False,
) -> SettlementPlan:
    """How much of ``credit`` settles ``debit`` on ``on`` and what happens to any difference.

    ``requested`` is the cash the payer assigns to this debit (default: as much as both allow).
    A cash discount is taken when ``on`` is on or before the discount date and either the cash
    plus the discount covers the debit or the payer settles ``in_full`` (a short pay after
    discount). A remainder up to the penny tolerance is always written off; when the
    payer settles ``in_full``, a remainder up to the underpayment tolerance is written off with
    ``reason`` and a larger one becomes a deduction with ``reason``; otherwise it stays open
    (partial payment). An excess up to the overpayment tolerance is written off; more stays on
    the credit as on-account money. With ``deduct`` (a short pay the payer explained, such as
    an 820 ADX adjustment) a remainder above the penny tolerance is always a deduction.
    """
    return SettlementPlan(
        *settlement_split(debit, credit, on, tolerances, requested, in_full, reason, deduct)
    )


def settlement_split(
    debit: OpenItem,
    credit: OpenItem,
    on: date,
    tolerances: Tolerances,
    requested: Decimal | None,
    in_full: bool,
    reason: str,
    deduct: bool,
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, str]:
    """``plan_settlement`` as the tuple (amount, discount, write_off, overpay_write_off,
    deduction, reason): the same checks, errors and values without the plan object (the
    payment poster takes the values apart at once). A part that is not split off is ``ZERO``
    itself."""
    if debit.currency != credit.currency or debit.customer_account != credit.customer_account:
        raise RuleViolation(
            "SETTLE_MISMATCH",
            f"{credit.number} and {debit.number} are not for the same customer and currency.",
        )
    open_debit, available = debit.open_amount, -credit.open_amount
    if open_debit <= 0:
        raise OverSettlement(f"{debit.number} has nothing open to settle.")
    if available <= 0:
        raise OverSettlement(f"{credit.number} has no unapplied amount left.")
    cash = min(available, open_debit) if requested is None else requested
    if cash <= 0:
        raise OverSettlement(f"The amount to apply must be positive, not {cash}.")
    if cash > available:
        raise OverSettlement(
            f"{credit.number} has only {available} unapplied; {cash} cannot be applied."
        )
    return _split(
        open_debit, cash, debit.discount_date, debit.cash_discount, on, tolerances,
        in_full, reason, deduct,
    )  # fmt: skip


def _split(
    open_debit: Decimal,
    cash: Decimal,
    discount_date: date | None,
    cash_discount: Decimal,
    on: date,
    tolerances: Tolerances,
    in_full: bool,
    reason: str,
    deduct: bool,
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, str]:
    """``cash`` applied to ``open_debit`` (both checked positive): (amount, discount,
    write_off, overpay_write_off, deduction, reason) as ``plan_settlement`` describes."""
    discount = ZERO
    if discount_date and on <= discount_date and cash_discount > 0:
        shortfall = open_debit - cash
        if shortfall > 0 and (in_full or shortfall <= cash_discount + tolerances.penny):
            discount = min(cash_discount, shortfall)
    applied = min(cash, open_debit - discount)
    excess = cash - applied
    remainder = open_debit - applied - discount
    write_off = deduction = over = ZERO
    why = ""
    if 0 < remainder <= tolerances.penny:
        write_off, why = remainder, reason or "PENNY"
    elif remainder > 0 and in_full:
        if remainder <= tolerances.max_underpayment and not deduct:
            write_off, why = remainder, reason or "UNDERPAY"
        else:
            deduction, why = remainder, reason or "UNRESOLVED"
    if excess > 0 and excess <= max(tolerances.max_overpayment, tolerances.penny):
        over, why = excess, why or "OVERPAY"
    return applied, discount, write_off, over, deduction, why


def plan_in_full(
    debit_number: str,
    open_debit: Decimal,
    discount_date: date | None,
    cash_discount: Decimal,
    credit_number: str,
    cash: Decimal,
    on: date,
    tolerances: Tolerances,
    reason: str,
    deduct: bool,
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, str]:
    """``plan_settlement`` of a credit of exactly ``cash`` settling a debit with ``open_debit``
    open ``in_full`` (same customer and currency, nothing requested), as the matcher asks it
    for every allocation: (amount, discount, write_off, overpay_write_off, deduction, reason),
    the same values and the same errors, without the two items and the plan."""
    if open_debit <= 0:
        raise OverSettlement(f"{debit_number} has nothing open to settle.")
    credit_open = -cash  # the credit's open amount
    available = -credit_open
    if available <= 0:
        raise OverSettlement(f"{credit_number} has no unapplied amount left.")
    cash = min(available, open_debit)
    if cash <= 0:
        raise OverSettlement(f"The amount to apply must be positive, not {cash}.")
    return _split(
        open_debit, cash, discount_date, cash_discount, on, tolerances, True, reason, deduct
    )
