"""The model of mappings/<partner>/mapping.toml (and mappings/_base/mapping.toml).

Every key is optional, so that a partner file can override only what differs from the base;
``gateway.config.mapping_merge`` merges the two and builds the
:class:`~gateway.transactions.mapping.PartnerMapping` the transaction sets read. The CSV files
beside it (items.csv, ship_to.csv) are read by ``gateway.config.mapping_csv``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from gateway.config.fields import Model, NonNegativeDec

_QUALIFIER = r"^[A-Z0-9]{1,3}$"
Qualifier = Annotated[str, Field(pattern=_QUALIFIER)]


class ItemQualifiersFile(Model):
    """PO1/IT1/LIN product ID qualifiers (element 235), in order of preference."""

    buyer_item: tuple[Qualifier, ...] | None = None
    gtin: tuple[Qualifier, ...] | None = None
    vendor_item: tuple[Qualifier, ...] | None = None


class ReferencesFile(Model):
    """REF01 qualifiers (element 128) of header references."""

    department: str | None = Field(default=None, pattern=_QUALIFIER)
    vendor_number: str | None = Field(default=None, pattern=_QUALIFIER)
    promotion: str | None = Field(default=None, pattern=_QUALIFIER)


class OverrideFile(Model):
    """One ``[[overrides]]`` entry: ``target`` set from a constant ``value`` or a ``source``."""

    set: Literal["850", "855", "856", "810", "820"]
    target: str = Field(min_length=1)
    value: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _value_or_source(self) -> OverrideFile:
        if (self.value is None) == (self.source is None):
            raise ValueError("an override has exactly one of value and source")
        return self


class MappingFile(Model):
    """mapping.toml."""

    customer_account: str | None = None
    """The ledger account orders map to; defaults to the partner's first customer account."""
    price_tolerance: NonNegativeDec | None = None
    """Largest allowed difference between the partner's unit price and ours, as a fraction."""
    item_qualifiers: ItemQualifiersFile = Field(default_factory=ItemQualifiersFile)
    references: ReferencesFile = Field(default_factory=ReferencesFile)
    units: dict[str, str] = Field(default_factory=dict)
    """Partner unit (X12 355) -> our unit."""
    defaults: dict[str, str] = Field(default_factory=dict)
    """Defaults for absent fields, by name."""
    overrides: tuple[OverrideFile, ...] = ()
