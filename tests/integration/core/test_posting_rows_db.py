"""The remittance book (tests/support/remittance_batches.py) applied in batches on SQLite and
PostgreSQL with the payment poster's rows queued directly (``SqlPostingRows``) and through the
general path (``ObjectPostingRows``: settlement, entry and event objects added through the
repositories and ``emit``): the same rows in every table the posting writes, and the same
events in the same order. Both runs share the test's database inside one outer transaction
each, rolled back after its rows are read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.db import tables as t
from core.db.uow import SqlUnitOfWork
from core.domain.events import PaymentRecorded
from core.memory import ObjectPostingRows
from tests.support import remittance_batches as rb

TABLES = (t.open_items, t.settlements, t.journal_entries, t.journal_lines, t.idempotency_keys)


def _rows(uow: SqlUnitOfWork) -> dict[str, list[Any]]:
    """Every row of the posting's tables (sorted; the outbox in id order, without the id,
    which PostgreSQL's sequence does not give back on rollback)."""
    uow.flush()
    conn = uow.connection
    found = {table.name: sorted(map(repr, conn.execute(select(table)))) for table in TABLES}
    c = t.outbox.c
    found["outbox"] = [
        tuple(r) for r in conn.execute(select(c.name, c.payload, c.published).order_by(c.id))
    ]
    return found


def _applied(uow: SqlUnitOfWork) -> dict[str, list[Any]]:
    with uow:  # never committed: rolled back when the block ends
        rb.in_batches(uow, rb.commands(rb.book()))
        return _rows(uow)


def test_rows_queued_directly_are_the_rows_of_the_objects(
    uow: SqlUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    rb.seed(uow, rb.book())
    direct = _applied(uow)
    monkeypatch.setattr(uow, "posting_rows", lambda: ObjectPostingRows(uow))
    general = _applied(uow)
    assert len(direct["settlements"]) > rb.REMITTANCES
    assert len(direct["outbox"]) > len(direct["settlements"])
    assert direct == general


def test_rows_queued_after_a_flush_go_out_with_the_next(uow: SqlUnitOfWork) -> None:
    """A flush (a read that needs the rows written, say) replaces the transaction's lists of
    rows; a ``posting_rows`` value taken before it queues into the new lists, not into the
    written ones."""
    with uow:
        rows = uow.posting_rows()
        rows.event(PaymentRecorded, "PAY-900001", "C1", "first", "USD", Decimal("5.00"))
        uow.flush()
        rows.event(PaymentRecorded, "PAY-900002", "C1", "second", "USD", Decimal("6.00"))
        rows.entry(
            "JE-900001", date(2026, 3, 10), "payment", "PAY-900002", "second", "USD", "C1",
            (("1100", Decimal("6.00")), ("1200", Decimal("-6.00"))),
        )  # fmt: skip
        uow.commit()
    c = t.outbox.c
    with uow.engine.connect() as conn:
        payloads = list(conn.execute(select(c.payload).order_by(c.id)).scalars())
        lines = conn.execute(
            select(t.journal_lines.c.amount).where(t.journal_lines.c.entry_number == "JE-900001")
        ).scalars()
        assert sorted(lines) == [Decimal("-6.00"), Decimal("6.00")]
    ours = [p for p in payloads if "PAY-90000" in p]
    assert len(ours) == 2 and "first" in ours[0] and "second" in ours[1]
