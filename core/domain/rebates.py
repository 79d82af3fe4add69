"""Customer rebates: an agreement gives a percent of invoiced revenue back to the customer.

Accruals (Dr Customer rebates / Cr Rebate provision) are computed from the net of invoices less
credit notes dated in a period; the payout is a credit note to the provision account. The
movements below keep what was accrued and paid per customer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.documents import Invoice, InvoiceKind
from core.domain.money import quantize

REBATE_REASON = "rebate"


@dataclass(frozen=True, slots=True)
class RebateAgreement:
    customer: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class RebateMovement:
    document: str  # journal entry (accrual) or credit note (payout)
    customer: str
    currency: str
    amount: Decimal  # accrual positive, payout negative
    on: date
    date_from: date | None = None
    date_to: date | None = None


def rebate_base(invoices: Iterable[Invoice]) -> Decimal:
    """Invoiced revenue: sales and free-text invoice nets less credit notes (rebates excluded)."""
    total = Decimal(0)
    for inv in invoices:
        if inv.reason == REBATE_REASON:
            continue
        total += -inv.net_total if inv.kind is InvoiceKind.CREDIT_NOTE else inv.net_total
    return total


def rebate_amount(agreement: RebateAgreement, base: Decimal, currency: str) -> Decimal:
    return quantize(base * agreement.percent / 100, currency)
