"""Building invoices and credit notes from orders, invoices and free text (pure functions).

Line amounts are quantity x unit price rounded half-up to the currency; line allowances and
charges apply to that amount (fixed ones in proportion to the quantity invoiced); tax is computed
per line on the line net and rounded per line. Fixed header allowances/charges go on the first
invoice of an order (cycle), percent ones on every invoice's line net total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from core.domain.charges import AllowanceCharge, AppliedCharge
from core.domain.documents import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    make_invoice,
    make_invoice_line,
)
from core.domain.errors import RuleViolation
from core.domain.money import quantize, quantum, round_to
from core.domain.orders import OrderLine, SalesOrder
from core.domain.parties import Customer, PaymentTerms
from core.domain.settings import LedgerSettings, TaxCode

ZERO = Decimal(0)
# (quantity's text, unit price, tax rate, quantum) -> (line amount, net, tax) of a line without
# allowances; the quantity by its text (same digits and exponent: the same number), which a new
# Decimal makes in about 180 ns against about 290 for its hash
PriceMemo = dict[tuple[str, Decimal, Decimal, Decimal], tuple[Decimal, Decimal, Decimal]]
ONE = Decimal(1)  # the share of a line without allowances: never used, not computed


@dataclass(slots=True, kw_only=True)
class LineSpec:
    """What an invoice line is made of before it is priced and taxed (a short-lived builder
    argument, never kept: not frozen, so making one costs plain attribute stores). Order invoices
    pass the same fields to ``_priced`` directly."""

    line_no: int
    description: str
    quantity: Decimal
    uom: str
    unit_price: Decimal
    tax_code: str
    account: str
    allowances: Sequence[AllowanceCharge] = ()
    share: Decimal = Decimal(1)  # part of the ordered quantity, for fixed allowances
    sku: str = ""
    gtin: str = ""
    order_line_no: int | None = None
    external_line_ref: str = ""


def _line(settings: LedgerSettings, currency: str, spec: LineSpec) -> InvoiceLine:
    return _priced(
        settings.tax_code(spec.tax_code), currency, quantum(currency), spec.line_no,
        spec.description,
        spec.quantity, spec.uom, spec.unit_price, spec.account, spec.allowances, spec.share,
        spec.sku, spec.gtin, spec.order_line_no, spec.external_line_ref,
    )  # fmt: skip


def _priced(
    code: TaxCode,
    currency: str,
    unit: Decimal,
    line_no: int,
    description: str,
    quantity: Decimal,
    uom: str,
    unit_price: Decimal,
    account: str,
    allowances: Sequence[AllowanceCharge],
    share: Decimal,
    sku: str,
    gtin: str,
    order_line_no: int | None,
    external_line_ref: str,
    memo: PriceMemo | None = None,
) -> InvoiceLine:
    """The invoice line of a ``LineSpec``'s fields (positional: built once per invoiced line);
    ``unit`` is the currency's quantum. ``memo`` keeps the amount, net and tax of a line without
    allowances by quantity, price, rate and quantum: equal inputs give equal results, digit for
    digit (each is rounded to ``unit``), so lines that repeat them share the objects (a zero
    price is left out: its products keep the sign of the factors)."""
    if memo is not None and unit_price and not allowances:
        key = (str(quantity), unit_price, code.rate, unit)
        found = memo.get(key)
        if found is None:
            amount = round_to(quantity * unit_price, unit)
            net = amount - ZERO + ZERO  # as below: the exponent of amount and zero
            found = memo[key] = (amount, net, code.tax_to(net, unit))
        amount, net, tax = found
        return make_invoice_line(
            line_no, description, quantity, uom, unit_price, amount, ZERO, ZERO, net,
            code.code, code.rate, tax, account, sku, gtin, order_line_no, external_line_ref, (),
        )  # fmt: skip
    amount = round_to(quantity * unit_price, unit)
    applied: tuple[AppliedCharge, ...] = ()
    allow = charge = ZERO
    if allowances:
        applied = tuple(
            AppliedCharge(ac.is_charge, ac.reason, ac.resolve(amount, currency, share))
            for ac in allowances
        )
        allow = sum((a.amount for a in applied if not a.is_charge), ZERO)
        charge = sum((a.amount for a in applied if a.is_charge), ZERO)
    net = amount - allow + charge
    return make_invoice_line(
        line_no,
        description,
        quantity,
        uom,
        unit_price,
        amount,
        allow,
        charge,
        net,
        code.code,
        code.rate,
        code.tax_to(net, unit),
        account,
        sku,
        gtin,
        order_line_no,
        external_line_ref,
        applied,
    )


def _header(
    settings: LedgerSettings,
    charges: Sequence[AllowanceCharge],
    base: Decimal,
    currency: str,
    first: bool,
) -> tuple[AppliedCharge, ...]:
    applied = []
    for ac in charges:
        if ac.percent is None and not first:
            continue
        amount = ac.resolve(base, currency)
        code = settings.tax_code(ac.tax_code or "EXEMPT")
        applied.append(
            AppliedCharge(
                ac.is_charge, ac.reason, amount, code.code, code.rate, code.tax(amount, currency)
            )
        )
    return tuple(applied)


def invoice_from_order(
    order: SalesOrder,
    quantities: Sequence[tuple[OrderLine, Decimal]],
    payer: Customer,
    settings: LedgerSettings,
    *,
    number: str,
    on: date,
    packing_slips: Sequence[str],
    first: bool,
    memo: PriceMemo | None = None,
) -> Invoice:
    """The invoice (a credit note for a returned order) of ``quantities`` shipped on ``order``,
    (order line, quantity) by line number as ``SalesOrder.to_invoice_lines`` gives them; a
    batch passes one ``memo`` (see ``_priced``) for all its invoices."""
    if not quantities:
        raise RuleViolation(
            "NOTHING_TO_INVOICE", f"Order {order.number} has nothing shipped and not invoiced."
        )
    revenue = settings.chart.for_role("revenue")
    currency = order.currency
    codes: dict[str, TaxCode] = {}  # looked up once per tax code
    unit: Decimal | None = None  # the currency's quantum, looked up where the first line needs it
    lines = []
    for i, (ol, qty) in enumerate(quantities, start=1):
        code = codes.get(ol.tax_code)
        if code is None:
            code = codes[ol.tax_code] = settings.tax_code(ol.tax_code)
        share = qty / ol.quantity if ol.allowances else ONE  # only fixed allowances use it
        if unit is None:
            unit = quantum(currency)
        price = ol.unit_price
        if memo is not None and price and not ol.allowances:  # _priced's memo, inline
            found = memo.get((str(qty), price, code.rate, unit))
            if found is not None:
                amount, net, tax = found
                lines.append(
                    make_invoice_line(
                        i, ol.description, qty, ol.uom, price, amount, ZERO, ZERO, net,
                        code.code, code.rate, tax, revenue, ol.sku, ol.gtin, ol.line_no,
                        ol.external_line_ref, (),
                    )
                )  # fmt: skip
                continue
        lines.append(
            _priced(
                code,
                currency,
                unit,
                i,
                ol.description,
                qty,
                ol.uom,
                ol.unit_price,
                revenue,
                ol.allowances,
                share,
                ol.sku,
                ol.gtin,
                ol.line_no,
                ol.external_line_ref,
                memo,
            )
        )
    # the line net total is the base of percent header charges: summed only when there are any
    base = sum((ln.net_amount for ln in lines), ZERO) if order.charges else ZERO
    charges = _header(settings, order.charges, base, order.currency, first)
    kind = InvoiceKind.CREDIT_NOTE if order.is_return else InvoiceKind.SALES
    inv = make_invoice(
        number, kind, order.invoice_account, order.currency, on, on, tuple(lines), "", None,
        ZERO, order.number, order.customer_account, order.po_number, tuple(packing_slips),
        charges, "", "", dict(order.external_refs),
    )  # fmt: skip
    return _dated(inv, payer)


@lru_cache(maxsize=64)
def _terms_on(terms: PaymentTerms, day: date) -> tuple[str, date, date | None]:
    """The terms' code, due date and discount date for an invoice dated ``day``: kept for the
    invoices that repeat both (most of a day's invoices to one payer). Equal terms give the same
    code (the percent is normalised) and dates, so an equal key's results are exact."""
    return terms.code, terms.due_date(day), terms.discount_date(day)


def _dated(invoice: Invoice, payer: Customer) -> Invoice:
    """Terms, due date, discount date and cash discount from the payer's payment terms: what
    ``dataclasses.replace`` would make, by one positional call, and with the totals already
    summed (they depend only on the lines and charges, which the new invoice shares)."""
    terms = payer.terms
    if invoice.is_credit:
        return replace(invoice, terms=terms.code)
    totals = invoice._sums()
    code, due, discount_day = _terms_on(terms, invoice.invoice_date)
    dated = make_invoice(
        invoice.number, invoice.kind, invoice.customer_account, invoice.currency,
        invoice.invoice_date, due, invoice.lines, code, discount_day,
        terms.discount_amount(totals[2], invoice.currency), invoice.order_number,
        invoice.order_customer, invoice.po_number, invoice.packing_slips, invoice.charges,
        invoice.original_invoice, invoice.reason, invoice.external_refs,
    )  # fmt: skip
    object.__setattr__(dated, "_totals", totals)  # see Invoice._sums
    return dated


def free_text_invoice(
    payer: Customer,
    lines: Sequence[tuple[str, Decimal, str, str | None]],
    settings: LedgerSettings,
    *,
    number: str,
    on: date,
    credit: bool = False,
    reason: str = "",
) -> Invoice:
    """A free-text invoice (or credit note): lines of (ledger account, amount, text, tax code)."""
    if not lines:
        raise RuleViolation("LINES", "A free-text invoice needs at least one line.")
    built = []
    for i, (account, amount, text, tax) in enumerate(lines, start=1):
        if settings.chart.get(account) is None:
            raise RuleViolation("ACCOUNT", f"Line {i}: account {account} is not in the chart.")
        if amount <= 0:
            raise RuleViolation("AMOUNT", f"Line {i}: amount {amount} must be positive.")
        spec = LineSpec(
            line_no=i, description=text, quantity=Decimal(1), uom="EA",
            unit_price=quantize(amount, payer.currency), tax_code=tax or payer.tax_code,
            account=account,
        )  # fmt: skip
        built.append(_line(settings, payer.currency, spec))
    kind = InvoiceKind.CREDIT_NOTE if credit else InvoiceKind.FREE_TEXT
    inv = Invoice(number, kind, payer.account, payer.currency, on, on, tuple(built), reason=reason)
    return _dated(inv, payer)


def _credit_lines(
    original: Invoice, settings: LedgerSettings, quantities: Mapping[int, Decimal] | None
) -> list[InvoiceLine]:
    wanted = quantities or {ln.line_no: ln.quantity for ln in original.lines}
    lines = []
    for i, (line_no, qty) in enumerate(sorted(wanted.items()), start=1):
        src = next((ln for ln in original.lines if ln.line_no == line_no), None)
        if src is None:
            raise RuleViolation("LINE", f"Invoice {original.number} has no line {line_no}.")
        if qty <= 0 or qty > src.quantity:
            raise RuleViolation(
                "QUANTITY",
                f"Invoice {original.number} line {line_no}: credit quantity {qty} must be "
                f"above 0 and at most {src.quantity}.",
            )
        scaled = tuple(
            AllowanceCharge(a.is_charge, a.reason, amount=a.amount) for a in src.allowances
        )
        spec = LineSpec(
            line_no=i, description=src.description, quantity=qty, uom=src.uom,
            unit_price=src.unit_price, tax_code=src.tax_code, account=src.account,
            allowances=scaled, share=qty / src.quantity, sku=src.sku, gtin=src.gtin,
            order_line_no=src.order_line_no, external_line_ref=src.external_line_ref,
        )  # fmt: skip
        lines.append(_line(settings, original.currency, spec))
    return lines


def credit_from_invoice(
    original: Invoice,
    settings: LedgerSettings,
    payer: Customer,
    *,
    quantities: Mapping[int, Decimal] | None,
    amount: Decimal | None,
    number: str,
    on: date,
    reason: str = "",
) -> Invoice:
    """A credit note against ``original``: some of its lines by quantity, or a net amount."""
    if original.is_credit:
        raise RuleViolation("CREDIT_OF_CREDIT", f"{original.number} is already a credit note.")
    cur = original.currency
    if amount is None:
        lines = _credit_lines(original, settings, quantities)
    else:
        if amount <= 0 or amount > original.net_total:
            raise RuleViolation(
                "AMOUNT",
                f"Credit amount {amount} must be above zero and at most the invoice net "
                f"{original.net_total}.",
            )
        first = original.lines[0]
        spec = LineSpec(
            line_no=1, description=f"Credit on invoice {original.number}", quantity=Decimal(1),
            uom="EA", unit_price=quantize(amount, cur), tax_code=first.tax_code,
            account=first.account,
        )  # fmt: skip
        lines = [_line(settings, cur, spec)]
    inv = Invoice(
        number, InvoiceKind.CREDIT_NOTE, original.customer_account, cur, on, on, tuple(lines),
        order_number=original.order_number, order_customer=original.order_customer,
        po_number=original.po_number, original_invoice=original.number, reason=reason,
        external_refs=dict(original.external_refs),
    )  # fmt: skip
    return _dated(inv, payer)
