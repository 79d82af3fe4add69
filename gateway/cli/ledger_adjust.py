"""``o2c settle``, ``o2c rebate set|accrue|pay`` and ``o2c journal reverse``."""

from __future__ import annotations

import click

from core import services as s
from core.domain.commands import (
    AccrueRebate,
    PayRebate,
    ReverseEntry,
    SetRebateAgreement,
    Settle,
    WriteOff,
)
from gateway.cli.ledger_billing import show_invoice
from gateway.cli.ledger_common import (
    date_arg,
    date_option,
    db_option,
    decimal_arg,
    fail,
    json_option,
    open_ledger,
    print_json,
    rules,
)


@click.command("settle")
@click.argument("debit")
@click.argument("credit")
@click.option("--amount", help="Cash to apply (default: as much as both allow).")
@click.option("--in-full", is_flag=True, help="The payer considers the invoice paid in full.")
@click.option("--reason", default="", help="Reason code for a write-off or deduction.")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def settle(
    *,
    debit: str,
    credit: str,
    amount: str | None,
    in_full: bool,
    reason: str,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Settle a credit (payment, credit note) against a debit (invoice, deduction)."""
    cmd = Settle(
        debit,
        credit,
        decimal_arg(amount, "amount") if amount else None,
        date_arg(on),
        in_full,
        reason,
        key,
    )
    with rules():
        stl = s.settle(open_ledger(db_url), cmd)
    if as_json:
        print_json(stl)
        return
    click.echo(
        f"{stl.number}: {stl.amount} of {stl.credit_item} to {stl.debit_item}; "
        f"discount {stl.discount}, write-off {stl.write_off}, "
        f"deduction {stl.deduction} {stl.deduction_item} {stl.reason}".rstrip()
    )


@click.command("write-off")
@click.argument("item_number")
@click.option("--reason", required=True, help="Reason code (kept on the entry and settlement).")
@click.option("--amount", help="Default: everything open.")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def write_off(
    *,
    item_number: str,
    reason: str,
    amount: str | None,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Write off what is open on an invoice or deduction (Dr Underpayments / Cr AR)."""
    cmd = WriteOff(
        item_number, reason, decimal_arg(amount, "amount") if amount else None, date_arg(on), key
    )
    with rules():
        stl = s.write_off(open_ledger(db_url), cmd)
    if as_json:
        print_json(stl)
    else:
        click.echo(
            f"{stl.credit_item}: {stl.amount} of {stl.debit_item} written off ({stl.reason})."
        )


@click.group()
def rebate() -> None:
    """Customer rebate agreements, accruals and payouts."""


@rebate.command("set")
@click.option("--customer", required=True)
@click.option("--percent", required=True, help="Percent of invoiced net revenue.")
@db_option
@json_option
def rebate_set(*, customer: str, percent: str, db_url: str | None, as_json: bool) -> None:
    """Give a customer a rebate agreement."""
    with rules():
        agreement = s.set_rebate_agreement(
            open_ledger(db_url), SetRebateAgreement(customer, decimal_arg(percent, "percent"))
        )
    if as_json:
        print_json(agreement)
    else:
        click.echo(f"{customer}: rebate {agreement.percent} % of invoiced net revenue.")


@rebate.command("accrue")
@click.option("--customer", required=True)
@click.option("--from", "date_from", required=True, metavar="YYYY-MM-DD")
@click.option("--to", "date_to", required=True, metavar="YYYY-MM-DD")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def rebate_accrue(
    *,
    customer: str,
    date_from: str,
    date_to: str,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Accrue the rebate on the period's invoices (Dr Customer rebates / Cr Rebate provision)."""
    start, end = date_arg(date_from, "--from"), date_arg(date_to, "--to")
    assert start is not None and end is not None
    with rules():
        entry = s.accrue_rebate(
            open_ledger(db_url), AccrueRebate(customer, start, end, date_arg(on), key)
        )
    if as_json:
        print_json(entry)
        return
    click.echo(
        f"{entry.number}: {entry.text}; "
        + ", ".join(f"{ln.account} {ln.amount}" for ln in entry.lines)
    )


@rebate.command("pay")
@click.option("--customer", required=True)
@click.option("--amount", help="Default: everything accrued and unpaid.")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def rebate_pay(
    *,
    customer: str,
    amount: str | None,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Pay the accrued rebate as a credit note."""
    cmd = PayRebate(customer, decimal_arg(amount, "amount") if amount else None, date_arg(on), key)
    with rules():
        note = s.pay_rebate(open_ledger(db_url), cmd)
    print_json(note) if as_json else show_invoice(note)


@click.group()
def journal() -> None:
    """Journal entries."""


@journal.command("reverse")
@click.argument("entry_number")
@click.option("--reason", default="")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def journal_reverse(
    *,
    entry_number: str,
    reason: str,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Post the reversal of an entry (only entries no document depends on, e.g. rebate accruals)."""
    if not entry_number:
        fail("give the entry number.")
    with rules():
        entry = s.reverse_entry(
            open_ledger(db_url), ReverseEntry(entry_number, date_arg(on), reason, key)
        )
    if as_json:
        print_json(entry)
        return
    click.echo(
        f"{entry.number} reverses {entry.reverses}: "
        + ", ".join(f"{ln.account} {ln.amount}" for ln in entry.lines)
    )
