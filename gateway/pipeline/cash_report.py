"""The cash-application report: how much of the 820 remittance money the gateway applied by
itself, line by line and payment by payment, and the manual work left for AR clerks.

Pure: it reads the figures each posted 820 left in ``gw_sets.detail`` (see
``gateway.pipeline.remit``) and the current state the caller looked up (money still unapplied,
open RMT exceptions, deduction items and the clerks' decisions on them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.domain.remittance import MatchResult, MatchStatus
from gateway.store.records import SetRow

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class RemittanceFigures:
    """What the automatic match did with one 820 when it arrived."""

    set_row_id: int
    payment: str
    amount: Decimal
    lines: int
    auto_lines: int
    applied: Decimal
    on_account: Decimal
    deductions: Decimal

    @property
    def fully_automatic(self) -> bool:
        """Every line matched and nothing left on account: no clerk touched it."""
        return self.auto_lines == self.lines and self.on_account == 0


def figures_of_match(
    set_row_id: int, payment: str, amount: Decimal, result: MatchResult
) -> RemittanceFigures:
    """The figures of the automatic match of one remittance, as ``remit`` keeps them."""
    lines = [d for d in result.decisions if d.line_index is not None]
    return RemittanceFigures(
        set_row_id,
        payment,
        amount,
        len(lines),
        sum(1 for d in lines if d.status is MatchStatus.AUTO),
        result.applied,
        result.on_account,
        sum((a.deduction for a in result.allocations), ZERO),
    )


def as_detail(fig: RemittanceFigures) -> dict[str, object]:
    """The JSON kept in ``gw_sets.detail`` (read back by ``figures``)."""
    return {
        "payment": fig.payment,
        "amount": str(fig.amount),
        "lines": fig.lines,
        "auto_lines": fig.auto_lines,
        "applied": str(fig.applied),
        "on_account": str(fig.on_account),
        "deductions": str(fig.deductions),
    }


def figures(row: SetRow) -> RemittanceFigures | None:
    """The figures of a posted 820 set; None for sets without them (rejected, replayed)."""
    if not row.detail:
        return None
    data = json.loads(row.detail)
    if "lines" not in data or not data.get("payment"):
        return None
    return RemittanceFigures(
        row.id,
        str(data["payment"]),
        Decimal(str(data.get("amount", "0"))),
        int(data["lines"]),
        int(data.get("auto_lines", 0)),
        Decimal(str(data.get("applied", "0"))),
        Decimal(str(data.get("on_account", "0"))),
        Decimal(str(data.get("deductions", "0"))),
    )


@dataclass(frozen=True, slots=True)
class CashApplicationReport:
    payments: int
    payments_auto: int
    lines: int
    auto_lines: int
    received: Decimal
    applied_auto: Decimal
    deductions_taken: Decimal
    unapplied_now: Decimal
    open_exceptions: int
    open_deductions: int
    open_deductions_amount: Decimal
    denied_deductions: int

    @property
    def line_rate(self) -> Decimal:
        return _rate(self.auto_lines, self.lines)

    @property
    def payment_rate(self) -> Decimal:
        return _rate(self.payments_auto, self.payments)

    def as_dict(self) -> dict[str, object]:
        return {
            "payments": self.payments,
            "payments_auto_applied": self.payments_auto,
            "payment_auto_rate_percent": str(self.payment_rate),
            "lines": self.lines,
            "lines_auto_matched": self.auto_lines,
            "line_auto_rate_percent": str(self.line_rate),
            "received": str(self.received),
            "applied_automatically": str(self.applied_auto),
            "deductions_taken": str(self.deductions_taken),
            "manual_work": {
                "unapplied_cash": str(self.unapplied_now),
                "open_remittance_exceptions": self.open_exceptions,
                "deductions_to_decide": self.open_deductions,
                "deductions_to_decide_amount": str(self.open_deductions_amount),
                "deductions_denied_still_open": self.denied_deductions,
            },
        }


def _rate(part: int, whole: int) -> Decimal:
    if whole == 0:
        return ZERO
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"))


def build_report(
    remittances: Iterable[RemittanceFigures],
    *,
    unapplied_now: Decimal,
    open_exceptions: int,
    open_deductions: Mapping[str, Decimal],
    denied: Iterable[str],
) -> CashApplicationReport:
    """``open_deductions`` maps each open deduction item to its open amount; ``denied`` names
    the items a clerk denied (they stay open, but need no decision)."""
    rows = list(remittances)
    denied_open = set(denied) & set(open_deductions)
    undecided = {k: v for k, v in open_deductions.items() if k not in denied_open}
    return CashApplicationReport(
        payments=len(rows),
        payments_auto=sum(1 for r in rows if r.fully_automatic),
        lines=sum(r.lines for r in rows),
        auto_lines=sum(r.auto_lines for r in rows),
        received=sum((r.amount for r in rows), ZERO),
        applied_auto=sum((r.applied for r in rows), ZERO),
        deductions_taken=sum((r.deductions for r in rows), ZERO),
        unapplied_now=unapplied_now,
        open_exceptions=open_exceptions,
        open_deductions=len(undecided),
        open_deductions_amount=sum(undecided.values(), ZERO),
        denied_deductions=len(denied_open),
    )
