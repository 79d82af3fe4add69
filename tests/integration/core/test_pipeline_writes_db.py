"""Writes sent ahead (``UnitOfWork.flush_behind``) on SQLite and PostgreSQL: on PostgreSQL the
rows go out in pipeline mode and their results are taken at the next read or the commit; on
SQLite the hint does nothing. Either way reads see the rows, the transaction commits or rolls
back as a whole, and a failed write is a ``ConcurrencyConflict`` before anything commits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import Engine, select, update

from core.db import tables
from core.db.pg_pipeline import SEP
from core.db.uow import SqlUnitOfWork
from core.domain.errors import ConcurrencyConflict
from core.domain.receivables import ItemKind, OpenItem

DAY = date(2026, 1, 5)


def _item(number: str, amount: str = "100", **more: object) -> OpenItem:
    return OpenItem(
        number, ItemKind.INVOICE, "C1", "USD", "1200", DAY, DAY, D(amount), D(amount), **more
    )  # type: ignore[arg-type]


def _in_pipeline(uow: SqlUnitOfWork) -> bool:
    """Whether the connection is in pipeline mode (never on SQLite)."""
    raw = uow._conn.connection.driver_connection if uow._conn is not None else None
    return getattr(getattr(raw, "pgconn", None), "pipeline_status", 0) != 0


def _stored(engine: Engine) -> dict[str, tuple[D, int]]:
    c = tables.open_items.c
    with engine.connect() as conn:
        rows = conn.execute(select(c.number, c.open_amount, c.version))
        return {n: (a, v) for n, a, v in rows}


def test_rows_written_ahead_are_read_back_and_committed(engine: Engine, uow: SqlUnitOfWork) -> None:
    with uow:
        uow.open_items.add(_item("INV-1", "12.50"))
        # a separator in a text and a column of NULLs: sent as arrays psycopg adapts
        uow.open_items.add(_item("INV-2", "7", reference=f"R{SEP}x", discount_date=None))
        uow.flush_behind()
        assert _in_pipeline(uow) is (engine.dialect.name == "postgresql")
        assert [i.number for i in uow.open_items.query("C1")] == ["INV-1", "INV-2"]
        assert not _in_pipeline(uow)  # the read took the results
        uow.open_items.add(_item("INV-3", "0.000001"))
        uow.flush_behind()
        uow.commit()
    assert _stored(engine) == {
        "INV-1": (D("12.5"), 0),
        "INV-2": (D(7), 0),
        "INV-3": (D("0.000001"), 0),
    }
    with uow:
        back = {i.number: i for i in uow.open_items.query("C1")}
    assert back["INV-2"].reference == f"R{SEP}x" and back["INV-2"].discount_date is None


def test_item_changed_after_the_hint_is_updated(engine: Engine, uow: SqlUnitOfWork) -> None:
    """An item added before a hint and saved after it: on PostgreSQL inserted, then updated with
    its version moved on (what a flush at the hint writes); on SQLite inserted as saved."""
    with uow:
        item = _item("INV-1")
        uow.open_items.add(item)
        uow.flush_behind()
        item.open_amount = D(40)
        uow.open_items.save(item)
        uow.commit()
    version = 1 if engine.dialect.name == "postgresql" else 0
    assert _stored(engine) == {"INV-1": (D(40), version)}


@pytest.mark.parametrize("leave", ["block", "rollback"])
def test_leaving_without_commit_writes_nothing(
    engine: Engine, uow: SqlUnitOfWork, leave: str
) -> None:
    with uow:
        uow.open_items.add(_item("INV-1"))
        uow.flush_behind()
        if leave == "rollback":
            uow.rollback()
            assert not _in_pipeline(uow)
    assert _stored(engine) == {}
    with uow:  # the unit of work is usable again
        uow.open_items.add(_item("INV-2"))
        uow.commit()
    assert set(_stored(engine)) == {"INV-2"}


def test_duplicate_key_written_ahead_is_a_conflict(engine: Engine, uow: SqlUnitOfWork) -> None:
    """The duplicate fails at the commit (PostgreSQL: its result taken there), and nothing of
    the transaction stays, the rows sent with it included."""
    with uow:
        uow.open_items.add(_item("INV-1"))
        uow.commit()
    with uow:
        uow.open_items.add(_item("INV-2"))
        uow.flush_behind()
        uow.open_items.add(_item("INV-1", "5"))  # taken by the first transaction
        uow.flush_behind()
        with pytest.raises(ConcurrencyConflict):
            uow.commit()
    assert _stored(engine) == {"INV-1": (D(100), 0)}


def test_duplicate_key_written_ahead_fails_the_next_read(
    engine: Engine, uow: SqlUnitOfWork
) -> None:
    with uow:
        uow.open_items.add(_item("INV-1"))
        uow.commit()
    with pytest.raises(ConcurrencyConflict), uow:
        uow.open_items.add(_item("INV-1", "5"))
        uow.flush_behind()
        uow.open_items.query("C1")
    assert _stored(engine) == {"INV-1": (D(100), 0)}


def test_stale_open_item_written_ahead_is_a_conflict(engine: Engine, uow: SqlUnitOfWork) -> None:
    """An item another worker settled since it was read: its update sent ahead changes no row,
    which is found before the commit; nothing of the transaction is written."""
    with uow:
        uow.open_items.add(_item("INV-1"))
        uow.commit()
    with uow:
        mine = uow.open_items.get("INV-1")
    c = tables.open_items.c
    with engine.begin() as conn:  # another worker settles part of it
        conn.execute(
            update(tables.open_items)
            .where(c.number == "INV-1")
            .values(open_amount=D(60), version=1)
        )
    assert mine is not None
    with uow:
        uow.open_items.add(_item("INV-2"))
        mine.open_amount = D(70)
        uow.open_items.save(mine)
        uow.flush_behind()
        with pytest.raises(ConcurrencyConflict, match="settled by another worker"):
            uow.commit()
    assert _stored(engine) == {"INV-1": (D(60), 1)}
