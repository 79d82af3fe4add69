"""``o2c remittances list|show|apply``, ``o2c deductions list|resolve`` and
``o2c report cash-application``: the AR clerk's side of cash application.

The gateway applies 820 remittances by itself when it is certain (``gateway.pipeline.remit``);
these commands show what it did, let a clerk apply the rest by hand with the same settlement
rules (``core.services.apply_payment``), decide deduction items (credit note, write-off or
deny), and report the auto-match rates and the manual work left.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import click

from core import services
from core.domain.commands import AcceptDeduction, Application, ApplyPayment, WriteOff
from core.domain.receivables import ItemKind, OpenItem
from gateway.cli.ledger_common import (
    date_arg,
    decimal_arg,
    fail,
    json_option,
    pairs,
    print_json,
    rules,
    table,
)
from gateway.cli.runtime import gateway_options, open_gateway
from gateway.pipeline.cash_report import build_report, figures
from gateway.pipeline.context import Gateway
from gateway.store import repository as store
from gateway.store.records import DecisionRow, ExceptionRow, SetRow


def _items(gw: Gateway, numbers: list[str]) -> dict[str, OpenItem]:
    uow = gw.ledger()
    with uow:
        found = {n: uow.open_items.get(n) for n in numbers}
    return {n: i for n, i in found.items() if i is not None}


def _remittance_set(gw: Gateway, set_row_id: int) -> SetRow:
    with gw.engine.begin() as conn:
        row = store.get_set(conn, set_row_id)
    if row is None or row.set_id != "820":
        fail(f"There is no remittance (820 set) with id {set_row_id}; see `o2c remittances list`.")
    return row


def _open_rmt(gw: Gateway, set_row_id: int) -> list[ExceptionRow]:
    with gw.engine.begin() as conn:
        rows = store.exceptions_of_set(conn, set_row_id)
    return [e for e in rows if e.state == "open" and e.code.startswith("RMT_")]


@click.group("remittances")
def remittances() -> None:
    """820 remittances: what was applied automatically, and manual matching."""


@remittances.command("list")
@click.option("--limit", default=200, show_default=True)
@gateway_options
@json_option
def remittances_list(
    limit: int,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Remittances received, newest first, with what is still unapplied."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    with gw.engine.begin() as conn:
        rows = store.sets_of_kind(conn, "820", limit)
        open_by_set = Counter(e.set_row_id for e in store.open_exceptions_of_stage(conn, "RMT"))
    figs = {r.id: figures(r) for r in rows}
    items = _items(gw, [f.payment for f in figs.values() if f is not None])
    out = []
    for r in rows:
        f = figs[r.id]
        item = items.get(f.payment) if f else None
        out.append(
            {
                "id": r.id,
                "trace": r.business_key,
                "status": r.status,
                "payment": f.payment if f else "",
                "amount": str(f.amount) if f else "",
                "lines": f.lines if f else 0,
                "auto_lines": f.auto_lines if f else 0,
                "unapplied": str(-item.open_amount) if item else "",
                "open_exceptions": open_by_set.get(r.id, 0),
            }
        )
    if as_json:
        print_json(out)
        return
    table(
        [[str(v) for v in o.values()] for o in out],
        ["id", "trace", "status", "payment", "amount", "lines", "auto", "unapplied", "open exc."],
    )


@remittances.command("show")
@click.argument("set_row_id", metavar="ID", type=int)
@gateway_options
@json_option
def remittances_show(
    set_row_id: int,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """One remittance: the automatic result, the payment now, and the lines left to a clerk
    with their ranked candidates."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    row = _remittance_set(gw, set_row_id)
    with gw.engine.begin() as conn:
        excs = store.exceptions_of_set(conn, set_row_id)
    detail = json.loads(row.detail) if row.detail else {}
    payment = _items(gw, [str(detail.get("payment", ""))]).get(str(detail.get("payment", "")))
    data = {
        "id": row.id,
        "trace": row.business_key,
        "status": row.status,
        "detail": detail,
        "unapplied": str(-payment.open_amount) if payment else None,
        "exceptions": [
            {
                "id": e.id,
                "code": e.code,
                "state": e.state,
                "message": e.message,
                "evidence": json.loads(e.evidence) if e.evidence else {},
            }
            for e in excs
        ],
    }
    if as_json:
        print_json(data)
        return
    click.echo(f"remittance {row.id}  trace {row.business_key}  {row.status}")
    for key in ("payment", "amount", "lines", "auto_lines", "applied", "on_account", "deductions"):
        if key in detail:
            click.echo(f"  {key.replace('_', ' ')}: {detail[key]}")
    if payment is not None:
        click.echo(f"  unapplied now: {-payment.open_amount} {payment.currency}")
    for e in excs:
        click.echo(f"  [{e.id}] {e.state:9} {e.code}: {e.message}")


