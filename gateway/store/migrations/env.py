"""Alembic environment for the gateway store's tables; run through ``gateway.store.migrate``."""

from __future__ import annotations

from alembic import context

from gateway.store.migrate import VERSION_TABLE
from gateway.store.tables import metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the gateway migrations through gateway.store.migrate.upgrade")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        version_table=VERSION_TABLE,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
