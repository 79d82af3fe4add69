"""Render a :class:`~gateway.ubl.model.Document` as a UBL 2.1 Invoice or CreditNote.

Follows OASIS UBL 2.1 (the element order of its ``xsd:sequence`` groups, which the schema
enforces), the EN 16931 UBL binding (CEN/TS 16931-3-2) and Peppol BIS Billing 3.0: no empty
elements (R008), every ``currencyID`` the document currency (R051), one TaxTotal with subtotals
(R053), amounts with 2 decimals (BR-DEC), totals from :func:`gateway.ubl.amounts.compute_totals`.

Pure: :func:`build` returns an lxml element, :func:`render` the serialized bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from lxml import etree

from gateway.ubl.amounts import ZERO, Totals, compute_totals, round2
from gateway.ubl.errors import BuildError
from gateway.ubl.model import (
    Address,
    AllowanceCharge,
    Delivery,
    Document,
    DocumentKind,
    Identifier,
    Line,
    Party,
    PaymentMeans,
    Tax,
    TaxCategory,
)
from gateway.ubl.ns import CAC, CBC, CREDIT_NOTE_NS, INVOICE_NS
from gateway.ubl.units import rec20

_E = etree.SubElement
_C = "{" + CAC + "}"
_B = "{" + CBC + "}"


def fmt_amount(value: Decimal) -> str:
    """An amount with exactly 2 decimals (never ``-0.00``)."""
    rounded = round2(value)
    if rounded == 0:
        rounded = ZERO
    return format(rounded, "f")


def fmt_number(value: Decimal, min_decimals: int = 0) -> str:
    """A quantity, price or rate without exponent or trailing zeros (keeping ``min_decimals``)."""
    norm = value.normalize()
    exponent = norm.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -min_decimals:
        norm = norm.quantize(Decimal(1).scaleb(-min_decimals))
    text = format(norm, "f")
    return "0" if text in {"-0", "-0.0"} else text


def _text(parent: etree._Element, tag: str, value: str | None) -> etree._Element | None:
    """Append ``<tag>value</tag>`` unless the value is empty (Peppol R008: no empty elements)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    child = _E(parent, tag)
    child.text = value
    return child


def _amount(parent: etree._Element, tag: str, value: Decimal, currency: str) -> None:
    child = _E(parent, tag, currencyID=currency)
    child.text = fmt_amount(value)


def _identifier(parent: etree._Element, tag: str, ident: Identifier | None) -> None:
    if ident is None or not ident.value.strip():
        return
    child = _E(parent, tag, schemeID=ident.scheme) if ident.scheme else _E(parent, tag)
    child.text = ident.value.strip()


def build(doc: Document, units: Mapping[str, str] | None = None) -> etree._Element:
    """The UBL root element for a document (``units``: partner unit mappings, see units.rec20)."""
    _check(doc)
    totals = compute_totals(doc)
    invoice = doc.kind is DocumentKind.INVOICE
    root_ns = INVOICE_NS if invoice else CREDIT_NOTE_NS
    root = etree.Element(
        "{" + root_ns + "}" + doc.kind.value, nsmap={None: root_ns, "cac": CAC, "cbc": CBC}
    )
    _header(root, doc, invoice)
    _party(_E(_E(root, _C + "AccountingSupplierParty"), _C + "Party"), doc.seller)
    _party(_E(_E(root, _C + "AccountingCustomerParty"), _C + "Party"), doc.buyer)
    if doc.delivery is not None:
        _delivery(root, doc.delivery)
    for index, means in enumerate(doc.payment_means):
        due = doc.due_date if (not invoice and index == 0) else None
        _payment_means(root, means, due.isoformat() if due else None)
    if doc.payment_terms and doc.payment_terms.strip():
        _text(_E(root, _C + "PaymentTerms"), _B + "Note", doc.payment_terms)
    for ac in doc.allowances_charges:
        _allowance_charge(root, ac, doc.currency, with_tax=True)
    _tax_total(root, totals, doc.currency)
    _monetary_total(root, totals, doc.currency)
    line_tag = "InvoiceLine" if invoice else "CreditNoteLine"
    qty_tag = "InvoicedQuantity" if invoice else "CreditedQuantity"
    for line, net in zip(doc.lines, totals.line_nets, strict=True):
        _line(root, line, net, doc.currency, line_tag, qty_tag, units)
    return root


def render(doc: Document, units: Mapping[str, str] | None = None) -> bytes:
    """The document as UTF-8 XML bytes with an XML declaration."""
    return etree.tostring(build(doc, units), xml_declaration=True, encoding="UTF-8")


