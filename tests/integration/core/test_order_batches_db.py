"""The batch services of the order cycle on SQLite and PostgreSQL: every stored row (orders,
slips, invoices and their lines, journal entries and lines, open items, settlements, keys,
stock, number sequences, outbox events in order) the same as the one-by-one calls store, and
the same refusals (tests/support/order_batches.py).

The one-by-one run is one transaction, read and rolled back; the batches then run in the same
database, each batch its own unit of work, committed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.db.uow import SqlUnitOfWork
from tests.support import order_batches as ob


def test_batches_store_what_one_by_one_stores(uow: SqlUnitOfWork) -> None:
    ob.seed(uow)
    with uow:  # never committed
        numbers = ob.cycle(uow, ob.ONE_BY_ONE)
        one = ob.stored(uow)
    assert ob.cycle(uow, ob.BATCHES) == numbers
    batched = ob.stored(uow)
    assert len(one.tables["journal_lines"]) > 300 and len(one.tables["settlements"]) > 20
    assert len(one.tables["outbox"]) > 200
    assert one == batched


@pytest.mark.parametrize("scenario", ob.REFUSALS, ids=lambda f: f.__name__)
def test_a_refused_command_refuses_its_batch(
    uow: SqlUnitOfWork, scenario: Callable[[SqlUnitOfWork], tuple[str, list[Any]]]
) -> None:
    ob.seed(uow)
    step, cmds = scenario(uow)
    before = ob.stored(uow)
    with pytest.raises(Exception) as one, uow:
        ob.ONE_BY_ONE[step](uow, cmds)
    with pytest.raises(type(one.value)) as batch:
        ob.BATCHES[step](uow, cmds)
    assert str(batch.value) == str(one.value)
    assert ob.stored(uow) == before


def test_batches_sent_again_post_nothing(uow: SqlUnitOfWork) -> None:
    ob.seed(uow)
    first = ob.keyed_cycle(uow)
    before = ob.stored(uow)
    assert ob.keyed_cycle(uow) == first
    assert ob.stored(uow) == before
