"""``core.domain.frozen.quick_make``: the maker makes the objects the constructor makes (same
class, fields, equality, hash), and they behave as any other instance: frozen, copied, pickled,
replaced."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass
from datetime import date
from decimal import Decimal

import pytest

from core.domain.documents import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    PackingSlip,
    PackingSlipLine,
    make_invoice,
    make_invoice_line,
    make_packing_slip,
    make_slip_line,
)
from core.domain.frozen import quick_init, quick_make
from core.domain.journal import JournalLine, make_journal_line


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
SLIP_LINE = (2, "SKU1", D(3), "BOX", D(36), D("12.30"))
DAY = date(2026, 1, 5)
INVOICE = (
    "INV-1", InvoiceKind.SALES, "C1", "USD", DAY, date(2026, 2, 4), (InvoiceLine(*INVOICE_LINE),),
    "2/10 net 30", date(2026, 1, 15), D("0.65"), "SO-1", "C2", "PO-1", ("PS-1",), (), "", "",
    {"ref": "x"},
)  # fmt: skip


@pytest.mark.parametrize(
    ("cls", "make", "args"),
    [
        (InvoiceLine, make_invoice_line, INVOICE_LINE),
        (PackingSlipLine, make_slip_line, SLIP_LINE),
        (PackingSlip, make_packing_slip, ("PS-1", "SO-1", "C1", DAY, "USD", (), True)),
        (Invoice, make_invoice, INVOICE),
        (JournalLine, make_journal_line, ("1100", "USD", D("-1.00"), "C1", "text")),
        (_WithBase, quick_make(_WithBase), ("N-1", D("1.50"), ("a",))),
    ],
)
def test_the_same_object_as_the_constructor(cls: type, make: object, args: tuple) -> None:
    assert callable(make)
    made, built = make(*args), cls(*args)
    assert type(made) is cls
    assert made == built and repr(made) == repr(built)
    try:
        expected = hash(built)
    except TypeError:  # a dict field (an invoice's references): neither hashes
        with pytest.raises(TypeError):
            hash(made)
    else:
        assert hash(made) == expected
    assert dataclasses.astuple(made) == dataclasses.astuple(built)
    for name, value in zip([f.name for f in dataclasses.fields(cls)], args, strict=True):
        assert getattr(made, name) is value
    with pytest.raises(FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, None)
    assert copy.copy(made) == made and copy.deepcopy(made) == made
    assert pickle.loads(pickle.dumps(made)) == built
    first = dataclasses.fields(cls)[0].name
    assert getattr(dataclasses.replace(made, **{first: args[0]}), first) == args[0]


def test_an_invoice_sums_its_lines_as_one_built_by_its_constructor() -> None:
    made, built = make_invoice(*INVOICE), Invoice(*INVOICE)
    assert (made.net_total, made.tax_total, made.total) == (
        built.net_total,
        built.tax_total,
        built.total,
    )


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


@dataclass(slots=True)
class _Mutable:
    x: int


@dataclass(frozen=True)
class _NoSlots:
    x: int


@dataclass(frozen=True, slots=True)
class _Checked:
    x: int

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("negative")


@dataclass(frozen=True, slots=True)
class _Clashing:
    _obj: int


@pytest.mark.parametrize("cls", [_Mutable, _NoSlots, _Checked, _Clashing, int])
def test_only_frozen_slotted_dataclasses_without_post_init_or_clashing_names(cls: type) -> None:
    with pytest.raises(TypeError):
        quick_make(cls)
