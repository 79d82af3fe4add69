"""Read an inbound UBL 2.1 Invoice or CreditNote into the model, with the same validation.

For comparing a partner's self-billing invoice or a returned document with our own. The XML is
parsed by :mod:`gateway.ubl.xmlsafe` (no entities, no network), validated by
:mod:`gateway.ubl.validate`, then mapped to :class:`~gateway.ubl.model.Document`. The totals as
the sender declared them are returned beside the model, since the model derives its own.

What the model does not hold is not read: attachments, invoicing periods, price-level gross
prices and discounts, payee and tax representative parties, notes beyond the first. Units are
kept as the Rec 20 codes they are (``rec20_unit``), so ``render(read(x))`` is stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from gateway.ubl.facts import B, C, dec, norm, xs_boolean
from gateway.ubl.model import (
    Address,
    AllowanceCharge,
    Contact,
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
from gateway.ubl.problems import Problem, Severity, Source
from gateway.ubl.validate import ValidationReport, Validator
from gateway.ubl.xmlsafe import parse_ubl


class _Incomplete(Exception):
    """A value the model needs is missing or malformed (reported as a READ problem)."""


@dataclass(frozen=True, slots=True)
class DeclaredTotals:
    """BG-22 as written in the document (None where absent)."""

    line_extension: Decimal | None
    tax_exclusive: Decimal | None
    tax_inclusive: Decimal | None
    allowance_total: Decimal | None
    charge_total: Decimal | None
    prepaid: Decimal | None
    payable: Decimal | None
    tax_total: Decimal | None


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The model (None when the document lacks what the model needs), its validation report,
    and the totals it declares."""

    document: Document | None
    report: ValidationReport
    declared: DeclaredTotals | None

    @property
    def valid(self) -> bool:
        """True when the document passed validation and could be mapped to the model."""
        return self.document is not None and self.report.valid


def read(data: bytes, validator: Validator | None = None) -> ReadResult:
    """Parse, validate and map untrusted UBL bytes (UnsafeXmlError / NotUblError raised)."""
    root = parse_ubl(data)
    report = (validator or Validator()).validate(root)
    try:
        document = _to_model(root)
    except _Incomplete as exc:
        problem = Problem("UBL-READ", Severity.ERROR, str(exc), "", Source.XML)
        report = ValidationReport(
            report.kind, report.number, report.peppol, (*report.problems, problem)
        )
        return ReadResult(None, report, _declared(root))
    return ReadResult(document, report, _declared(root))


