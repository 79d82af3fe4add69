"""Shared pieces of the ledger commands: the --db and --json options, opening the ledger,
turning rule violations into exit code 1 with the rule's sentence, parsing N=QTY style values,
and printing data as JSON (decimals as strings, dates as ISO 8601)."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

import click

from core.db.migrate import is_current
from core.db.uow import SqlUnitOfWork
from core.domain.errors import ConcurrencyConflict, RuleViolation
from core.domain.money import to_decimal
from gateway.bootstrap import database_url, ledger_settings, ledger_uow
from gateway.config import ConfigError, LoadedConfig, load_config, resolve_paths
from gateway.digits import is_digits

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL (default: $O2C_DATABASE_URL, else sqlite:///o2c.sqlite).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
date_option = click.option(
    "--date", "on", metavar="YYYY-MM-DD", help="Posting date (default: today)."
)


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


def open_ledger(db_url: str | None) -> SqlUnitOfWork:
    """The ledger on ``--db``, else O2C_DATABASE_URL, else the configuration's database (when a
    configuration is found: $O2C_CONFIG or ./config), else ./o2c.sqlite; with the tax codes and
    tolerances of that configuration."""
    config = configured()
    url = ledger_url(db_url, config)
    uow = ledger_uow(url, ledger_settings(config) if config is not None else None)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(uow.engine.dispose)
    try:
        current = is_current(uow.engine)
    except Exception as exc:  # the server does not answer, no such database, no rights
        fail(f"Cannot open the database {url}: {str(exc).splitlines()[0]}")
    if not current:
        fail(f"The database {url} has no up-to-date ledger tables; run `o2c db upgrade` first.")
    return uow


def ledger_url(db_url: str | None, config: LoadedConfig | None) -> str:
    """--db, else O2C_DATABASE_URL, else the configuration's database, else ./o2c.sqlite."""
    if db_url or config is None:
        return database_url(db_url)
    return config.database_url


def configured() -> LoadedConfig | None:
    """The configuration when one is there ($O2C_CONFIG or ./config); its problems end the
    command with a sentence."""
    paths = resolve_paths()
    if not (paths.root / "gateway.toml").is_file():
        return None
    try:
        return load_config(paths.root, mappings=paths.mappings)
    except ConfigError as exc:
        fail(
            f"the configuration in {paths.root} has {len(exc.problems)} problem(s); "
            "run `o2c config check`"
        )


@contextmanager
def rules() -> Iterator[None]:
    """Rule violations and conflicts end the command with exit code 1 and one sentence."""
    try:
        yield
    except RuleViolation as exc:
        fail(exc.message)
    except ConcurrencyConflict as exc:
        fail(f"{exc} Run the command again.")


def decimal_arg(text: str, what: str) -> Decimal:
    try:
        return to_decimal(text)
    except (RuleViolation, TypeError):
        fail(f"{what} {text!r} is not a number.")


def date_arg(text: str | None, what: str = "date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{what} {text!r} is not a date of the form YYYY-MM-DD.")


def pairs(values: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    """``KEY=VALUE`` values split at the first '='."""
    out = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or not rest:
            fail(f"{what} {value!r} must look like KEY=VALUE.")
        out.append((key.strip(), rest.strip()))
    return out


def line_quantities(values: tuple[str, ...]) -> dict[int, Decimal] | None:
    if not values:
        return None
    result: dict[int, Decimal] = {}
    for key, qty in pairs(values, "--line"):
        if not is_digits(key):
            fail(f"--line {key}={qty}: the line number must be a whole number.")
        result[int(key)] = decimal_arg(qty, "quantity")
    return result


# Computed figures printed with the stored ones.
_EXTRA = {
    "Invoice": ("line_net_total", "net_total", "tax_total", "total"),
    "PackingSlip": ("cost_total",),
    "OrderLine": ("remaining", "to_invoice"),
}


def jsonable(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, enum.Enum):
        return obj.value
    if is_dataclass(obj) and not isinstance(obj, type):
        data = {f.name: jsonable(getattr(obj, f.name)) for f in fields(obj)}
        if type(obj).__module__.startswith("core."):  # computed fields of ledger documents
            extra = _EXTRA.get(type(obj).__name__, ())
            data.update({name: jsonable(getattr(obj, name)) for name in extra})
        return data
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    return obj


def print_json(data: Any) -> None:
    click.echo(json.dumps(jsonable(data), indent=2))


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        click.echo("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
