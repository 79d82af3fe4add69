"""More of the ledger stored in SQLite and PostgreSQL: quotations, returned and subscription
orders, free-text invoices, rebates with reversal, closed periods, a batch that fails as a whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core import services as s
from core.db.uow import SqlUnitOfWork
from core.domain.catalog import Item
from core.domain.commands import (
    AccrueRebate,
    ClosePeriod,
    CreateQuotation,
    FreeTextInvoice,
    FreeTextLine,
    InvoiceOrder,
    OrderLineInput,
    PayRebate,
    PlaceOrder,
    PostPackingSlip,
    ReverseEntry,
    SetRebateAgreement,
    WriteOff,
)
from core.domain.errors import ClosedPeriod, RuleViolation, StockShortage
from core.domain.orders import OrderStatus, OrderType
from core.domain.parties import Customer
from core.domain.quotations import QuotationStatus


@pytest.fixture
def seeded(uow: SqlUnitOfWork) -> SqlUnitOfWork:
    s.put_customers(uow, [Customer("C1", "One", "USD", tax_code="STD")])
    s.put_items(
        uow,
        [Item("WID", "Widget", D("10.00"), D("6.00"), on_hand=D(50), conversions={"CA": D(12)})],
    )
    return uow


def test_quotation_confirmed_into_an_order(seeded: SqlUnitOfWork) -> None:
    q = s.create_quotation(seeded, CreateQuotation("C1", (OrderLineInput("WID", D(2), uom="CA"),)))
    s.move_quotation(seeded, q.number, "send")
    q = s.move_quotation(seeded, q.number, "confirm")
    with seeded:
        stored = seeded.quotations.get(q.number)
        order = seeded.orders.get(q.order_number)
    assert stored is not None and stored.status is QuotationStatus.CONFIRMED
    assert order is not None and order.lines[0].unit_price == D("120.00")  # a case of 12 x 10.00


def test_return_receipt_and_subscription_cycle(seeded: SqlUnitOfWork) -> None:
    ret = s.place_order(
        seeded, PlaceOrder("C1", (OrderLineInput("WID", D(2)),), order_type=OrderType.RETURN)
    )
    s.post_packing_slip(seeded, PostPackingSlip(ret.number))
    note = s.invoice_order(seeded, InvoiceOrder(ret.number))
    assert note.number == "CN-000001" and note.total == D("21.65")  # 20.00 + 8.25 % = 1.65
    sub = s.place_order(
        seeded, PlaceOrder("C1", (OrderLineInput("WID", D(1)),), order_type=OrderType.SUBSCRIPTION)
    )
    s.post_packing_slip(seeded, PostPackingSlip(sub.number))
    s.invoice_order(seeded, InvoiceOrder(sub.number))
    with seeded:
        again = seeded.orders.get(sub.number)
        wid = seeded.items.get("WID")
    assert again is not None and (again.cycle, again.status) == (2, OrderStatus.OPEN)
    assert wid is not None and wid.on_hand == D(51)  # 50 + 2 returned - 1 shipped


def test_rebate_accrual_reversal_and_payout(seeded: SqlUnitOfWork) -> None:
    s.free_text_invoice(
        seeded, FreeTextInvoice("C1", (FreeTextLine("4000", D("1000.00"), "Service", "EXEMPT"),))
    )
    s.set_rebate_agreement(seeded, SetRebateAgreement("C1", D("2.5")))
    entry = s.accrue_rebate(seeded, AccrueRebate("C1", date(2026, 1, 1), date(2026, 1, 31)))
    assert [ln.amount for ln in entry.lines] == [D("25.00"), D("-25.00")]  # 2.5 % of 1000.00
    s.reverse_entry(seeded, ReverseEntry(entry.number))
    tb = {r.account: r.balance for r in s.trial_balance(seeded)}
    assert tb["6300"] == 0 and tb["2400"] == 0
    with pytest.raises(RuleViolation, match=r"has 0\.00 of rebate accrued"):
        s.pay_rebate(seeded, PayRebate("C1"))


def test_write_off_on_the_database(seeded: SqlUnitOfWork) -> None:
    inv = s.free_text_invoice(
        seeded, FreeTextInvoice("C1", (FreeTextLine("4000", D("50.00"), "Fee", "EXEMPT"),))
    )
    stl = s.write_off(seeded, WriteOff(inv.number, "SMALL-BALANCE"))
    with seeded:
        item = seeded.open_items.get(inv.number)
    assert item is not None and item.open_amount == 0 and stl.credit_item == "WO-000001"
    assert {r.account: r.balance for r in s.trial_balance(seeded)}["6200"] == D("50.00")


def test_closed_period_refuses_and_batch_rolls_back_as_a_whole(seeded: SqlUnitOfWork) -> None:
    s.close_period(seeded, ClosePeriod(2025, 12))
    order = s.place_order(seeded, PlaceOrder("C1", (OrderLineInput("WID", D(60)),)))
    with pytest.raises(ClosedPeriod):
        s.post_packing_slip(seeded, PostPackingSlip(order.number, ship_date=date(2025, 12, 31)))
    with (
        pytest.raises(StockShortage),
        seeded,
    ):  # one batch: the first order would fit, the second not
        s.place_order(seeded, PlaceOrder("C1", (OrderLineInput("WID", D(1)),)))
        s.post_packing_slip(seeded, PostPackingSlip(order.number))
        seeded.commit()
    with seeded:
        assert seeded.orders.query() and len(seeded.orders.query()) == 1
        wid = seeded.items.get("WID")
    assert wid is not None and wid.on_hand == D(50)
