"""The order cycle's use cases for many commands at once, in one unit of work.

``place_orders``, ``post_packing_slips``, ``invoice_orders`` and ``record_payments`` post exactly
what ``place_order``, ``post_packing_slip``, ``invoice_order`` and ``record_payment`` post when
called one by one, in the same order, inside one unit of work: the same numbers, documents,
journal entries, open items, settlements, outbox events and idempotency keys. A command whose key
was used before, or earlier in the same batch, returns that earlier result as the one-by-one call
does. What a batch does once instead of once per command:

- the idempotency keys of all its commands are read with one statement (``get_many``);
- customers (place orders, payments) and items (place orders) are read with one statement each
  and kept in the transaction, so each command finds them there;
- a batch of orders checks each tax code once, and takes what a line needs from its item, unit
  and tax code (description, prices in the unit, cost, factor) once per distinct combination;
- a batch of packing slips counts stock per item in the batch and moves each item once at its
  end (every line is still checked against the running count, so a shortfall is refused at the
  same line with the same message).

**A refused command refuses the whole batch.** The error is the one the one-by-one call raises
for the first command that fails (same type, same message); the commands before it were
already applied to the unit of work, so, as with one-by-one calls in one unit of work, the
transaction is to be given up: when the batch is the outermost unit of work it rolls back and
nothing of the batch stays; inside a caller's unit of work the error leaves that block, whose
owner rolls back. To post what can be posted, send the refused command's neighbours again
without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from core.domain.billing import PriceMemo
from core.domain.commands import (
    InvoiceOrder,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
)
from core.domain.documents import Invoice, PackingSlip
from core.domain.orders import SalesOrder
from core.domain.receivables import OpenItem
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.invoicing import order_invoiced
from core.services.orders import PartsMemo, placed
from core.services.payment_posting import PaymentPoster
from core.services.settlement import payment_recorded
from core.services.shipping import CostMemo, StockCount, slip_posted


class _Keyed(Protocol):
    @property
    def idempotency_key(self) -> str | None: ...


class _Numbered(Protocol):
    @property
    def number(self) -> str: ...


C = TypeVar("C", bound=_Keyed)
R = TypeVar("R", bound=_Numbered)


def _each(
    uow: UnitOfWork,
    command: str,
    cmds: Sequence[C],
    run: Callable[[C], R],
    replay: Callable[[str], R],
) -> list[R]:
    """``run`` each command in order, or ``replay`` the result its key already has (stored, or
    given earlier in the batch); the keys are read once for the batch."""
    stored = uow.idempotency.get_many(command, [k for cmd in cmds if (k := cmd.idempotency_key)])
    done: list[R] = []
    for cmd in cmds:
        key = cmd.idempotency_key
        if key and key in stored:
            done.append(replay(stored[key]))
            continue
        result = run(cmd)
        if key:
            stored[key] = result.number
        done.append(result)
    return done


def place_orders(uow: UnitOfWork, cmds: Sequence[PlaceOrder]) -> list[SalesOrder]:
    """``place_order`` for each command in order, in one unit of work (see the module)."""
    with uow:
        uow.customers.get_many(sorted({cmd.customer for cmd in cmds}))
        uow.items.get_many(sorted({ln.sku for cmd in cmds for ln in cmd.lines}))
        parts: PartsMemo = {}  # what lines take from item, unit and tax code: once a batch
        known: set[str] = set()  # tax codes found configured in this batch

        done = _each(
            uow,
            "place_order",
            cmds,
            lambda cmd: placed(uow, cmd, known, parts),
            lambda number: c.order(uow, number),
        )
        uow.commit()
        return done


def post_packing_slips(uow: UnitOfWork, cmds: Sequence[PostPackingSlip]) -> list[PackingSlip]:
    """``post_packing_slip`` for each command in order, in one unit of work (see the module):
    stock is counted per item through the batch and moved once per item at its end."""
    with uow:
        stock = StockCount(uow.items)  # moved once per item at the batch's end

        def replay(number: str) -> PackingSlip:
            found = uow.packing_slips.get(number)
            assert found is not None
            return found

        costs: CostMemo = {}  # line costs by quantity and unit cost: shared by the batch
        done = _each(
            uow, "post_packing_slip", cmds, lambda cmd: slip_posted(uow, cmd, stock, costs), replay
        )
        for sku, (_, moved) in stock.counts.items():  # checked line by line above
            if moved is not None:
                uow.items.adjust_on_hand(sku, moved, True)
        uow.commit()
        return done


def invoice_orders(uow: UnitOfWork, cmds: Sequence[InvoiceOrder]) -> list[Invoice]:
    """``invoice_order`` for each command in order, in one unit of work (see the module)."""
    with uow:
        memo: PriceMemo = {}  # line amounts by quantity, price, rate: shared by the batch
        done = _each(
            uow,
            "invoice_order",
            cmds,
            lambda cmd: order_invoiced(uow, cmd, memo),
            lambda number: c.invoice(uow, number),
        )
        uow.commit()
        return done


def record_payments(uow: UnitOfWork, cmds: Sequence[RecordPayment]) -> list[OpenItem]:
    """``record_payment`` for each command in order, in one unit of work (see the module)."""
    with uow:
        uow.customers.get_many(sorted({cmd.customer for cmd in cmds}))
        poster = PaymentPoster(uow)  # the chart's accounts, open months, zeros: once a batch
        done = _each(
            uow,
            "record_payment",
            cmds,
            lambda cmd: payment_recorded(uow, cmd, poster),
            lambda number: c.item(uow, number),
        )
        uow.commit()
        return done
