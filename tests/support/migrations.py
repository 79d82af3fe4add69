"""Helpers of the migration tests: a table's stored SQL and the indexes made by statements on
SQLite, and an Alembic downgrade."""

from __future__ import annotations

from sqlalchemy import Engine, text

from core.db.migrate import alembic_config


def table_sql(engine: Engine, name: str) -> str:
    """The ``CREATE TABLE`` statement SQLite keeps for table ``name``."""
    with engine.connect() as conn:
        return str(
            conn.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :n"),
                {"n": name},
            ).scalar_one()
        )


def sqlite_indexes(engine: Engine) -> set[str]:
    """The names of the indexes made by a ``CREATE INDEX`` on SQLite (not primary-key ones)."""
    with engine.connect() as conn:
        return set(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            ).scalars()
        )


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the ledger's schema on ``engine`` to ``revision``."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
