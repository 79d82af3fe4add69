"""``dumps_strings`` and the JSON column binding write exactly what ``dumps`` writes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.db.types import dumps, dumps_strings
from core.domain.events import InvoicePosted, OrderChanged, OrderPlaced, PackingSlipPosted

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
