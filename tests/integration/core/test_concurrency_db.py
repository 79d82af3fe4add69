"""Concurrency and idempotency on SQLite and PostgreSQL: stale writes are refused, parallel
workers never double-invoice or over-settle, numbers stay gap-free, replays post nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from typing import TypeVar

import pytest
from sqlalchemy import Engine, func, select

from core import services as s
from core.clock import FixedClock
from core.db import tables
from core.db.uow import SqlUnitOfWork
from core.domain.catalog import Item
from core.domain.commands import (
    Application,
    InvoiceOrder,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
)
from core.domain.errors import ConcurrencyConflict, LedgerError, RuleViolation
from core.domain.parties import Customer
from core.domain.receivables import ItemKind, OpenItem

T = TypeVar("T")


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, clock=FixedClock(date(2026, 1, 5)))


def _seed(uow: SqlUnitOfWork) -> str:
    s.put_customers(uow, [Customer("C1", "One", "USD")])
    s.put_items(uow, [Item("WID", "Widget", D("10.00"), D("6.00"), on_hand=D(1000))])
    number = s.place_order(uow, PlaceOrder("C1", (OrderLineInput("WID", D(10)),))).number
    s.post_packing_slip(uow, PostPackingSlip(number))
    return number


def _retrying(fn: Callable[[], T], attempts: int = 20) -> T:
    for _ in range(attempts - 1):
        try:
            return fn()
        except ConcurrencyConflict:
            continue
    return fn()


def _parallel(workers: int, fn: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def run(i: int) -> None:
        barrier.wait()
        try:
            fn(i)
        except BaseException as exc:  # collected and judged by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    return errors


def test_stale_order_write_is_a_conflict(uow: SqlUnitOfWork) -> None:
    number = _seed(uow)
    with uow:
        first = uow.orders.get(number)
    with uow:
        second = uow.orders.get(number)
    assert first is not None and second is not None
    with uow:
        first.confirm()
        uow.orders.save(first)
        uow.commit()
    with pytest.raises(ConcurrencyConflict, match="changed by another worker"), uow:
        second.confirm()
        uow.orders.save(second)


def _open_item(uow: SqlUnitOfWork) -> str:
    s.put_customers(uow, [Customer("C1", "One", "USD")])
    day = date(2026, 1, 5)
    item = OpenItem("INV-9", ItemKind.INVOICE, "C1", "USD", "1200", day, day, D(100), D(100))
    with uow:
        uow.open_items.add(item)
        uow.commit()
    return item.number


def test_stale_open_item_write_is_a_conflict_at_flush(engine: Engine, uow: SqlUnitOfWork) -> None:
    """Open-item changes wait for the flush; a row another worker changed since it was read
    refuses the whole batch of them, and nothing of the transaction is written."""
    number = _open_item(uow)
    with uow:
        mine = uow.open_items.get(number)  # read, then another worker settles the item
    other = _uow(engine)
    with other:
        theirs = other.open_items.get(number)
        assert theirs is not None
        theirs.open_amount = D(60)
        other.open_items.save(theirs)
        other.commit()
    assert mine is not None
    with uow:
        mine.open_amount = D(70)
        uow.open_items.save(mine)
        with pytest.raises(ConcurrencyConflict, match="settled by another worker"):
            uow.commit()
    with uow:
        stored = uow.open_items.get(number)
    assert stored is not None and (stored.open_amount, stored.version) == (D(60), 1)


def _open_items(uow: SqlUnitOfWork, numbers: list[str]) -> None:
    s.put_customers(uow, [Customer("C1", "One", "USD")])
    day = date(2026, 1, 5)
    with uow:
        for n in numbers:
            uow.open_items.add(
                OpenItem(n, ItemKind.INVOICE, "C1", "USD", "1200", day, day, D(100), D(100))
            )
        uow.commit()


def test_open_items_saved_out_of_number_order_are_each_written(uow: SqlUnitOfWork) -> None:
    """Items changed in an order other than their numbers' each keep their own open amount
    and version after the flush's one update statement."""
    _open_items(uow, ["INV-1", "INV-2", "INV-3", "INV-4"])
    with uow:
        for number, left in [("INV-3", 30), ("INV-1", 10), ("INV-4", 40)]:
            item = uow.open_items.get(number)
            assert item is not None
            item.open_amount = D(left)
            uow.open_items.save(item)
            if number == "INV-4":  # saved twice: version 2
                item.open_amount = D(44)
                uow.open_items.save(item)
        uow.commit()
    with uow:
        stored = uow.open_items.query("C1")
    assert [(i.number, i.open_amount, i.version) for i in stored] == [
        ("INV-1", D(10), 1),
        ("INV-2", D(100), 0),
        ("INV-3", D(30), 1),
        ("INV-4", D(44), 2),
    ]


