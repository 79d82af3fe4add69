"""``o2c report open-items|aging|statement|trial-balance``, ``o2c trace``, ``o2c period close``."""

from __future__ import annotations

import click

from core import services as s
from core.domain.commands import ClosePeriod
from gateway.cli.ledger_common import (
    date_arg,
    db_option,
    fail,
    json_option,
    jsonable,
    open_ledger,
    print_json,
    rules,
    table,
)
from gateway.digits import is_digits

as_of_option = click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Report date (default: today)."
)
customer_option = click.option("--customer")


@click.group()
def report() -> None:
    """Receivables and general ledger reports."""


@report.command("open-items")
@customer_option
@as_of_option
@db_option
@json_option
def open_items(
    *, customer: str | None, as_of: str | None, db_url: str | None, as_json: bool
) -> None:
    """Items open as of a date (only settlements dated on or before it count)."""
    with rules():
        found = s.open_items(open_ledger(db_url), customer, date_arg(as_of, "--as-of"))
    if as_json:
        print_json([{**_item(it), "open_amount": amount} for it, amount in found])
        return
    rows = [
        [
            it.number,
            it.kind.value,
            it.customer_account,
            str(it.doc_date),
            str(it.due_date),
            str(it.amount),
            str(amount),
            it.currency,
            it.reason,
        ]
        for it, amount in found
    ]
    table(rows, ["document", "kind", "customer", "date", "due", "amount", "open", "cur", "reason"])


def _item(it: object) -> dict[str, object]:
    data = jsonable(it)
    assert isinstance(data, dict)
    data.pop("version", None)
    data.pop("open_amount", None)
    return data


@report.command("aging")
@customer_option
@as_of_option
@db_option
@json_option
def aging(*, customer: str | None, as_of: str | None, db_url: str | None, as_json: bool) -> None:
    """Open amounts by days past due, in the configured buckets."""
    with rules():
        labels, rows = s.aging(open_ledger(db_url), customer, date_arg(as_of, "--as-of"))
    if as_json:
        print_json(
            [
                {
                    "customer": r.customer,
                    "currency": r.currency,
                    "total": r.total,
                    "buckets": dict(zip(labels, r.buckets, strict=True)),
                }
                for r in rows
            ]
        )
        return
    table(
        [[r.customer, r.currency, *map(str, r.buckets), str(r.total)] for r in rows],
        ["customer", "cur", *labels, "total"],
    )


@report.command("statement")
@click.option("--customer", required=True)
@as_of_option
@db_option
@json_option
def statement(*, customer: str, as_of: str | None, db_url: str | None, as_json: bool) -> None:
    """A customer's documents and adjustments with a running balance."""
    with rules():
        lines = s.statement(open_ledger(db_url), customer, date_arg(as_of, "--as-of"))
    if as_json:
        print_json(lines)
        return
    table(
        [
            [str(x.on), x.document, x.kind, str(x.amount), str(x.balance), str(x.open_amount)]
            for x in lines
        ],
        ["date", "document", "kind", "amount", "balance", "open"],
    )


@report.command("trial-balance")
@as_of_option
@db_option
@json_option
def trial_balance(*, as_of: str | None, db_url: str | None, as_json: bool) -> None:
    """Debits, credits and balance (debit positive) per account and currency."""
    with rules():
        rows = s.trial_balance(open_ledger(db_url), date_arg(as_of, "--as-of"))
    if as_json:
        print_json(
            [
                {
                    "account": r.account,
                    "name": r.name,
                    "currency": r.currency,
                    "debit": r.debit,
                    "credit": r.credit,
                    "balance": r.balance,
                }
                for r in rows
            ]
        )
        return
    table(
        [
            [r.account, r.name, r.currency, str(r.debit), str(r.credit), str(r.balance)]
            for r in rows
        ],
        ["account", "name", "cur", "debit", "credit", "balance"],
    )


@click.command("trace")
@click.argument("ref")
@db_option
@json_option
def trace(*, ref: str, db_url: str | None, as_json: bool) -> None:
    """Everything linked to a document, PO number, payment reference or external reference."""
    with rules():
        t = s.trace(open_ledger(db_url), ref)
    if as_json:
        print_json(t)
        return
    for o in t.orders:
        refs = " ".join(f"{k}={v}" for k, v in sorted(o.external_refs.items()))
        click.echo(f"order {o.number}  PO {o.po_number or '-'}  {o.status.value}  {refs}".rstrip())
    for p in t.packing_slips:
        click.echo(f"  packing slip {p.number}  {p.ship_date}  cost {p.cost_total}")
    for inv in t.invoices:
        click.echo(
            f"  {inv.kind.value} {inv.number}  {inv.invoice_date}  total {inv.total}  "
            f"{inv.original_invoice}".rstrip()
        )
    for it in t.items:
        click.echo(
            f"  item {it.number}  {it.kind.value}  amount {it.amount}  open {it.open_amount}  "
            f"{it.reference}".rstrip()
        )
    for st in t.settlements:
        click.echo(
            f"  settlement {st.number}  {st.settle_date}  {st.credit_item} -> {st.debit_item}  "
            f"{st.amount}"
        )
    for e in t.entries:
        lines = ", ".join(f"{ln.account} {ln.amount}" for ln in e.lines)
        click.echo(f"  entry {e.number}  {e.date}  {e.source_type} {e.source_number}: {lines}")


@click.group()
def period() -> None:
    """Ledger periods."""


@period.command("close")
@click.argument("month", metavar="YYYY-MM")
@db_option
@json_option
def period_close(*, month: str, db_url: str | None, as_json: bool) -> None:
    """Close a month: nothing can be posted into it afterwards."""
    year_text, _, month_text = month.partition("-")
    if not (is_digits(year_text) and is_digits(month_text)):
        fail(f"{month!r} is not a month of the form YYYY-MM.")
    with rules():
        s.close_period(open_ledger(db_url), ClosePeriod(int(year_text), int(month_text)))
    print_json({"period": month, "closed": True}) if as_json else click.echo(
        f"period {month} closed."
    )
