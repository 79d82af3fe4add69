"""The partner mapping as the transaction sets see it: frozen, typed, already validated.

``gateway.config`` reads mappings/<partner>/ (TOML plus CSV) and builds one ``PartnerMapping``
per partner and transaction set direction, merging the base mapping with the partner's
overrides. Nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = "US"


@dataclass(frozen=True, slots=True)
class ItemQualifiers:
    """Which product ID qualifiers (PO106/107.., IT106.., LIN02..) carry which identifier.

    Lists are in order of preference; the first qualifier present on a line wins.
    """

    buyer_item: tuple[str, ...] = ("IN", "BP")
    gtin: tuple[str, ...] = ("UP", "EN", "UK")
    vendor_item: tuple[str, ...] = ("VN", "SK")


@dataclass(frozen=True, slots=True)
class ReferenceQualifiers:
    """Which REF01 qualifiers carry which header reference."""

    department: str = "DP"
    vendor_number: str = "IA"
    promotion: str = "PD"


@dataclass(frozen=True, slots=True)
class ItemCrossReference:
    """One row of the item cross-reference CSV: a partner identifier to our SKU."""

    sku: str
    buyer_item: str = ""
    gtin: str = ""
    vendor_item: str = ""


@dataclass(frozen=True, slots=True)
class FieldOverride:
    """A field override: a path (segment, qualifier, element) and a value or a source path.

    Path syntax: ``SEG[QUAL]ELEMENT``, e.g. ``REF[DP]02`` is REF02 of the REF whose REF01 is DP;
    ``N1[ST]04`` is N104 of the ship-to N1; ``BEG03`` has no qualifier.
    """

    target: str
    value: str = ""
    source: str = ""
    #: the transaction set the override applies to ("850", "810", ...); empty for every set
    transaction_set: str = ""


@dataclass(frozen=True, slots=True)
class PartnerMapping:
    """Everything a transaction set module needs to know about one partner's habits."""

    partner_id: str
    customer_account: str
    item_qualifiers: ItemQualifiers = field(default_factory=ItemQualifiers)
    references: ReferenceQualifiers = field(default_factory=ReferenceQualifiers)
    items: tuple[ItemCrossReference, ...] = ()
    #: partner unit of measure -> our unit (e.g. "CS" -> "CA")
    units: dict[str, str] = field(default_factory=dict)
    #: store number (N104 with N103 = 92) -> ship-to address
    ship_to: dict[str, Address] = field(default_factory=dict)
    #: largest allowed difference between the partner's unit price and ours, as a fraction
    price_tolerance: Decimal = Decimal("0.00")
    #: defaults for absent fields, by name (e.g. "currency": "USD")
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: tuple[FieldOverride, ...] = ()

    def sku_for(self, *, buyer_item: str = "", gtin: str = "", vendor_item: str = "") -> str | None:
        """Our SKU for a line's identifiers, by cross-reference (buyer item, GTIN, vendor item)."""
        for row in self.items:
            if buyer_item and row.buyer_item == buyer_item:
                return row.sku
        for row in self.items:
            if gtin and row.gtin and row.gtin.lstrip("0") == gtin.lstrip("0"):
                return row.sku
        for row in self.items:
            if vendor_item and row.vendor_item == vendor_item:
                return row.sku
        return None

    def unit_for(self, partner_unit: str) -> str:
        """Our unit of measure for a partner's (unchanged when the crosswalk has none)."""
        return self.units.get(partner_unit, partner_unit)
