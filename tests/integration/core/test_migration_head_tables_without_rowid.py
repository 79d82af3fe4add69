"""Migration 0003: on SQLite orders, invoices and journal entries are rebuilt without a rowid
while their lines' (and other tables') foreign keys point at them, keeping rows, indexes and
foreign keys; downgrading gives the rowid back. PostgreSQL is unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from core.clock import FixedClock
from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import current, upgrade
from core.db.uow import SqlUnitOfWork
from tests.support import ledger_scenario
from tests.support.migrations import downgrade, sqlite_indexes, table_sql

REBUILT = ("orders", "invoices", "journal_entries")


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            n: [
                tuple(r)
                for r in conn.execute(select(tables.metadata.tables[n]).order_by(text("1")))
            ]
            for n in REBUILT
        }


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")


def test_head_tables_lose_their_rowid_and_keep_rows_and_indexes(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine, "0002")
    ledger_scenario.run(SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5))))
    before, indexes = _rows(sqlite_engine), sqlite_indexes(sqlite_engine)
    assert all(before.values())
    assert not any(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)

    upgrade(sqlite_engine, "0003")

    assert current(sqlite_engine) == "0003"
    assert all(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)
    assert _rows(sqlite_engine) == before
    assert sqlite_indexes(sqlite_engine) == indexes
    assert "ix_orders_po_number" in indexes
    with sqlite_engine.connect() as conn:
        assert not conn.execute(text("PRAGMA foreign_key_check")).all()
        assert conn.execute(text("PRAGMA defer_foreign_keys")).scalar_one() == 0
    sqlite_engine.dispose()


def test_foreign_keys_still_point_at_the_rebuilt_tables(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)
    ledger_scenario.run(SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5))))
    with sqlite_engine.connect() as conn:
        targets = {
            row[2]
            for child in ("order_lines", "invoice_lines", "journal_lines")
            for row in conn.execute(text(f"PRAGMA foreign_key_list({child})"))
        }
    assert {"orders", "invoices", "journal_entries"} <= targets
    line = {
        "entry_number": "JE-NONE", "line_no": 1, "account": "1100", "currency": "USD",
        "amount": 0, "customer": "C1", "text": "",
    }  # fmt: skip
    with pytest.raises(Exception, match="FOREIGN KEY"), sqlite_engine.begin() as conn:
        conn.execute(tables.journal_lines.insert().values(**line))
    with sqlite_engine.connect() as conn:
        order = conn.execute(select(tables.orders.c.number)).scalars().first()
    assert order is not None
    with pytest.raises(Exception, match="FOREIGN KEY"), sqlite_engine.begin() as conn:
        conn.execute(tables.orders.delete().where(tables.orders.c.number == order))
    sqlite_engine.dispose()


def test_downgrade_gives_the_rowid_back(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)
    ledger_scenario.run(SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5))))
    before = _rows(sqlite_engine)
    downgrade(sqlite_engine, "0002")
    assert current(sqlite_engine) == "0002"
    assert not any(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)
    assert _rows(sqlite_engine) == before
    with sqlite_engine.connect() as conn:
        assert not conn.execute(text("PRAGMA foreign_key_check")).all()
    sqlite_engine.dispose()
