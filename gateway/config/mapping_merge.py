"""Merging the base mapping with a partner's, and building the PartnerMapping.

Merge rules (also in docs/mapping-reference.md):

* ``price_tolerance`` and each key of ``[item_qualifiers]`` and ``[references]``: the
  partner's value if it sets one, else the base's, else the built-in default of
  :mod:`gateway.transactions.mapping`;
* ``customer_account``: the partner's, else the partner's first customer account (the base may
  not set it);
* ``[units]`` and ``[defaults]``: the union of both tables, the partner winning per key;
* ``[[overrides]]``: the base's, then the partner's; a partner override with the same set and
  target replaces the base's;
* items.csv and ship_to.csv: the partner's folder only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from gateway.config.mapping_model import MappingFile, OverrideFile
from gateway.config.override_paths import OverridePath, find_set, parse_path, path_problem
from gateway.config.partner_model import PartnerSettings
from gateway.config.problems import ConfigProblem
from gateway.config.tomlfile import TomlDocument
from gateway.config.units import unit_problem
from gateway.transactions.mapping import (
    Address,
    FieldOverride,
    ItemCrossReference,
    ItemQualifiers,
    PartnerMapping,
    ReferenceQualifiers,
)
from gateway.x12.maps import MapLibrary

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MappingSource:
    """One parsed mapping.toml: where it is, its key lines, its model."""

    file: str
    document: TomlDocument
    model: MappingFile

    def line(self, *path: str | int) -> int | None:
        return self.document.line_of(path)


def _pick(partner: T | None, base: T | None, default: T) -> T:
    if partner is not None:
        return partner
    return base if base is not None else default


def _sources(base: MappingSource | None, own: MappingSource | None) -> list[MappingSource]:
    return [s for s in (base, own) if s is not None]


def merge_mapping(
    settings: PartnerSettings,
    base: MappingSource | None,
    own: MappingSource | None,
    items: tuple[ItemCrossReference, ...],
    ship_to: dict[str, Address],
) -> PartnerMapping:
    """The merged view; :func:`mapping_problems` says what is wrong with it."""
    b = base.model if base else MappingFile()
    p = own.model if own else MappingFile()
    qualifiers, references = ItemQualifiers(), ReferenceQualifiers()
    return PartnerMapping(
        partner_id=settings.id,
        customer_account=p.customer_account or settings.customer_accounts[0],
        item_qualifiers=ItemQualifiers(
            buyer_item=_pick(
                p.item_qualifiers.buyer_item, b.item_qualifiers.buyer_item, qualifiers.buyer_item
            ),
            gtin=_pick(p.item_qualifiers.gtin, b.item_qualifiers.gtin, qualifiers.gtin),
            vendor_item=_pick(
                p.item_qualifiers.vendor_item, b.item_qualifiers.vendor_item, qualifiers.vendor_item
            ),
        ),
        references=ReferenceQualifiers(
            department=_pick(
                p.references.department, b.references.department, references.department
            ),
            vendor_number=_pick(
                p.references.vendor_number, b.references.vendor_number, references.vendor_number
            ),
            promotion=_pick(p.references.promotion, b.references.promotion, references.promotion),
        ),
        items=items,
        units={**b.units, **p.units},
        ship_to=dict(ship_to),
        price_tolerance=_pick(p.price_tolerance, b.price_tolerance, Decimal("0.00")),
        defaults={**b.defaults, **p.defaults},
        overrides=tuple(_override(o) for _, _, o in _merged_overrides(base, own)),
    )


def _override(entry: OverrideFile) -> FieldOverride:
    return FieldOverride(entry.target, entry.value or "", entry.source or "", entry.set)


def _merged_overrides(
    base: MappingSource | None, own: MappingSource | None
) -> list[tuple[MappingSource, int, OverrideFile]]:
    chosen: dict[tuple[str, str], tuple[MappingSource, int, OverrideFile]] = {}
    for source in _sources(base, own):
        for index, entry in enumerate(source.model.overrides):
            chosen[(entry.set, entry.target)] = (source, index, entry)
    return list(chosen.values())


def mapping_problems(
    settings: PartnerSettings,
    base: MappingSource | None,
    own: MappingSource | None,
    library: MapLibrary,
) -> list[ConfigProblem]:
    """Units, customer account and override paths of the merged mapping, each with its line."""
    problems: list[ConfigProblem] = []
    for source in _sources(base, own):
        for partner_unit, our_unit in source.model.units.items():
            for code in (partner_unit, our_unit):
                if reason := unit_problem(code):
                    problems.append(
                        ConfigProblem(
                            source.file,
                            source.line("units", partner_unit),
                            f"units.{partner_unit}",
                            "CFG_UNKNOWN_UNIT",
                            reason,
                        )
                    )
        problems.extend(_account_problems(settings, source, is_base=source is base))
        problems.extend(_duplicate_overrides(source))
    for source, index, entry in _merged_overrides(base, own):
        problems.extend(_override_problems(settings, source, index, entry, library))
    return problems


def _account_problems(
    settings: PartnerSettings, source: MappingSource, *, is_base: bool
) -> list[ConfigProblem]:
    account = source.model.customer_account
    if account is None:
        return []
    if is_base:
        message = "customer_account is per partner: set it in the partner's mapping.toml"
    elif account not in settings.customer_accounts:
        message = (
            f"{account!r} is not one of partner {settings.id}'s customer_accounts "
            f"{list(settings.customer_accounts)}"
        )
    else:
        return []
    line = source.line("customer_account")
    return [ConfigProblem(source.file, line, "customer_account", "CFG_UNKNOWN_ACCOUNT", message)]


def _duplicate_overrides(source: MappingSource) -> list[ConfigProblem]:
    seen: set[tuple[str, str]] = set()
    problems = []
    for index, entry in enumerate(source.model.overrides):
        if (entry.set, entry.target) in seen:
            problems.append(
                ConfigProblem(
                    source.file,
                    source.line("overrides", index, "target"),
                    f"overrides[{index}].target",
                    "CFG_DUPLICATE",
                    f"a second override of {entry.target} in the {entry.set}",
                )
            )
        seen.add((entry.set, entry.target))
    return problems


def _override_problems(
    settings: PartnerSettings,
    source: MappingSource,
    index: int,
    entry: OverrideFile,
    library: MapLibrary,
) -> list[ConfigProblem]:
    problems = []
    spec = find_set(library, settings.x12.version, entry.set)
    for key in ("target", "source"):
        text = getattr(entry, key)
        if text is None:
            continue
        parsed = parse_path(text)
        reason = parsed if isinstance(parsed, str) else None
        if isinstance(parsed, OverridePath) and spec is not None:
            reason = path_problem(parsed, spec)
            if reason and base_note(source):
                reason += f" (for partner {settings.id}, version {settings.x12.version})"
        if reason:
            problems.append(
                ConfigProblem(
                    source.file,
                    source.line("overrides", index, key),
                    f"overrides[{index}].{key}",
                    "CFG_BAD_OVERRIDE_PATH",
                    reason,
                )
            )
    return problems


def base_note(source: MappingSource) -> bool:
    return "/_base/" in source.file or source.file.startswith("_base/")
