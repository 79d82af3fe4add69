"""``core.domain.frozen.quick_init``: the replaced ``__init__`` takes the same arguments and makes
the same objects as the one ``dataclass`` writes, and the objects stay frozen."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from core.domain.catalog import Item
from core.domain.documents import Invoice, InvoiceKind, InvoiceLine, PackingSlip, PackingSlipLine
from core.domain.errors import UnbalancedEntry
from core.domain.frozen import quick_init
from core.domain.journal import JournalEntry, JournalLine


def _pair(**kw: object) -> tuple[type, type]:
    """The same frozen dataclass twice: as ``dataclass`` made it and with ``quick_init``."""

    def make() -> type:
        @dataclass(frozen=True, slots=True, **kw)  # type: ignore[call-overload]
        class Line:
            line_no: int
            sku: str
            amount: Decimal = Decimal("1.50")
            tags: list[str] = field(default_factory=list)
            note: str = field(default="", kw_only=True)
            checked: list[int] = field(default_factory=list, kw_only=True, compare=False)

            def __post_init__(self) -> None:
                self.checked.append(self.line_no)
                if self.line_no < 0:
                    raise ValueError("negative line")

        return Line

    return make(), quick_init(make())


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    ((1, "A"), {}),
    ((2, "B", Decimal("3.25")), {}),
    ((3, "C", Decimal(0), ["x"]), {"note": "n"}),
    ((), {"line_no": 4, "sku": "D", "note": "kw", "tags": ["y"]}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_same_objects_as_the_dataclass_init(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = _pair()
    a, b = plain(*args, **kwargs), quick(*args, **kwargs)
    assert dataclasses.astuple(a) == dataclasses.astuple(b)
    assert a.checked == b.checked == [a.line_no]  # __post_init__ ran once


def test_default_factories_give_a_new_object_each_time() -> None:
    _, quick = _pair()
    first, second = quick(1, "A"), quick(2, "B")
    assert first.tags == [] and first.tags is not second.tags


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1,), {}), ((1, "A", 1, [], 5), {}), ((1, "A"), {"colour": "red"})],
)
def test_wrong_arguments_are_refused_as_before(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = _pair()
    with pytest.raises(TypeError):
        plain(*args, **kwargs)
    with pytest.raises(TypeError):
        quick(*args, **kwargs)


def test_post_init_errors_and_frozen_fields_stay() -> None:
    _, quick = _pair()
    with pytest.raises(ValueError, match="negative line"):
        quick(-1, "A")
    line = quick(1, "A")
    with pytest.raises(FrozenInstanceError):
        line.sku = "B"
    assert dataclasses.replace(line, sku="B").sku == "B"


def test_only_frozen_slotted_dataclasses() -> None:
    @dataclass(slots=True)
    class Mutable:
        x: int

    @dataclass(frozen=True)
    class NoSlots:
        x: int

    for cls in (Mutable, NoSlots, int):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_the_ledger_classes_build_and_stay_frozen() -> None:
    d = Decimal
    item = Item("SKU1", "Widget", d("9.99"), d("4.10"))
    assert (item.uom, item.on_hand, item.conversions, item.tax_code) == ("EA", d(0), {}, None)
    slip_line = PackingSlipLine(1, "SKU1", d(3), "EA", d(3), d("12.30"))
    slip = PackingSlip("PS-1", "SO-1", "C1", date(2026, 1, 5), "USD", (slip_line,))
    line = InvoiceLine(
        1, "Widget", d(3), "EA", d("9.99"), d("29.97"), d(0), d(0), d("29.97"), "STD",
        d("8.25"), d("2.47"), "4000",
    )  # fmt: skip
    inv = Invoice("INV-1", InvoiceKind.SALES, "C1", "USD", date(2026, 1, 5), date(2026, 2, 4),
                  (line,))  # fmt: skip
    assert (slip.is_receipt, line.sku, line.allowances, inv.external_refs) == (False, "", (), {})
    assert inv.total == d("32.44")
    pair = (JournalLine("1100", "USD", d("1.00")), JournalLine("4000", "USD", d("-1.00")))
    ok = JournalEntry("JE-1", date(2026, 1, 5), "invoice", "INV-1", pair)
    assert ok.text == "" and ok.reverses is None
    with pytest.raises(UnbalancedEntry):
        JournalEntry("JE-2", date(2026, 1, 5), "invoice", "INV-2",
                     (JournalLine("1100", "USD", d("1.00")),))  # fmt: skip
    for obj, name in ((item, "on_hand"), (slip_line, "sku"), (line, "net_amount"), (inv, "number")):
        with pytest.raises(FrozenInstanceError):
            setattr(obj, name, None)
