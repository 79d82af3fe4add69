"""Migration 0006: on SQLite three indexes that no query needs are dropped, keeping every row and
foreign key, and every read of open items, settlements and packing slips still goes by an index;
downgrading makes them again. PostgreSQL keeps them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, or_, select, text

from core.clock import FixedClock
from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import current, head, upgrade
from core.db.open_item_reads import _sql
from core.db.repo_ledger import _SQLITE_UPDATE, _by_number, _prepayments
from core.db.uow import SqlUnitOfWork
from tests.support import cash_application_scenario, ledger_scenario
from tests.support.migrations import downgrade, sqlite_indexes

DROPPED_FROM = {
    "ix_open_items_customer_account": "open_items",
    "ix_journal_lines_account_currency": "journal_lines",
    "ix_orders_customer_account": "orders",
}
DROPPED = set(DROPPED_FROM)
ACCOUNT_INDEX = "ix_open_items_account_date_number"
BY_NUMBER = "sqlite_autoindex_open_items_1 (number=?)"  # the primary key's
SCENARIOS: dict[str, Callable[[SqlUnitOfWork], Any]] = {
    "ledger": ledger_scenario.run,
    "cash application": cash_application_scenario.run,
}


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            n: [tuple(r) for r in conn.execute(select(tables.metadata.tables[n]))]
            for n in tables.metadata.tables
        }


def _sorted(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, list[str]]:
    return {n: sorted(map(repr, found)) for n, found in rows.items()}


def _no_broken_foreign_keys(engine: Engine) -> None:
    with engine.connect() as conn:
        assert not conn.execute(text("PRAGMA foreign_key_check")).all()
        assert conn.execute(text("PRAGMA defer_foreign_keys")).scalar_one() == 0


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_indexes_go_and_come_back_with_the_rows(sqlite_engine: Engine, scenario: str) -> None:
    upgrade(sqlite_engine, "0005")
    SCENARIOS[scenario](SqlUnitOfWork(sqlite_engine, clock=FixedClock(date(2026, 1, 5))))
    before, indexes = _rows(sqlite_engine), sqlite_indexes(sqlite_engine)
    assert all(before[n] for n in ("open_items", "journal_lines", "orders"))
    assert indexes >= DROPPED

    upgrade(sqlite_engine, "0006")

    assert current(sqlite_engine) == "0006"
    assert _sorted(_rows(sqlite_engine)) == _sorted(before)
    assert sqlite_indexes(sqlite_engine) == indexes - DROPPED
    _no_broken_foreign_keys(sqlite_engine)

    downgrade(sqlite_engine, "0005")

    assert current(sqlite_engine) == "0005"
    assert _sorted(_rows(sqlite_engine)) == _sorted(before)
    assert sqlite_indexes(sqlite_engine) == indexes
    _no_broken_foreign_keys(sqlite_engine)
    sqlite_engine.dispose()


def test_postgresql_keeps_the_indexes(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite drops them")
    found = inspect(engine)
    for index, table in DROPPED_FROM.items():
        assert index in {ix["name"] for ix in found.get_indexes(table)}
    assert current(engine) == head()


def _plan(engine: Engine, sql: str, params: tuple[object, ...]) -> str:
    with engine.connect() as conn:
        return " | ".join(
            str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
        )


def _compiled(engine: Engine, stmt: Any) -> tuple[str, tuple[object, ...]]:
    """The statement's SQL with its values written in, and no parameters."""
    return str(stmt.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})), ()


def test_reads_and_updates_go_by_their_indexes(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)
    o, s = tables.open_items.c, tables.settlements.c
    accounts = ('["A", "B"]',)
    expected = {  # statement -> what its plan must name
        _sql("sqlite", True, "customer_account", by_account=True): (accounts, ACCOUNT_INDEX),
        _sql("sqlite", True, "customer_account"): (accounts, ACCOUNT_INDEX),
        _sql("sqlite", False, "customer_account"): (accounts, ACCOUNT_INDEX),
        _sql("sqlite", True, "number"): (accounts, BY_NUMBER),
        _SQLITE_UPDATE: ((1, 2, "X", 1), BY_NUMBER),
    }
    statements = [
        (_by_number().params(p_number="X"), BY_NUMBER),
        (_prepayments().params(p_order="SO"), "ix_open_items_order_number"),
        (select(tables.open_items).where(o.customer_account == "A"), ACCOUNT_INDEX),
        (select(tables.open_items).where(o.reference == "R"), "ix_open_items_reference"),
        (
            select(tables.settlements).where(
                or_(s.debit_item.in_(["X"]), s.credit_item.in_(["Y"]))
            ),
            "ix_settlements_credit_item",
        ),
        (
            select(tables.settlements).where(s.customer_account == "A"),
            "ix_settlements_customer_account",
        ),
        (
            select(tables.packing_slips).where(tables.packing_slips.c.order_number == "SO"),
            "ix_packing_slips_order_number",
        ),
    ]
    for stmt, wanted in statements:
        sql, params = _compiled(sqlite_engine, stmt)
        expected[sql] = (params, wanted)
    for sql, (params, wanted) in expected.items():
        plan = _plan(sqlite_engine, sql, params)
        assert wanted in plan, (sql, plan)
        assert "SCAN open_items" not in plan and "SCAN settlements" not in plan, (sql, plan)
    by_account = _sql("sqlite", True, "customer_account", by_account=True)
    assert "TEMP B-TREE" not in _plan(sqlite_engine, by_account, accounts)
    sqlite_engine.dispose()
