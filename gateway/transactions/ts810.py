"""X12 810 Invoice (004010 VICS / 005010), outbound: an invoice or credit memo to segments.

BIG (invoice date and number, PO date and number, BIG07 DI debit invoice or CR credit memo),
REF (IA vendor number, DP department, BM bill of lading, PK packing list, and for credit memos
the original invoice as IV), N1 loops (RE remit-to, ST ship-to, BT bill-to), ITD (terms: basis,
discount percent, discount due date, discount days, net due date, net days, discount amount),
DTM*011 (ship date), IT1 loops (line, quantity, unit, unit price, the partner's identifiers by
qualifier) with PID and line SAC, then TDS (in N2 implied decimals: TDS01 total, TDS02 amount
subject to discount, TDS03 amount due after discount, TDS04 discount), TXI, CAD, header SAC,
ISS and CTT (number of IT1, hash of IT102). Totals are computed from the lines here, so they
agree with TDS to the cent. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gateway.transactions.common import Party, implied, r_text
from gateway.transactions.mapping import PartnerMapping
from gateway.x12.serializer import Value

CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Charge:
    """An allowance (``A``) or charge (``C``), by SAC02 code, with its amount."""

    indicator: str
    code: str
    amount: Decimal
    description: str = ""


@dataclass(frozen=True, slots=True)
class BilledLine:
    po_line: str  # the 850 line (PO101) this line answers
    sku: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    gtin: str = ""
    buyer_item: str = ""
    description: str = ""
    allowances: tuple[Charge, ...] = ()

    @property
    def amount(self) -> Decimal:
        """Quantity times price, rounded half up to the cent."""
        return (self.quantity * self.unit_price).quantize(CENT, ROUND_HALF_UP)

    @property
    def net(self) -> Decimal:
        adjust = sum((c.amount if c.indicator == "C" else -c.amount for c in self.allowances), ZERO)
        return self.amount + adjust


@dataclass(frozen=True, slots=True)
class Tax:
    type_code: str  # TXI01: ST state sales tax, LS, VA value added, ...
    amount: Decimal
    percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class InvoiceNotice:
    number: str
    invoice_date: date
    po_number: str
    po_date: date | None
    lines: tuple[BilledLine, ...]
    remit_to: Party
    ship_to: Party | None = None
    bill_to: Party | None = None
    credit_memo: bool = False
    original_invoice: str = ""
    references: tuple[tuple[str, str], ...] = ()
    ship_date: date | None = None
    discount_percent: Decimal | None = None
    discount_days: int | None = None
    discount_due: date | None = None
    net_days: int | None = None
    net_due: date | None = None
    charges: tuple[Charge, ...] = ()
    taxes: tuple[Tax, ...] = ()
    carrier_scac: str = ""
    bill_of_lading: str = ""

    @property
    def merchandise(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        header = sum((c.amount if c.indicator == "C" else -c.amount for c in self.charges), ZERO)
        return self.merchandise + header + sum((t.amount for t in self.taxes), ZERO)

    @property
    def discount(self) -> Decimal:
        if not self.discount_percent:
            return ZERO
        return (self.merchandise * self.discount_percent / 100).quantize(CENT, ROUND_HALF_UP)


def _party(party: Party) -> list[Value]:
    segment: list[Value] = ["N1", party.role, party.name]
    if party.id:
        segment += [party.id_qualifier or "92", party.id]
    return segment


def _it1(line: BilledLine, mapping: PartnerMapping) -> list[Value]:
    it1: list[Value] = [
        "IT1",
        line.po_line,
        r_text(line.quantity),
        line.unit,
        r_text(line.unit_price),
        "",
    ]
    qualifiers = mapping.item_qualifiers
    for qualifier, value in (
        (qualifiers.gtin[0] if qualifiers.gtin else "UP", line.gtin),
        (qualifiers.vendor_item[0] if qualifiers.vendor_item else "VN", line.sku),
        (qualifiers.buyer_item[0] if qualifiers.buyer_item else "IN", line.buyer_item),
    ):
        if value:
            it1 += [qualifier, value]
    return it1


def _sac(charge: Charge) -> list[Value]:
    segment: list[Value] = ["SAC", charge.indicator, charge.code, "", "", implied(charge.amount)]
    if charge.description:
        segment += ["", "", "", "", "", "", "", "", "", charge.description[:80]]
    return segment


def render_810(invoice: InvoiceNotice, mapping: PartnerMapping) -> list[list[Value]]:
    """The segments between ST and SE of the 810 for ``invoice``."""
    big: list[Value] = [
        "BIG",
        invoice.invoice_date.strftime("%Y%m%d"),
        invoice.number,
        invoice.po_date.strftime("%Y%m%d") if invoice.po_date else "",
        invoice.po_number,
        "",
        "",
        "CR" if invoice.credit_memo else "DI",
    ]
    body: list[list[Value]] = [big]
    body.extend(["REF", qualifier, value] for qualifier, value in invoice.references)
    if invoice.credit_memo and invoice.original_invoice:
        body.append(["REF", "IV", invoice.original_invoice])
    if invoice.bill_of_lading:
        body.append(["REF", "BM", invoice.bill_of_lading])
    body.append(_party(invoice.remit_to))
    for party in (invoice.ship_to, invoice.bill_to):
        if party is not None:
            body.append(_party(party))
    if invoice.net_days is not None or invoice.discount_percent:
        body.append(_itd(invoice))
    if invoice.ship_date is not None:
        body.append(["DTM", "011", invoice.ship_date.strftime("%Y%m%d")])
    hash_total = ZERO
    for line in invoice.lines:
        body.append(_it1(line, mapping))
        if line.description:
            body.append(["PID", "F", "", "", "", line.description[:80]])
        body.extend(_sac(charge) for charge in line.allowances)
        hash_total += line.quantity
    total = invoice.total
    discount = invoice.discount
    body.append(
        [
            "TDS",
            implied(total),
            implied(invoice.merchandise),
            implied(total - discount),
            implied(discount),
        ]
    )
    for tax in invoice.taxes:
        txi: list[Value] = ["TXI", tax.type_code, r_text(tax.amount)]
        if tax.percent is not None:
            txi.append(r_text(tax.percent))
        body.append(txi)
    if invoice.carrier_scac:
        body.append(["CAD", "", "", "", invoice.carrier_scac, "", "", "BM", invoice.bill_of_lading])
    body.extend(_sac(charge) for charge in invoice.charges)
    units = sum((line.quantity for line in invoice.lines), ZERO)
    body.append(["ISS", r_text(units), invoice.lines[0].unit if invoice.lines else "EA"])
    body.append(["CTT", str(len(invoice.lines)), r_text(hash_total)])
    return body


def _itd(invoice: InvoiceNotice) -> list[Value]:
    def day(value: date | None) -> str:
        return value.strftime("%Y%m%d") if value else ""

    return [
        "ITD",
        "01",
        "3",
        r_text(invoice.discount_percent) if invoice.discount_percent else "",
        day(invoice.discount_due),
        str(invoice.discount_days or ""),
        day(invoice.net_due),
        str(invoice.net_days if invoice.net_days is not None else ""),
        implied(invoice.discount) if invoice.discount else "",
    ]
