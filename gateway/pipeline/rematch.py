"""Remittance money matched again: the ``match_remittances`` job.

An 820 often arrives before the invoice it pays is posted, or names an invoice the ledger does
not have yet. Its lines then wait as ``RMT_`` exceptions with the money on account. This pass
takes every remittance with open ``RMT_`` exceptions, runs the ledger's matcher again over the
lines still waiting (kept in each exception's evidence) against today's open items, posts what
is now certain (``core.services.rematch_payment``), resolves the exceptions of the lines it
applied and updates the remittance's figures. What is still uncertain stays with the clerks.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from core import services
from core.domain.commands import RematchPayment
from core.domain.errors import LedgerError
from gateway.pipeline.cash_report import as_detail, figures
from gateway.pipeline.context import Gateway
from gateway.pipeline.remit import line_from_evidence
from gateway.store import repository as store
from gateway.store.records import ExceptionRow, SetRow

WHO = "match_remittances"


@dataclass(frozen=True, slots=True)
class RematchOutcome:
    set_row_id: int
    payment: str
    lines_matched: int = 0
    applied: Decimal = Decimal(0)
    resolved: tuple[int, ...] = ()
    error: str = ""


def _waiting(gw: Gateway) -> list[tuple[SetRow, list[ExceptionRow]]]:
    with gw.engine.begin() as conn:
        by_set: dict[int, list[ExceptionRow]] = defaultdict(list)
        for e in store.open_exceptions_of_stage(conn, "RMT"):
            if e.set_row_id is not None:
                by_set[e.set_row_id].append(e)
        rows = {sid: store.get_set(conn, sid) for sid in by_set}
    return [(row, by_set[sid]) for sid, row in rows.items() if row]


def rematch_remittances(gw: Gateway) -> list[RematchOutcome]:
    outcomes = []
    for row, excs in _waiting(gw):
        fig = figures(row)
        if fig is None:
            continue
        with_lines = [
            (e, line_from_evidence(ev["line"]))
            for e in excs
            if "line" in (ev := json.loads(e.evidence) if e.evidence else {})
        ]
        try:
            result = services.rematch_payment(
                gw.ledger(), RematchPayment(fig.payment, tuple(line for _, line in with_lines))
            )
        except LedgerError as exc:
            outcomes.append(RematchOutcome(row.id, fig.payment, error=str(exc)))
            continue
        uow = gw.ledger()
        with uow:
            payment = uow.open_items.get(fig.payment)
        unapplied = Decimal(0) if payment is None else -payment.open_amount
        matched = set() if result is None else {
            d.line_index for d in result.auto if d.line_index is not None
        }  # fmt: skip
        done = [e for i, (e, _) in enumerate(with_lines) if i in matched]
        if unapplied == 0:  # nothing left to decide on this payment
            done = excs
        applied = Decimal(0) if result is None else result.applied
        now = gw.clock()
        with gw.engine.begin() as conn:
            for e in done:
                note = "matched again after new open items; applied automatically"
                store.set_exception_state(conn, e.id, "resolved", by=WHO, note=note, now=now)
            if matched or applied:
                now_figures = replace(
                    fig,
                    auto_lines=fig.auto_lines + len(matched),
                    applied=fig.applied + applied,
                    on_account=unapplied,
                )
                detail = {**json.loads(row.detail), **as_detail(now_figures)}
                detail["matched_later"] = int(detail.get("matched_later", 0)) + len(matched)
                store.update_set(conn, row.id, status=row.status, detail=detail)
        outcomes.append(
            RematchOutcome(row.id, fig.payment, len(matched), applied, tuple(e.id for e in done))
        )
    return outcomes
