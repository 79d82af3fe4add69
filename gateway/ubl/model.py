"""The typed input of the UBL builder: an EN 16931 (CEN/TS 16931-3-2) semantic invoice.

Frozen dataclasses, Decimal amounts, no behaviour beyond small derived values. Business terms
(BT-n) and groups (BG-n) of EN 16931-1 are named in the field comments. The ledger adapter maps
a posted ledger invoice or credit note into :class:`Document`; :mod:`gateway.ubl.reader` builds
the same model from inbound XML, so ``render(read(x))`` is stable.

Amounts are ``Decimal`` as the ledger holds them. Nothing here rounds: rounding to 2 decimals
(ROUND_HALF_UP, i.e. half away from zero) happens only in :mod:`gateway.ubl.amounts`, at the
edge where UBL amounts are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

PEPPOL_BILLING_CUSTOMIZATION = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
PEPPOL_BILLING_PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"


class DocumentKind(StrEnum):
    """UBL root: an Invoice (type 380) or a CreditNote (type 381)."""

    INVOICE = "Invoice"
    CREDIT_NOTE = "CreditNote"

    @property
    def default_type_code(self) -> str:
        """UNCL1001 code: 380 commercial invoice, 381 credit note."""
        return "380" if self is DocumentKind.INVOICE else "381"


class TaxCategory(StrEnum):
    """UNCL5305 VAT category codes (BT-118, BT-151) used by EN 16931."""

    STANDARD = "S"
    ZERO = "Z"
    EXEMPT = "E"
    REVERSE_CHARGE = "AE"
    INTRA_COMMUNITY = "K"
    EXPORT = "G"
    OUTSIDE_SCOPE = "O"

    @property
    def needs_exemption_reason(self) -> bool:
        """Categories whose VAT breakdown must state an exemption reason (BR-E-10 and kin)."""
        return self in _EXEMPTION_REQUIRED


_EXEMPTION_REQUIRED = frozenset(
    {
        TaxCategory.EXEMPT,
        TaxCategory.REVERSE_CHARGE,
        TaxCategory.INTRA_COMMUNITY,
        TaxCategory.EXPORT,
        TaxCategory.OUTSIDE_SCOPE,
    }
)


@dataclass(frozen=True, slots=True)
class Tax:
    """A VAT category and rate, with the exemption reason where the category needs one.

    ``rate`` is a percentage (``Decimal("25")`` for 25 %); it is ``None`` only for category O.
    The exemption reason (BT-120) and code (BT-121, VATEX) go into the VAT breakdown group.
    """

    category: TaxCategory
    rate: Decimal | None
    exemption_reason_code: str | None = None
    exemption_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier with an optional ISO 6523 ICD scheme (e.g. ``0088`` GLN, ``0060`` DUNS)."""

    value: str
    scheme: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """BG-5 / BG-8 / BG-15 postal address; the country (ISO 3166-1 alpha-2) is mandatory."""

    country_code: str
    street: str | None = None
    additional_street: str | None = None
    city: str | None = None
    postal_zone: str | None = None
    subdivision: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """BG-6 / BG-9 contact."""

    name: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """Seller (BG-4) or buyer (BG-7).

    ``endpoint`` is the electronic address (BT-34/BT-49) with its EAS scheme, mandatory in Peppol;
    ``legal_id`` the legal registration (BT-30/BT-47), ``vat_id`` the VAT identifier with its
    country prefix (BT-31/BT-48), ``party_ids`` further identifiers (BT-29/BT-46).
    """

    name: str
    endpoint: Identifier
    address: Address
    trading_name: str | None = None
    legal_id: Identifier | None = None
    vat_id: str | None = None
    party_ids: tuple[Identifier, ...] = ()
    contact: Contact | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """BG-13 delivery information: date (BT-72), location id (BT-71), address (BG-15), party."""

    date: date | None = None
    location_id: Identifier | None = None
    address: Address | None = None
    party_name: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentMeans:
    """BG-16 payment instructions: UNCL4461 code (BT-81; 30 credit transfer, 58 SEPA), the
    remittance reference (BT-83) and the payee account (BG-17: IBAN or number, name, BIC)."""

    code: str
    payment_id: str | None = None
    account_id: str | None = None
    account_name: str | None = None
    bank_id: str | None = None


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """A document-level (BG-20/BG-21) or line-level (BG-27/BG-28) allowance or charge.

    ``reason_code`` is UNCL5189 for allowances and UNCL7161 for charges. ``tax`` is mandatory at
    document level and must be ``None`` on lines (a line's allowance takes the line's VAT).
    """

    is_charge: bool
    amount: Decimal
    reason_code: str | None = None
    reason: str | None = None
    base_amount: Decimal | None = None
    percent: Decimal | None = None
    tax: Tax | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """BG-25 invoice line.

    ``unit`` is our unit code (mapped to UN/ECE Rec 20 by :mod:`gateway.ubl.units`) unless
    ``rec20_unit`` already gives the Rec 20 code (the reader sets both). ``unit_price`` is the
    net price (BT-146) per ``base_quantity`` units (BT-149), up to 4 decimals from the ledger;
    the line net (BT-131) is derived, never given.
    """

    id: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    item_name: str
    tax: Tax
    base_quantity: Decimal | None = None
    rec20_unit: str | None = None
    seller_item_id: str | None = None
    buyer_item_id: str | None = None
    gtin: str | None = None
    description: str | None = None
    note: str | None = None
    order_line_id: str | None = None
    allowances_charges: tuple[AllowanceCharge, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """An invoice (BG-0) or credit note ready to render.

    ``order_reference`` is the customer's PO number (BT-13), ``buyer_reference`` BT-10,
    ``billing_references`` the preceding invoices (BG-3; credit notes), ``despatch_reference``
    the packing slip (BT-16), ``prepaid_amount`` settled prepayments (BT-113).
    """

    kind: DocumentKind
    number: str
    issue_date: date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    due_date: date | None = None
    type_code: str | None = None
    note: str | None = None
    buyer_reference: str | None = None
    order_reference: str | None = None
    billing_references: tuple[str, ...] = ()
    despatch_reference: str | None = None
    delivery: Delivery | None = None
    payment_means: tuple[PaymentMeans, ...] = ()
    payment_terms: str | None = None
    allowances_charges: tuple[AllowanceCharge, ...] = ()
    prepaid_amount: Decimal | None = None
    customization_id: str = PEPPOL_BILLING_CUSTOMIZATION
    profile_id: str | None = PEPPOL_BILLING_PROFILE

    @property
    def effective_type_code(self) -> str:
        """BT-3: the given code, or 380/381 by kind."""
        return self.type_code or self.kind.default_type_code

    @property
    def is_peppol(self) -> bool:
        """True when the CustomizationID names Peppol BIS Billing 3.0."""
        return is_peppol_customization(self.customization_id)


def is_peppol_customization(customization_id: str) -> bool:
    """True when a CustomizationID (BT-24) names Peppol BIS Billing 3.0 (or its self-billing)."""
    return (
        "urn:fdc:peppol.eu:2017:poacc:billing:3.0" in customization_id
        or "urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0" in customization_id
    )
