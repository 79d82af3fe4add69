"""The tables of ``core.db.tables`` made by ``metadata.create_all`` and the tables the
migrations make are the same: on SQLite columns, primary keys, rowid or not, indexes and foreign
keys, on PostgreSQL the indexes (the changes the migrations make on one database only are in the
metadata as SQLite options and indexes made on one database: ``ddl_if``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_mock_engine, inspect, text

from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import upgrade


def _schema(engine: Engine) -> dict[str, Any]:
    """Per table of the ledger: columns, rowid or not, named indexes and foreign keys."""
    found: dict[str, Any] = {}
    with engine.connect() as conn:
        for name in tables.metadata.tables:
            listed = conn.exec_driver_sql(f"PRAGMA table_list({name})").mappings().one()
            indexes = {
                ix["name"]: (
                    ix["unique"],
                    [c[2] for c in conn.exec_driver_sql(f"PRAGMA index_info({ix['name']})")],
                )
                for ix in conn.exec_driver_sql(f"PRAGMA index_list({name})").mappings()
                if ix["origin"] == "c"  # made by CREATE INDEX, not a key's own
            }
            found[name] = {
                "columns": [tuple(r) for r in conn.exec_driver_sql(f"PRAGMA table_info({name})")],
                "without_rowid": listed["wr"],
                "indexes": indexes,
                "foreign_keys": sorted(
                    (r[2], r[3], r[4])
                    for r in conn.exec_driver_sql(f"PRAGMA foreign_key_list({name})")
                ),
            }
        found["*"] = sorted(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' AND name != :v"),
                {"v": "alembic_version"},
            ).scalars()
        )
    return found


def test_create_all_makes_the_migrated_schema(tmp_path: Path) -> None:
    migrated = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    upgrade(migrated)
    created = make_engine(f"sqlite:///{tmp_path / 'created.sqlite'}")
    tables.metadata.create_all(created)
    expected, got = _schema(migrated), _schema(created)
    assert got == expected
    assert expected["orders"]["without_rowid"] == 1
    assert "ix_open_items_account_date_number" in expected["open_items"]["indexes"]
    migrated.dispose()
    created.dispose()


def test_create_all_makes_postgresqls_migrated_indexes(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's schema is compared above")
    made: list[str] = []

    def keep(sql: Any, *args: Any, **kwargs: Any) -> None:
        made.append(str(sql.compile(dialect=mock.dialect)))

    mock = create_mock_engine(engine.url, keep)
    tables.metadata.create_all(mock, checkfirst=False)
    created = {m.group(1) for sql in made if (m := re.match(r"CREATE INDEX (\w+)", sql))}
    found = inspect(engine)
    migrated = {
        str(ix["name"]) for name in tables.metadata.tables for ix in found.get_indexes(name)
    }
    assert created == migrated
    assert "ix_open_items_customer_account" in created
    assert "ix_open_items_account_date_number" not in created