def _check(doc: Document) -> None:
    """Refuse models that cannot become a UBL document at all (the rest is for validation)."""
    if not doc.lines:
        raise BuildError(f"{doc.kind.value} {doc.number}: a document needs at least one line")
    for ac in doc.allowances_charges:
        if ac.tax is None:
            raise BuildError(
                f"{doc.kind.value} {doc.number}: a document-level allowance or charge "
                "needs a VAT category (BR-32/BR-37)"
            )
    for line in doc.lines:
        if any(ac.tax is not None for ac in line.allowances_charges):
            raise BuildError(f"line {line.id}: line allowances and charges take the line's VAT")


def _header(root: etree._Element, doc: Document, invoice: bool) -> None:
    _text(root, _B + "CustomizationID", doc.customization_id)
    _text(root, _B + "ProfileID", doc.profile_id)
    _text(root, _B + "ID", doc.number)
    _text(root, _B + "IssueDate", doc.issue_date.isoformat())
    if invoice and doc.due_date is not None:
        _text(root, _B + "DueDate", doc.due_date.isoformat())
    _text(root, _B + ("InvoiceTypeCode" if invoice else "CreditNoteTypeCode"), doc.effective_type_code)
    _text(root, _B + "Note", doc.note)
    _text(root, _B + "DocumentCurrencyCode", doc.currency)
    _text(root, _B + "BuyerReference", doc.buyer_reference)
    if doc.order_reference and doc.order_reference.strip():
        _text(_E(root, _C + "OrderReference"), _B + "ID", doc.order_reference)
    for ref in doc.billing_references:
        if ref.strip():
            billing = _E(root, _C + "BillingReference")
            _text(_E(billing, _C + "InvoiceDocumentReference"), _B + "ID", ref)
    if doc.despatch_reference and doc.despatch_reference.strip():
        _text(_E(root, _C + "DespatchDocumentReference"), _B + "ID", doc.despatch_reference)


def _address(parent: etree._Element, tag: str, address: Address) -> None:
    node = _E(parent, tag)
    _text(node, _B + "StreetName", address.street)
    _text(node, _B + "AdditionalStreetName", address.additional_street)
    _text(node, _B + "CityName", address.city)
    _text(node, _B + "PostalZone", address.postal_zone)
    _text(node, _B + "CountrySubentity", address.subdivision)
    _text(_E(node, _C + "Country"), _B + "IdentificationCode", address.country_code)


def _party(node: etree._Element, party: Party) -> None:
    _identifier(node, _B + "EndpointID", party.endpoint)
    for ident in party.party_ids:
        _identifier(_E(node, _C + "PartyIdentification"), _B + "ID", ident)
    if party.trading_name and party.trading_name.strip():
        _text(_E(node, _C + "PartyName"), _B + "Name", party.trading_name)
    _address(node, _C + "PostalAddress", party.address)
    if party.vat_id and party.vat_id.strip():
        scheme = _E(node, _C + "PartyTaxScheme")
        _text(scheme, _B + "CompanyID", party.vat_id)
        _text(_E(scheme, _C + "TaxScheme"), _B + "ID", "VAT")
    legal = _E(node, _C + "PartyLegalEntity")
    _text(legal, _B + "RegistrationName", party.name)
    _identifier(legal, _B + "CompanyID", party.legal_id)
    contact = party.contact
    if contact is not None and (contact.name or contact.telephone or contact.email):
        node_contact = _E(node, _C + "Contact")
        _text(node_contact, _B + "Name", contact.name)
        _text(node_contact, _B + "Telephone", contact.telephone)
        _text(node_contact, _B + "ElectronicMail", contact.email)


def _delivery(root: etree._Element, delivery: Delivery) -> None:
    node = _E(root, _C + "Delivery")
    if delivery.date is not None:
        _text(node, _B + "ActualDeliveryDate", delivery.date.isoformat())
    if delivery.location_id is not None or delivery.address is not None:
        location = _E(node, _C + "DeliveryLocation")
        _identifier(location, _B + "ID", delivery.location_id)
        if delivery.address is not None:
            _address(location, _C + "Address", delivery.address)
    if delivery.party_name and delivery.party_name.strip():
        _text(_E(_E(node, _C + "DeliveryParty"), _C + "PartyName"), _B + "Name", delivery.party_name)
    if len(node) == 0:
        root.remove(node)


def _payment_means(root: etree._Element, means: PaymentMeans, due: str | None) -> None:
    node = _E(root, _C + "PaymentMeans")
    _text(node, _B + "PaymentMeansCode", means.code)
    _text(node, _B + "PaymentDueDate", due)
    _text(node, _B + "PaymentID", means.payment_id)
    if means.account_id and means.account_id.strip():
        account = _E(node, _C + "PayeeFinancialAccount")
        _text(account, _B + "ID", means.account_id)
        _text(account, _B + "Name", means.account_name)
        if means.bank_id and means.bank_id.strip():
            _text(_E(account, _C + "FinancialInstitutionBranch"), _B + "ID", means.bank_id)


