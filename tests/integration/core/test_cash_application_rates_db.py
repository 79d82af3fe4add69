"""The cash-application report on the generated remittances (tests/support/remittances.py),
posted on SQLite and PostgreSQL: what ``o2c report cash-application`` would show for them.

Each remittance goes through ``apply_remittances`` in batches, as the gateway applies 820s; the
report is built from the figures of each match exactly as the pipeline keeps them
(``figures_of_match``). At least 95 % of the lines post by themselves, and not one settlement
pays an invoice that the payer did not mean with a line a careful matcher may post.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from core import services as s
from core.db.uow import SqlUnitOfWork
from core.domain.commands import ApplyRemittance
from core.domain.receivables import ItemKind
from gateway.pipeline.cash_report import build_report, figures_of_match
from tests.support import remittance_batches as rb
from tests.support.remittances import generate

BATCH = 100


def test_generated_remittances_report_the_auto_match_rates(uow: SqlUnitOfWork) -> None:
    book = generate(seed=820, remittances=600)
    rb.seed(uow, book)
    cmds = [ApplyRemittance(c.remittance, idempotency_key=c.remittance.trace) for c in book.cases]
    done = rb.in_batches(uow, cmds, BATCH)

    figures = []
    for n, (case, applied) in enumerate(zip(book.cases, done, strict=True)):
        assert applied.result is not None and not applied.replayed
        figures.append(
            figures_of_match(
                n, applied.payment.number, case.remittance.payment_amount, applied.result
            )
        )
    report = build_report(
        figures, unapplied_now=Decimal(0), open_exceptions=0, open_deductions={}, denied=()
    )
    print(
        f"\n{report.lines} lines, {report.auto_lines} auto ({report.line_rate} %); "
        f"{report.payments} payments, {report.payments_auto} whole ({report.payment_rate} %)"
    )
    assert report.lines == sum(1 for c in book.cases for t in c.truths if t.line_index is not None)
    assert report.line_rate >= 95

    # no wrong match: every invoice a payment settled is one that a postable line meant
    meant: dict[str, set[str]] = {}
    for case, applied in zip(book.cases, done, strict=True):
        meant[applied.payment.number] = {i for t in case.truths if t.auto for i in t.items}
    invoices = {i.number for i in book.items if i.kind is ItemKind.INVOICE}
    paid: dict[str, set[str]] = defaultdict(set)
    with uow:
        for stl in uow.settlements.query():
            if stl.credit_item in meant and stl.debit_item in invoices:
                paid[stl.credit_item].add(stl.debit_item)
    assert paid, "nothing was settled"
    wrong = {p: sorted(items - meant[p]) for p, items in paid.items() if items - meant[p]}
    assert wrong == {}
    # and the ledger still balances
    assert sum((row.balance for row in s.trial_balance(uow)), Decimal(0)) == 0
