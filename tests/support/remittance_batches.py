"""The generated remittance book (tests/support/remittances.py) posted one by one and in batches:
shared by the in-memory and the database tests of ``apply_remittances``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from core import services as s
from core.domain.commands import ApplyRemittance
from core.domain.events import Event
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
    """What the postings left: every settlement, every open item, every journal entry (with
    its lines) of a payment, settlement or deduction, every outbox event (name and payload, in
    the order emitted), the trial balance and the results returned to the caller."""

    settlements: list[Any]
    items: dict[str, Any]
    entries: list[Any]
    events: list[tuple[str, dict[str, str]]]
    trial_balance: list[Any]
    results: list[RemittanceApplied]


def _event_names() -> tuple[str, ...]:
    """The names of every event class (the outbox is read by name)."""
    found, todo = [], list(Event.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls.__name__)
        todo.extend(cls.__subclasses__())
    return tuple(sorted(found))


def snapshot(uow: UnitOfWork, results: list[RemittanceApplied]) -> Ledger:
    with uow:
        settlements = sorted(uow.settlements.query(), key=lambda x: x.number)
        items = {i.number: i for i in uow.open_items.query()}
        sources = sorted({*items, *(x.number for x in settlements)})
        entries = sorted(uow.journal.for_sources(sources), key=lambda e: e.number)
        events = [(e.name, e.payload) for e in uow.outbox.pending(_event_names(), 10**9)]
    return Ledger(settlements, items, entries, events, s.trial_balance(uow), results)


def assert_same(one: Ledger, batched: Ledger) -> None:
    """Same settlements (all fields), open items (all fields), journal entries with their
    lines, outbox events, trial balance and results."""
    assert len(one.settlements) > REMITTANCES
    assert one.settlements == batched.settlements
    assert one.items == batched.items
    assert len(one.entries) > REMITTANCES
    assert {e.source_type for e in one.entries} >= {"payment", "settlement"}
    assert one.entries == batched.entries
    assert len(one.events) > len(one.settlements)
    assert {n for n, _ in one.events} >= {"PaymentRecorded", "SettlementPosted", "DeductionOpened"}
    assert one.events == batched.events
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
