"""An 820 remittance to cash application: the payer's payment, matched against its open
items by the ledger's matcher and applied where the match is certain; every other line is a
``RMT_`` exception for an AR clerk, with its ranked candidates and the evidence."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from core import services
from core.domain.commands import ApplyRemittance
from core.domain.errors import LedgerError
from core.domain.remittance import (
    AdjustmentInput,
    LineDecision,
    MatchStatus,
    RemittanceInput,
    RemittanceLineInput,
)
from gateway.pipeline.cash_report import as_detail, figures_of_match
from gateway.pipeline.context import Gateway
from gateway.pipeline.post import Posted, ledger_problem
from gateway.transactions.mapping import PartnerMapping
from gateway.transactions.ts820 import Remittance, parse_820
from gateway.x12.envelope import TransactionSet
from gateway.x12.problems import Location, Problem, error


def remittance_input(remittance: Remittance, payer: str, today: date) -> RemittanceInput:
    lines = tuple(
        RemittanceLineInput(
            line.qualifier,
            line.reference,
            line.amount_paid,
            line.invoice_amount,
            line.discount,
            tuple(AdjustmentInput(a.amount, a.reason, a.reference) for a in line.adjustments),
        )
        for line in remittance.lines
    )
    paid_on = remittance.effective_date or today
    return RemittanceInput(
        remittance.amount,
        paid_on,
        remittance.trace_number,
        payer,
        lines,
        remittance.currency,
    )


def _candidates(decision: LineDecision) -> str:
    ranked = [
        f"{' + '.join(c.item_numbers)} ({c.rule}, score {c.score})" for c in decision.candidates
    ]
    return f"; candidates: {', '.join(ranked)}" if ranked else ""


def line_evidence(line: RemittanceLineInput) -> dict[str, object]:
    """A remittance line as JSON, kept with its exception so that it can be matched again."""
    return {
        "qualifier": line.qualifier,
        "reference": line.reference,
        "amount_paid": str(line.amount_paid),
        "invoice_amount": None if line.invoice_amount is None else str(line.invoice_amount),
        "discount": None if line.discount is None else str(line.discount),
        "adjustments": [
            {"amount": str(a.amount), "reason": a.reason_code, "reference": a.reference}
            for a in line.adjustments
        ],
    }


def line_from_evidence(data: Mapping[str, Any]) -> RemittanceLineInput:
    """The inverse of ``line_evidence``."""

    def amount(key: str) -> Decimal | None:
        value = data.get(key)
        return None if value is None else Decimal(str(value))

    return RemittanceLineInput(
        str(data["qualifier"]),
        str(data["reference"]),
        Decimal(str(data["amount_paid"])),
        amount("invoice_amount"),
        amount("discount"),
        tuple(
            AdjustmentInput(Decimal(str(a["amount"])), str(a["reason"]), str(a["reference"]))
            for a in data.get("adjustments", [])
        ),
    )


def _problem(
    decision: LineDecision, lines: tuple[RemittanceLineInput, ...]
) -> tuple[Problem, dict[str, object]]:
    what = f"remittance line {decision.reference or '(none)'} for {decision.amount}"
    if decision.line_index is None:
        what = f"the {decision.amount} the lines do not cover"
    verb = (
        "was suggested, not applied"
        if decision.status is MatchStatus.SUGGESTED
        else ("was not applied")
    )
    problem = error(
        decision.code,
        f"{what} {verb} ({decision.rule}){_candidates(decision)}",
        Location(segment_tag="RMR"),
    )
    evidence: dict[str, object] = {
        "reference": decision.reference,
        "amount": str(decision.amount),
        "rule": decision.rule,
        "status": decision.status.value,
        "candidates": [
            {
                "items": list(c.item_numbers),
                "score": c.score,
                "rule": c.rule,
                "evidence": dict(c.evidence),
            }
            for c in decision.candidates
        ],
        "evidence": dict(decision.evidence),
    }
    if decision.line_index is not None:
        evidence["line"] = line_evidence(lines[decision.line_index])
    return problem, evidence


def post_820(gw: Gateway, transaction: TransactionSet, mapping: PartnerMapping, key: str) -> Posted:
    remittance, problems = parse_820(transaction.segments)
    if remittance is None or any(p.is_error for p in problems):
        return Posted(
            "rejected", remittance.trace_number if remittance else "", problems=tuple(problems)
        )
    payment = remittance_input(remittance, mapping.customer_account, gw.clock().date())
    try:
        applied = services.apply_remittance(
            gw.ledger(), ApplyRemittance(payment, idempotency_key=key)
        )
    except LedgerError as exc:
        return Posted("rejected", remittance.trace_number, problems=(ledger_problem(exc),))
    result = applied.result
    detail: dict[str, object] = {
        "payment": applied.payment.number,
        "amount": str(remittance.amount),
        "replayed": applied.replayed,
    }
    line_exceptions: tuple[tuple[Problem, dict[str, object]], ...] = ()
    if result is not None:
        fig = figures_of_match(0, applied.payment.number, remittance.amount, result)
        detail.update(as_detail(fig))
        line_exceptions = tuple(
            _problem(d, payment.lines) for d in result.decisions if d.status is not MatchStatus.AUTO
        )
    return Posted(
        "posted",
        remittance.trace_number,
        (applied.payment.number,),
        note="cash applied",
        detail=detail,
        line_exceptions=line_exceptions,
    )