def test_one_stale_item_among_several_refuses_them_all(engine: Engine, uow: SqlUnitOfWork) -> None:
    """A stale item among fresh ones makes the flush a conflict, and none of the items
    changes."""
    _open_items(uow, ["INV-1", "INV-2", "INV-3"])
    with uow:
        mine = [uow.open_items.get(n) for n in ("INV-3", "INV-2", "INV-1")]
    other = _uow(engine)
    with other:
        theirs = other.open_items.get("INV-2")
        assert theirs is not None
        theirs.open_amount = D(60)
        other.open_items.save(theirs)
        other.commit()
    with uow:
        for item in mine:
            assert item is not None
            item.open_amount = D(1)
            uow.open_items.save(item)
        with pytest.raises(ConcurrencyConflict, match="settled by another worker"):
            uow.commit()
    with uow:
        stored = uow.open_items.query("C1")
    assert [(i.open_amount, i.version) for i in stored] == [(D(100), 0), (D(60), 1), (D(100), 0)]


def test_open_item_saved_twice_in_one_transaction(uow: SqlUnitOfWork) -> None:
    """Two changes of one item before the flush: one write, the version moved on twice; a stale
    copy of the item in the same transaction is refused at once."""
    number = _open_item(uow)
    with uow:
        item = uow.open_items.get(number)
        assert item is not None
        stale = replace(item)
        item.open_amount = D(70)
        uow.open_items.save(item)
        item.open_amount = D(20)
        uow.open_items.save(item)
        with pytest.raises(ConcurrencyConflict):
            uow.open_items.save(stale)
        uow.commit()
    with uow:
        stored = uow.open_items.query("C1")
    assert [(i.open_amount, i.version) for i in stored] == [(D(20), 2)]


def test_parallel_invoicing_invoices_each_line_once(engine: Engine, uow: SqlUnitOfWork) -> None:
    number = _seed(uow)
    errors = _parallel(4, lambda i: s.invoice_order(_uow(engine), InvoiceOrder(number)))
    assert len(errors) == 3 and all(isinstance(e, LedgerError) for e in errors), errors
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.invoices)).scalar() == 1


def test_parallel_payments_never_over_settle(engine: Engine, uow: SqlUnitOfWork) -> None:
    number = _seed(uow)
    inv = s.invoice_order(uow, InvoiceOrder(number))  # 100.00, exempt

    def pay(i: int) -> None:
        cmd = RecordPayment(
            "C1", D("30.00"), f"CHK-{i}", apply=(Application(inv.number, D("30.00")),)
        )
        _retrying(lambda: s.record_payment(_uow(engine), cmd))

    errors = _parallel(5, pay)
    # 30 + 30 + 30 + 10 settle the 100.00 (the fourth payment keeps 20.00 on account);
    # the fifth finds nothing open and is refused, and its transaction leaves no trace
    assert len(errors) == 1 and isinstance(errors[0], RuleViolation), errors
    with uow:
        item = uow.open_items.get(inv.number)
        applied = sum(x.amount for x in uow.settlements.for_items([inv.number]))
        payments = [i for i in uow.open_items.query("C1") if i.kind.value == "payment"]
    assert item is not None and item.open_amount == 0 and applied == D("100.00")
    assert sum(p.open_amount for p in payments) == D("-20.00")  # 4 x 30 paid - 100 applied
    # numbers are gap-free although the refused transaction took one before rolling back
    assert sorted(p.number for p in payments) == [
        "PAY-000001",
        "PAY-000002",
        "PAY-000003",
        "PAY-000004",
    ]


def test_idempotency_key_replay_and_parallel_duplicates(engine: Engine, uow: SqlUnitOfWork) -> None:
    _seed(uow)
    cmd = PlaceOrder("C1", (OrderLineInput("WID", D(1)),), idempotency_key="ISA:000000905/ST:0001")
    results: list[str] = []
    errors = _parallel(
        3, lambda i: results.append(_retrying(lambda: s.place_order(_uow(engine), cmd)).number)
    )
    assert errors == [] and len(set(results)) == 1
    again = s.place_order(uow, cmd)
    assert again.number == results[0]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.orders)).scalar() == 2


def test_amounts_are_stored_exactly(uow: SqlUnitOfWork) -> None:
    s.put_items(
        uow, [Item("X", "x", D("0.1") + D("0.2"), D("123456789.123456"), on_hand=D("0.000001"))]
    )
    with uow:
        item = uow.items.get("X")
    assert item is not None
    assert (item.unit_price, item.unit_cost, item.on_hand) == (
        D("0.3"),
        D("123456789.123456"),
        D("0.000001"),
    )
    for too_fine in ("0.0000001", "1.0000000000000000000000000001"):
        with pytest.raises(Exception, match="more than 6 decimals"):  # wrapped by SQLAlchemy
            s.put_items(uow, [Item("Y", "y", D(too_fine), D(0))])
