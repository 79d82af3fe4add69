"""``o2c mapping test PARTNER FILE`` and ``o2c mapping render PARTNER 856|810|UBL NUMBER``:
try a partner's mapping without posting, and see what the partner would receive."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from gateway.bootstrap import build_gateway
from gateway.cli.config import config_option, load_or_exit, mappings_option
from gateway.cli.ledger_common import db_option, fail, json_option, jsonable, print_json
from gateway.cli.runtime import open_gateway
from gateway.pipeline.outbound import preview
from gateway.pipeline.post import catalog_of
from gateway.transactions.map850 import map_850
from gateway.transactions.ts820 import parse_820
from gateway.transactions.ts850 import parse_850
from gateway.x12.envelope import InterchangeStart, TransactionSet, read_envelopes
from gateway.x12.errors import X12ReadError
from gateway.x12.problems import Problem


@click.group("mapping")
def mapping() -> None:
    """Try partner mappings without posting anything."""


def _problem(problem: Problem) -> str:
    return (
        f"{problem.severity.value} {problem.code}: {problem.message} "
        f"({problem.location.describe()})"
    )


@mapping.command("test")
@click.argument("partner")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@mappings_option
@db_option
@json_option
def test_mapping(
    partner: str,
    file: Path,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Run an inbound FILE through validation and PARTNER's mapping; print the typed document
    and the ledger command it would become, or every problem. Posts nothing. The catalog comes
    from the database (after `o2c db upgrade` and an import) when it has items."""
    config = load_or_exit(config_dir, mappings_dir)
    if partner not in config.partners:
        fail(f"There is no partner {partner!r}; see `o2c partners list`.")
    gw = build_gateway(config, db_url)
    mapping = config.mapping(partner)
    try:
        uow = gw.ledger()
        with uow:
            catalog = catalog_of(uow)
    except Exception:  # no database yet: map without prices and units of ours
        catalog = {}
    results: list[dict[str, Any]] = []
    ok = True
    try:
        for event in read_envelopes(file.read_bytes()):
            if isinstance(event, InterchangeStart):
                continue
            if not isinstance(event, TransactionSet):
                continue
            problems = [*event.problems, *gw.validator(event)]
            entry: dict[str, Any] = {
                "set": event.header.set_id,
                "control_number": event.header.control_number,
            }
            if event.header.set_id == "850":
                order, found = parse_850(event.segments)
                problems += found
                if order is not None:
                    entry["document"] = jsonable(order)
                    if catalog:
                        mapped = map_850(order, mapping, catalog, "mapping-test")
                        problems += mapped.problems
                        entry["action"] = mapped.action
                        entry["commands"] = [jsonable(c) for c in mapped.commands]
            elif event.header.set_id == "820":
                remittance, found = parse_820(event.segments)
                problems += found
                entry["document"] = jsonable(remittance) if remittance else None
            else:
                entry["note"] = f"{event.header.set_id} has no inbound mapping"
            entry["problems"] = [p.to_dict() for p in problems]
            ok = ok and not any(p.is_error for p in problems)
            results.append(entry)
    except X12ReadError as exc:
        fail(f"{file}: {exc.message}")
    gw.engine.dispose()
    if as_json:
        print_json(results)
    else:
        for entry in results:
            click.echo(f"{entry['set']} {entry['control_number']}:")
            if "document" in entry:
                _print(entry["document"], 1)
            if "commands" in entry:
                click.echo(f"  becomes: {entry.get('action')}")
                for command in entry["commands"]:
                    _print(command, 2)
            elif not catalog and entry["set"] == "850":
                click.echo("  (no catalog in the database: items, units and prices not checked)")
            for problem in entry["problems"]:
                click.echo(f"  {problem['severity']} {problem['code']}: {problem['message']}")
    sys.exit(0 if ok else 1)


def _print(value: Any, depth: int) -> None:
    pad = "  " * depth
    if isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(inner, dict | list) and inner:
                click.echo(f"{pad}{key}:")
                _print(inner, depth + 1)
            elif inner not in (None, "", [], {}):
                click.echo(f"{pad}{key}: {inner}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                click.echo(f"{pad}-")
                _print(item, depth + 1)
            else:
                click.echo(f"{pad}- {item}")


@mapping.command("render")
@click.argument("partner")
@click.argument("kind", type=click.Choice(["856", "810", "UBL", "ubl"]))
@click.argument("number")
@config_option
@mappings_option
@db_option
def render_mapping(
    partner: str,
    kind: str,
    number: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    """Print what PARTNER would receive for a packing slip (856) or an invoice or credit note
    (810, UBL), validated against our maps or the UBL rules. Nothing is sent or numbered."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    if partner not in gw.config.partners:
        fail(f"There is no partner {partner!r}; see `o2c partners list`.")
    try:
        rendered = preview(gw, kind.upper(), number)
    except LookupError as exc:
        fail(str(exc).capitalize() + ".")
    finally:
        gw.engine.dispose()
    click.echo(rendered.data.decode("utf-8" if kind.upper() == "UBL" else "latin-1"), nl=False)
    if rendered.problems:
        click.echo(f"\n{kind} {number} fails validation:", err=True)
        for problem in rendered.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)


COMMANDS = [mapping]
