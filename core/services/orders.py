"""Use cases for quotations and sales orders: place, confirm, pick, cancel the remainder."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from core.domain.catalog import ONE
from core.domain.commands import ChangeOrder, CreateQuotation, OrderLineInput, PlaceOrder
from core.domain.errors import CreditRefused, NotFound, RuleViolation
from core.domain.events import OrderCanceled, OrderChanged, OrderConfirmed, OrderPlaced
from core.domain.orders import ZERO, OrderLine, OrderStatus, SalesOrder, check_order_type
from core.domain.parties import Customer
from core.domain.quotations import Quotation
from core.ports import UnitOfWork
from core.services import _common as c

# What an order line takes from its item, its unit and its tax code (``_line_parts``): sku,
# description, unit, the item's price in that unit, cost, factor, tax code, GTIN.
LineParts = tuple[str, str, str, Decimal, Decimal, Decimal, str, str]


_new = object.__new__
# a batch's item parts of its lines, by (sku, unit, tax code, customer's tax code)
PartsMemo = dict[tuple[str, str | None, str | None, str | None], LineParts]


def _line(
    uow: UnitOfWork, no: int, given: OrderLineInput, cust: Customer, known: set[str]
) -> OrderLine:
    """The order line of ``given``; ``known`` holds the tax codes already found configured for
    this order (each is looked up once)."""
    return order_lines(uow, (given,), cust, known, None, no)[0]


def order_lines(
    uow: UnitOfWork,
    given: Sequence[OrderLineInput],
    cust: Customer,
    known: set[str],
    parts: PartsMemo | None,
    first_no: int = 1,
) -> list[OrderLine]:
    """The order lines of ``given``, numbered from ``first_no``. What a line takes from its
    item, unit and tax code is found by ``_line_parts`` (one by one for each line; a batch's
    ``parts`` keeps them per item, unit and tax code), then the line's quantity and price are
    checked, in the order ``_line_parts`` would check them after the item's own. One loop for
    all lines, not a call per line."""
    lines = []
    for no, ln in enumerate(given, start=first_no):
        if parts is None:
            found = _line_parts(uow, no, ln, cust, known)
        else:
            key = (ln.sku, ln.uom, ln.tax_code, cust.tax_code)
            kept = parts.get(key)
            if kept is None:
                kept = parts[key] = _line_parts(uow, no, ln, cust, known)
            found = kept
        sku, description, uom, item_price, cost, factor, tax_code, gtin = found
        if ln.quantity <= ZERO:  # a Decimal zero: an int is converted per compare
            raise RuleViolation(
                "QUANTITY", f"Line {no} ({ln.sku}): quantity {ln.quantity} must be positive."
            )
        price = item_price if ln.unit_price is None else ln.unit_price
        if price < ZERO:
            raise RuleViolation(
                "PRICE", f"Line {no} ({ln.sku}): unit price {price} cannot be negative."
            )
        # OrderLine(no, sku, ..., ln.allowances) with the progress quantities at zero, its
        # fields stored here: a class call runs ``__init__`` in a frame of its own, about a
        # third of a line's cost (every field is stored: test_order_lines_made)
        line = _new(OrderLine)
        line.line_no = no
        line.sku = sku
        line.description = description
        line.quantity = ln.quantity
        line.uom = uom
        line.unit_price = price
        line.unit_cost = cost
        line.factor = factor
        line.tax_code = tax_code
        line.gtin = gtin
        line.external_line_ref = ln.external_line_ref
        line.allowances = ln.allowances
        line.picked = line.shipped = line.invoiced = line.canceled = ZERO
        lines.append(line)
    return lines


def _line_parts(
    uow: UnitOfWork, no: int, given: OrderLineInput, cust: Customer, known: set[str]
) -> LineParts:
    """The item's part of ``given``'s line, checked as ``_line`` checks it (a quantity that is not
    positive is refused between the item and its unit, a negative price by ``order_lines``)."""
    item = uow.items.get(given.sku)
    if item is None:
        raise NotFound("Item", given.sku)
    if given.quantity <= ZERO:  # a Decimal zero: an int is converted per compare
        raise RuleViolation(
            "QUANTITY", f"Line {no} ({given.sku}): quantity {given.quantity} must be positive."
        )
    factor = item.factor(given.uom)
    tax_code = given.tax_code or item.tax_code or cust.tax_code
    if tax_code not in known:
        uow.settings.tax_code(tax_code)  # refuses a code that is not configured
        known.add(tax_code)
    # in the base unit price and cost are the item's own (x * 1 is x, digit for digit)
    in_base = factor is ONE
    cost = item.unit_cost if in_base else item.unit_cost * factor
    price = item.unit_price if in_base else item.unit_price * factor
    uom = given.uom or item.uom
    return (item.sku, item.description, uom, price, cost, factor, tax_code, item.gtin)


def _check_credit(uow: UnitOfWork, payer: Customer, cust: Customer, order: SalesOrder) -> None:
    for who in (cust, payer):
        if who.on_hold:
            raise CreditRefused(f"Customer {who.account} is on hold; no new orders are accepted.")
    if payer.credit_limit <= 0:
        return
    new_value = order.open_value  # only summed when there is a limit to check
    balance = sum(
        (it.open_amount for it in uow.open_items.query(payer.account, only_open=True)), Decimal(0)
    )
    pending = [
        o
        for status in (OrderStatus.OPEN, OrderStatus.DELIVERED)
        for o in uow.orders.query(payer.account, status.value)
    ]
    orders = sum(
        (o.open_value for o in pending if o.invoice_account == payer.account and not o.is_return),
        Decimal(0),
    )
    if balance + orders + new_value > payer.credit_limit:
        raise CreditRefused(
            f"Customer {payer.account} would owe {balance + orders + new_value} "
            f"(balance {balance}, open orders {orders}, this order {new_value}), "
            f"above the credit limit of {payer.credit_limit}."
        )


def place_order(uow: UnitOfWork, cmd: PlaceOrder) -> SalesOrder:
    with uow:
        if prev := c.replayed(uow, "place_order", cmd.idempotency_key):
            return c.order(uow, prev)
        order = placed(uow, cmd, set())
        uow.commit()
        return order


def placed(
    uow: UnitOfWork, cmd: PlaceOrder, known: set[str], parts: PartsMemo | None = None
) -> SalesOrder:
    """``place_order`` after its idempotency check, inside the caller's unit of work; ``known``
    holds the tax codes found configured, a batch's ``parts`` its lines' item parts (see
    ``order_lines``)."""
    check_order_type(cmd.order_type)
    if not cmd.lines:
        raise RuleViolation("LINES", "An order needs at least one line.")
    cust = c.customer(uow, cmd.customer)
    payer = c.customer(uow, cust.invoice_account)
    lines = order_lines(uow, cmd.lines, cust, known, parts)
    order = SalesOrder(
        c.next_number(uow, "order"),
        cust.account,
        payer.account,
        payer.currency,
        c.on(uow, cmd.order_date),
        lines,
        cmd.order_type,
        cmd.po_number,
        external_refs=dict(cmd.external_refs),
        charges=cmd.charges,
    )
    if not order.is_return:
        _check_credit(uow, payer, cust, order)
    if cmd.confirm:
        order.confirm()
    uow.orders.add(order)
    uow.emit(OrderPlaced(order.number, cust.account, cmd.po_number))
    c.remember(uow, "place_order", cmd.idempotency_key, order.number)
    return order


def change_order(uow: UnitOfWork, cmd: ChangeOrder) -> SalesOrder:
    """Apply an order change (see ``ChangeOrder``); refused as a whole when any line cannot."""
    with uow:
        if prev := c.replayed(uow, "change_order", cmd.idempotency_key):
            return c.order(uow, prev)
        order = c.order(uow, cmd.order_number)
        cust = c.customer(uow, order.customer_account)
        by_ref = {ln.external_line_ref: ln for ln in order.lines if ln.external_line_ref}
        changed: list[int] = []
        listed: set[int] = set()
        for given in cmd.lines:
            existing = by_ref.get(given.external_line_ref)
            if existing is None:
                line = _line(uow, len(order.lines) + 1, given, cust, set())
                order.add_line(line)
                changed.append(line.line_no)
                listed.add(line.line_no)
                continue
            listed.add(existing.line_no)
            if existing.sku != given.sku:
                raise RuleViolation(
                    "CHANGE",
                    f"Order {order.number} line {existing.line_no} is {existing.sku}; the change "
                    f"names {given.sku} for the same PO line {given.external_line_ref}.",
                )
            if given.quantity != existing.quantity or (
                given.unit_price is not None and given.unit_price != existing.unit_price
            ):
                order.change_line(existing.line_no, given.quantity, given.unit_price)
                changed.append(existing.line_no)
        if cmd.replace:
            for ln in order.lines:
                if ln.line_no not in listed and ln.remaining > 0:
                    order.cancel_line_remainder(ln.line_no)
                    changed.append(ln.line_no)
        uow.orders.save(order)
        uow.emit(OrderChanged(order.number, tuple(changed)))
        c.remember(uow, "change_order", cmd.idempotency_key, order.number)
        uow.commit()
        return order


def confirm_order(uow: UnitOfWork, number: str) -> SalesOrder:
    with uow:
        order = c.order(uow, number)
        order.confirm()
        uow.orders.save(order)
        uow.emit(OrderConfirmed(number))
        uow.commit()
        return order


def pick_order(
    uow: UnitOfWork, number: str, quantities: dict[int, Decimal] | None = None
) -> SalesOrder:
    with uow:
        order = c.order(uow, number)
        order.pick(quantities)
        uow.orders.save(order)
        uow.commit()
        return order


def cancel_order(uow: UnitOfWork, number: str) -> SalesOrder:
    """Cancel what is not yet shipped; an order with nothing shipped becomes Canceled."""
    with uow:
        order = c.order(uow, number)
        order.cancel_remainder()
        uow.orders.save(order)
        uow.emit(OrderCanceled(number))
        uow.commit()
        return order


def create_quotation(uow: UnitOfWork, cmd: CreateQuotation) -> Quotation:
    with uow:
        if prev := c.replayed(uow, "create_quotation", cmd.idempotency_key):
            found = uow.quotations.get(prev)
            assert found is not None
            return found
        cust = c.customer(uow, cmd.customer)
        known: set[str] = set()
        for i, ln in enumerate(cmd.lines, start=1):
            _line(uow, i, ln, cust, known)
        quote = Quotation(
            c.next_number(uow, "quotation"),
            cust.account,
            uow.clock.today(),
            cmd.lines,
            cmd.po_number,
        )
        uow.quotations.add(quote)
        c.remember(uow, "create_quotation", cmd.idempotency_key, quote.number)
        uow.commit()
        return quote


def move_quotation(uow: UnitOfWork, number: str, action: str) -> Quotation:
    """``send``, ``lose``, ``cancel`` or ``confirm`` (which places the order)."""
    with uow:
        quote = uow.quotations.get(number)
        if quote is None:
            raise NotFound("Quotation", number)
        if action == "confirm":
            order = place_order(
                uow, PlaceOrder(quote.customer_account, quote.lines, quote.po_number, confirm=True)
            )
            quote.confirm(order.number)
        elif action in ("send", "lose", "cancel"):
            getattr(quote, action)()
        else:
            raise RuleViolation("ACTION", f"Unknown quotation action {action!r}.")
        uow.quotations.save(quote)
        uow.commit()
        return quote
