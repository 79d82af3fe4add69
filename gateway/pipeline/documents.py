"""Ledger documents to outbound documents: invoices to 810 notices and UBL 2.1 documents,
packing slips to 856 ship notices. Pure: everything from configuration is passed in.

Line identifiers come from the ledger (SKU, GTIN, the 850 line number kept as the order line's
external reference) and from the partner's item cross-reference (its buyer item number).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from core.domain.charges import AppliedCharge
from core.domain.documents import Invoice, PackingSlip
from core.domain.orders import SalesOrder
from core.domain.parties import PaymentTerms
from gateway.transactions.common import Party
from gateway.transactions.mapping import PartnerMapping
from gateway.transactions.ts810 import BilledLine, Charge, InvoiceNotice, Tax
from gateway.transactions.ts856 import Carton, ShipNotice, ShippedItem, ShippedOrder
from gateway.ubl import model as ubl

#: SAC02 codes for the ledger's allowance and charge reasons when a partner has none mapped.
DEFAULT_SAC = {"allowance": "C310", "charge": "D240"}


def buyer_item_for(mapping: PartnerMapping, sku: str) -> str:
    return next((row.buyer_item for row in mapping.items if row.sku == sku and row.buyer_item), "")


def _charge(charge: AppliedCharge) -> Charge:
    indicator = "C" if charge.is_charge else "A"
    code = DEFAULT_SAC["charge" if charge.is_charge else "allowance"]
    return Charge(indicator, code, charge.amount, charge.reason)


def invoice_notice(
    invoice: Invoice,
    mapping: PartnerMapping,
    remit_to: Party,
    ship_to: Party | None = None,
    po_date: date | None = None,
    ship_date: date | None = None,
    terms: PaymentTerms | None = None,
    tax_type: str = "ST",
) -> InvoiceNotice:
    """The 810 document for a ledger invoice or credit note; TDS01 equals the invoice total.

    The ledger's tax (lines and charges) goes in one TXI of ``tax_type`` (ST sales tax).
    """
    lines = tuple(
        BilledLine(
            line.external_line_ref or str(line.line_no),
            line.sku,
            line.quantity,
            line.uom,
            line.unit_price,
            line.gtin,
            buyer_item_for(mapping, line.sku),
            line.description,
            tuple(_charge(c) for c in line.allowances),
        )
        for line in invoice.lines
    )
    references = tuple(
        (key.removeprefix("REF "), value)
        for key, value in invoice.external_refs.items()
        if key.startswith("REF ")
    )
    return InvoiceNotice(
        invoice.number,
        invoice.invoice_date,
        invoice.po_number,
        po_date,
        lines,
        remit_to,
        ship_to,
        credit_memo=invoice.is_credit,
        original_invoice=invoice.original_invoice,
        references=references,
        ship_date=ship_date,
        discount_percent=terms.discount_percent if terms and terms.discount_percent else None,
        discount_days=terms.discount_days if terms and terms.discount_percent else None,
        discount_due=invoice.discount_date,
        net_days=terms.net_days if terms else None,
        net_due=invoice.due_date,
        charges=tuple(_charge(c) for c in invoice.charges),
        taxes=(Tax(tax_type, invoice.tax_total),) if invoice.tax_total else (),
    )


def ship_notice(
    slip: PackingSlip,
    order: SalesOrder,
    mapping: PartnerMapping,
    ship_to: Party,
    ship_from: Party,
    ssccs: list[str],
    ship_time: time = time(0, 0),
    carrier_scac: str = "",
    bill_of_lading: str = "",
) -> ShipNotice:
    """The 856 for one packing slip: one carton (SSCC) per slip line, in order."""
    by_line = {line.line_no: line for line in order.lines}
    items = []
    for slip_line in slip.lines:
        order_line = by_line.get(slip_line.line_no)
        items.append(
            ShippedItem(
                order_line.external_line_ref if order_line else str(slip_line.line_no),
                slip_line.sku,
                slip_line.quantity,
                slip_line.uom,
                order_line.quantity if order_line else None,
                order_line.gtin if order_line else "",
                buyer_item_for(mapping, slip_line.sku),
                order_line.description if order_line else "",
            )
        )
    if len(ssccs) < len(items):
        raise ValueError(f"{len(items)} cartons need as many SSCCs, {len(ssccs)} given")
    cartons = tuple(Carton(code, (item,)) for code, item in zip(ssccs, items, strict=False))
    references = tuple(
        (key.removeprefix("REF "), value)
        for key, value in order.external_refs.items()
        if key.startswith("REF ")
    )
    po_date = order.external_refs.get("po_date") or ""
    shipped = ShippedOrder(
        order.po_number or order.number,
        date.fromisoformat(po_date) if po_date else None,
        cartons=cartons,
        items=tuple(items),
        references=references,
    )
    return ShipNotice(
        slip.number,
        slip.ship_date,
        ship_time,
        ship_to,
        ship_from,
        (shipped,),
        carrier_scac,
        "M",
        bill_of_lading,
    )


@dataclass(frozen=True, slots=True)
class TaxInfo:
    """How a ledger tax code reads in UBL: category, and the exemption reason when exempt."""

    category: ubl.TaxCategory
    exemption_reason: str | None = None
    exemption_reason_code: str | None = None


def ubl_document(
    invoice: Invoice,
    seller: ubl.Party,
    buyer: ubl.Party,
    taxes: Mapping[str, TaxInfo],
    payment_means: tuple[ubl.PaymentMeans, ...] = (),
    prepaid: Decimal | None = None,
    payment_terms: str | None = None,
) -> ubl.Document:
    """The UBL 2.1 Invoice (380) or CreditNote (381) for a ledger invoice."""

    def tax(code: str, rate: Decimal) -> ubl.Tax:
        info = taxes.get(code) or TaxInfo(ubl.TaxCategory.STANDARD)
        return ubl.Tax(
            info.category,
            None if info.category is ubl.TaxCategory.OUTSIDE_SCOPE else rate,
            info.exemption_reason_code,
            info.exemption_reason,
        )

    lines = tuple(
        ubl.Line(
            str(line.line_no),
            line.quantity,
            line.uom,
            line.unit_price,
            line.description or line.sku,
            tax(line.tax_code, line.tax_rate),
            seller_item_id=line.sku or None,
            gtin=line.gtin or None,
            order_line_id=line.external_line_ref or None,
            allowances_charges=tuple(
                ubl.AllowanceCharge(c.is_charge, c.amount, reason=c.reason or None)
                for c in line.allowances
            ),
        )
        for line in invoice.lines
    )
    charges = tuple(
        ubl.AllowanceCharge(
            c.is_charge, c.amount, reason=c.reason or None, tax=tax(c.tax_code, c.tax_rate)
        )
        for c in invoice.charges
    )
    kind = ubl.DocumentKind.CREDIT_NOTE if invoice.is_credit else ubl.DocumentKind.INVOICE
    return ubl.Document(
        kind,
        invoice.number,
        invoice.invoice_date,
        invoice.currency,
        seller,
        buyer,
        lines,
        due_date=invoice.due_date,
        buyer_reference=invoice.po_number or invoice.customer_account,
        order_reference=invoice.po_number or None,
        billing_references=(invoice.original_invoice,) if invoice.original_invoice else (),
        despatch_reference=invoice.packing_slips[0] if invoice.packing_slips else None,
        payment_means=payment_means,
        payment_terms=payment_terms or invoice.terms or None,
        allowances_charges=charges,
        prepaid_amount=prepaid,
    )
