"""Migration 0004: customers are found by parent account through an index (the store accounts
of a batch's payers), and PostgreSQL leaves room in open-item pages for their updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from core.db.engine import make_engine
from core.db.migrate import current, head, upgrade
from core.db.uow import SqlUnitOfWork
from core.domain.parties import Customer
from tests.support.migrations import downgrade

INDEX = "ix_customers_parent_account"


def _indexes(engine: Engine) -> dict[str, list[str | None]]:
    return {ix["name"] or "": ix["column_names"] for ix in inspect(engine).get_indexes("customers")}


def test_customers_have_an_index_on_the_parent_account(engine: Engine, uow: SqlUnitOfWork) -> None:
    assert _indexes(engine)[INDEX] == ["parent_account"]
    with uow:
        for account, parent in (("P1", None), ("S1", "P1"), ("S2", "P1"), ("S3", "P2")):
            uow.customers.put(Customer(account, account, "USD", parent_account=parent))
        uow.commit()
    with uow:
        assert uow.customers.child_accounts(["P1", "P2"]) == [
            ("P1", "S1"),
            ("P1", "S2"),
            ("P2", "S3"),
        ]


def test_sqlite_reads_children_through_the_index(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    upgrade(engine)
    with engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                text("EXPLAIN QUERY PLAN SELECT account FROM customers WHERE parent_account = 'P'")
            )
        )
    assert INDEX in plan
    engine.dispose()


def test_postgresql_open_items_leave_room_for_updates(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no fill factor")
    with engine.connect() as conn:
        options = conn.execute(
            text("SELECT reloptions FROM pg_class WHERE relname = 'open_items'")
        ).scalar_one()
    assert "fillfactor=90" in options


def test_downgrade_drops_the_index(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    upgrade(engine)
    assert current(engine) == head()
    downgrade(engine, "0003")
    assert INDEX not in _indexes(engine)
    upgrade(engine)
    assert INDEX in _indexes(engine)
    engine.dispose()
