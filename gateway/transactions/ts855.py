"""X12 855 Purchase Order Acknowledgment (004010 / 005010), outbound.

BAK (BAK01 00 original; BAK02 AC acknowledged with detail and changes, AD with detail and no
change, RJ rejected; BAK03 PO number; BAK04 PO date), then per 850 line a PO1 loop echoing the
line (number, quantity, unit, price, identifiers as the partner sent them) with an ACK
segment: IA accepted, IB backordered, IC accepted with changes, IP price changed, IQ quantity
changed, IR rejected, with the quantity and unit the supplier commits to. CTT01 counts the PO1
lines, CTT02 sums their quantities. Pure: built from the parsed 850 and the ledger's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gateway.transactions.common import r_text
from gateway.transactions.ts850 import PurchaseOrder
from gateway.x12.serializer import Value

LINE_STATUSES = {
    "IA": "accepted",
    "IB": "backordered",
    "IC": "accepted with changes",
    "IP": "price changed",
    "IQ": "quantity changed",
    "IR": "rejected",
}


@dataclass(frozen=True, slots=True)
class LineAnswer:
    """What we commit to for one 850 line (by PO101)."""

    po_line: str
    status: str  # one of LINE_STATUSES
    quantity: Decimal
    unit: str
    unit_price: Decimal | None = None
    ship_date: date | None = None


def ack_type(answers: list[LineAnswer]) -> str:
    """BAK02: RJ when every line is rejected, AD when every line is accepted as sent, else AC."""
    if answers and all(a.status == "IR" for a in answers):
        return "RJ"
    if all(a.status == "IA" for a in answers):
        return "AD"
    return "AC"


def render_855(
    order: PurchaseOrder, answers: list[LineAnswer], acknowledged: date
) -> list[list[Value]]:
    """The segments between ST and SE of the 855 answering ``order``."""
    by_line = {a.po_line: a for a in answers}
    body: list[list[Value]] = [
        [
            "BAK",
            "00",
            ack_type(answers),
            order.po_number,
            order.po_date.strftime("%Y%m%d") if order.po_date else "",
            "",
            "",
            "",
            "",
            acknowledged.strftime("%Y%m%d"),
        ],
    ]
    total = Decimal(0)
    for line in order.lines:
        answer = by_line.get(line.line_number)
        po1: list[Value] = [
            "PO1",
            line.line_number,
            r_text(line.quantity),
            line.unit,
            r_text(line.unit_price) if line.unit_price is not None else "",
            line.price_basis,
        ]
        for qualifier, value in line.identifiers.items():
            po1 += [qualifier, value]
        body.append(po1)
        total += line.quantity
        if answer is None:
            continue
        ack: list[Value] = ["ACK", answer.status, r_text(answer.quantity), answer.unit]
        if answer.ship_date is not None:
            ack += ["068", answer.ship_date.strftime("%Y%m%d")]
        body.append(ack)
    body.append(["CTT", str(len(order.lines)), r_text(total)])
    return body
