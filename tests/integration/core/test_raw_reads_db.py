"""``core.db.raw.first_row`` on SQLite and PostgreSQL: the same row SQLAlchemy reads, in the
unit of work's transaction (it sees rows written there), None when nothing matches, and driver
errors wrapped as SQLAlchemy wraps them."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import DBAPIError

from core.db import tables as t
from core.db.raw import first_row
from core.db.repo_master import _key_result
from core.db.uow import SqlUnitOfWork


def test_reads_what_sqlalchemy_reads_in_the_same_transaction(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.idempotency.add("place_order", "850:1", "SO-000001")
        uow.flush()  # written, not committed: only this transaction sees it
        params = {"k_command": "place_order", "k_key": "850:1"}
        assert first_row(uow.connection, _key_result(), params) == ("SO-000001",)
        assert uow.connection.execute(_key_result(), params).one() == ("SO-000001",)
        missing = {"k_command": "place_order", "k_key": "850:2"}
        assert first_row(uow.connection, _key_result(), missing) is None
        assert uow.idempotency.get("place_order", "850:1") == "SO-000001"
    with uow:  # rolled back with the transaction
        assert uow.idempotency.get("place_order", "850:1") is None


def test_a_driver_error_is_wrapped(uow: SqlUnitOfWork) -> None:
    broken = select(t.idempotency_keys.c.result).where(
        t.idempotency_keys.c.command == bindparam("k_command"),
        t.idempotency_keys.c.key.op("@@@")(bindparam("k_key")),  # no such operator
    )
    with uow, pytest.raises(DBAPIError):
        first_row(uow.connection, broken, {"k_command": "x", "k_key": "y"})
