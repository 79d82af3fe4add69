"""Deferred inserts go straight to the driver's cursor; a driver error there must still reach the
caller as the ledger's error: a duplicate key (another worker wrote the row first) is a
``ConcurrencyConflict`` and nothing of the transaction is kept."""

from __future__ import annotations

import pytest

from core.db.uow import SqlUnitOfWork
from core.domain.errors import ConcurrencyConflict


def test_duplicate_deferred_row_is_a_conflict(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.idempotency.add("place_order", "850:1", "SO-000001")
        uow.commit()
    with pytest.raises(ConcurrencyConflict), uow:
        uow.idempotency.add("place_order", "850:2", "SO-000002")
        uow.idempotency.add("place_order", "850:1", "SO-000003")  # the same key as above
        uow.commit()
    with uow:  # the failed transaction left nothing behind
        assert uow.idempotency.get("place_order", "850:1") == "SO-000001"
        assert uow.idempotency.get("place_order", "850:2") is None
