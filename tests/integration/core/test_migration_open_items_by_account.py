"""Migration 0005: on SQLite cash application's read of many accounts' open items (ordered by
account, doc date and number) comes through an index in that order, without a sort."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from core.db.engine import make_engine
from core.db.migrate import current, head, upgrade
from core.db.open_item_reads import _sql
from tests.support.migrations import downgrade

INDEX = "ix_open_items_account_date_number"


def _indexes(engine: Engine) -> dict[str, list[str | None]]:
    found = inspect(engine).get_indexes("open_items")
    return {ix["name"] or "": ix["column_names"] for ix in found}


def _plan(engine: Engine) -> str:
    sql = "EXPLAIN QUERY PLAN " + _sql("sqlite", True, "customer_account", by_account=True)
    with engine.connect() as conn:
        return " ".join(str(row[-1]) for row in conn.exec_driver_sql(sql, ('["A", "B"]',)))


def test_sqlite_reads_accounts_in_index_order(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    upgrade(engine)
    assert current(engine) == head()
    assert _indexes(engine)[INDEX] == ["customer_account", "doc_date", "number"]
    plan = _plan(engine)
    assert INDEX in plan and "TEMP B-TREE" not in plan
    downgrade(engine, "0004")
    assert INDEX not in _indexes(engine)
    engine.dispose()  # new connections: no statement prepared with the index
    assert "TEMP B-TREE" in _plan(engine)  # without it the rows are sorted
    upgrade(engine)
    assert INDEX in _indexes(engine)
    engine.dispose()


def test_postgresql_has_no_such_index(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has the index")
    assert INDEX not in _indexes(engine)
