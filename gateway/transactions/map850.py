"""Map a parsed 850 to what the ledger should do, through the partner's mapping.

- BEG01 00 original → place an order (``PlaceOrder``), one per ship-to store when the lines
  carry SDQ store quantities (a bulk order split store by store: every store gets its own sales
  order with the store's quantities, the PO number shared, the store in the external refs);
- 01 cancel → cancel the orders of that PO number;
- 04 change / 05 replace → change the open orders of that PO number (the ledger refuses what
  can no longer change);
- 07 duplicate → recorded, nothing posted.

Every line must resolve to one of our SKUs through the item cross-reference (buyer item,
GTIN, vendor item, by the partner's qualifiers), its unit through the unit crosswalk, and its
price within the partner's tolerance of ours; the ship-to store must be known. Anything else
is a ``MAP_`` problem with the segment it comes from: never a silent default. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.domain.commands import OrderLineInput, PlaceOrder
from gateway.transactions.mapping import PartnerMapping
from gateway.transactions.ts850 import OrderLine, PurchaseOrder
from gateway.x12.problems import Location, Problem, error


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """What the mapping needs to know of one of our items."""

    sku: str
    unit_price: Decimal  # per ``unit``
    unit: str
    units: frozenset[str]  # units the item can be ordered in


@dataclass(frozen=True, slots=True)
class MappedOrder:
    """What to do with one 850: ``action`` is place, cancel, change or none."""

    action: str
    po_number: str
    commands: tuple[PlaceOrder, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _line_location(line: OrderLine, element: int | None = None) -> Location:
    return Location(segment_index=line.segment_index, segment_tag="PO1", element=element)


def _resolve_line(
    line: OrderLine,
    mapping: PartnerMapping,
    catalog: Mapping[str, CatalogItem],
    problems: list[Problem],
) -> tuple[str, str] | None:
    """(sku, unit) for a line, or None with the problems said."""
    q = mapping.item_qualifiers
    buyer = line.identifier(q.buyer_item)
    gtin = line.identifier(q.gtin)
    vendor = line.identifier(q.vendor_item)
    sku = mapping.sku_for(
        buyer_item=buyer[1] if buyer else "",
        gtin=gtin[1] if gtin else "",
        vendor_item=vendor[1] if vendor else "",
    )
    if sku is None and vendor is not None and vendor[1] in catalog:
        sku = vendor[1]  # the partner sent our own SKU as its vendor item number
    if sku is None or sku not in catalog:
        shown = ", ".join(f"{k} {v}" for k, v in line.identifiers.items()) or "no identifiers"
        problems.append(
            error(
                "MAP_UNKNOWN_ITEM",
                f"line {line.line_number}: no item of ours matches "
                f"{shown} (add it to the partner's items.csv)",
                _line_location(line, 7),
            )
        )
        return None
    item = catalog[sku]
    unit = mapping.unit_for(line.unit)
    if unit not in item.units:
        problems.append(
            error(
                "MAP_UNKNOWN_UNIT",
                f"line {line.line_number}: unit {line.unit!r} (ours: "
                f"{unit!r}) is not a unit of {sku}; units are {', '.join(sorted(item.units))}",
                _line_location(line, 3),
            )
        )
        return None
    if line.unit_price is not None and unit == item.unit:
        ours = item.unit_price
        allowed = ours * mapping.price_tolerance
        if abs(line.unit_price - ours) > allowed:
            problems.append(
                error(
                    "MAP_PRICE",
                    f"line {line.line_number}: price {line.unit_price} differs "
                    f"from our {ours} for {sku} by more than the partner's tolerance "
                    f"({mapping.price_tolerance:%})",
                    _line_location(line, 4),
                )
            )
            return None
    return sku, unit


def _references(order: PurchaseOrder, mapping: PartnerMapping) -> dict[str, str]:
    refs = {f"REF {k}": v for k, v in order.references.items()}
    refs.update({"po_type": order.order_type, "po_date": str(order.po_date or "")})
    for name, value in order.dates.items():
        refs[f"date {name}"] = value.isoformat()
    ship_to = order.party("ST")
    if ship_to is not None and ship_to.id:
        refs["ship_to"] = ship_to.id
    return refs


def map_850(
    order: PurchaseOrder,
    mapping: PartnerMapping,
    catalog: Mapping[str, CatalogItem],
    source_key: str,
) -> MappedOrder:
    """The ledger action for ``order``; ``source_key`` identifies the set (idempotency)."""
    purpose = order.purpose
    if purpose == "duplicate":
        return MappedOrder("none", order.po_number)
    if purpose == "cancel":
        return MappedOrder("cancel", order.po_number)
    problems: list[Problem] = []
    if not order.lines:
        problems.append(error("MAP_NO_LINES", "the purchase order has no PO1 lines", Location()))
    resolved = [(line, _resolve_line(line, mapping, catalog, problems)) for line in order.lines]
    ship_to = order.party("ST")
    known = mapping.ship_to
    if ship_to is not None and ship_to.id_qualifier == "92" and known and ship_to.id not in known:
        problems.append(
            error(
                "MAP_UNKNOWN_SHIP_TO",
                f"ship-to store {ship_to.id} is not in the partner's ship_to.csv",
                Location(segment_tag="N1", element=4),
            )
        )
    stores = sorted({s.store for line in order.lines for s in line.stores})
    for store in stores:
        if mapping.ship_to and store not in mapping.ship_to:
            problems.append(
                error(
                    "MAP_UNKNOWN_SHIP_TO",
                    f"SDQ store {store} is not in the partner's ship_to.csv",
                    Location(segment_tag="SDQ"),
                )
            )
    if any(p.is_error for p in problems):
        return MappedOrder("place", order.po_number, (), tuple(problems))
    refs = _references(order, mapping)
    action = "change" if purpose in ("change", "replace") else "place"
    if not stores:
        lines = tuple(
            OrderLineInput(sku, line.quantity, line.unit_price, unit, line.line_number)
            for line, (sku, unit) in ((ln, r) for ln, r in resolved if r is not None)
        )
        command = PlaceOrder(
            mapping.customer_account,
            lines,
            order.po_number,
            external_refs=refs,
            order_date=order.po_date,
            idempotency_key=source_key,
        )
        return MappedOrder(action, order.po_number, (command,), tuple(problems))
    commands = []
    for store in stores:
        lines = tuple(
            OrderLineInput(sku, quantity.quantity, line.unit_price, unit, line.line_number)
            for line, result in resolved
            if result is not None
            for sku, unit in [result]
            for quantity in line.stores
            if quantity.store == store
        )
        commands.append(
            PlaceOrder(
                mapping.customer_account,
                lines,
                order.po_number,
                external_refs={**refs, "ship_to": store, "store": store},
                order_date=order.po_date,
                idempotency_key=f"{source_key}/{store}",
            )
        )
    return MappedOrder(action, order.po_number, tuple(commands), tuple(problems))
