"""The generated remittance book (tests/support/remittances.py) posted one by one and in batches:
shared by the in-memory and the database tests of ``apply_remittances``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from core import services as s
from core.domain.commands import ApplyRemittance
from core.ports import UnitOfWork
from core.services.cash_application import RemittanceApplied
from tests.support.remittances import Book, generate

REMITTANCES = 200
BATCH = 40


def book() -> Book:
    return generate(seed=7, remittances=REMITTANCES, distractors=2)


def commands(b: Book) -> list[ApplyRemittance]:
    """One command per remittance, and every seventh remittance sent again under a new trace
    a few places later (the same payer twice in a batch: its second read must see the first)."""
    cmds = [ApplyRemittance(c.remittance, idempotency_key=c.remittance.trace) for c in b.cases]
    for n in range(0, len(cmds), 7):
        again = replace(b.cases[n].remittance, trace=f"{b.cases[n].remittance.trace}-again")
        cmds.insert(min(len(cmds), n + 3), ApplyRemittance(again, idempotency_key=again.trace))
    return cmds


def seed(uow: UnitOfWork, b: Book) -> None:
    """The book's customers and open items, committed."""
    s.put_customers(uow, b.customers)
    with uow:
        for item in b.items:
            uow.open_items.add(item)
        uow.commit()


def one_by_one(uow: UnitOfWork, cmds: Sequence[ApplyRemittance]) -> list[RemittanceApplied]:
    return [s.apply_remittance(uow, cmd) for cmd in cmds]


def in_batches(
    uow: UnitOfWork, cmds: Sequence[ApplyRemittance], size: int = BATCH
) -> list[RemittanceApplied]:
    return [
        done
        for first in range(0, len(cmds), size)
        for done in s.apply_remittances(uow, cmds[first : first + size])
    ]


@dataclass(frozen=True)
class Ledger:
    """What the postings left: every settlement, every open item, the trial balance and the
    results returned to the caller."""

    settlements: list[Any]
    items: dict[str, Any]
    trial_balance: list[Any]
    results: list[RemittanceApplied]


def snapshot(uow: UnitOfWork, results: list[RemittanceApplied]) -> Ledger:
    with uow:
        settlements = sorted(uow.settlements.query(), key=lambda x: x.number)
        items = {i.number: i for i in uow.open_items.query()}
    return Ledger(settlements, items, s.trial_balance(uow), results)


def assert_same(one: Ledger, batched: Ledger) -> None:
    """Same settlements (all fields), open items (all fields), trial balance and results."""
    assert len(one.settlements) > REMITTANCES
    assert one.settlements == batched.settlements
    assert one.items == batched.items
    assert one.trial_balance == batched.trial_balance
    assert one.results == batched.results
    assert any(r.result is not None and r.result.on_account for r in one.results)


def assert_replay_posts_nothing(uow: UnitOfWork, cmds: Sequence[ApplyRemittance]) -> None:
    """The same batch again: every command replayed, with the first payment, nothing posted."""
    before = snapshot(uow, [])
    again = s.apply_remittances(uow, cmds)
    after = snapshot(uow, [])
    assert all(r.replayed and r.result is None for r in again)
    assert before == after
