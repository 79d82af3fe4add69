"""The partners' side of the demo: purchase orders and remittances as the example partners
would send them, written with the gateway's own X12 serializer from the example mappings."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from gateway.config.loaded import LoadedConfig
from gateway.transactions.common import r_text
from gateway.x12.delimiters import Delimiters
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.serializer import GroupBody, Layout, SetBody, Value, write_interchange


@dataclass(frozen=True)
class Paid:
    invoice: str
    invoice_amount: Decimal
    paid: Decimal
    discount: Decimal = Decimal(0)
    deduction: Decimal = Decimal(0)  # a short pay, explained by an ADX
    reason: str = ""  # ADX02, e.g. 59 item not received


def _interchange(
    config: LoadedConfig,
    partner_id: str,
    functional_id: str,
    set_id: str,
    bodies: list[list[list[Value]]],
    control: int,
    now: datetime,
) -> bytes:
    ids = config.ids(partner_id)
    version = config.partners[partner_id].x12.version
    isa12 = "00501" if version.startswith("005") else "00401"
    layout = Layout(Delimiters("*", ">" if isa12 == "00401" else ":", "^", "~"), "\n")
    isa = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        ids.their_isa_qualifier,
        ids.their_isa_id,
        ids.our_isa_qualifier,
        ids.our_isa_id,
        now.strftime("%y%m%d"),
        now.strftime("%H%M"),
        "U",
        isa12,
        str(control),
        "0",
        "P",
        layout.delimiters.component,
    )
    gs = GroupHeader(
        functional_id,
        ids.their_gs_id,
        ids.our_gs_id,
        now.strftime("%Y%m%d"),
        now.strftime("%H%M"),
        str(control),
        "X",
        version,
    )
    sets = [SetBody(set_id, f"{n + 1:04d}", body) for n, body in enumerate(bodies)]
    return write_interchange(isa, [GroupBody(gs, sets)], layout)


def purchase_order(
    config: LoadedConfig, partner_id: str, number: int, rng: random.Random, now: datetime
) -> tuple[str, bytes]:
    """A PO of 1 to 4 lines drawn from the partner's item cross-reference."""
    mapping = config.mapping(partner_id)
    catalog = {row.sku: row for row in config.catalog}
    items = [row for row in mapping.items if row.sku in catalog]
    qualifiers = mapping.item_qualifiers
    po = f"{partner_id[:2].upper()}{now:%y%m%d}{number:04d}"
    store = sorted(mapping.ship_to)[number % len(mapping.ship_to)] if mapping.ship_to else ""
    body: list[list[Value]] = [
        ["BEG", "00", "SA", po, "", now.strftime("%Y%m%d")],
        ["CUR", "BY", "USD"],
    ]
    if partner_id == "bigbox":
        body.append(["REF", "DP", f"{rng.randint(1, 60):03d}"])
    if store:
        body.append(["N1", "ST", mapping.ship_to[store].name, "92", store])
    total = Decimal(0)
    chosen = rng.sample(items, k=min(len(items), rng.randint(1, 4)))
    for line, item in enumerate(chosen, start=1):
        row = catalog[item.sku]
        quantity = rng.randint(1, 12)
        total += quantity
        po1: list[Value] = ["PO1", str(line), str(quantity), row.uom, r_text(row.unit_price), ""]
        if item.buyer_item and qualifiers.buyer_item:
            po1 += [qualifiers.buyer_item[0], item.buyer_item]
        if item.gtin and qualifiers.gtin:
            po1 += [qualifiers.gtin[0], item.gtin]
        if item.vendor_item and qualifiers.vendor_item:
            po1 += [qualifiers.vendor_item[0], item.vendor_item]
        body += [po1, ["PID", "F", "", "", "", row.description]]
    body.append(["CTT", str(len(chosen)), str(total)])
    return po, _interchange(config, partner_id, "PO", "850", [body], 5000 + number, now)


def remittance(
    config: LoadedConfig,
    partner_id: str,
    number: int,
    paid: list[Paid],
    paid_on: date,
    now: datetime,
) -> bytes:
    """An 820 paying ``paid`` by ACH, with ADX lines for short pays."""
    total = sum((p.paid for p in paid), Decimal(0))
    body: list[list[Value]] = [
        [
            "BPR",
            "C",
            r_text(total),
            "C",
            "ACH",
            "CCP",
            "01",
            "071000013",
            "DA",
            "1234567",
            "",
            "",
            "01",
            "021000021",
            "DA",
            "7654321",
            paid_on.strftime("%Y%m%d"),
        ],
        ["TRN", "1", f"ACH{now:%y%m%d}{number:04d}"],
        ["N1", "PR", config.partners[partner_id].name],
        ["N1", "PE", config.gateway.identity.name],
        ["ENT", "1"],
    ]
    for item in paid:
        rmr: list[Value] = [
            "RMR",
            "IV",
            item.invoice,
            "",
            r_text(item.paid),
            r_text(item.invoice_amount),
        ]
        if item.discount:
            rmr.append(r_text(item.discount))
        body.append(rmr)
        if item.deduction:
            body.append(["ADX", r_text(-item.deduction), item.reason or "59"])
    return _interchange(config, partner_id, "RA", "820", [body], 8000 + number, now)
