"""X12 850 Purchase Order (004010 / 004010VICS / 005010), inbound: segments to a typed order.

Reads BEG (purpose 00 original, 01 cancel, 04 change, 05 replace, 07 duplicate), CUR, REF,
PER, ITD, DTM (002 delivery requested, 010 requested ship, 037 ship not before, 038 ship no
later, 001 cancel after), TD5, the N1 loops (ST ship-to, BT bill-to, BY buying party, ...),
header SAC, and the PO1 loops with their identifiers found by qualifier (never by position),
PID, PO4, SAC, DTM and SDQ; CTT (number of lines, hash of quantities) and AMT. Checks CTT01
and CTT02 against the lines. Pure: segments in, a ``PurchaseOrder`` and problems out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gateway.digits import is_digits
from gateway.transactions.common import (
    Party,
    decimal_n,
    decimal_r,
    map_error,
    map_warning,
    x12_date,
)
from gateway.x12.problems import Problem
from gateway.x12.segment import Segment

PURPOSES = {
    "00": "original",
    "01": "cancel",
    "04": "change",
    "05": "replace",
    "06": "confirmation",
    "07": "duplicate",
}
DATE_QUALIFIERS = {
    "002": "delivery_requested",
    "010": "requested_ship",
    "037": "ship_not_before",
    "038": "ship_no_later",
    "001": "cancel_after",
    "063": "do_not_deliver_after",
    "064": "do_not_deliver_before",
}


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """An SAC: A allowance or C charge, code (SAC02), amount (N2), percent, description."""

    indicator: str
    code: str
    amount: Decimal | None
    percent: Decimal | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Terms:
    """ITD: basis code, discount percent and days, net days, description."""

    type_code: str = ""
    discount_percent: Decimal | None = None
    discount_days: int | None = None
    net_days: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class StoreQuantity:
    store: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A PO1 loop."""

    line_number: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None
    price_basis: str
    identifiers: dict[str, str]
    description: str = ""
    pack: str = ""
    allowances: tuple[AllowanceCharge, ...] = ()
    dates: dict[str, date] = field(default_factory=dict)
    stores: tuple[StoreQuantity, ...] = ()
    segment_index: int = 0

    def identifier(self, qualifiers: tuple[str, ...]) -> tuple[str, str] | None:
        """(qualifier, value) of the first of ``qualifiers`` present on the line."""
        for qualifier in qualifiers:
            value = self.identifiers.get(qualifier)
            if value:
                return qualifier, value
        return None


@dataclass(frozen=True, slots=True)
class PurchaseOrder:
    purpose: str
    purpose_code: str
    order_type: str
    po_number: str
    release: str
    po_date: date | None
    currency: str
    references: dict[str, str]
    parties: tuple[Party, ...]
    terms: Terms | None
    dates: dict[str, date]
    allowances: tuple[AllowanceCharge, ...]
    lines: tuple[OrderLine, ...]
    declared_total: Decimal | None = None
    carrier: str = ""

    def party(self, role: str) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)


@dataclass(slots=True)
class _LineBuilder:
    segment: Segment
    line_number: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None
    price_basis: str
    identifiers: dict[str, str]
    description: str = ""
    pack: str = ""
    allowances: list[AllowanceCharge] = field(default_factory=list)
    dates: dict[str, date] = field(default_factory=dict)
    stores: list[StoreQuantity] = field(default_factory=list)

    def build(self) -> OrderLine:
        return OrderLine(
            self.line_number,
            self.quantity,
            self.unit,
            self.unit_price,
            self.price_basis,
            self.identifiers,
            self.description,
            self.pack,
            tuple(self.allowances),
            self.dates,
            tuple(self.stores),
            self.segment.index,
        )


def _sac(segment: Segment) -> AllowanceCharge:
    return AllowanceCharge(
        segment.get(1),
        segment.get(2),
        decimal_n(segment.get(5), 2),
        decimal_r(segment.get(7)),
        segment.get(15),
    )


def _terms(segment: Segment) -> Terms:
    def whole(text: str) -> int | None:
        return int(text) if is_digits(text) else None

    return Terms(
        segment.get(1),
        decimal_r(segment.get(3)),
        whole(segment.get(5)),
        whole(segment.get(7)),
        segment.get(12),
    )


def _po1(segment: Segment, problems: list[Problem]) -> _LineBuilder | None:
    quantity = decimal_r(segment.get(2))
    if quantity is None:
        problems.append(
            map_error(
                "MAP_QUANTITY",
                f"PO1 line {segment.get(1) or '?'} has no valid quantity "
                f"(PO102 {segment.get(2)!r})",
                segment,
                2,
            )
        )
        return None
    identifiers: dict[str, str] = {}
    elements = segment.elements
    for position in range(6, min(len(elements), 26), 2):
        qualifier = elements[position]
        value = elements[position + 1] if position + 1 < len(elements) else ""
        if qualifier and value and qualifier not in identifiers:
            identifiers[qualifier] = value
    return _LineBuilder(
        segment,
        segment.get(1),
        quantity,
        segment.get(3),
        decimal_r(segment.get(4)),
        segment.get(5),
        identifiers,
    )


def _sdq(segment: Segment, line: _LineBuilder, problems: list[Problem]) -> None:
    elements = segment.elements
    for position in range(3, min(len(elements), 23), 2):
        store = elements[position]
        if not store:
            continue
        quantity = decimal_r(elements[position + 1] if position + 1 < len(elements) else "")
        if quantity is None:
            problems.append(
                map_error(
                    "MAP_SDQ_QUANTITY",
                    f"SDQ store {store} has no valid quantity",
                    segment,
                    position + 1,
                )
            )
            continue
        line.stores.append(StoreQuantity(store, quantity))


