"""The tables of ``core.db.tables`` made by ``metadata.create_all`` and the tables the
migrations make are the same on SQLite: columns, primary keys, rowid or not, indexes and foreign
keys (the SQLite-only changes of migrations 0002, 0003, 0005 and 0006 are in the metadata as
SQLite-only options and conditional indexes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

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
