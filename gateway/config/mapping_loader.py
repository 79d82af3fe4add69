"""Reading mappings/: the base mapping and one folder per partner, into PartnerMapping values.

Folder layout::

    mappings/_base/mapping.toml       optional; applies to every partner
    mappings/<partner>/mapping.toml   optional; overrides the base (merge rules in mapping_merge)
    mappings/<partner>/items.csv      optional; item cross-references
    mappings/<partner>/ship_to.csv    optional; store number -> address

Every partner needs its folder; a folder without a partner is reported too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from gateway.config.data import CatalogRow
from gateway.config.mapping_csv import read_items, read_ship_to
from gateway.config.mapping_merge import MappingSource, mapping_problems, merge_mapping
from gateway.config.mapping_model import MappingFile
from gateway.config.partner_model import PartnerSettings
from gateway.config.problems import ConfigProblem
from gateway.config.validation import read_document, validate_document
from gateway.transactions.mapping import Address, ItemCrossReference, PartnerMapping
from gateway.x12.maps import MapLibrary

BASE = "_base"


def _source(path: Path, file: str) -> tuple[MappingSource | None, list[ConfigProblem]]:
    document, problems = read_document(path, file)
    if document is None:
        return None, problems
    model, more = validate_document(document, MappingFile, file)
    problems += more
    return (MappingSource(file, document, model) if model else None), problems


def read_base(
    root: Path, name: Callable[[Path], str]
) -> tuple[MappingSource | None, list[ConfigProblem]]:
    folder = root / BASE
    problems = [
        ConfigProblem(
            name(folder / csv),
            None,
            "",
            "CFG_BASE_CSV",
            "cross-references are per partner: move this file into each partner's folder",
        )
        for csv in ("items.csv", "ship_to.csv")
        if (folder / csv).exists()
    ]
    if not (folder / "mapping.toml").is_file():
        return None, problems
    source, more = _source(folder / "mapping.toml", name(folder / "mapping.toml"))
    return source, problems + more


def read_partner_mapping(
    root: Path,
    partner: PartnerSettings,
    base: MappingSource | None,
    catalog: Mapping[str, CatalogRow] | None,
    library: MapLibrary,
    name: Callable[[Path], str],
) -> tuple[PartnerMapping | None, list[ConfigProblem]]:
    folder = root / partner.id
    if not folder.is_dir():
        return None, [
            ConfigProblem(
                name(folder) + "/",
                None,
                "",
                "CFG_MISSING_MAPPING",
                f"partner {partner.id} has no mapping folder; create it (it may hold only "
                "items.csv, or nothing but an empty mapping.toml)",
            )
        ]
    own: MappingSource | None = None
    problems: list[ConfigProblem] = []
    if (folder / "mapping.toml").is_file():
        own, problems = _source(folder / "mapping.toml", name(folder / "mapping.toml"))
    items: tuple[ItemCrossReference, ...] = ()
    if (folder / "items.csv").is_file():
        file = name(folder / "items.csv")
        items, rows, more = read_items(folder / "items.csv", file)
        problems += more
        if catalog is not None:
            problems += catalog_problems(items, [r.line for r in rows], catalog, file)
    ship_to: dict[str, Address] = {}
    if (folder / "ship_to.csv").is_file():
        ship_to, more = read_ship_to(folder / "ship_to.csv", name(folder / "ship_to.csv"))
        problems += more
    if (folder / "mapping.toml").is_file() and own is None:
        return None, problems
    problems += mapping_problems(partner, base, own, library)
    return merge_mapping(partner, base, own, items, ship_to), problems


def catalog_problems(
    items: tuple[ItemCrossReference, ...],
    lines: list[int],
    catalog: Mapping[str, CatalogRow],
    file: str,
) -> list[ConfigProblem]:
    """Cross-referenced SKUs exist in the catalog, and GTINs agree with it."""
    problems = []
    for item, line in zip(items, lines, strict=True):
        row = catalog.get(item.sku)
        if row is None:
            problems.append(
                ConfigProblem(
                    file,
                    line,
                    "sku",
                    "CFG_UNKNOWN_SKU",
                    f"SKU {item.sku!r} is not in data/catalog.csv",
                )
            )
        elif item.gtin and row.gtin and item.gtin.zfill(14) != row.gtin.zfill(14):
            problems.append(
                ConfigProblem(
                    file,
                    line,
                    "gtin",
                    "CFG_GTIN_MISMATCH",
                    f"GTIN {item.gtin} differs from the catalog's {row.gtin} for SKU {item.sku}",
                )
            )
    return problems


def orphan_folders(
    root: Path, partner_files: set[str], name: Callable[[Path], str]
) -> list[ConfigProblem]:
    """Mapping folders with no partner file (``partner_files``: stems of partners/*.toml)."""
    if not root.is_dir():
        return []
    return [
        ConfigProblem(
            name(folder) + "/",
            None,
            "",
            "CFG_ORPHAN_MAPPING",
            f"no partners/{folder.name}.toml uses this mapping folder",
        )
        for folder in sorted(root.iterdir())
        if folder.is_dir()
        and folder.name != BASE
        and not folder.name.startswith(".")
        and folder.name not in partner_files
    ]
