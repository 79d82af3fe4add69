"""``core.domain.frozen.quick_make``: the maker makes the objects the constructor makes (same
class, fields, equality, hash), and they behave as any other instance: frozen, copied, pickled,
replaced."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass
from decimal import Decimal

import pytest

from core.domain.documents import (
    InvoiceLine,
    PackingSlipLine,
    make_invoice_line,
    make_slip_line,
)
from core.domain.frozen import quick_init, quick_make


class _Base:
    __slots__ = ("_cached",)


@quick_init
@dataclass(frozen=True, slots=True)
class _WithBase(_Base):
    number: str
    amount: Decimal
    tags: tuple[str, ...] = ()


D = Decimal
INVOICE_LINE = (
    1, "Widget", D(3), "EA", D("9.99"), D("29.97"), D(0), D(0), D("29.97"), "STD", D("8.25"),
    D("2.47"), "4000", "SKU1", "0123", 7, "PO-1/1", (),
)  # fmt: skip


@pytest.mark.parametrize(
    ("cls", "make", "args"),
    [
        (InvoiceLine, make_invoice_line, INVOICE_LINE),
        (PackingSlipLine, make_slip_line, (2, "SKU1", D(3), "BOX", D(36), D("12.30"))),
        (_WithBase, quick_make(_WithBase), ("N-1", D("1.50"), ("a",))),
    ],
)
def test_the_same_object_as_the_constructor(cls: type, make: object, args: tuple) -> None:
    assert callable(make)
    made, built = make(*args), cls(*args)
    assert type(made) is cls
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.astuple(made) == dataclasses.astuple(built) == args
    for name, value in zip([f.name for f in dataclasses.fields(cls)], args, strict=True):
        assert getattr(made, name) is value
    with pytest.raises(FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, None)
    assert copy.copy(made) == made and copy.deepcopy(made) == made
    assert pickle.loads(pickle.dumps(made)) == built
    first = dataclasses.fields(cls)[0].name
    assert getattr(dataclasses.replace(made, **{first: args[0]}), first) == args[0]


def test_a_base_slot_stays_free_to_set() -> None:
    made = quick_make(_WithBase)("N-1", D(1), ())
    object.__setattr__(made, "_cached", 5)
    assert made._cached == 5
    assert not hasattr(quick_make(_WithBase)("N-2", D(1), ()), "_cached")


def test_every_field_is_required_positionally() -> None:
    with pytest.raises(TypeError):
        make_slip_line(1, "SKU1", D(3), "EA", D(3))
    with pytest.raises(TypeError):
        make_slip_line(1, "SKU1", D(3), "EA", D(3), D(1), D(2))


def test_only_frozen_slotted_dataclasses_without_post_init() -> None:
    @dataclass(slots=True)
    class Mutable:
        x: int

    @dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            if self.x < 0:
                raise ValueError("negative")

    for cls in (Mutable, NoSlots, Checked, int):
        with pytest.raises(TypeError):
            quick_make(cls)
