"""Cash application: the remittance the matcher reads and the decisions it returns.

A ``RemittanceInput`` is what a payer says it pays (an X12 820 once the gateway has read it, or
a bank line without detail): the payment amount and date, the trace number, the payer's account
and one ``RemittanceLineInput`` per RMR loop (qualifier IV invoice, PO purchase order, CR credit
memo; RMR02 reference, RMR04 amount paid, RMR05 invoice amount, RMR06 discount taken) with the
ADX adjustments beneath it (signed: negative reduces the payment; element 426 reason code).

A ``MatchResult`` holds one ``LineDecision`` per line (and one for the part of the payment the
lines do not explain): the rule that decided it, the evidence, the ``Allocation`` of cash to
open items (with cash discount, write-off and deduction as the ledger's settlement will split
them), the status (auto / suggested / exception) with an ``RMT_`` reason code, and the ranked
``Candidate`` list a clerk chooses from. Only ``AUTO`` decisions are posted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from core.domain.frozen import quick_init, quick_make
from core.domain.settings import Tolerances

ZERO = Decimal(0)
Evidence = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class AdjustmentInput:
    """An ADX: signed amount (negative reduces the payment), reason code (426), payer's ref."""

    amount: Decimal
    reason_code: str
    reference: str = ""


@dataclass(frozen=True, slots=True)
class RemittanceLineInput:
    qualifier: str  # IV, PO, CR, ...
    reference: str
    amount_paid: Decimal
    invoice_amount: Decimal | None = None
    discount: Decimal | None = None
    adjustments: tuple[AdjustmentInput, ...] = ()

    @property
    def deducted(self) -> Decimal:
        """What the ADX adjustments take off the payment (positive)."""
        if not self.adjustments:
            return _NOTHING_DEDUCTED
        return -sum((a.amount for a in self.adjustments if a.amount < 0), ZERO)


_NOTHING_DEDUCTED = -sum((), ZERO)  # what the sum gives without adjustments, computed once


@dataclass(frozen=True, slots=True)
class RemittanceInput:
    payment_amount: Decimal
    payment_date: date
    trace: str
    payer_account: str  # the account the payment is booked on (the invoice account)
    lines: tuple[RemittanceLineInput, ...] = ()
    currency: str = ""  # '' = the payer's currency, not checked


class LateDiscountPolicy(Enum):
    EXCEPTION = "exception"  # a clerk decides
    DEDUCTION = "deduction"  # settle in full with a reason; tolerances split write-off/deduction


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How far the matcher goes on its own.

    ``prefixes`` are stripped from references before comparing; ``max_subset_items`` and
    ``max_subset_steps`` bound the combination search (a search cut short never auto-posts);
    ``min_embedded_digits`` is the shortest digit run looked up inside a longer reference.
    """

    tolerances: Tolerances = field(default_factory=Tolerances)
    late_discount: LateDiscountPolicy = LateDiscountPolicy.EXCEPTION
    late_discount_reason: str = "LATE_DISCOUNT"
    prefixes: tuple[str, ...] = ("INVOICE", "INV", "IN", "NO", "NR")
    min_embedded_digits: int = 4
    max_subset_items: int = 40
    max_subset_steps: int = 200_000
    max_candidates: int = 5


class MatchStatus(Enum):
    AUTO = "auto"  # unambiguous, within tolerance: posted
    SUGGESTED = "suggested"  # one likely answer a clerk confirms
    EXCEPTION = "exception"  # no answer, or several: a clerk decides


@quick_init
@dataclass(frozen=True, slots=True)
class Deduction:
    """A short pay the payer explained: amount, reason code (426) and its reference."""

    amount: Decimal
    reason: str
    reference: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Allocation:
    """Cash applied to one open item, split as ``plan_settlement`` will split it.

    ``cash`` reduces the item; ``overpay_write_off`` is excess cash the tolerance writes off;
    together they are what the payment gives up (``consumed``). ``in_full``, ``reason`` and
    ``deduct`` go to the ledger's ``Application``.
    """

    item_number: str
    customer_account: str
    open_before: Decimal
    cash: Decimal
    discount: Decimal = ZERO
    write_off: Decimal = ZERO
    deduction: Decimal = ZERO
    overpay_write_off: Decimal = ZERO
    in_full: bool = True
    reason: str = ""
    deduct: bool = False  # an explained short pay: a deduction item, never a write-off

    @property
    def consumed(self) -> Decimal:
        return self.cash + self.overpay_write_off

    @property
    def item_reduction(self) -> Decimal:
        return self.cash + self.discount + self.write_off + self.deduction


# Allocation with all 11 fields given positionally, made faster (one per matched line: see
# quick_make)
make_allocation = quick_make(Allocation)


@quick_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible answer: the items, a score (0-100, higher is likelier), rule and evidence."""

    item_numbers: tuple[str, ...]
    score: int
    rule: str
    evidence: Evidence = ()


@quick_init
@dataclass(frozen=True, slots=True)
class LineDecision:
    """The decision for one remittance line (``line_index`` None: the unexplained rest)."""

    line_index: int | None
    reference: str
    amount: Decimal  # cash this decision is about
    status: MatchStatus
    code: str  # RMT_...
    rule: str
    allocations: tuple[Allocation, ...] = ()
    deductions: tuple[Deduction, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    evidence: Evidence = ()

    @property
    def consumed(self) -> Decimal:
        return sum((a.consumed for a in self.allocations), ZERO)


# LineDecision with all 10 fields given positionally, made faster (one per remittance line:
# see quick_make)
make_line_decision = quick_make(LineDecision)


_AUTO = MatchStatus.AUTO


@quick_init
@dataclass(frozen=True, slots=True)
class MatchResult:
    payment_amount: Decimal
    decisions: tuple[LineDecision, ...]

    @property
    def auto(self) -> tuple[LineDecision, ...]:
        return tuple(d for d in self.decisions if d.status is MatchStatus.AUTO)

    @property
    def allocations(self) -> tuple[Allocation, ...]:
        """The allocations of the auto-postable decisions, in line order (one pass: asked
        once per remittance posted)."""
        return tuple(a for d in self.decisions if d.status is _AUTO for a in d.allocations)

    @property
    def applied(self) -> Decimal:
        """Payment money the auto decisions use (cash applied plus excess written off)."""
        return sum((a.consumed for a in self.allocations), ZERO)

    @property
    def on_account(self) -> Decimal:
        """What stays unapplied on the payment: payment amount less ``applied``."""
        return self.payment_amount - self.applied

    @property
    def exceptions(self) -> tuple[LineDecision, ...]:
        return tuple(d for d in self.decisions if d.status is not MatchStatus.AUTO)
