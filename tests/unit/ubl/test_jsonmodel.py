"""The model as JSON (for o2c ubl render FILE.json)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from gateway.ubl.errors import BuildError
from gateway.ubl.example import example_invoice
from gateway.ubl.jsonmodel import document_from_json, to_json
from tests.unit.ubl.cases import ALL_CASES


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_json_round_trip(name: str) -> None:
    doc = ALL_CASES[name]()
    assert document_from_json(json.loads(json.dumps(to_json(doc)))) == doc


def test_decimals_are_strings_and_defaults_left_out() -> None:
    data = to_json(example_invoice())
    assert data["lines"][2]["unit_price"] == "4.995"
    assert "prepaid_amount" not in data
    no_profile = to_json(replace(example_invoice(), profile_id=None))
    assert no_profile["profile_id"] is None
    assert document_from_json(no_profile).profile_id is None


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"currency": 5}, "document.currency: expected str"),
        ({"issue_date": "02/11/2026"}, "not an ISO date"),
        ({"kind": "Order"}, "is not one of"),
        ({"prepaid_amount": 1.5}, "expected a decimal string"),
        ({"surprise": 1}, "unknown field"),
    ],
)
def test_bad_json_is_reported_with_the_field(patch: dict[str, object], message: str) -> None:
    data = to_json(example_invoice()) | patch
    with pytest.raises(BuildError, match=message):
        document_from_json(data)


def test_missing_required_field() -> None:
    data = to_json(example_invoice())
    del data["seller"]
    with pytest.raises(BuildError, match="missing field 'seller'"):
        document_from_json(data)
