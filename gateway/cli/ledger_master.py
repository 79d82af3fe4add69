"""``o2c db upgrade``, ``o2c customers import|list|show``, ``o2c catalog import|list``."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from core import services as s
from core.db.migrate import current, head, upgrade
from core.domain.errors import Problem
from core.domain.imports import (
    CUSTOMER_COLUMNS,
    ITEM_COLUMNS,
    customer_from_row,
    item_from_row,
    missing_columns,
)
from core.domain.money import quantize
from gateway.bootstrap import ledger_uow
from gateway.cli.ledger_common import (
    configured,
    db_option,
    fail,
    json_option,
    ledger_url,
    open_ledger,
    print_json,
    rules,
    table,
)
from gateway.store import migrate as store_migrate


@click.group()
def db() -> None:
    """Create or update the database tables (ledger and gateway store)."""


@db.command("upgrade")
@db_option
@json_option
def db_upgrade(*, db_url: str | None, as_json: bool) -> None:
    """Apply the migrations of the ledger and of the gateway store (creates a new database)."""
    url = ledger_url(db_url, configured())
    uow = ledger_uow(url)
    upgrade(uow.engine)
    store_migrate.upgrade(uow.engine)
    revision = current(uow.engine)
    store_revision = store_migrate.current(uow.engine)
    if as_json:
        print_json(
            {
                "database": url,
                "revision": revision,
                "head": head(),
                "gateway_revision": store_revision,
            }
        )
    else:
        click.echo(
            f"{url}: ledger at revision {revision} (head {head()}), "
            f"gateway store at {store_revision}"
        )


def _read(path: Path, columns: tuple[str, ...], parse: Any) -> list[Any]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            problems: list[Problem] = missing_columns(header, columns)
            records: list[Any] = []
            if not problems:
                for n, row in enumerate(reader, start=2):
                    result = parse(row, f"{path.name}:{n}")
                    (problems.extend if isinstance(result, list) else records.append)(result)
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}.")
    if problems:
        for p in problems:
            click.echo(f"{p.location}: {p.code}: {p.message}", err=True)
        fail(f"{len(problems)} problem(s) in {path.name}; nothing was imported.")
    return records


@click.group()
def customers() -> None:
    """Customer accounts."""


@customers.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@json_option
def customers_import(*, file: Path, db_url: str | None, as_json: bool) -> None:
    """Create or update customers from a CSV file (account, name, currency, payment_terms,
    credit_limit; optional parent_account, on_hold, tax_code, street, city, region, postal_code,
    country)."""
    records = _read(file, CUSTOMER_COLUMNS, customer_from_row)
    with rules():
        count = s.put_customers(open_ledger(db_url), records)
    print_json({"imported": count}) if as_json else click.echo(f"{count} customer(s) imported.")


def _customer_row(c: Any) -> list[str]:
    return [
        c.account,
        c.name,
        c.currency,
        c.terms.code,
        str(c.credit_limit),
        "hold" if c.on_hold else "",
        c.parent_account or "",
    ]


@customers.command("list")
@db_option
@json_option
def customers_list(*, db_url: str | None, as_json: bool) -> None:
    """List customers."""
    uow = open_ledger(db_url)
    with uow:
        found = uow.customers.all()
    if as_json:
        print_json(found)
    else:
        table(
            [_customer_row(c) for c in found],
            ["account", "name", "cur", "terms", "credit limit", "hold", "parent"],
        )


@customers.command("show")
@click.argument("account")
@db_option
@json_option
def customers_show(*, account: str, db_url: str | None, as_json: bool) -> None:
    """One customer with its open balance."""
    uow = open_ledger(db_url)
    with uow:
        found = uow.customers.get(account)
    if found is None:
        fail(f"Customer {account} does not exist.")
    opened = [amount for _, amount in s.open_items(uow, account)]
    balance = quantize(sum(opened, Decimal(0)), found.currency)
    if as_json:
        print_json({"customer": found, "open_balance": balance})
        return
    table(
        [_customer_row(found)],
        ["account", "name", "cur", "terms", "credit limit", "hold", "parent"],
    )
    click.echo(f"open balance: {balance} {found.currency}")


@click.group()
def catalog() -> None:
    """Items: SKU, GTIN, unit, price, cost, stock."""


@catalog.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@json_option
def catalog_import(*, file: Path, db_url: str | None, as_json: bool) -> None:
    """Create or update items from a CSV file (sku, description, uom, unit_price, unit_cost,
    on_hand, gtin; optional conversions like 'CA=12;PL=480', tax_code)."""
    records = _read(file, ITEM_COLUMNS, item_from_row)
    with rules():
        count = s.put_items(open_ledger(db_url), records)
    print_json({"imported": count}) if as_json else click.echo(f"{count} item(s) imported.")


@catalog.command("list")
@db_option
@json_option
def catalog_list(*, db_url: str | None, as_json: bool) -> None:
    """List items with stock on hand."""
    uow = open_ledger(db_url)
    with uow:
        found = uow.items.all()
    if as_json:
        print_json(found)
        return
    rows = [
        [i.sku, i.description, i.uom, str(i.unit_price), str(i.unit_cost), str(i.on_hand), i.gtin]
        for i in found
    ]
    table(rows, ["sku", "description", "uom", "price", "cost", "on hand", "gtin"])