def _tax_category(parent: etree._Element, tag: str, tax: Tax, with_reason: bool) -> None:
    node = _E(parent, tag)
    _text(node, _B + "ID", tax.category.value)
    if tax.rate is not None and tax.category is not TaxCategory.OUTSIDE_SCOPE:
        _text(node, _B + "Percent", fmt_number(tax.rate))
    if with_reason:
        _text(node, _B + "TaxExemptionReasonCode", tax.exemption_reason_code)
        _text(node, _B + "TaxExemptionReason", tax.exemption_reason)
    _text(_E(node, _C + "TaxScheme"), _B + "ID", "VAT")


def _allowance_charge(
    parent: etree._Element, ac: AllowanceCharge, currency: str, with_tax: bool
) -> None:
    node = _E(parent, _C + "AllowanceCharge")
    _text(node, _B + "ChargeIndicator", "true" if ac.is_charge else "false")
    _text(node, _B + "AllowanceChargeReasonCode", ac.reason_code)
    _text(node, _B + "AllowanceChargeReason", ac.reason)
    if ac.percent is not None:
        _text(node, _B + "MultiplierFactorNumeric", fmt_number(ac.percent))
    _amount(node, _B + "Amount", ac.amount, currency)
    if ac.base_amount is not None:
        _amount(node, _B + "BaseAmount", ac.base_amount, currency)
    if with_tax and ac.tax is not None:
        _tax_category(node, _C + "TaxCategory", ac.tax, with_reason=False)


def _tax_total(root: etree._Element, totals: Totals, currency: str) -> None:
    node = _E(root, _C + "TaxTotal")
    _amount(node, _B + "TaxAmount", totals.tax_total, currency)
    for group in totals.groups:
        sub = _E(node, _C + "TaxSubtotal")
        _amount(sub, _B + "TaxableAmount", group.taxable, currency)
        _amount(sub, _B + "TaxAmount", group.tax, currency)
        tax = Tax(group.category, group.rate, group.exemption_reason_code, group.exemption_reason)
        _tax_category(sub, _C + "TaxCategory", tax, with_reason=True)


def _monetary_total(root: etree._Element, totals: Totals, currency: str) -> None:
    node = _E(root, _C + "LegalMonetaryTotal")
    _amount(node, _B + "LineExtensionAmount", totals.line_extension, currency)
    _amount(node, _B + "TaxExclusiveAmount", totals.tax_exclusive, currency)
    _amount(node, _B + "TaxInclusiveAmount", totals.tax_inclusive, currency)
    if totals.allowance_total is not None:
        _amount(node, _B + "AllowanceTotalAmount", totals.allowance_total, currency)
    if totals.charge_total is not None:
        _amount(node, _B + "ChargeTotalAmount", totals.charge_total, currency)
    if totals.prepaid is not None:
        _amount(node, _B + "PrepaidAmount", totals.prepaid, currency)
    _amount(node, _B + "PayableAmount", totals.payable, currency)


def _line(
    root: etree._Element,
    line: Line,
    net: Decimal,
    currency: str,
    line_tag: str,
    qty_tag: str,
    units: Mapping[str, str] | None,
) -> None:
    unit = line.rec20_unit or rec20(line.unit, units)
    node = _E(root, _C + line_tag)
    _text(node, _B + "ID", line.id)
    _text(node, _B + "Note", line.note)
    qty = _E(node, _B + qty_tag, unitCode=unit)
    qty.text = fmt_number(line.quantity)
    _amount(node, _B + "LineExtensionAmount", net, currency)
    if line.order_line_id and line.order_line_id.strip():
        _text(_E(node, _C + "OrderLineReference"), _B + "LineID", line.order_line_id)
    for ac in line.allowances_charges:
        _allowance_charge(node, ac, currency, with_tax=False)
    item = _E(node, _C + "Item")
    _text(item, _B + "Description", line.description)
    _text(item, _B + "Name", line.item_name)
    if line.buyer_item_id and line.buyer_item_id.strip():
        _text(_E(item, _C + "BuyersItemIdentification"), _B + "ID", line.buyer_item_id)
    if line.seller_item_id and line.seller_item_id.strip():
        _text(_E(item, _C + "SellersItemIdentification"), _B + "ID", line.seller_item_id)
    if line.gtin and line.gtin.strip():
        std = _E(item, _C + "StandardItemIdentification")
        _identifier(std, _B + "ID", Identifier(line.gtin, "0160"))
    _tax_category(item, _C + "ClassifiedTaxCategory", line.tax, with_reason=False)
    price = _E(node, _C + "Price")
    price_amount = _E(price, _B + "PriceAmount", currencyID=currency)
    price_amount.text = fmt_number(line.unit_price, min_decimals=2)
    if line.base_quantity is not None:
        base = _E(price, _B + "BaseQuantity", unitCode=unit)
        base.text = fmt_number(line.base_quantity)
