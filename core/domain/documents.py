"""Posted documents: packing slips (and return receipts) and invoices (sales, free text, credit).

An invoice carries everything an X12 810 or a UBL 2.1 Invoice/CreditNote needs: per line the item
SKU and GTIN, the customer's PO line reference, quantity, unit, unit price, line amount,
allowances and charges, net, tax code/rate/amount and revenue account; per header the PO number,
order number, packing slip numbers, terms, due and discount dates, header allowances/charges and
the totals. Amounts are positive on every kind; the kind says which way they post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from core.domain.charges import AppliedCharge
from core.domain.frozen import quick_init, quick_make

ZERO = Decimal(0)


@quick_init
@dataclass(frozen=True, slots=True)
class PackingSlipLine:
    line_no: int  # the order line
    sku: str
    quantity: Decimal  # in the order line's unit
    uom: str
    base_quantity: Decimal
    cost_amount: Decimal  # at standard cost, accounting currency


# PackingSlipLine(line_no, sku, quantity, uom, base_quantity, cost_amount), made faster (hot loops)
make_slip_line = quick_make(PackingSlipLine)


@quick_init
@dataclass(frozen=True, slots=True)
class PackingSlip:
    """A packing slip (delivery) or, for a returned order, a receipt back to stock."""

    number: str
    order_number: str
    customer_account: str
    ship_date: date
    currency: str  # accounting currency of the cost amounts
    lines: tuple[PackingSlipLine, ...]
    is_receipt: bool = False

    @property
    def cost_total(self) -> Decimal:
        return sum([ln.cost_amount for ln in self.lines], ZERO)


make_packing_slip = quick_make(PackingSlip)  # all seven fields given (see quick_make)


class _Totals:
    """A slot outside the dataclass fields where an invoice keeps its totals once summed (not
    compared, copied by ``replace`` or pickled: a copy sums its own lines again)."""

    __slots__ = ("_totals",)
    _totals: tuple[Decimal, Decimal, Decimal]


class InvoiceKind(Enum):
    SALES = "invoice"
    FREE_TEXT = "free-text invoice"
    CREDIT_NOTE = "credit note"


@quick_init
@dataclass(frozen=True, slots=True)
class InvoiceLine:
    line_no: int
    description: str
    quantity: Decimal
    uom: str
    unit_price: Decimal
    line_amount: Decimal  # quantity x unit price, rounded
    allowance_amount: Decimal
    charge_amount: Decimal
    net_amount: Decimal  # line amount - allowances + charges
    tax_code: str
    tax_rate: Decimal
    tax_amount: Decimal
    account: str  # revenue (or free-text ledger) account
    sku: str = ""
    gtin: str = ""
    order_line_no: int | None = None
    external_line_ref: str = ""
    allowances: tuple[AppliedCharge, ...] = ()


# InvoiceLine with all 18 fields given positionally, made faster (hot loops: see quick_make)
make_invoice_line = quick_make(InvoiceLine)


@quick_init
@dataclass(frozen=True, slots=True)
class Invoice(_Totals):
    number: str
    kind: InvoiceKind
    customer_account: str  # the invoice account (payer)
    currency: str
    invoice_date: date
    due_date: date
    lines: tuple[InvoiceLine, ...]
    terms: str = ""
    discount_date: date | None = None
    cash_discount: Decimal = ZERO
    order_number: str = ""
    order_customer: str = ""  # the ordering (ship-to) account
    po_number: str = ""
    packing_slips: tuple[str, ...] = ()
    charges: tuple[AppliedCharge, ...] = ()
    original_invoice: str = ""
    reason: str = ""
    external_refs: dict[str, str] = field(default_factory=dict)

    @property
    def is_credit(self) -> bool:
        return self.kind is InvoiceKind.CREDIT_NOTE

    @property
    def line_net_total(self) -> Decimal:
        return sum([ln.net_amount for ln in self.lines], ZERO)

    @property
    def header_net(self) -> Decimal:
        return sum((c.signed for c in self.charges), ZERO)

    @property
    def net_total(self) -> Decimal:
        return self._sums()[0]

    @property
    def tax_total(self) -> Decimal:
        return self._sums()[1]

    @property
    def total(self) -> Decimal:
        """Net total plus tax total (terms, the open item, the posting, the row and the
        events all take it: summed over the lines once per invoice)."""
        return self._sums()[2]

    def _sums(self) -> tuple[Decimal, Decimal, Decimal]:
        """Net, tax and total, summed on first use and kept (the invoice is immutable)."""
        try:
            return self._totals
        except AttributeError:
            pass
        net = self.line_net_total + self.header_net
        tax = sum([ln.tax_amount for ln in self.lines], ZERO) + sum(
            (c.tax_amount if c.is_charge else -c.tax_amount for c in self.charges), ZERO
        )
        totals = (net, tax, net + tax)
        object.__setattr__(self, "_totals", totals)  # a frozen class's own slot, not a field
        return totals


make_invoice = quick_make(Invoice)  # all eighteen fields given (see quick_make)
