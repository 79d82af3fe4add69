"""``o2c statements preview|queue``: customer statements of account, by hand.

``preview`` prints the statement a customer would receive; ``queue`` queues the statements of a
date for e-mail (as the ``email_statements`` job does), which ``o2c send`` or the
``retry_sends`` job then delivers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from core.domain.errors import NotFound
from gateway.cli.ledger_common import date_arg, fail, json_option, print_json, table
from gateway.cli.runtime import gateway_options, open_gateway
from gateway.pipeline.statement_text import render
from gateway.pipeline.statements import queue_statements, statement_data


@click.group("statements")
def statements() -> None:
    """Customer statements of account sent by e-mail."""


def _day(gw_today: date, as_of: str | None) -> date:
    return date_arg(as_of, "--as-of") or gw_today


@statements.command("preview")
@click.option("--customer", required=True, help="The customer's account.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Statement date (default: today).")
@gateway_options
def statements_preview(
    customer: str,
    as_of: str | None,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    """Print CUSTOMER's statement as the e-mail would carry it."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    row = gw.config.customer(customer)
    if row is None:
        fail(f"Customer {customer} is not in data/customers.csv.")
    try:
        data = statement_data(gw, row, _day(gw.clock().date(), as_of))
    except NotFound:
        fail(f"Customer {customer} is not in the ledger; run `o2c customers import` first.")
    finally:
        gw.engine.dispose()
    click.echo(render(data), nl=False)


@statements.command("queue")
@click.option("--customer", "customers", multiple=True, help="Only these accounts (repeat).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Statement date (default: today).")
@gateway_options
@json_option
def statements_queue(
    customers: tuple[str, ...],
    as_of: str | None,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Queue the statements of a date for e-mail, one per customer and date."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    if gw.config.gateway.statements is None:
        gw.engine.dispose()
        fail('gateway.toml has no [statements] table; add one with channel = "<email_out>".')
    try:
        outcomes = queue_statements(
            gw, _day(gw.clock().date(), as_of), set(customers) if customers else None
        )
    finally:
        gw.engine.dispose()
    if as_json:
        print_json(outcomes)
        return
    table(
        [
            [o.account, o.outcome, "" if o.balance is None else str(o.balance), o.currency]
            for o in outcomes
        ],
        ["customer", "outcome", "balance", "cur"],
    )


COMMANDS = (statements,)
