"""``dumps_strings`` writes an event payload exactly as ``dumps`` does (the outbox text)."""

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
