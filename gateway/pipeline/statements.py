"""Customer statements by e-mail: one per customer and as-of date, queued like any document.

For each customer of data/customers.csv with an ``email`` address, the ledger's statement and
aging as of the date are rendered as text (:mod:`gateway.pipeline.statement_text`), archived,
and queued in the outbound queue as kind ``STMT`` on the ``[statements]`` e-mail channel. The
queue sends it with the same retries and backoff as invoices (``retry_sends``), to the
customer's address, not the partner's EDI mailbox. The queue's unique source
``STMT:<account>:<date>`` makes a second run for the same date queue nothing, on any number of
workers.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core import services
from core.domain.errors import NotFound
from gateway.config.data import CustomerRow
from gateway.pipeline.context import Gateway
from gateway.pipeline.statement_text import StatementData, render
from gateway.store import repository as store

log = logging.getLogger("o2c.statements")

KIND = "STMT"


@dataclass(frozen=True, slots=True)
class StatementOutcome:
    account: str
    outcome: str
    """queued, already queued, settled (nothing owed or open), no e-mail, not in ledger."""
    balance: Decimal | None = None
    currency: str = ""


def source_of(account: str, as_of: date) -> str:
    """The outbound queue's unique source of a statement: one per customer and date."""
    return f"{KIND}:{account}:{as_of.isoformat()}"


def as_of_of(source: str) -> str:
    """The as-of date written in a statement's source (``STMT:C-1:2026-11-30``)."""
    return source.rpartition(":")[2]


def file_name(account: str, as_of: date) -> str:
    return f"statement-{account}-{as_of:%Y%m%d}.txt"


def recipients_of(gw: Gateway, account: str) -> tuple[str, ...]:
    """The customer's statement addresses (the ``email`` column; several split on ``;``)."""
    row = gw.config.customer(account)
    if row is None:
        return ()
    return tuple(a.strip() for a in row.email.replace(",", ";").split(";") if a.strip())


def statement_data(gw: Gateway, customer: CustomerRow, as_of: date) -> StatementData:
    """The ledger's statement and aging of ``customer`` on ``as_of``; NotFound if the ledger
    does not know the account."""
    lines = services.statement(gw.ledger(), customer.account, as_of)
    labels, rows = services.aging(gw.ledger(), customer.account, as_of)
    buckets = [Decimal(0)] * len(labels)
    for row in rows:
        if row.currency == customer.currency:
            buckets = list(row.buckets)
    identity = gw.config.gateway.identity
    address = identity.address
    place = " ".join(p for p in (address.state, address.postal_code) if p)
    parts = (identity.name, address.line1, address.line2, address.city, place, address.country)
    return StatementData(
        supplier=", ".join(p for p in parts if p),
        account=customer.account,
        customer=customer.name,
        currency=customer.currency,
        terms=customer.payment_terms,
        as_of=as_of,
        lines=tuple(lines),
        aging_labels=tuple(labels),
        aging=tuple(buckets),
    )


def queue_statements(
    gw: Gateway, as_of: date, accounts: Collection[str] | None = None
) -> list[StatementOutcome]:
    """Queue the statements of ``as_of`` for the customers of ``accounts`` (all when None)."""
    settings = gw.config.gateway.statements
    if settings is None:
        raise ValueError("gateway.toml has no [statements] table naming the e-mail channel")
    outcomes = []
    for customer in gw.config.customers:
        if accounts is not None and customer.account not in accounts:
            continue
        if not recipients_of(gw, customer.account):
            outcomes.append(StatementOutcome(customer.account, "no e-mail"))
            continue
        try:
            data = statement_data(gw, customer, as_of)
        except NotFound:
            outcomes.append(StatementOutcome(customer.account, "not in ledger"))
            continue
        outcome = "settled" if settings.skip_settled and data.settled else "queued"
        if outcome == "queued":
            outcome = _queue(gw, data, settings.channel)
        outcomes.append(
            StatementOutcome(customer.account, outcome, data.balance, customer.currency)
        )
    return outcomes


def _queue(gw: Gateway, data: StatementData, channel: str) -> str:
    now = gw.clock()
    text = render(data).encode("utf-8")
    name = file_name(data.account, data.as_of)
    owner = gw.config.partner_of({data.account})
    partner = owner.id if owner is not None else ""
    entry = gw.archive.store(text)
    with gw.engine.begin() as conn:
        queued = store.queue_file(
            conn,
            sha256=entry.sha256,
            size=entry.size,
            partner_id=partner,
            kind=KIND,
            source=source_of(data.account, data.as_of),
            now=now,
            name=name,
            channel=channel,
            business_key=data.account,
        )
        if queued is None:
            conn.rollback()
            return "already queued"
    log.info("queued the statement of %s as of %s", data.account, data.as_of)
    return "queued"