def _t(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    node = element.find(path)
    if node is None or node.text is None:
        return None
    text = norm(node.text)
    return text or None


def _required(element: etree._Element | None, path: str, what: str) -> str:
    value = _t(element, path)
    if value is None:
        raise _Incomplete(f"{what} is missing")
    return value


def _decimal(text: str | None, what: str) -> Decimal:
    value = dec(text)
    if value is None:
        raise _Incomplete(f"{what} is missing or not a decimal: {text!r}")
    return value


def _date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _Incomplete(f"{what} is not a date: {text!r}") from exc


def _identifier(element: etree._Element | None, path: str) -> Identifier | None:
    node = None if element is None else element.find(path)
    if node is None or not norm(node.text):
        return None
    return Identifier(norm(node.text), node.get("schemeID"))


def _address(node: etree._Element | None) -> Address | None:
    if node is None:
        return None
    return Address(
        country_code=_t(node, C + "Country/" + B + "IdentificationCode") or "",
        street=_t(node, B + "StreetName"),
        additional_street=_t(node, B + "AdditionalStreetName"),
        city=_t(node, B + "CityName"),
        postal_zone=_t(node, B + "PostalZone"),
        subdivision=_t(node, B + "CountrySubentity"),
    )


def _party(root: etree._Element, path: str, who: str) -> Party:
    node = root.find(path)
    if node is None:
        raise _Incomplete(f"{who} party is missing")
    endpoint = _identifier(node, B + "EndpointID") or Identifier("")
    vat_id = None
    for scheme in node.iterfind(C + "PartyTaxScheme"):
        if (_t(scheme, C + "TaxScheme/" + B + "ID") or "").upper() == "VAT":
            vat_id = _t(scheme, B + "CompanyID")
            break
    contact_node = node.find(C + "Contact")
    contact = None
    if contact_node is not None:
        contact = Contact(
            _t(contact_node, B + "Name"),
            _t(contact_node, B + "Telephone"),
            _t(contact_node, B + "ElectronicMail"),
        )
    return Party(
        name=_required(node, C + "PartyLegalEntity/" + B + "RegistrationName", f"{who} name"),
        endpoint=endpoint,
        address=_address(node.find(C + "PostalAddress")) or Address(""),
        trading_name=_t(node, C + "PartyName/" + B + "Name"),
        legal_id=_identifier(node, C + "PartyLegalEntity/" + B + "CompanyID"),
        vat_id=vat_id,
        party_ids=tuple(
            Identifier(norm(i.text), i.get("schemeID"))
            for i in node.iterfind(C + "PartyIdentification/" + B + "ID")
            if norm(i.text)
        ),
        contact=contact,
    )


def _category(code: str | None) -> TaxCategory:
    try:
        return TaxCategory(code or "")
    except ValueError as exc:
        raise _Incomplete(f"VAT category {code!r} is not one the model supports") from exc


def _exemptions(
    root: etree._Element,
) -> dict[tuple[str, Decimal | None], tuple[str | None, str | None]]:
    """Exemption reason code and text per (category, rate) from the VAT breakdown."""
    found: dict[tuple[str, Decimal | None], tuple[str | None, str | None]] = {}
    for cat in root.iterfind(C + "TaxTotal/" + C + "TaxSubtotal/" + C + "TaxCategory"):
        rate = dec(_t(cat, B + "Percent"))
        key = (_t(cat, B + "ID") or "", None if rate is None else rate.normalize())
        found[key] = (_t(cat, B + "TaxExemptionReasonCode"), _t(cat, B + "TaxExemptionReason"))
    return found


def _tax(
    node: etree._Element | None,
    exemptions: dict[tuple[str, Decimal | None], tuple[str | None, str | None]],
) -> Tax:
    if node is None:
        raise _Incomplete("a VAT category is missing")
    code = _t(node, B + "ID")
    rate = dec(_t(node, B + "Percent"))
    reason_code, reason = exemptions.get(
        (code or "", None if rate is None else rate.normalize()), (None, None)
    )
    return Tax(_category(code), rate, reason_code, reason)


def _allowance(
    node: etree._Element,
    exemptions: dict[tuple[str, Decimal | None], tuple[str | None, str | None]] | None,
) -> AllowanceCharge:
    indicator = xs_boolean(_t(node, B + "ChargeIndicator") or "")
    if indicator is None:
        raise _Incomplete("an allowance or charge has no valid ChargeIndicator")
    base = _t(node, B + "BaseAmount")
    percent = _t(node, B + "MultiplierFactorNumeric")
    return AllowanceCharge(
        is_charge=indicator,
        amount=_decimal(_t(node, B + "Amount"), "allowance or charge amount"),
        reason_code=_t(node, B + "AllowanceChargeReasonCode"),
        reason=_t(node, B + "AllowanceChargeReason"),
        base_amount=None if base is None else _decimal(base, "allowance base amount"),
        percent=None if percent is None else _decimal(percent, "allowance percentage"),
        tax=None if exemptions is None else _tax(node.find(C + "TaxCategory"), exemptions),
    )


def _line(
    node: etree._Element,
    kind: DocumentKind,
    exemptions: dict[tuple[str, Decimal | None], tuple[str | None, str | None]],
) -> Line:
    qty_node = node.find(
        B + ("InvoicedQuantity" if kind is DocumentKind.INVOICE else "CreditedQuantity")
    )
    if qty_node is None:
        raise _Incomplete("a line has no quantity")
    unit = qty_node.get("unitCode") or ""
    item = node.find(C + "Item")
    line_id = _required(node, B + "ID", "line ID")
    gtin = None
    for std in node.iterfind(C + "Item/" + C + "StandardItemIdentification/" + B + "ID"):
        if std.get("schemeID") == "0160" and norm(std.text):
            gtin = norm(std.text)
            break
    base = _t(node, C + "Price/" + B + "BaseQuantity")
    return Line(
        id=line_id,
        quantity=_decimal(norm(qty_node.text), f"line {line_id} quantity"),
        unit=unit,
        rec20_unit=unit,
        unit_price=_decimal(_t(node, C + "Price/" + B + "PriceAmount"), f"line {line_id} price"),
        item_name=_required(item, B + "Name", f"line {line_id} item name"),
        tax=_tax(None if item is None else item.find(C + "ClassifiedTaxCategory"), exemptions),
        base_quantity=None if base is None else _decimal(base, f"line {line_id} base quantity"),
        seller_item_id=_t(item, C + "SellersItemIdentification/" + B + "ID"),
        buyer_item_id=_t(item, C + "BuyersItemIdentification/" + B + "ID"),
        gtin=gtin,
        description=_t(item, B + "Description"),
        note=_t(node, B + "Note"),
        order_line_id=_t(node, C + "OrderLineReference/" + B + "LineID"),
        allowances_charges=tuple(
            _allowance(ac, None) for ac in node.iterfind(C + "AllowanceCharge")
        ),
    )


def _delivery(root: etree._Element) -> Delivery | None:
    node = root.find(C + "Delivery")
    if node is None:
        return None
    return Delivery(
        date=_date(_t(node, B + "ActualDeliveryDate"), "delivery date"),
        location_id=_identifier(node, C + "DeliveryLocation/" + B + "ID"),
        address=_address(node.find(C + "DeliveryLocation/" + C + "Address")),
        party_name=_t(node, C + "DeliveryParty/" + C + "PartyName/" + B + "Name"),
    )


def _payment_means(node: etree._Element) -> PaymentMeans:
    return PaymentMeans(
        code=_t(node, B + "PaymentMeansCode") or "",
        payment_id=_t(node, B + "PaymentID"),
        account_id=_t(node, C + "PayeeFinancialAccount/" + B + "ID"),
        account_name=_t(node, C + "PayeeFinancialAccount/" + B + "Name"),
        bank_id=_t(
            node, C + "PayeeFinancialAccount/" + C + "FinancialInstitutionBranch/" + B + "ID"
        ),
    )


def _to_model(root: etree._Element) -> Document:
    """Map a UBL root element to the model (raises _Incomplete when essentials are missing)."""
    kind = DocumentKind(etree.QName(root).localname)
    invoice = kind is DocumentKind.INVOICE
    exemptions = _exemptions(root)
    type_code = _t(root, B + ("InvoiceTypeCode" if invoice else "CreditNoteTypeCode"))
    due_text = (
        _t(root, B + "DueDate") if invoice else _t(root, C + "PaymentMeans/" + B + "PaymentDueDate")
    )
    prepaid = _t(root, C + "LegalMonetaryTotal/" + B + "PrepaidAmount")
    return Document(
        kind=kind,
        number=_required(root, B + "ID", "document number"),
        issue_date=_date(_required(root, B + "IssueDate", "issue date"), "issue date") or date.min,
        currency=_required(root, B + "DocumentCurrencyCode", "document currency"),
        seller=_party(root, C + "AccountingSupplierParty/" + C + "Party", "seller"),
        buyer=_party(root, C + "AccountingCustomerParty/" + C + "Party", "buyer"),
        lines=tuple(
            _line(node, kind, exemptions)
            for node in root.iterfind(C + ("InvoiceLine" if invoice else "CreditNoteLine"))
        ),
        due_date=_date(due_text, "due date"),
        type_code=None if type_code == kind.default_type_code else type_code,
        note=_t(root, B + "Note"),
        buyer_reference=_t(root, B + "BuyerReference"),
        order_reference=_t(root, C + "OrderReference/" + B + "ID"),
        billing_references=tuple(
            norm(ref.text)
            for ref in root.iterfind(
                C + "BillingReference/" + C + "InvoiceDocumentReference/" + B + "ID"
            )
            if norm(ref.text)
        ),
        despatch_reference=_t(root, C + "DespatchDocumentReference/" + B + "ID"),
        delivery=_delivery(root),
        payment_means=tuple(_payment_means(n) for n in root.iterfind(C + "PaymentMeans")),
        payment_terms=_t(root, C + "PaymentTerms/" + B + "Note"),
        allowances_charges=tuple(
            _allowance(ac, exemptions) for ac in root.iterfind(C + "AllowanceCharge")
        ),
        prepaid_amount=None if prepaid is None else _decimal(prepaid, "prepaid amount"),
        customization_id=_t(root, B + "CustomizationID") or "",
        profile_id=_t(root, B + "ProfileID"),
    )


def _declared(root: etree._Element) -> DeclaredTotals:
    def amount(name: str) -> Decimal | None:
        return dec(_t(root, C + "LegalMonetaryTotal/" + B + name))

    tax_total = None
    for total in root.iterfind(C + "TaxTotal"):
        if total.find(C + "TaxSubtotal") is not None:
            tax_total = dec(_t(total, B + "TaxAmount"))
            break
    return DeclaredTotals(
        line_extension=amount("LineExtensionAmount"),
        tax_exclusive=amount("TaxExclusiveAmount"),
        tax_inclusive=amount("TaxInclusiveAmount"),
        allowance_total=amount("AllowanceTotalAmount"),
        charge_total=amount("ChargeTotalAmount"),
        prepaid=amount("PrepaidAmount"),
        payable=amount("PayableAmount"),
        tax_total=tax_total,
    )
