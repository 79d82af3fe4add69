"""Loading the configuration directory: the only code that reads config/, mappings/ and the
environment (ARCHITECTURE.md, rule 2).

``load_config(root)`` returns a :class:`~gateway.config.loaded.LoadedConfig` or raises
:class:`~gateway.config.problems.ConfigError` listing every problem; ``check_config(root)``
returns the problems. The mappings directory is ``mappings`` beside the config directory unless
given (``O2C_MAPPINGS`` for the CLI).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from gateway.config import crosscheck as cc
from gateway.config.crosscheck import Located
from gateway.config.data import (
    CatalogRow,
    CustomerRow,
    read_catalog,
    read_customers,
    tax_code_problems,
)
from gateway.config.gateway_model import GatewaySettings
from gateway.config.loaded import ConfigPaths, LoadedConfig
from gateway.config.mapping_loader import orphan_folders, read_base, read_partner_mapping
from gateway.config.partner_model import PartnerSettings
from gateway.config.problems import ConfigError, ConfigProblem, sort_problems
from gateway.config.validation import read_document, validate_document
from gateway.transactions.mapping import PartnerMapping
from gateway.x12.maps import MapLibrary

CONFIG_ENV, MAPPINGS_ENV = "O2C_CONFIG", "O2C_MAPPINGS"


def resolve_paths(
    config: Path | None = None, mappings: Path | None = None, env: Mapping[str, str] | None = None
) -> ConfigPaths:
    """--config, else O2C_CONFIG, else ./config; --mappings, else O2C_MAPPINGS, else beside it."""
    env = os.environ if env is None else env
    root = config or Path(env.get(CONFIG_ENV) or "config")
    found = mappings or (Path(env[MAPPINGS_ENV]) if env.get(MAPPINGS_ENV) else None)
    return ConfigPaths(root, found or root.parent / "mappings")


def load_config(
    root: Path, *, mappings: Path | None = None, env: Mapping[str, str] | None = None
) -> LoadedConfig:
    """The validated configuration under ``root``; :class:`ConfigError` with every problem."""
    loaded, problems = _read(ConfigPaths(root, mappings or root.parent / "mappings"), env)
    if problems or loaded is None:
        raise ConfigError(problems)
    return loaded


def check_config(
    root: Path, *, mappings: Path | None = None, env: Mapping[str, str] | None = None
) -> list[ConfigProblem]:
    """Every problem of the configuration under ``root``, sorted by file and line."""
    return _read(ConfigPaths(root, mappings or root.parent / "mappings"), env)[1]


def _namer(paths: ConfigPaths) -> Callable[[Path], str]:
    bases = (paths.root.parent, paths.mappings.parent)

    def name(path: Path) -> str:
        for base in bases:
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    return name


def _read(
    paths: ConfigPaths, env: Mapping[str, str] | None
) -> tuple[LoadedConfig | None, list[ConfigProblem]]:
    name = _namer(paths)
    exists = _exists(paths.root)
    gateway, kinds, problems = _read_gateway(paths.root / "gateway.toml", name)
    partners, more = _read_partners(paths.root / "partners", name)
    problems += more + cc.partner_identity_problems(partners)
    customers, catalog, more = _read_data(paths.root / "data", name)
    problems += more
    if gateway is not None:
        codes = list(gateway.model.tax_codes)
        folder = paths.root / "data"
        problems += tax_code_problems(customers or (), codes, name(folder / "customers.csv"))
        problems += tax_code_problems(catalog or (), codes, name(folder / "catalog.csv"))
        problems += cc.gateway_file_problems(gateway, exists)
    if kinds is not None:
        problems += cc.sender_problems(kinds, partners)
        if gateway is not None:
            problems += cc.statement_problems(kinds, gateway)
    for partner in partners:
        if kinds is not None:
            problems += cc.channel_problems(kinds, partner)
        problems += cc.partner_file_problems(partner, exists)
        if customers is not None:
            problems += cc.account_problems(partner, {c.account: c for c in customers})
    by_id = {p.model.id: p.model for p in partners}
    files = {path.stem for path in (paths.root / "partners").glob("*.toml")}
    mappings, more = _read_mappings(paths.mappings, by_id, files, catalog, name)
    problems += more
    if problems or gateway is None:
        return None, sort_problems(problems)
    environment = dict(os.environ if env is None else env)
    return LoadedConfig(
        paths,
        gateway.model,
        MappingProxyType(by_id),
        MappingProxyType(mappings),
        customers or (),
        catalog or (),
        MappingProxyType(environment),
    ), []


def _exists(root: Path) -> Callable[[str], bool]:
    def exists(value: str) -> bool:
        path = Path(value)
        return (path if path.is_absolute() else root / path).is_file()

    return exists


def _read_gateway(
    path: Path, name: Callable[[Path], str]
) -> tuple[Located[GatewaySettings] | None, dict[str, str] | None, list[ConfigProblem]]:
    """The settings, and the kind of each channel by name (read from the raw data, so that
    partners' channel references are checked even when another part of the file is wrong)."""
    file = name(path)
    if not path.is_file():
        message = "gateway.toml is missing (is --config or O2C_CONFIG the config directory?)"
        return None, None, [ConfigProblem(file, None, "", "CFG_MISSING_FILE", message)]
    document, problems = read_document(path, file)
    if document is None:
        return None, None, problems
    model, more = validate_document(document, GatewaySettings, file)
    channels = document.data.get("channels")
    kinds = {
        str(channel): str(table.get("kind", ""))
        for channel, table in (channels.items() if isinstance(channels, dict) else ())
        if isinstance(table, dict)
    }
    return (Located(file, document, model) if model else None), kinds, problems + more


def _read_partners(
    folder: Path, name: Callable[[Path], str]
) -> tuple[list[Located[PartnerSettings]], list[ConfigProblem]]:
    found: list[Located[PartnerSettings]] = []
    problems: list[ConfigProblem] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        file = name(path)
        document, more = read_document(path, file)
        problems += more
        if document is None:
            continue
        model, more = validate_document(document, PartnerSettings, file)
        problems += more
        if model is None:
            continue
        located = Located(file, document, model)
        if model.id != path.stem:
            problems.append(
                located.problem(
                    ("id",),
                    "CFG_PARTNER_ID",
                    f"id {model.id!r} differs from the file name; name the file {model.id}.toml",
                )
            )
        found.append(located)
    return found, problems


def _read_data(
    folder: Path, name: Callable[[Path], str]
) -> tuple[tuple[CustomerRow, ...] | None, tuple[CatalogRow, ...] | None, list[ConfigProblem]]:
    customers = catalog = None
    problems: list[ConfigProblem] = []
    if (folder / "customers.csv").is_file():
        customers, more = read_customers(folder / "customers.csv", name(folder / "customers.csv"))
        problems += more
    if (folder / "catalog.csv").is_file():
        catalog, more = read_catalog(folder / "catalog.csv", name(folder / "catalog.csv"))
        problems += more
    return customers, catalog, problems


def _read_mappings(
    root: Path,
    partners: Mapping[str, PartnerSettings],
    partner_files: set[str],
    catalog: tuple[CatalogRow, ...] | None,
    name: Callable[[Path], str],
) -> tuple[dict[str, PartnerMapping], list[ConfigProblem]]:
    base, problems = read_base(root, name)
    by_sku = None if catalog is None else {row.sku: row for row in catalog}
    library = MapLibrary()
    mappings = {}
    for partner in partners.values():
        mapping, more = read_partner_mapping(root, partner, base, by_sku, library, name)
        problems += more
        if mapping is not None:
            mappings[partner.id] = mapping
    return mappings, problems + orphan_folders(root, partner_files | set(partners), name)
