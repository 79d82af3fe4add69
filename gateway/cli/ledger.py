"""The ledger commands for clerks and admins, registered on ``o2c`` by ``gateway.cli``.

Every command takes ``--db URL`` (else ``$O2C_DATABASE_URL``, else ``sqlite:///o2c.sqlite``);
every command that prints data takes ``--json``; a command refused by a ledger rule exits 1 with
a sentence that says what is wrong.
"""

from __future__ import annotations

import click

from gateway.cli.ledger_adjust import journal, rebate, settle, write_off
from gateway.cli.ledger_billing import credit_note, invoice, payment
from gateway.cli.ledger_master import catalog, customers, db
from gateway.cli.ledger_orders import orders, quotations, ship
from gateway.cli.ledger_reports import period, report, trace

COMMANDS: tuple[click.Command, ...] = (
    db,
    customers,
    catalog,
    quotations,
    orders,
    ship,
    invoice,
    credit_note,
    payment,
    settle,
    write_off,
    rebate,
    report,
    trace,
    period,
    journal,
)
