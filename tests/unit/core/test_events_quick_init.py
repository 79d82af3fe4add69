"""The cash-application events made by ``quick_init``'s ``__init__``: the same events (fields,
payload, outbox text, equality) as the ``__init__`` the dataclass writes, and still frozen."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError
from decimal import Decimal as D

import pytest

from core.db.types import dumps_event
from core.domain.events import DeductionOpened, Event, PaymentRecorded, SettlementPosted

ARGS: list[tuple[type[Event], tuple[object, ...]]] = [
    (PaymentRecorded, ("PAY-000001", "C1", 'ref "1"', "USD", D("10.50"))),
    (SettlementPosted, ("STL-000001", "INV-1", "PAY-000001", D("-0.00"))),
    (DeductionOpened, ("DED-000001", "INV-1", "FREIGHT", D("3"))),
]


def _plain_twin(cls: type[Event], values: tuple[object, ...]) -> Event:
    """An event of ``cls`` made through ``object.__setattr__`` per field, as the dataclass's own
    frozen ``__init__`` makes it."""
    event = object.__new__(cls)
    for f, value in zip(dataclasses.fields(cls), values, strict=True):
        object.__setattr__(event, f.name, value)
    return event


@pytest.mark.parametrize(("cls", "values"), ARGS)
def test_same_event_as_set_field_by_field(cls: type[Event], values: tuple[object, ...]) -> None:
    quick = cls(*values)
    by_name = cls(**{f.name: v for f, v in zip(dataclasses.fields(cls), values, strict=True)})
    plain = _plain_twin(cls, values)
    assert quick == by_name == plain
    assert dataclasses.astuple(quick) == values
    assert quick.payload() == plain.payload()
    assert dumps_event(quick) == dumps_event(plain)


@pytest.mark.parametrize(("cls", "values"), ARGS)
def test_still_frozen_and_strict_about_arguments(
    cls: type[Event], values: tuple[object, ...]
) -> None:
    event = cls(*values)
    with pytest.raises(FrozenInstanceError):
        event.amount = D(1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        cls(*values[:-1])
    with pytest.raises(TypeError):
        cls(*values, "extra")
