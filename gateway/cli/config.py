"""``o2c config`` and ``o2c partners``: check the configuration, write its JSON Schemas, list
and show trading partners.

The configuration directory is ``--config``, else ``O2C_CONFIG``, else ``./config``; mappings
are ``--mappings``, else ``O2C_MAPPINGS``, else ``mappings`` beside the configuration directory.
``config check`` exits 0 when the configuration is valid and 1 when it has problems.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from gateway.config import ConfigError, LoadedConfig, check_config, load_config, resolve_paths
from gateway.config.schema import schema_documents

EXIT_OK, EXIT_PROBLEMS = 0, 1

config_option = click.option(
    "--config",
    "config_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Configuration directory (default: $O2C_CONFIG or ./config).",
)
mappings_option = click.option(
    "--mappings",
    "mappings_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Mappings directory (default: $O2C_MAPPINGS or mappings beside the config directory).",
)


@click.group("config")
def config() -> None:
    """Check the configuration and write its JSON Schemas."""


@config.command("check")
@config_option
@mappings_option
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(config_dir: Path | None, mappings_dir: Path | None, as_json: bool) -> None:
    """List every problem of the configuration with its file and line; exit 1 if any."""
    paths = resolve_paths(config_dir, mappings_dir)
    problems = check_config(paths.root, mappings=paths.mappings)
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in problems], indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
    if problems:
        if not as_json:
            click.echo(f"{len(problems)} problem(s) in {paths.root} and {paths.mappings}")
        raise SystemExit(EXIT_PROBLEMS)
    if not as_json:
        loaded = load_config(paths.root, mappings=paths.mappings)
        names = ", ".join(loaded.partners) or "none"
        click.echo(
            f"OK: {paths.root} is valid: {len(loaded.partners)} partner(s) ({names}), "
            f"{len(loaded.gateway.channels)} channel(s), {len(loaded.mappings)} mapping(s)"
        )


@config.command("schema")
@click.option("--write", is_flag=True, help="Write the schemas into --out instead of printing.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas/config"),
    show_default=True,
)
def schema(write: bool, out: Path) -> None:
    """Print (or --write) the JSON Schemas of gateway.toml, partner files and mapping.toml."""
    documents = schema_documents()
    if not write:
        click.echo(json.dumps({k: json.loads(v) for k, v in documents.items()}, indent=2))
        return
    out.mkdir(parents=True, exist_ok=True)
    for file, text in documents.items():
        (out / file).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out / file}")


def load_or_exit(config_dir: Path | None, mappings_dir: Path | None) -> LoadedConfig:
    paths = resolve_paths(config_dir, mappings_dir)
    try:
        return load_config(paths.root, mappings=paths.mappings)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"the configuration has {len(exc.problems)} problem(s); fix them "
            "(o2c config check) and retry",
            err=True,
        )
        raise SystemExit(EXIT_PROBLEMS) from None


@click.group("partners")
def partners() -> None:
    """List and show trading partners."""


def _summary(loaded: LoadedConfig, partner_id: str) -> dict[str, Any]:
    partner = loaded.partners[partner_id]
    return {
        "id": partner.id,
        "name": partner.name,
        "enabled": partner.enabled,
        "isa": f"{partner.x12.their_isa_qualifier}/{partner.x12.their_isa_id}",
        "version": partner.x12.version,
        "inbound": partner.channels.inbound,
        "outbound": partner.channels.outbound,
        "invoices": partner.documents.invoice_format,
        "acks": partner.acks.expected,
    }


@partners.command("list")
@config_option
@mappings_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_partners(config_dir: Path | None, mappings_dir: Path | None, as_json: bool) -> None:
    """One line per partner: ID, ISA sender, version, channels, invoice format, acks."""
    loaded = load_or_exit(config_dir, mappings_dir)
    rows = [_summary(loaded, partner_id) for partner_id in sorted(loaded.partners)]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    columns = ("id", "name", "isa", "version", "inbound", "outbound", "invoices", "acks")
    table = [[str(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    for line in ([c.upper() for c in columns], *table):
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def partner_document(loaded: LoadedConfig, partner_id: str) -> dict[str, Any]:
    """Settings, resolved interchange IDs and the merged mapping of one partner, as JSON data."""
    partner = loaded.partners[partner_id]
    mapping = loaded.mappings[partner_id]
    return {
        "partner": partner.model_dump(mode="json"),
        "interchange_ids": dataclasses.asdict(loaded.ids(partner_id)),
        "mapping": _plain(dataclasses.asdict(mapping)),
    }


@partners.command("show")
@click.argument("partner_id")
@config_option
@mappings_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(
    partner_id: str, config_dir: Path | None, mappings_dir: Path | None, as_json: bool
) -> None:
    """Everything about one partner: settings, our and their IDs, the merged mapping."""
    loaded = load_or_exit(config_dir, mappings_dir)
    if partner_id not in loaded.partners:
        known = ", ".join(sorted(loaded.partners)) or "none"
        click.echo(f"no partner {partner_id!r} (partners: {known})", err=True)
        raise SystemExit(EXIT_PROBLEMS)
    document = partner_document(loaded, partner_id)
    if as_json:
        click.echo(json.dumps(document, indent=2))
        return
    _print_tree(document)


def _print_tree(value: Any, indent: int = 0) -> None:
    pad = "  " * indent
    for key, item in value.items():
        if isinstance(item, dict) and item:
            click.echo(f"{pad}{key}:")
            _print_tree(item, indent + 1)
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            click.echo(f"{pad}{key}: ({len(item)})")
            for entry in item:
                click.echo(f"{pad}  - " + ", ".join(f"{k}={v}" for k, v in entry.items() if v))
        else:
            shown = ", ".join(map(str, item)) if isinstance(item, list) else item
            click.echo(f"{pad}{key}: {shown}")
