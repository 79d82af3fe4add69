"""Consistency across documents: what we acknowledge, ship and bill traces back to the 850.

- every 855, 856 and 810 line names an 850 line (its PO101) by identifier;
- an 856 never ships more than was ordered on a line (SN102 ≤ ordered);
- an 810 never bills more than was shipped on a line, and its TDS01 equals its lines plus
  charges and taxes (as rendered, in implied decimals).
Pure: documents and quantities in, sentences out (an empty list when consistent).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from gateway.transactions.common import decimal_n
from gateway.transactions.ts810 import InvoiceNotice
from gateway.transactions.ts855 import LineAnswer
from gateway.transactions.ts856 import ShipNotice
from gateway.x12.serializer import Value

ZERO = Decimal(0)


def check_855(answers: list[LineAnswer], ordered: Mapping[str, Decimal]) -> list[str]:
    return [
        f"855 line {a.po_line} answers no line of the 850"
        for a in answers
        if a.po_line not in ordered
    ]


def check_856(notice: ShipNotice, ordered: Mapping[str, Decimal]) -> list[str]:
    shipped: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for order in notice.orders:
        items = [i for carton in order.cartons for i in carton.items] or list(order.items)
        for item in items:
            shipped[item.po_line] += item.quantity
    return _within(shipped, ordered, "856", "ships", "ordered")


def check_810(
    notice: InvoiceNotice, shipped: Mapping[str, Decimal], body: list[list[Value]]
) -> list[str]:
    billed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in notice.lines:
        billed[line.po_line] += line.quantity
    problems = _within(billed, shipped, "810", "bills", "shipped")
    tds = next((row for row in body if row[0] == "TDS"), None)
    total = decimal_n(str(tds[1]), 2) if tds is not None else None
    if total != notice.total:
        problems.append(
            f"810 TDS01 {total} differs from its lines, charges and taxes, {notice.total}"
        )
    return problems


def _within(
    quantities: Mapping[str, Decimal],
    limits: Mapping[str, Decimal],
    kind: str,
    verb: str,
    noun: str,
) -> list[str]:
    problems = []
    for po_line, quantity in quantities.items():
        if po_line not in limits:
            problems.append(f"{kind} line {po_line} names no line of the 850")
        elif quantity > limits[po_line]:
            problems.append(
                f"{kind} {verb} {quantity} on line {po_line}, more than the "
                f"{limits[po_line]} {noun}"
            )
    return problems
