"""Field overrides in both directions."""

from __future__ import annotations

from gateway.transactions.mapping import FieldOverride
from gateway.transactions.overrides import apply, apply_inbound
from gateway.transactions.ts850 import parse_850
from gateway.x12.envelope import TransactionSet, read_envelopes
from tests.conftest import FIXTURES


def test_outbound_value_is_set_or_added_after_the_opening_segment() -> None:
    body = [["BIG", "20261120", "INV-1"], ["REF", "DP", "042"], ["IT1", "1"]]
    rows = apply(
        body,
        "810",
        (
            FieldOverride("REF[IA]02", "77123", "", "810"),
            FieldOverride("REF[DP]02", "099", "", "810"),
            FieldOverride("REF[ZZ]02", "X", "", "856"),
        ),
        inbound=False,
    )
    assert rows == [
        ["BIG", "20261120", "INV-1"],
        ["REF", "IA", "77123"],
        ["REF", "DP", "099"],
        ["IT1", "1"],
    ]


def test_856_references_go_to_the_order_level() -> None:
    body = [
        ["BSN", "00", "S1"],
        ["HL", "1", "", "S"],
        ["TD1", "CTN"],
        ["HL", "2", "1", "O"],
        ["PRF", "PO-1"],
        ["HL", "3", "2", "I"],
    ]
    rows = apply(
        body,
        "856",
        (
            FieldOverride("REF[IA]02", "77123", "", "856"),
            FieldOverride("TD5[]03", "UPSN", "", "856"),
        ),
        inbound=False,
    )
    assert rows[5] == ["REF", "IA", "77123"]


def test_inbound_value_copied_from_another_path() -> None:
    data = (FIXTURES / "x12" / "valid" / "850_5010_northwind.edi").read_bytes()
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    override = FieldOverride("N1[BT]04", "", "N1[BY]04", "850")
    segments = apply_inbound(transaction.segments, "850", (override,))
    order, problems = parse_850(segments)
    assert problems == [] and order is not None
    bill_to = order.party("BT")
    assert bill_to is not None and bill_to.id == "8712345000011"
    assert [s.tag for s in segments].index("N1") < [s.tag for s in segments].index("PO1")
