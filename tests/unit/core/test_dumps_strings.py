"""``dumps_strings``, ``dumps_event`` and the JSON column binding write exactly what ``dumps``
writes."""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from decimal import Decimal

import pytest

from core.db.types import dumps, dumps_event, dumps_strings
from core.domain.events import (
    Event,
    InvoicePosted,
    OrderChanged,
    OrderPlaced,
    PackingSlipPosted,
    field_names,
)

PAYLOADS = [
    {},
    {"order_number": "SO-000001"},
    {"z": "last", "a": "first", "m": "middle"},
    {"po": 'quote " backslash \\ slash /', "tab": "a\tb\nc\r\x00\x1f"},
    {"name": "Müller & Søn 東京 €", "emoji": "📦", "bom": "\ufeff"},
    {"Ä": "upper-case key", "a": "", "": "empty key"},
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_same_text_as_dumps(payload: dict[str, str]) -> None:
    assert dumps_strings(payload) == dumps(payload)


def test_event_payloads() -> None:
    events = [
        OrderPlaced("SO-000001", "C1", "PO-Ünïcode"),
        OrderChanged("SO-000001", (1, 2)),
        PackingSlipPosted("PS-000001", "SO-000001", False),
        InvoicePosted("INV-000001", "C1", "SO-000001", "USD", Decimal("12.30")),
    ]
    for event in events:
        assert dumps_strings(event.payload()) == dumps(event.payload())


@pytest.mark.parametrize(
    "value",
    [
        [],
        (),
        {},
        ["PS-000001"],
        ["PS-000001", "PS-000002", 'quo"te', "Ünï\n"],
        [1, "mixed"],
        ("a", "b"),
        {"k": "v"},
        [{"is_charge": True, "amount": Decimal("1.50")}],
        "",
        0,
        False,
        Decimal("0.00"),
    ],
)
def test_json_column_binds_like_dumps(value: object) -> None:
    from sqlalchemy.dialects import sqlite

    from core.db.types import JsonText

    column = JsonText().column_processor(sqlite.dialect())
    assert column([value, None]) == [dumps(value), None]


def _every_event() -> list[Event]:
    """One event of each class, its fields odd values (quotes, non-ASCII, Decimals, tuples)."""
    samples: list[object] = ['a "q" \\ Ü 東', Decimal("-0.50"), (1, 2), True, None, "", "x\ny"]
    events = []
    for cls in Event.__subclasses__():
        names = field_names(cls)
        events.append(cls(*(samples[i % len(samples)] for i in range(len(names)))))
    return events


def test_every_event_class_writes_its_payload_text() -> None:
    events = _every_event()
    assert len(events) >= 10
    for event in events:
        assert dumps_event(event) == dumps_strings(event.payload()) == dumps(event.payload())


def test_an_event_with_its_own_payload_writes_that() -> None:
    @dataclass(frozen=True, slots=True)
    class Renamed(OrderPlaced):
        def payload(self) -> dict[str, str]:
            return {"order": self.order_number}

    assert dumps_event(Renamed("SO-000001", "C1", "PO-1")) == '{"order": "SO-000001"}'


def test_json_column_of_nulls_only_is_left_as_it_is() -> None:
    from sqlalchemy.dialects import sqlite

    from core.db.types import JsonText

    column = JsonText().column_processor(sqlite.dialect())
    nulls = [None] * 5
    assert column(nulls) is nulls
    assert column([None, None, 0, None]) == [None, None, "0", None]


def test_event_writer_with_no_fields_and_non_ascii_field_names() -> None:
    """The writer's template is source text: keys that need escapes (a non-ASCII identifier),
    names of the writer's own locals, and a class without fields write what ``dumps`` writes."""

    empty = make_dataclass("Empty", [], bases=(Event,), frozen=True, slots=True)
    fields = [("caf\u00e9", str), ("quote", Decimal), ("text", str), ("event", str)]
    odd = make_dataclass("Odd", fields, bases=(Event,), frozen=True, slots=True)
    for event in (empty(), odd('50% "off"', Decimal("1.50"), "%s", "{x}")):
        assert dumps_event(event) == dumps(event.payload())
