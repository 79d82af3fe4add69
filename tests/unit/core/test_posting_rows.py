"""``SqlPostingRows`` (the payment poster's settlements, entries and events queued as rows) against
the general path (``ObjectPostingRows``: the objects made and added through the repositories and
``emit``): the same rows, values and order in the transaction, interleaved with rows added the
ordinary way; and ``dumps_event_values`` against ``dumps_event``."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal as D
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from core.db.types import dumps_event, dumps_event_values
from core.db.uow import SqlUnitOfWork
from core.domain import events as ev
from core.domain.journal import JournalEntry, JournalLine
from core.domain.receivables import ZERO, OpenItem
from core.memory import ObjectPostingRows

EVENTS = sorted(
    (cls for cls in vars(ev).values() if isinstance(cls, type) and issubclass(cls, ev.Event)),
    key=lambda cls: cls.__name__,
)
EVENTS.remove(ev.Event)


def _values(cls: type[ev.Event]) -> st.SearchStrategy[tuple[Any, ...]]:
    kinds = {
        "str": st.text(),
        "Decimal": st.decimals(),
        "int": st.integers(),
        "bool": st.booleans(),
        "str | None": st.none() | st.text(),
        "tuple[int, ...]": st.lists(st.integers()).map(tuple),
    }
    return st.tuples(*(kinds[str(f.type)] for f in fields(cls)))


event_values = st.sampled_from(EVENTS).flatmap(lambda cls: st.tuples(st.just(cls), _values(cls)))


@settings(max_examples=400, deadline=None)
@given(event_values)
def test_values_writer_writes_the_events_text(case: tuple[type[ev.Event], tuple[Any, ...]]) -> None:
    cls, values = case
    assert dumps_event_values(cls)(*values) == dumps_event(cls(*values))


DAY = date(2026, 3, 10)
cents = st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: D(n).scaleb(-2))
texts = st.text(max_size=500)
settlements = st.tuples(
    texts, st.just(DAY), texts, st.just("USD"), texts, texts, cents, cents, cents, cents, cents,
    texts, texts,
)  # fmt: skip
long_texts = st.text(max_size=8) | st.text(alphabet="ab", min_size=398, max_size=402)
entries = st.tuples(
    texts, st.dates(), texts, texts, long_texts, texts,
    st.lists(st.tuples(texts, cents.filter(bool)), min_size=1, max_size=4),
)  # fmt: skip
step = st.one_of(
    st.tuples(st.just("settlement"), settlements),
    st.tuples(st.just("entry"), entries),
    st.tuples(st.just("event"), event_values),
    st.tuples(st.just("emit"), event_values),  # the ordinary way, in between
    st.tuples(st.just("journal"), entries),
)


def _balanced(lines: list[tuple[str, D]]) -> list[tuple[str, D]]:
    """Each line and its negation on the next account: an entry that balances."""
    return [pair for account, x in lines for pair in ((account, x), (f"{account}*", -x))]


def _apply(uow: SqlUnitOfWork, rows: Any, steps: list[tuple[str, Any]]) -> None:
    for kind, args in steps:
        if kind == "settlement":
            rows.settlement(args)
        elif kind == "event":
            cls, values = args
            rows.event(cls, *values)
        elif kind == "emit":
            cls, values = args
            uow.emit(cls(*values))
        else:
            number, day, source_type, source_number, text, customer, lines = args
            both = _balanced(lines)
            if kind == "entry":
                rows.entry(number, day, source_type, source_number, text, "USD", customer, both)
            else:
                made = tuple(JournalLine(a, "USD", x, customer, "") for a, x in both)
                uow.journal.add(JournalEntry(number, day, source_type, source_number, made, text))


def _queued(uow: SqlUnitOfWork) -> dict[tuple[str, tuple[str, ...]], list[str]]:
    """The transaction's rows by table and columns, each row by its ``repr`` (a Decimal's
    exponent shows); no entry for a list without rows (``SqlPostingRows`` makes its lists at
    once)."""
    return {
        (table.name, names): [repr(row) for row in rows]
        for table, by_names in uow.tx.inserts.items()
        for names, rows in by_names.items()
        if rows
    }


@settings(max_examples=200, deadline=None)
@given(st.lists(step, max_size=30))
def test_sql_rows_are_the_rows_of_the_objects(steps: list[tuple[str, Any]]) -> None:
    engine = create_engine("sqlite://")  # never connected: the rows stay in the transaction
    direct, general = SqlUnitOfWork(engine), SqlUnitOfWork(engine)
    _apply(direct, direct.posting_rows(), steps)
    _apply(general, ObjectPostingRows(general), steps)
    assert _queued(direct) == _queued(general)


def test_poster_gives_open_items_their_defaults() -> None:
    """The payment poster makes items with every field given positionally: the defaults of
    the fields a payment or a deduction does not set are what it passes for them."""
    defaults = [f.default for f in fields(OpenItem)][9:]
    assert defaults == [None, ZERO, "", "", "", 0]
    assert defaults[1] is ZERO
