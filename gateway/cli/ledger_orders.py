"""``o2c orders create|list|show|confirm|cancel`` and ``o2c ship``."""

from __future__ import annotations

from decimal import Decimal

import click

from core import services as s
from core.domain.commands import CreateQuotation, OrderLineInput, PlaceOrder, PostPackingSlip
from core.domain.orders import OrderType, SalesOrder
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

_TYPES = {
    "sales": OrderType.SALES,
    "return": OrderType.RETURN,
    "subscription": OrderType.SUBSCRIPTION,
    "journal": OrderType.JOURNAL,
    "item-requirements": OrderType.ITEM_REQUIREMENTS,
    "sales-agreement": OrderType.SALES_AGREEMENT,
}


def _line(sku: str, spec: str) -> OrderLineInput:
    qty_text, _, price_text = spec.partition("@")
    qty_text, _, uom = qty_text.partition("/")
    price = decimal_arg(price_text, "price") if price_text else None
    return OrderLineInput(sku, decimal_arg(qty_text, "quantity"), price, uom.upper() or None)


def show_order(order: SalesOrder) -> None:
    click.echo(
        f"{order.number}  {order.order_type.value}  customer {order.customer_account} (billed to "
        f"{order.invoice_account})  PO {order.po_number or '-'}  {order.status.value} / "
        f"{order.document_status.value}  {order.order_date}"
    )
    for name, value in sorted(order.external_refs.items()):
        click.echo(f"  ref {name}={value}")
    rows = [
        [
            str(ln.line_no),
            ln.sku,
            ln.uom,
            str(ln.quantity),
            str(ln.unit_price),
            str(ln.shipped),
            str(ln.invoiced),
            str(ln.canceled),
            str(ln.remaining),
        ]
        for ln in order.lines
    ]
    table(
        rows, ["line", "sku", "uom", "ordered", "price", "shipped", "invoiced", "canceled", "open"]
    )


@click.group()
def orders() -> None:
    """Sales orders."""


@orders.command("create")
@click.option("--customer", required=True)
@click.option("--po", default="", help="The customer's purchase order number.")
@click.option("--line", "lines", multiple=True, required=True, metavar="SKU=QTY[/UOM][@PRICE]")
@click.option("--type", "order_type", type=click.Choice(list(_TYPES)), default="sales")
@click.option(
    "--ref", "refs", multiple=True, metavar="NAME=VALUE", help="External reference to keep."
)
@click.option("--key", help="Idempotency key: a replay with the same key creates nothing.")
@click.option("--confirm", is_flag=True, help="Post the confirmation too.")
@date_option
@db_option
@json_option
def orders_create(
    *,
    customer: str,
    po: str,
    lines: tuple[str, ...],
    order_type: str,
    refs: tuple[str, ...],
    key: str | None,
    confirm: bool,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Place a sales order."""
    cmd = PlaceOrder(
        customer,
        tuple(_line(sku, spec) for sku, spec in pairs(lines, "--line")),
        po,
        _TYPES[order_type],
        dict(pairs(refs, "--ref")),
        order_date=date_arg(on),
        confirm=confirm,
        idempotency_key=key,
    )
    with rules():
        order = s.place_order(open_ledger(db_url), cmd)
    print_json(order) if as_json else show_order(order)


@orders.command("list")
@click.option("--customer")
@click.option("--status", type=click.Choice(["Open", "Delivered", "Invoiced", "Canceled"]))
@db_option
@json_option
def orders_list(
    *, customer: str | None, status: str | None, db_url: str | None, as_json: bool
) -> None:
    """List orders."""
    uow = open_ledger(db_url)
    with uow:
        found = uow.orders.query(customer, status)
    if as_json:
        print_json(found)
        return
    rows = [
        [
            o.number,
            o.customer_account,
            o.po_number,
            o.status.value,
            o.document_status.value,
            str(sum((ln.quantity * ln.unit_price for ln in o.lines), Decimal(0))),
        ]
        for o in found
    ]
    table(rows, ["order", "customer", "po", "status", "document", "value"])


@orders.command("show")
@click.argument("number")
@db_option
@json_option
def orders_show(*, number: str, db_url: str | None, as_json: bool) -> None:
    """One order with its lines."""
    uow = open_ledger(db_url)
    with uow:
        order = uow.orders.get(number)
    if order is None:
        fail(f"Order {number} does not exist.")
    print_json(order) if as_json else show_order(order)


@orders.command("confirm")
@click.argument("number")
@db_option
@json_option
def orders_confirm(*, number: str, db_url: str | None, as_json: bool) -> None:
    """Post the order confirmation."""
    with rules():
        order = s.confirm_order(open_ledger(db_url), number)
    print_json(order) if as_json else show_order(order)


@orders.command("cancel")
@click.argument("number")
@db_option
@json_option
def orders_cancel(*, number: str, db_url: str | None, as_json: bool) -> None:
    """Cancel everything not yet shipped."""
    with rules():
        order = s.cancel_order(open_ledger(db_url), number)
    print_json(order) if as_json else show_order(order)


@click.command("ship")
@click.argument("order_number")
@click.option(
    "--line", "lines", multiple=True, metavar="N=QTY", help="Deliver now (default: all open)."
)
@click.option("--key", help="Idempotency key.")
@date_option
@db_option
@json_option
def ship(
    *,
    order_number: str,
    lines: tuple[str, ...],
    key: str | None,
    on: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Post a packing slip (a receipt for a returned order)."""
    cmd = PostPackingSlip(order_number, line_quantities(lines), date_arg(on), key)
    with rules():
        slip = s.post_packing_slip(open_ledger(db_url), cmd)
    if as_json:
        print_json(slip)
        return
    click.echo(
        f"{slip.number} for {slip.order_number} on {slip.ship_date}: "
        f"cost {slip.cost_total} {slip.currency}"
    )
    table(
        [[str(ln.line_no), ln.sku, str(ln.quantity), ln.uom] for ln in slip.lines],
        ["line", "sku", "qty", "uom"],
    )


@click.group()
def quotations() -> None:
    """Sales quotations: create, then send, confirm (places the order), lose or cancel."""


@quotations.command("create")
@click.option("--customer", required=True)
@click.option("--po", default="")
@click.option("--line", "lines", multiple=True, required=True, metavar="SKU=QTY[/UOM][@PRICE]")
@click.option("--key", help="Idempotency key.")
@db_option
@json_option
def quotations_create(
    *,
    customer: str,
    po: str,
    lines: tuple[str, ...],
    key: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Create a quotation."""
    parsed = tuple(_line(sku, spec) for sku, spec in pairs(lines, "--line"))
    with rules():
        quote = s.create_quotation(open_ledger(db_url), CreateQuotation(customer, parsed, po, key))
    if as_json:
        print_json(quote)
    else:
        click.echo(f"{quote.number}  {quote.customer_account}  {quote.status.value}")


@quotations.command("move")
@click.argument("number")
@click.argument("action", type=click.Choice(["send", "confirm", "lose", "cancel"]))
@db_option
@json_option
def quotations_move(*, number: str, action: str, db_url: str | None, as_json: bool) -> None:
    """Move a quotation to Sent, Confirmed (placing its order), Lost or Canceled."""
    with rules():
        quote = s.move_quotation(open_ledger(db_url), number, action)
    if as_json:
        print_json(quote)
        return
    order = f"  order {quote.order_number}" if quote.order_number else ""
    click.echo(f"{quote.number}  {quote.customer_account}  {quote.status.value}{order}")