@remittances.command("apply")
@click.argument("set_row_id", metavar="ID", type=int)
@click.option(
    "--invoice",
    "invoices",
    multiple=True,
    required=True,
    metavar="INV=AMOUNT",
    help="Apply AMOUNT of the payment to invoice INV (repeat for several).",
)
@click.option("--in-full", is_flag=True, help="The payer considers these invoices paid.")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="Settlement date (default: today).")
@click.option("--by", default="clerk", help="Who applied it.")
@gateway_options
@json_option
def remittances_apply(
    set_row_id: int,
    invoices: tuple[str, ...],
    in_full: bool,
    on: str | None,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Apply the unapplied money of remittance ID to invoices by hand, with the same postings
    as the automatic match; the remittance's exceptions those invoices answer are resolved."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    row = _remittance_set(gw, set_row_id)
    fig = figures(row)
    if fig is None:
        fail(f"Remittance {set_row_id} has no payment to apply (status {row.status}).")
    apps = tuple(
        Application(inv, decimal_arg(amount, f"--invoice {inv}"), in_full=in_full)
        for inv, amount in pairs(invoices, "--invoice")
    )
    with rules():
        done = services.apply_payment(
            gw.ledger(), ApplyPayment(fig.payment, apps, date_arg(on, "--date"))
        )
    payment = _items(gw, [fig.payment])[fig.payment]
    named = {a.invoice_number for a in apps}
    now = gw.clock()
    resolved = []
    pending = _open_rmt(gw, set_row_id)
    with gw.engine.begin() as conn:
        for e in pending:
            evidence = json.loads(e.evidence) if e.evidence else {}
            candidates = {i for c in evidence.get("candidates", []) for i in c.get("items", [])}
            if payment.open_amount == 0 or named & (candidates | {evidence.get("reference")}):
                note = f"applied by hand to {', '.join(sorted(named))}"
                store.set_exception_state(conn, e.id, "resolved", by=by, note=note, now=now)
                resolved.append(e.id)
        store.add_decision(
            conn, subject=fig.payment, kind="remittance", action="applied", now=now, by=by,
            reason=", ".join(f"{a.invoice_number}={a.amount}" for a in apps),
            document=",".join(s.number for s in done),
        )  # fmt: skip
    result = {
        "payment": fig.payment,
        "settlements": [
            {
                "number": s.number,
                "invoice": s.debit_item,
                "amount": s.amount,
                "discount": s.discount,
            }
            for s in done
        ],
        "unapplied": -payment.open_amount,
        "exceptions_resolved": resolved,
    }
    if as_json:
        print_json(result)
        return
    for s in done:
        click.echo(f"{s.number}: {s.amount} applied to {s.debit_item}")
    click.echo(f"{fig.payment}: {-payment.open_amount} {payment.currency} still unapplied")
    if resolved:
        click.echo(f"exceptions resolved: {', '.join(map(str, resolved))}")


@click.group("deductions")
def deductions() -> None:
    """Deduction items (explained short pays): list and decide."""


def _deduction_state(gw: Gateway, numbers: list[str]) -> dict[str, DecisionRow]:
    with gw.engine.begin() as conn:
        rows = store.decisions(conn, kind="deduction", subjects=numbers)
    return {r.subject: r for r in rows}


@deductions.command("list")
@click.option("--customer", help="Only this customer's deductions.")
@gateway_options
@json_option
def deductions_list(
    customer: str | None,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Open deduction items, oldest first, with the last decision on each."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    with rules():
        items = services.open_deductions(gw.ledger(), customer)
    decided = _deduction_state(gw, [i.number for i in items])
    out = [
        {
            "number": i.number,
            "customer": i.customer_account,
            "date": i.doc_date,
            "invoice": i.reference,
            "reason": i.reason,
            "open": i.open_amount,
            "currency": i.currency,
            "state": decided[i.number].action if i.number in decided else "to decide",
        }
        for i in items
    ]
    if as_json:
        print_json(out)
        return
    table(
        [[str(v) for v in o.values()] for o in out],
        ["deduction", "customer", "date", "invoice", "reason", "open", "cur", "state"],
    )


@deductions.command("resolve")
@click.argument("number", metavar="ID")
@click.option("--credit-note", is_flag=True, help="Accept the claim: issue a credit note.")
@click.option("--write-off", "write_off", metavar="REASON", help="Write it off with REASON.")
@click.option("--deny", is_flag=True, help="Deny the claim: the customer still owes it.")
@click.option("--reason", default="", help="Why (kept with the decision).")
@click.option("--by", default="clerk", help="Who decided.")
@gateway_options
@json_option
def deductions_resolve(
    number: str,
    credit_note: bool,
    write_off: str | None,
    deny: bool,
    reason: str,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Decide deduction item ID: exactly one of --credit-note, --write-off REASON, --deny."""
    if sum((credit_note, write_off is not None, deny)) != 1:
        fail("Give exactly one of --credit-note, --write-off REASON or --deny.")
    gw = open_gateway(config_dir, mappings_dir, db_url)
    item = _items(gw, [number]).get(number)
    if item is None or item.kind is not ItemKind.DEDUCTION:
        fail(f"{number} is not a deduction item; see `o2c deductions list`.")
    if item.open_amount <= 0:
        fail(f"Deduction {number} is already settled.")
    document = ""
    with rules():
        if credit_note:
            action = "credit-note"
            note = services.accept_deduction(gw.ledger(), AcceptDeduction(number, reason))
            document = note.number
        elif write_off is not None:
            action, reason = "write-off", reason or write_off
            stl = services.write_off(gw.ledger(), WriteOff(number, write_off))
            document = stl.credit_item
        else:
            action = "denied"
    with gw.engine.begin() as conn:
        store.add_decision(
            conn, subject=number, kind="deduction", action=action, now=gw.clock(),
            reason=reason, document=document, by=by,
        )  # fmt: skip
    result = {
        "deduction": number,
        "action": action,
        "document": document,
        "amount": item.open_amount,
    }
    if as_json:
        print_json(result)
        return
    tail = f" ({document})" if document else "; it stays open and the customer owes it"
    click.echo(f"deduction {number} for {item.open_amount} {item.currency}: {action}{tail}")


@click.command("cash-application")
@gateway_options
@json_option
def cash_application_report(
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Auto-match rates of the 820 remittances (lines and payments) and the manual work left."""
    gw = open_gateway(config_dir, mappings_dir, db_url)
    with gw.engine.begin() as conn:
        rows = store.sets_of_kind(conn, "820", limit=10_000_000)
        open_exc = len(store.open_exceptions_of_stage(conn, "RMT"))
    figs = [f for f in map(figures, rows) if f is not None]
    payments = {f.payment for f in figs}
    uow = gw.ledger()
    with uow:
        open_items = uow.open_items.query(None, only_open=True)
    unapplied = sum(
        (-i.open_amount for i in open_items if i.number in payments and i.open_amount < 0),
        Decimal(0),
    )
    deductions_open = {
        i.number: i.open_amount
        for i in open_items
        if i.kind is ItemKind.DEDUCTION and i.open_amount > 0
    }
    decided = _deduction_state(gw, list(deductions_open))
    denied = [n for n, d in decided.items() if d.action == "denied"]
    report = build_report(
        figs,
        unapplied_now=unapplied,
        open_exceptions=open_exc,
        open_deductions=deductions_open,
        denied=denied,
    )
    if as_json:
        print_json(report.as_dict())
        return
    click.echo(f"payments            {report.payments}")
    click.echo(f"  applied by itself {report.payments_auto} ({report.payment_rate}%)")
    click.echo(f"remittance lines    {report.lines}")
    click.echo(f"  matched by itself {report.auto_lines} ({report.line_rate}%)")
    click.echo(f"received            {report.received}")
    click.echo(f"  applied by itself {report.applied_auto}")
    click.echo(f"  deductions taken  {report.deductions_taken}")
    click.echo("manual work left")
    click.echo(f"  unapplied cash               {report.unapplied_now}")
    click.echo(f"  open remittance exceptions   {report.open_exceptions}")
    click.echo(
        f"  deductions to decide         {report.open_deductions} ({report.open_deductions_amount})"
    )
    click.echo(f"  denied deductions still open {report.denied_deductions}")


COMMANDS = [remittances, deductions]
