"""Migration 0002: on SQLite the line tables, journal lines and idempotency keys are rebuilt
without a rowid, keeping their rows, constraints and indexes; downgrading gives the rowid back.
PostgreSQL migrates to the same revision with its tables unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from core.clock import FixedClock
from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import current, upgrade
from core.db.uow import SqlUnitOfWork
from core.domain.errors import ConcurrencyConflict
from tests.support import ledger_scenario
from tests.support.migrations import downgrade, table_sql

REBUILT = (
    "order_lines",
    "packing_slip_lines",
    "invoice_lines",
    "journal_lines",
    "idempotency_keys",
)


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            n: int(
                conn.execute(
                    select(func.count()).select_from(tables.metadata.tables[n])
                ).scalar_one()
            )
            for n in REBUILT
        }


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")


def test_sqlite_tables_lose_their_rowid_and_keep_their_rows(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine, "0001")
    uow = SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5)))
    ledger_scenario.run(uow)
    before = _counts(sqlite_engine)
    with sqlite_engine.connect() as conn:
        journal = conn.execute(select(tables.journal_lines).order_by(text("1, 2"))).all()
    assert all(before.values())
    assert not any(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)

    upgrade(sqlite_engine, "0002")

    assert current(sqlite_engine) == "0002"
    assert all(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)
    assert _counts(sqlite_engine) == before
    with sqlite_engine.connect() as conn:
        assert conn.execute(select(tables.journal_lines).order_by(text("1, 2"))).all() == journal
        indexes = set(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            ).scalars()
        )
        assert "ix_journal_lines_account_currency" in indexes
        assert not conn.execute(text("PRAGMA foreign_key_check")).all()
    sqlite_engine.dispose()


def test_sqlite_rebuilt_tables_keep_keys_and_foreign_keys(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)
    uow = SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5)))
    ledger_scenario.run(uow)
    row = {"command": "place_order", "key": "k1", "result": "SO-000001"}
    with sqlite_engine.begin() as conn:
        conn.execute(tables.idempotency_keys.insert().values(**row))
    with pytest.raises(Exception, match="UNIQUE"), sqlite_engine.begin() as conn:
        conn.execute(tables.idempotency_keys.insert().values(**row))
    line = {
        "entry_number": "JE-NONE", "line_no": 1, "account": "1100", "currency": "USD",
        "amount": 0, "customer": "C1", "text": "",
    }  # fmt: skip
    with pytest.raises(Exception, match="FOREIGN KEY"), sqlite_engine.begin() as conn:
        conn.execute(tables.journal_lines.insert().values(**line))
    with uow, pytest.raises(ConcurrencyConflict):
        uow.tx.add(tables.idempotency_keys, row)
        uow.commit()
    sqlite_engine.dispose()


def test_sqlite_downgrade_gives_the_rowid_back(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)
    ledger_scenario.run(SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5))))
    before = _counts(sqlite_engine)
    downgrade(sqlite_engine, "0001")
    assert current(sqlite_engine) == "0001"
    assert not any(table_sql(sqlite_engine, n).endswith("WITHOUT ROWID") for n in REBUILT)
    assert _counts(sqlite_engine) == before
    sqlite_engine.dispose()
