"""X12 856 Ship Notice/Manifest (004010 VICS / 005010), outbound: a shipment to segments.

Two hierarchies (BSN05): ``SOPI`` (0001: Shipment, Order, Pack, Item — pick and pack, one MAN*GM
SSCC-18 per carton) and ``SOI`` (0004: Shipment, Order, Item, no pack level). HL01 numbers every
level, HL02 points at the parent, HL04 says whether children follow. The shipment level carries
TD1 (packaging and weight), TD5 (carrier), REF*BM (bill of lading), DTM*011 (ship date) and
N1*ST / N1*SF; the order level PRF (PO number and date) and the partner's REFs; the pack level
MAN*GM; the item level LIN (identifiers by the partner's qualifiers), SN1 (units shipped, unit,
units ordered) and PO4. CTT01 counts the HL segments, CTT02 sums SN102. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from gateway.transactions.common import Party, r_text
from gateway.transactions.mapping import PartnerMapping
from gateway.x12.serializer import Value

STRUCTURES = {"SOPI": "0001", "SOI": "0004"}


@dataclass(frozen=True, slots=True)
class ShippedItem:
    """One item line: the 850 line it answers (PO101), identifiers, quantities."""

    po_line: str
    sku: str
    quantity: Decimal
    unit: str
    ordered: Decimal | None = None
    gtin: str = ""
    buyer_item: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Carton:
    """A pack level: its SSCC-18 and the items in it."""

    sscc: str
    items: tuple[ShippedItem, ...]
    weight: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ShippedOrder:
    po_number: str
    po_date: date | None
    cartons: tuple[Carton, ...] = ()  # SOPI
    items: tuple[ShippedItem, ...] = ()  # SOI
    references: tuple[tuple[str, str], ...] = ()  # (REF01, REF02), e.g. ("DP", "042")
    mark_for: Party | None = None  # N1*BY on cross-dock orders


@dataclass(frozen=True, slots=True)
class ShipNotice:
    shipment_id: str  # BSN02: the packing slip number
    ship_date: date
    ship_time: time
    ship_to: Party
    ship_from: Party
    orders: tuple[ShippedOrder, ...]
    carrier_scac: str = ""
    transport_mode: str = "M"  # TD504: M motor (common carrier)
    bill_of_lading: str = ""
    packaging: str = "CTN25"  # TD101: carton, corrugated
    weight: Decimal | None = None
    weight_unit: str = "LB"
    purpose: str = "00"  # BSN01: 00 original, 05 replace, 01 cancel


def _party(party: Party) -> list[Value]:
    segment: list[Value] = ["N1", party.role, party.name]
    if party.id:
        segment += [party.id_qualifier or "92", party.id]
    return segment


def _lin(item: ShippedItem, mapping: PartnerMapping) -> list[Value]:
    lin: list[Value] = ["LIN", item.po_line]
    qualifiers = mapping.item_qualifiers
    pairs = [
        (qualifiers.gtin[0] if qualifiers.gtin else "UP", item.gtin),
        (qualifiers.vendor_item[0] if qualifiers.vendor_item else "VN", item.sku),
        (qualifiers.buyer_item[0] if qualifiers.buyer_item else "IN", item.buyer_item),
    ]
    for qualifier, value in pairs:
        if value:
            lin += [qualifier, value]
    return lin


def _item(item: ShippedItem, mapping: PartnerMapping) -> list[list[Value]]:
    sn1: list[Value] = ["SN1", "", r_text(item.quantity), item.unit]
    if item.ordered is not None:
        sn1 += ["", r_text(item.ordered), item.unit]
    segments = [_lin(item, mapping), sn1]
    if item.description:
        segments.append(["PID", "F", "", "", "", item.description[:80]])
    return segments


def render_856(
    notice: ShipNotice, mapping: PartnerMapping, structure: str = "SOPI"
) -> list[list[Value]]:
    """The segments between ST and SE of the 856 for ``notice``."""
    if structure not in STRUCTURES:
        raise ValueError(f"856 structure must be SOPI or SOI, not {structure!r}")
    body: list[list[Value]] = [
        [
            "BSN",
            notice.purpose,
            notice.shipment_id,
            notice.ship_date.strftime("%Y%m%d"),
            notice.ship_time.strftime("%H%M"),
            STRUCTURES[structure],
        ],
    ]
    counter = 0
    hash_total = Decimal(0)

    def hl(parent: int | None, level: str, children: bool) -> int:
        nonlocal counter
        counter += 1
        body.append(
            ["HL", str(counter), str(parent) if parent else "", level, "1" if children else "0"]
        )
        return counter

    shipment = hl(None, "S", bool(notice.orders))
    cartons = sum(len(o.cartons) for o in notice.orders) or None
    td1: list[Value] = ["TD1", notice.packaging, str(cartons or "")]
    if notice.weight is not None:
        td1 += ["", "", "", "G", r_text(notice.weight), notice.weight_unit]
    body.append(td1)
    if notice.carrier_scac:
        body.append(["TD5", "", "2", notice.carrier_scac, notice.transport_mode])
    if notice.bill_of_lading:
        body.append(["REF", "BM", notice.bill_of_lading])
    body.append(["DTM", "011", notice.ship_date.strftime("%Y%m%d")])
    body.append(_party(notice.ship_to))
    body.append(_party(notice.ship_from))
    for order in notice.orders:
        has_children = bool(order.cartons if structure == "SOPI" else order.items)
        order_hl = hl(shipment, "O", has_children)
        prf: list[Value] = ["PRF", order.po_number]
        if order.po_date is not None:
            prf += ["", "", order.po_date.strftime("%Y%m%d")]
        body.append(prf)
        body.extend(["REF", qualifier, value] for qualifier, value in order.references)
        if order.mark_for is not None:
            body.append(_party(order.mark_for))
        if structure == "SOPI":
            for carton in order.cartons:
                pack = hl(order_hl, "P", bool(carton.items))
                if carton.weight is not None:
                    body.append(["PO4", "", "", "", "", "G", r_text(carton.weight), "LB"])
                body.append(["MAN", "GM", carton.sscc])
                for item in carton.items:
                    hl(pack, "I", False)
                    body.extend(_item(item, mapping))
                    hash_total += item.quantity
        else:
            for item in order.items:
                hl(order_hl, "I", False)
                body.extend(_item(item, mapping))
                hash_total += item.quantity
    body.append(["CTT", str(counter), r_text(hash_total)])
    return body
