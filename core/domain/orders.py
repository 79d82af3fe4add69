"""Sales orders as Dynamics 365 keeps them: type, order status, document status, line quantities.

Order types: *Sales order*, *Returned order* (its packing slip is a receipt back to stock and its
invoice a credit note) and *Subscription* (reissued for the next cycle once fully invoiced) are
supported. *Journal*, *Item requirements* and *Sales agreement* are refused when an order is
placed: they are drafts or project/agreement records that never post in this ledger.

Order status is Open until every line is shipped or canceled, then Delivered, then Invoiced once
everything shipped is invoiced; Canceled when nothing was shipped and the remainder was canceled.
Document status is the furthest document posted: None, Confirmation, Picking list, Packing slip,
Invoice. Lines keep ordered, picked, shipped, invoiced and canceled quantities (in the line's unit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from core.domain.charges import AllowanceCharge
from core.domain.errors import InvalidState, RuleViolation


class OrderType(Enum):
    SALES = "Sales order"
    RETURN = "Returned order"
    SUBSCRIPTION = "Subscription"
    JOURNAL = "Journal"
    ITEM_REQUIREMENTS = "Item requirements"
    SALES_AGREEMENT = "Sales agreement"


SUPPORTED_TYPES = (OrderType.SALES, OrderType.RETURN, OrderType.SUBSCRIPTION)
_REFUSALS = {
    OrderType.JOURNAL: "a journal order is a draft that never posts; enter a sales order instead",
    OrderType.ITEM_REQUIREMENTS: (
        "item requirements belong to projects, which this ledger does not keep"
    ),
    OrderType.SALES_AGREEMENT: (
        "a sales agreement is a commitment, not an order; release a sales order from it"
    ),
}


def check_order_type(order_type: OrderType) -> None:
    if order_type not in SUPPORTED_TYPES:
        raise RuleViolation(
            "ORDER_TYPE",
            f"Order type {order_type.value!r} is not supported: {_REFUSALS[order_type]}.",
        )


class OrderStatus(Enum):
    OPEN = "Open"
    DELIVERED = "Delivered"
    INVOICED = "Invoiced"
    CANCELED = "Canceled"


class DocumentStatus(Enum):
    NONE = "None"
    CONFIRMATION = "Confirmation"
    PICKING_LIST = "Picking list"
    PACKING_SLIP = "Packing slip"
    INVOICE = "Invoice"

    @property
    def rank(self) -> int:
        return _RANKS[self._name_]  # by name: a member's own hash is a Python call


_RANKS = {status._name_: i for i, status in enumerate(DocumentStatus)}  # declaration order


ZERO = Decimal(0)


@dataclass(slots=True)
class OrderLine:
    line_no: int
    sku: str
    description: str
    quantity: Decimal
    uom: str
    unit_price: Decimal  # per ``uom``
    unit_cost: Decimal  # standard cost per ``uom``
    factor: Decimal  # base units per ``uom``
    tax_code: str
    gtin: str = ""
    external_line_ref: str = ""
    allowances: tuple[AllowanceCharge, ...] = ()
    picked: Decimal = ZERO
    shipped: Decimal = ZERO
    invoiced: Decimal = ZERO
    canceled: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        """Still to deliver (the backorder)."""
        return self.quantity - self.shipped - self.canceled

    @property
    def to_invoice(self) -> Decimal:
        return self.shipped - self.invoiced


def _pair_line_no(pair: tuple[OrderLine, Decimal]) -> int:
    return pair[0].line_no


def numbered_in_order(lines: list[OrderLine]) -> bool:
    """True when the lines' numbers strictly increase: each line is then the only one of its
    number, and the lines in list order are the lines by number. A plain loop over the slots
    (a list of the numbers compared by ``map`` costs twice as much)."""
    rest = iter(lines)
    for first in rest:
        before = first.line_no
        for ln in rest:
            number = ln.line_no
            if number <= before:
                return False
            before = number
    return True


@dataclass(slots=True)
class SalesOrder:
    number: str
    customer_account: str
    invoice_account: str
    currency: str
    order_date: date
    lines: list[OrderLine]
    order_type: OrderType = OrderType.SALES
    po_number: str = ""
    status: OrderStatus = OrderStatus.OPEN
    document_status: DocumentStatus = DocumentStatus.NONE
    external_refs: dict[str, str] = field(default_factory=dict)
    charges: tuple[AllowanceCharge, ...] = ()
    cycle: int = 1
    version: int = 0

    @property
    def is_return(self) -> bool:
        return self.order_type is OrderType.RETURN

    def line(self, line_no: int) -> OrderLine:
        if 0 < line_no <= len(self.lines) and self.lines[line_no - 1].line_no == line_no:
            return self.lines[line_no - 1]
        for ln in self.lines:
            if ln.line_no == line_no:
                return ln
        raise RuleViolation("LINE", f"Order {self.number} has no line {line_no}.")

    def lines_by_no(self) -> dict[int, OrderLine]:
        """The lines by number (the first of a number, as ``line`` finds it), for loops that
        look many lines up; a number not there is ``line``'s to refuse."""
        # a number's first line is written last, so it stays; a comprehension reads the slots
        # directly (an ``attrgetter`` mapped in C looks each attribute up by name)
        return {ln.line_no: ln for ln in reversed(self.lines)}

    def _advance(self, status: DocumentStatus) -> None:
        if status.rank > self.document_status.rank:
            self.document_status = status

    def _require_open(self, action: str) -> None:
        if self.status in (OrderStatus.CANCELED, OrderStatus.INVOICED):
            raise InvalidState(f"Order {self.number} is {self.status.value}; cannot {action}.")

    def confirm(self) -> None:
        self._require_open("confirm it")
        self._advance(DocumentStatus.CONFIRMATION)

    def pick(self, quantities: Mapping[int, Decimal] | None = None) -> dict[int, Decimal]:
        self._require_open("pick it")
        wanted = self._quantities(quantities, lambda ln: ln.remaining - ln.picked + ln.shipped)
        for line_no, qty in wanted.items():
            self.line(line_no).picked += qty
        self._advance(DocumentStatus.PICKING_LIST)
        return wanted

    def ship(self, quantities: Mapping[int, Decimal] | None = None) -> dict[int, Decimal]:
        """Deliver now: the given quantities (default: all remaining). Returns what shipped."""
        return {ln.line_no: qty for ln, qty in self._deliver(quantities)}

    def ship_lines(
        self, quantities: Mapping[int, Decimal] | None = None
    ) -> list[tuple[OrderLine, Decimal]]:
        """``ship``, returning what shipped as a packing slip lists it: (line, quantity) by line
        number, each number with the line ``line`` finds for it. Lines numbered in order (as
        orders are made and stored) are that already, without a look-up per line."""
        shipping = self._deliver(quantities)
        if numbered_in_order(self.lines):  # each line the only one of its number
            return shipping if quantities is None else sorted(shipping, key=_pair_line_no)
        by_no = self.lines_by_no()
        shipped = {ln.line_no: qty for ln, qty in shipping}
        return [(by_no[no], qty) for no, qty in sorted(shipped.items())]

    def _deliver(self, quantities: Mapping[int, Decimal] | None) -> list[tuple[OrderLine, Decimal]]:
        """Ship the given quantities (default: all remaining): (line, quantity) in the order
        shipped (the order's lines, or the given quantities')."""
        self._require_open("ship it")
        if quantities is None:  # everything remaining: the lines in hand, no lookups
            shipping = [(ln, q) for ln in self.lines if (q := ln.remaining) > ZERO]
        else:
            shipping = [(self.line(n), q) for n, q in self._quantities(quantities, None).items()]
        if not shipping:
            raise InvalidState(f"Order {self.number} has nothing left to ship.")
        for ln, qty in shipping:
            ln.shipped += qty
            if ln.shipped > ln.picked:  # noqa: PLR1730 - max(picked, shipped), no builtin call
                ln.picked = ln.shipped
        self._advance(DocumentStatus.PACKING_SLIP)
        self._refresh()
        return shipping

    def change_line(self, line_no: int, quantity: Decimal, unit_price: Decimal | None) -> None:
        """Set a line's ordered quantity (and price): never below what was already shipped,
        and no new price once part of the line is invoiced."""
        self._require_open("change it")
        ln = self.line(line_no)
        if quantity < ln.shipped:
            raise RuleViolation(
                "CHANGE",
                f"Order {self.number} line {line_no}: {quantity} is less than the {ln.shipped} "
                "already shipped.",
            )
        if unit_price is not None and unit_price != ln.unit_price and ln.invoiced > 0:
            raise RuleViolation(
                "CHANGE",
                f"Order {self.number} line {line_no}: the price cannot change once "
                f"{ln.invoiced} is invoiced.",
            )
        ln.quantity = quantity
        ln.canceled = ZERO
        if unit_price is not None:
            ln.unit_price = unit_price
        self._refresh()

    def add_line(self, line: OrderLine) -> None:
        self._require_open("add a line")
        self.lines.append(line)
        self._refresh()

    def cancel_line_remainder(self, line_no: int) -> Decimal:
        ln = self.line(line_no)
        remaining = ln.remaining
        ln.canceled += remaining
        self._refresh()
        return remaining

    def cancel_remainder(self) -> dict[int, Decimal]:
        """Cancel every quantity not yet shipped (D365 'Deliver remainder' set to zero)."""
        if self.status is OrderStatus.CANCELED:
            raise InvalidState(f"Order {self.number} is already Canceled.")
        canceled = {ln.line_no: ln.remaining for ln in self.lines if ln.remaining > 0}
        if not canceled:
            raise InvalidState(f"Order {self.number} has no open quantity to cancel.")
        for line_no, qty in canceled.items():
            self.line(line_no).canceled += qty
        self._refresh()
        return canceled

    def to_invoice(self) -> dict[int, Decimal]:
        return {ln.line_no: q for ln in self.lines if (q := ln.shipped - ln.invoiced) > ZERO}

    def to_invoice_lines(self) -> list[tuple[OrderLine, Decimal]]:
        """``to_invoice`` as an invoice lists it: (line, quantity) by line number, each number
        with the line ``line`` finds for it. Lines numbered in order (as orders are made and
        stored) are that already, without a look-up per line."""
        lines = self.lines
        if numbered_in_order(lines):  # each line the only one of its number
            return [(ln, q) for ln in lines if (q := ln.shipped - ln.invoiced) > ZERO]
        by_no = self.lines_by_no()
        return [(by_no[no], qty) for no, qty in sorted(self.to_invoice().items())]

    def nothing_invoiced(self) -> bool:
        """True when no line has an invoiced quantity yet (the order's first invoice)."""
        # slots read directly, not by name; a Decimal is false exactly when it is zero (any
        # sign or exponent), and its truth costs less than a comparison with one
        for ln in self.lines:  # noqa: SIM110 - a plain loop, no generator resumed per line
            if ln.invoiced:
                return False
        return True

    def mark_invoiced(self, quantities: Mapping[int, Decimal]) -> None:
        by_no = self.lines_by_no()
        for line_no, qty in quantities.items():
            ln = by_no.get(line_no) or self.line(line_no)
            if qty <= ZERO or qty > ln.to_invoice:
                raise InvalidState(
                    f"Order {self.number} line {line_no}: {qty} exceeds the {ln.to_invoice} "
                    "shipped and not invoiced."
                )
            ln.invoiced += qty
        self._invoiced()

    def mark_lines_invoiced(self, invoiced: list[tuple[OrderLine, Decimal]]) -> None:
        """``mark_invoiced`` of what ``to_invoice_lines`` gave, the order unchanged since. With
        lines numbered in order each pair is a line and its own shipped less invoiced quantity,
        above zero, so what ``mark_invoiced`` checks holds: the quantities are added as they
        are. Otherwise ``mark_invoiced`` of ``to_invoice``, which gives the same pairs again."""
        if not numbered_in_order(self.lines):
            self.mark_invoiced(self.to_invoice())
            return
        for ln, qty in invoiced:
            ln.invoiced += qty
        self._invoiced()

    def _invoiced(self) -> None:
        self._advance(DocumentStatus.INVOICE)
        self._refresh()
        if self.order_type is OrderType.SUBSCRIPTION and self.status is OrderStatus.INVOICED:
            self._reissue()

    def _reissue(self) -> None:
        """A subscription order reopens with its full quantities for the next cycle."""
        for ln in self.lines:
            ln.picked = ln.shipped = ln.invoiced = ln.canceled = ZERO
        self.cycle += 1
        self.status = OrderStatus.OPEN
        self.document_status = DocumentStatus.CONFIRMATION

    def _quantities(
        self, given: Mapping[int, Decimal] | None, default: object
    ) -> dict[int, Decimal]:
        if given is None:
            assert callable(default)
            return {ln.line_no: q for ln in self.lines if (q := default(ln)) > 0}
        result: dict[int, Decimal] = {}
        for line_no, qty in given.items():
            ln = self.line(line_no)
            if qty <= 0:
                raise RuleViolation("QUANTITY", f"Line {line_no}: quantity {qty} must be positive.")
            if qty > ln.remaining:
                raise RuleViolation(
                    "QUANTITY",
                    f"Order {self.number} line {line_no}: {qty} exceeds the {ln.remaining} "
                    "still open.",
                )
            result[line_no] = qty
        return result

    def _refresh(self) -> None:
        """The status from the lines' quantities: Open while a line has a remainder, else
        Canceled when nothing shipped, Invoiced when everything shipped is invoiced, else
        Delivered. Plain loops that stop at the first line that decides, without ``all`` and a
        generator (a resumed frame a line); the quantities are Decimals, compared with a
        Decimal zero (an int is converted per compare)."""
        lines = self.lines
        for ln in lines:
            left = ln.quantity - ln.shipped
            if ln.canceled:  # subtracting a zero keeps the value, which is all that is compared
                left -= ln.canceled
            if left > ZERO:
                self.status = OrderStatus.OPEN
                return
        for ln in lines:  # all shipped zero: Canceled
            if ln.shipped != ZERO:
                break
        else:
            self.status = OrderStatus.CANCELED
            return
        for ln in lines:  # all invoiced as shipped: Invoiced
            if ln.invoiced != ln.shipped:
                self.status = OrderStatus.DELIVERED
                return
        self.status = OrderStatus.INVOICED

    @property
    def open_value(self) -> Decimal:
        """Value of quantities ordered and not yet invoiced (for the credit check)."""
        return sum(
            ((ln.quantity - ln.canceled - ln.invoiced) * ln.unit_price for ln in self.lines), ZERO
        )
