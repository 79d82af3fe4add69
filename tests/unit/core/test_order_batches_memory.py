"""The batch services of the order cycle on the in-memory ledger: the same state (orders, slips,
invoices, open items, settlements, journal entries, keys, stock, outbox) as the one-by-one
calls, and the same refusals (tests/support/order_batches.py)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.memory import MemoryUnitOfWork
from tests.support import order_batches as ob


@pytest.mark.parametrize("size", [1, 7, 20])
def test_batches_post_what_one_by_one_posts(size: int) -> None:
    one, batched = ob.memory_uow(), ob.memory_uow()
    numbers = ob.cycle(one, ob.ONE_BY_ONE, size=size)
    assert ob.cycle(batched, ob.BATCHES, size=size) == numbers
    assert len(one.state.entries) > 100 and len(one.state.settlements) > 20
    assert one.state == batched.state


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), size=st.integers(1, 25))
def test_batches_post_what_one_by_one_posts_for_any_book(seed: int, size: int) -> None:
    one, batched = ob.memory_uow(), ob.memory_uow()
    numbers = ob.cycle(one, ob.ONE_BY_ONE, seed=seed, orders=30, size=size)
    assert ob.cycle(batched, ob.BATCHES, seed=seed, orders=30, size=size) == numbers
    assert one.state == batched.state


def test_batches_sent_again_post_nothing() -> None:
    uow = ob.memory_uow()
    first = ob.keyed_cycle(uow)
    before = copy.deepcopy(uow.state)
    assert ob.keyed_cycle(uow) == first
    assert uow.state == before


@pytest.mark.parametrize("scenario", ob.REFUSALS, ids=lambda f: f.__name__)
def test_a_refused_command_refuses_its_batch(
    scenario: Callable[[MemoryUnitOfWork], tuple[str, list[Any]]],
) -> None:
    uow = ob.memory_uow()
    step, cmds = scenario(uow)
    before = copy.deepcopy(uow.state)
    with pytest.raises(Exception) as one, uow:
        ob.ONE_BY_ONE[step](uow, cmds)
    assert uow.state == before
    with pytest.raises(type(one.value)) as batch:
        ob.BATCHES[step](uow, cmds)
    assert str(batch.value) == str(one.value)
    assert uow.state == before
