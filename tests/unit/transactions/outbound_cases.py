"""Typed outbound documents used by the golden-file tests (figures worked by hand below)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from gateway.transactions.common import Party
from gateway.transactions.gs1 import sscc
from gateway.transactions.mapping import PartnerMapping
from gateway.transactions.ts810 import BilledLine, Charge, InvoiceNotice, Tax
from gateway.transactions.ts856 import Carton, ShipNotice, ShippedItem, ShippedOrder
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.serializer import GroupBody, Layout, SetBody, Value, write_interchange

MAPPING = PartnerMapping("bigbox", "C-100")
SHIP_TO = Party("ST", "DC 6043", "92", "6043")
WIDGETS = ShippedItem(
    "1", "WID-100", Decimal(24), "EA", Decimal(24), "012345678905", "884411", "BLUE WIDGET"
)
GADGETS = ShippedItem("2", "GAD-200", Decimal(6), "CA", Decimal(6), "012345678912", "884412")

NOTICE = ShipNotice(
    "PS-000001",
    date(2026, 11, 20),
    time(14, 0),
    SHIP_TO,
    Party("SF", "O2C SUPPLIER", "92", "R01"),
    (
        ShippedOrder(
            "4500012345",
            date(2026, 11, 18),
            cartons=(
                Carton(sscc("0614141", 1), (WIDGETS,)),
                Carton(sscc("0614141", 2), (GADGETS,)),
            ),
            items=(WIDGETS, GADGETS),
            references=(("DP", "042"),),
        ),
    ),
    "UPSN",
    "M",
    "BOL-1",
    weight=Decimal("24.5"),
)

# Lines: 24 x 12.50 = 300.00; 6 x 54.00 = 324.00 less a 10.00 allowance = 314.00.
# Merchandise 614.00; plus a 15.00 freight charge and 12.34 sales tax: total 641.34.
# Terms 2% 10 net 30: discount 2% of 614.00 = 12.28; due after discount 629.06.
INVOICE = InvoiceNotice(
    "INV-000123",
    date(2026, 11, 20),
    "4500012345",
    date(2026, 11, 18),
    (
        BilledLine(
            "1",
            "WID-100",
            Decimal(24),
            "EA",
            Decimal("12.50"),
            "012345678905",
            "884411",
            "BLUE WIDGET",
        ),
        BilledLine(
            "2",
            "GAD-200",
            Decimal(6),
            "CA",
            Decimal("54.00"),
            allowances=(Charge("A", "C310", Decimal("10.00")),),
        ),
    ),
    Party("RE", "O2C SUPPLIER", "92", "R01"),
    SHIP_TO,
    references=(("IA", "77123"),),
    ship_date=date(2026, 11, 20),
    discount_percent=Decimal(2),
    discount_days=10,
    net_days=30,
    charges=(Charge("C", "D240", Decimal("15.00")),),
    taxes=(Tax("ST", Decimal("12.34"), Decimal("2")),),
    carrier_scac="UPSN",
    bill_of_lading="BOL-1",
)


def envelope(set_id: str, functional_id: str, body: list[list[Value]], version: str) -> bytes:
    """One interchange around one set, 4010 VICS or 5010, fixed control numbers and clock."""
    isa12, gs08 = ("00401", "004010VICS") if version == "4010" else ("00501", "005010")
    isa = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        "ZZ",
        "O2CSUPPLIER",
        "08",
        "9254110060",
        "261120",
        "1400",
        "U",
        isa12,
        "1",
        "0",
        "T",
        ">",
    )
    gs = GroupHeader(functional_id, "O2CSUPPLIER", "9254110060", "20261120", "1400", "1", "X", gs08)
    return write_interchange(
        isa, [GroupBody(gs, [SetBody(set_id, "0001", body)])], Layout(line_ending="\n")
    )
