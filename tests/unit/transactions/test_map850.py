"""850 → ledger commands through the partner mapping; every miss is a MAP_ problem."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gateway.transactions.map850 import CatalogItem, map_850
from gateway.transactions.mapping import Address, ItemCrossReference, PartnerMapping
from gateway.transactions.ts850 import parse_850
from gateway.x12.envelope import TransactionSet, read_envelopes
from tests.conftest import FIXTURES

DATA = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()
MAPPING = PartnerMapping(
    "bigbox",
    "C-BIGBOX",
    items=(
        ItemCrossReference("WID-100", buyer_item="884411", gtin="012345678905"),
        ItemCrossReference("GAD-200", gtin="012345678912"),
        ItemCrossReference("SPR-300", vendor_item="SPR-300"),
    ),
    units={"CA": "CS"},
    ship_to={
        "6043": Address("DC 6043"),
        "0101": Address("STORE 101"),
        "0102": Address("STORE 102"),
    },
    price_tolerance=Decimal("0.01"),
)
CATALOG = {
    "WID-100": CatalogItem("WID-100", Decimal("12.50"), "EA", frozenset({"EA"})),
    "GAD-200": CatalogItem("GAD-200", Decimal("54.00"), "CS", frozenset({"EA", "CS"})),
    "SPR-300": CatalogItem("SPR-300", Decimal("3.875"), "EA", frozenset({"EA"})),
}


def order(data: bytes = DATA):  # type: ignore[no-untyped-def]
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    parsed, problems = parse_850(transaction.segments)
    assert parsed is not None and not problems
    return parsed


def test_original_order_becomes_one_place_order() -> None:
    mapped = map_850(order(), MAPPING, CATALOG, "file-1/812/0001")
    assert mapped.ok and mapped.action == "place"
    (command,) = mapped.commands
    assert (command.customer, command.po_number, command.idempotency_key) == (
        "C-BIGBOX",
        "4500012345",
        "file-1/812/0001",
    )
    assert [
        (ln.sku, ln.quantity, ln.uom, ln.unit_price, ln.external_line_ref) for ln in command.lines
    ] == [
        ("WID-100", Decimal(24), "EA", Decimal("12.50"), "1"),
        ("GAD-200", Decimal(6), "CS", Decimal("54.00"), "2"),
        ("SPR-300", Decimal(10), "EA", Decimal("3.875"), "3"),
    ]
    assert command.external_refs["REF DP"] == "042" and command.external_refs["ship_to"] == "6043"


def test_unknown_item_unit_price_and_store_are_problems_not_defaults() -> None:
    catalog = {**CATALOG, "WID-100": replace(CATALOG["WID-100"], unit_price=Decimal("11.00"))}
    del catalog["SPR-300"]  # line 3 (VN SPR-300) now matches nothing of ours
    mapping = replace(MAPPING, items=MAPPING.items[:2], units={}, ship_to={"9999": Address("X")})
    mapped = map_850(order(), mapping, catalog, "k")
    assert not mapped.ok and mapped.commands == ()
    codes = sorted(p.code for p in mapped.problems)
    assert codes == ["MAP_PRICE", "MAP_UNKNOWN_ITEM", "MAP_UNKNOWN_SHIP_TO", "MAP_UNKNOWN_UNIT"]
    price = next(p for p in mapped.problems if p.code == "MAP_PRICE")
    assert "12.50" in price.message and price.location.segment_tag == "PO1"


def test_vendor_item_number_is_our_sku() -> None:
    mapping = replace(MAPPING, items=MAPPING.items[:2])
    mapped = map_850(order(), mapping, CATALOG, "k")
    assert mapped.ok and mapped.commands[0].lines[2].sku == "SPR-300"


def test_price_within_tolerance_is_accepted() -> None:
    catalog = {**CATALOG, "WID-100": replace(CATALOG["WID-100"], unit_price=Decimal("12.40"))}
    # |12.50 - 12.40| = 0.10 <= 1% of 12.40 = 0.124
    assert map_850(order(), MAPPING, catalog, "k").ok


def test_sdq_splits_the_order_store_by_store() -> None:
    data = DATA.replace(
        b"PO4*12*1*EA~\nPO1*2", b"PO4*12*1*EA~\nSDQ*EA*92*0101*10*0102*14~\nPO1*2"
    ).replace(b"SE*25*", b"SE*26*")
    parsed = order(data)
    parsed = replace(parsed, lines=parsed.lines[:1])
    mapped = map_850(parsed, MAPPING, CATALOG, "k")
    assert mapped.ok
    assert [
        (c.external_refs["store"], c.idempotency_key, c.lines[0].quantity) for c in mapped.commands
    ] == [("0101", "k/0101", Decimal(10)), ("0102", "k/0102", Decimal(14))]


def test_cancel_duplicate_and_change() -> None:
    assert map_850(replace(order(), purpose="cancel"), MAPPING, CATALOG, "k").action == "cancel"
    duplicate = map_850(replace(order(), purpose="duplicate"), MAPPING, CATALOG, "k")
    assert duplicate.action == "none" and duplicate.commands == ()
    assert map_850(replace(order(), purpose="change"), MAPPING, CATALOG, "k").action == "change"