def parse_850(segments: list[Segment]) -> tuple[PurchaseOrder | None, list[Problem]]:
    """The purchase order in ``segments`` (ST..SE), with every problem found."""
    problems: list[Problem] = []
    beg: Segment | None = None
    currency = ""
    references: dict[str, str] = {}
    parties: list[Party] = []
    terms: Terms | None = None
    dates: dict[str, date] = {}
    allowances: list[AllowanceCharge] = []
    lines: list[_LineBuilder] = []
    current: _LineBuilder | None = None
    party: dict[str, object] | None = None
    ctt: Segment | None = None
    declared_total: Decimal | None = None
    carrier = ""

    def close_party() -> None:
        nonlocal party
        if party is not None:
            parties.append(Party(**party))  # type: ignore[arg-type]
            party = None

    for segment in segments:
        tag = segment.tag
        if tag != "N1" and tag not in ("N2", "N3", "N4", "REF", "PER") and party is not None:
            close_party()
        if tag == "BEG":
            beg = segment
        elif tag == "CUR" and segment.get(1) in ("BY", "SE", ""):
            currency = segment.get(2)
        elif tag == "REF" and current is None and party is None:
            references.setdefault(segment.get(1), segment.get(2) or segment.get(3))
        elif tag == "ITD" and current is None:
            terms = _terms(segment)
        elif tag == "DTM":
            when = x12_date(segment.get(2))
            name = DATE_QUALIFIERS.get(segment.get(1), f"dtm_{segment.get(1)}")
            if when is None:
                problems.append(
                    map_error(
                        "MAP_DATE",
                        f"DTM {segment.get(1)} date {segment.get(2)!r} is not a date",
                        segment,
                        2,
                    )
                )
            elif current is not None:
                current.dates[name] = when
            else:
                dates[name] = when
        elif tag == "TD5" and current is None:
            carrier = segment.get(5) or segment.get(3)
        elif tag == "SAC":
            target = current.allowances if current is not None else allowances
            target.append(_sac(segment))
        elif tag == "N1":
            close_party()
            party = {
                "role": segment.get(1),
                "name": segment.get(2),
                "id_qualifier": segment.get(3),
                "id": segment.get(4),
            }
        elif tag == "N3" and party is not None:
            party["address"] = tuple(v for v in segment.elements[1:3] if v)
        elif tag == "N4" and party is not None:
            party.update(
                city=segment.get(1),
                state=segment.get(2),
                postal_code=segment.get(3),
                country=segment.get(4),
            )
        elif tag == "PO1":
            line = _po1(segment, problems)
            if line is not None:
                lines.append(line)
            current = line
        elif tag == "PID" and current is not None and not current.description:
            current.description = segment.get(5)
        elif tag == "PO4" and current is not None:
            current.pack = "/".join(v for v in segment.elements[1:4] if v)
        elif tag == "SDQ" and current is not None:
            _sdq(segment, current, problems)
        elif tag == "CTT":
            ctt = segment
            current = None
        elif tag == "AMT" and segment.get(1) in ("1", "TT"):
            declared_total = decimal_r(segment.get(2))
    close_party()
    if beg is None:
        return None, problems
    problems.extend(_check_totals(beg, lines, ctt, declared_total))
    order = PurchaseOrder(
        PURPOSES.get(beg.get(1), beg.get(1)),
        beg.get(1),
        beg.get(2),
        beg.get(3),
        beg.get(4),
        x12_date(beg.get(5)),
        currency,
        references,
        tuple(parties),
        terms,
        dates,
        tuple(allowances),
        tuple(line.build() for line in lines),
        declared_total,
        carrier,
    )
    if beg.get(1) not in PURPOSES:
        problems.append(
            map_error(
                "MAP_PURPOSE",
                f"BEG01 {beg.get(1)!r} is not a purchase order purpose this gateway handles",
                beg,
                1,
            )
        )
    return order, problems


def _check_totals(
    beg: Segment, lines: list[_LineBuilder], ctt: Segment | None, total: Decimal | None
) -> list[Problem]:
    problems: list[Problem] = []
    if ctt is None:
        return problems
    count = ctt.get(1)
    if count and (not is_digits(count) or int(count) != len(lines)):
        problems.append(
            map_error(
                "MAP_CTT_LINES",
                f"CTT01 says {count} lines but the order has {len(lines)} PO1 lines",
                ctt,
                1,
            )
        )
    declared = decimal_r(ctt.get(2))
    if ctt.get(2) and declared != sum((line.quantity for line in lines), Decimal(0)):
        actual = sum((line.quantity for line in lines), Decimal(0))
        problems.append(
            map_error(
                "MAP_CTT_HASH",
                f"CTT02 hash total {ctt.get(2)} does not equal the sum "
                f"of PO102 quantities, {actual}",
                ctt,
                2,
            )
        )
    if total is not None and all(line.unit_price is not None for line in lines):
        computed = sum(
            (line.quantity * (line.unit_price or Decimal(0)) for line in lines), Decimal(0)
        )
        if computed.quantize(Decimal("0.01")) != total.quantize(Decimal("0.01")):
            problems.append(
                map_warning(
                    "MAP_AMT_TOTAL",
                    f"AMT total {total} differs from the sum of the "
                    f"lines, {computed.quantize(Decimal('0.01'))}",
                    beg,
                )
            )
    return problems
