"""``o2c invoice ORDER|--all-shipped``, ``o2c invoice free-text``, ``o2c credit-note``,
``o2c payment record``."""

from __future__ import annotations

from typing import Any

import click

from core import services as s
from core.domain.commands import (
    Application,
    FreeTextInvoice,
    FreeTextLine,
    InvoiceOrder,
    IssueCreditNote,
    RecordPayment,
)
from core.domain.documents import Invoice
from gateway.cli.ledger_common import (
    date_arg,
    date_option,
    db_option,
    decimal_arg,
    fail,
    json_option,
    line_quantities,
    open_ledger,
    pairs,
    print_json,
    rules,
    table,
)


def show_invoice(inv: Invoice) -> None:
    click.echo(
        f"{inv.number}  {inv.kind.value}  {inv.customer_account}  {inv.invoice_date}  "
        f"order {inv.order_number or '-'}  PO {inv.po_number or '-'}  terms {inv.terms}  "
        f"due {inv.due_date}"
        + (f"  discount {inv.cash_discount} until {inv.discount_date}" if inv.discount_date else "")
    )
    rows = [
        [
            str(ln.line_no),
            ln.sku or ln.account,
            ln.description,
            str(ln.quantity),
            str(ln.unit_price),
            str(ln.net_amount),
            ln.tax_code,
            str(ln.tax_amount),
        ]
        for ln in inv.lines
    ]
    table(rows, ["line", "item/account", "description", "qty", "price", "net", "tax code", "tax"])
    for ac in inv.charges:
        click.echo(f"  {'charge' if ac.is_charge else 'allowance'} {ac.reason}: {ac.amount}")
    click.echo(f"net {inv.net_total}  tax {inv.tax_total}  total {inv.total} {inv.currency}")


class _InvoiceGroup(click.Group):
    """``invoice ORDER`` and ``invoice --all-shipped`` run the hidden ``order`` subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["order", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_InvoiceGroup)
def invoice() -> None:
    """Invoice an order's shipped quantities (invoice ORDER, invoice --all-shipped) or free text."""


@invoice.command("order", hidden=True)
@click.argument("order_number", required=False)
@click.option("--all-shipped", is_flag=True, help="Invoice every order with uninvoiced shipments.")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def invoice_order(
    *,
    order_number: str | None,
    all_shipped: bool,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    if bool(order_number) == all_shipped:
        fail("give either an order number or --all-shipped.")
    uow = open_ledger(db_url)
    with rules():
        if all_shipped:
            found = s.invoice_all_shipped(uow, date_arg(on))
        else:
            assert order_number is not None
            found = [s.invoice_order(uow, InvoiceOrder(order_number, date_arg(on), key))]
    if as_json:
        print_json(found)
        return
    for inv in found:
        show_invoice(inv)
    if not found:
        click.echo("no order has shipped quantities waiting for an invoice.")


def _free_lines(values: tuple[str, ...], tax: str | None) -> tuple[FreeTextLine, ...]:
    lines = []
    for account, rest in pairs(values, "--line"):
        amount, sep, text = rest.partition(":")
        if not sep or not text:
            fail(f"--line {account}={rest} must look like ACCOUNT=AMOUNT:TEXT.")
        lines.append(FreeTextLine(account, decimal_arg(amount, "amount"), text.strip(), tax))
    return tuple(lines)


@invoice.command("free-text")
@click.option("--customer", required=True)
@click.option("--line", "lines", multiple=True, required=True, metavar="ACCOUNT=AMOUNT:TEXT")
@click.option("--tax", help="Tax code for every line (default: the customer's).")
@click.option("--credit", is_flag=True, help="A free-text credit note instead of an invoice.")
@click.option("--reason", default="")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def invoice_free_text(
    *,
    customer: str,
    lines: tuple[str, ...],
    tax: str | None,
    credit: bool,
    reason: str,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """A free-text invoice: lines with a ledger account, amount and text, no item."""
    cmd = FreeTextInvoice(customer, _free_lines(lines, tax), date_arg(on), credit, reason, key)
    with rules():
        inv = s.free_text_invoice(open_ledger(db_url), cmd)
    print_json(inv) if as_json else show_invoice(inv)


@click.command("credit-note")
@click.argument("invoice_number")
@click.option(
    "--line", "lines", multiple=True, metavar="N=QTY", help="Invoice line and quantity to credit."
)
@click.option("--amount", help="Credit this net amount instead of lines.")
@click.option("--reason", default="")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def credit_note(
    *,
    invoice_number: str,
    lines: tuple[str, ...],
    amount: str | None,
    reason: str,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Credit an invoice (all of it, some lines, or an amount); settles against it."""
    if lines and amount:
        fail("give --line or --amount, not both.")
    cmd = IssueCreditNote(
        invoice_number,
        line_quantities(lines),
        decimal_arg(amount, "amount") if amount else None,
        reason,
        date_arg(on),
        key,
    )
    with rules():
        note = s.issue_credit_note(open_ledger(db_url), cmd)
    print_json(note) if as_json else show_invoice(note)


@click.group()
def payment() -> None:
    """Customer payments."""


@payment.command("record")
@click.option("--customer", required=True)
@click.option("--amount", required=True)
@click.option("--ref", required=True, help="The payment's reference (check, wire, remittance).")
@click.option(
    "--apply",
    "applies",
    multiple=True,
    metavar="INVOICE=AMOUNT",
    help="Settle this much of an invoice.",
)
@click.option(
    "--in-full", is_flag=True, help="The payer considers the applied invoices paid in full."
)
@click.option("--reason", default="", help="Reason code for a short pay (write-off or deduction).")
@click.option("--prepay", "prepay_order", metavar="ORDER", help="A prepayment for this order.")
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def payment_record(
    *,
    customer: str,
    amount: str,
    ref: str,
    applies: tuple[str, ...],
    in_full: bool,
    reason: str,
    prepay_order: str | None,
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Record a payment (Dr Bank / Cr AR) and apply it to invoices; the rest stays on account."""
    apply = tuple(
        Application(inv, decimal_arg(amt, "amount"), in_full, reason)
        for inv, amt in pairs(applies, "--apply")
    )
    cmd = RecordPayment(
        customer,
        decimal_arg(amount, "amount"),
        ref,
        date_arg(on),
        apply,
        prepay_order,
        idempotency_key=key,
    )
    uow = open_ledger(db_url)
    with rules():
        item = s.record_payment(uow, cmd)
    with uow:
        settlements = uow.settlements.for_items([item.number])
        left = uow.open_items.get(item.number)
    result: dict[str, Any] = {
        "payment": item,
        "settlements": settlements,
        "unapplied": -(left.open_amount if left else 0),
    }
    if as_json:
        print_json(result)
        return
    click.echo(
        f"{item.number}  {item.kind.value}  {item.customer_account}  {-item.amount} "
        f"{item.currency}  ref {ref}"
    )
    for st in settlements:
        extra = "".join(
            f"  {name} {value}"
            for name, value in (
                ("discount", st.discount),
                ("write-off", st.write_off),
                ("deduction", st.deduction),
            )
            if value
        )
        click.echo(
            f"  {st.number}: {st.amount} to {st.debit_item}{extra}"
            f"{'  ' + st.reason if st.reason else ''}"
        )
    click.echo(f"unapplied: {result['unapplied']}")
