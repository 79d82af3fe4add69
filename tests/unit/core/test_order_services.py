"""Order, shipping, invoicing and admin use cases on the in-memory unit of work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.catalog import Item
from core.domain.commands import (
    AccrueRebate,
    ClosePeriod,
    CreateQuotation,
    FreeTextInvoice,
    FreeTextLine,
    InvoiceOrder,
    IssueCreditNote,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
    ReverseEntry,
    SetRebateAgreement,
)
from core.domain.errors import (
    ClosedPeriod,
    ConcurrencyConflict,
    CreditRefused,
    InvalidState,
    RuleViolation,
    StockShortage,
)
from core.domain.orders import DocumentStatus, OrderStatus, OrderType
from core.domain.parties import Customer, PaymentTerms
from core.domain.quotations import QuotationStatus
from core.memory import MemoryUnitOfWork


@pytest.fixture
def uow() -> MemoryUnitOfWork:
    u = MemoryUnitOfWork()
    s.put_customers(
        u,
        [
            Customer("HQ", "Retail HQ", "USD", PaymentTerms(30), credit_limit=D("500.00")),
            Customer("ST1", "Store 1", "USD", parent_account="HQ"),
            Customer("HOLD", "Held", "USD", on_hold=True),
        ],
    )
    s.put_items(
        u, [Item("WID", "Widget", D("10.00"), D("6.00"), "EA", D(40), conversions={"CA": D(12)})]
    )
    return u


def _order(uow: MemoryUnitOfWork, qty: int = 10, customer: str = "HQ", **kw: object) -> str:
    return s.place_order(uow, PlaceOrder(customer, (OrderLineInput("WID", D(qty)),), **kw)).number  # type: ignore[arg-type]


def test_partial_shipment_backorder_then_cancel_remainder(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    s.post_packing_slip(uow, PostPackingSlip(number, {1: D(4)}))
    order = uow.orders.get(number)
    assert (
        order is not None and order.status is OrderStatus.OPEN and order.lines[0].remaining == D(6)
    )
    s.invoice_order(uow, InvoiceOrder(number))
    order = s.cancel_order(uow, number)
    assert order.status is OrderStatus.INVOICED and order.lines[0].canceled == D(6)


def test_cancel_before_shipping_cancels_the_order(uow: MemoryUnitOfWork) -> None:
    order = s.cancel_order(uow, _order(uow))
    assert order.status is OrderStatus.CANCELED
    with pytest.raises(InvalidState, match="Canceled"):
        s.post_packing_slip(uow, PostPackingSlip(order.number))


def test_ship_more_than_open_is_refused(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    with pytest.raises(RuleViolation, match="exceeds the 10 still open"):
        s.post_packing_slip(uow, PostPackingSlip(number, {1: D(11)}))


def test_nothing_to_invoice_is_refused(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    with pytest.raises(RuleViolation, match="nothing shipped and not invoiced"):
        s.invoice_order(uow, InvoiceOrder(number))


def test_cases_convert_to_base_units_for_stock(uow: MemoryUnitOfWork) -> None:
    order = s.place_order(uow, PlaceOrder("HQ", (OrderLineInput("WID", D(2), uom="CA"),)))
    assert order.lines[0].unit_price == D("120.00")  # 12 x 10.00
    s.post_packing_slip(uow, PostPackingSlip(order.number))
    item = uow.items.get("WID")
    assert item is not None and item.on_hand == D(16)  # 40 - 24


def test_stock_cannot_go_negative(uow: MemoryUnitOfWork) -> None:
    number = _order(uow, 41)
    with pytest.raises(StockShortage, match="has 40"):
        s.post_packing_slip(uow, PostPackingSlip(number))
    item = uow.items.get("WID")
    assert item is not None and item.on_hand == D(40)


def test_store_order_is_billed_to_its_parent(uow: MemoryUnitOfWork) -> None:
    number = _order(uow, customer="ST1")
    s.post_packing_slip(uow, PostPackingSlip(number))
    inv = s.invoice_order(uow, InvoiceOrder(number))
    assert (inv.customer_account, inv.order_customer) == ("HQ", "ST1")


def test_credit_limit_and_hold(uow: MemoryUnitOfWork) -> None:
    _order(uow, 30)  # 300.00 open
    with pytest.raises(CreditRefused, match=r"above the credit limit of 500\.00"):
        _order(uow, 21)  # 300 + 210 > 500
    with pytest.raises(CreditRefused, match="on hold"):
        _order(uow, 1, customer="HOLD")


def test_unsupported_order_types_are_refused(uow: MemoryUnitOfWork) -> None:
    for t in (OrderType.JOURNAL, OrderType.ITEM_REQUIREMENTS, OrderType.SALES_AGREEMENT):
        with pytest.raises(RuleViolation, match="is not supported"):
            _order(uow, order_type=t)


def test_subscription_reissued_after_invoicing(uow: MemoryUnitOfWork) -> None:
    number = _order(uow, 2, order_type=OrderType.SUBSCRIPTION)
    s.post_packing_slip(uow, PostPackingSlip(number))
    s.invoice_order(uow, InvoiceOrder(number))
    order = uow.orders.get(number)
    assert order is not None
    assert (order.status, order.cycle, order.lines[0].shipped) == (OrderStatus.OPEN, 2, D(0))


def test_returned_order_receives_stock_and_credits(uow: MemoryUnitOfWork) -> None:
    number = _order(uow, 3, order_type=OrderType.RETURN)
    slip = s.post_packing_slip(uow, PostPackingSlip(number))
    assert slip.is_receipt
    note = s.invoice_order(uow, InvoiceOrder(number))
    assert note.number.startswith("CN-") and note.total == D("30.00")
    item = uow.items.get("WID")
    assert item is not None and item.on_hand == D(43)
    tb = {r.account: r.balance for r in s.trial_balance(uow)}
    assert (tb["1400"], tb["5000"], tb["1200"]) == (D("18.00"), D("-18.00"), D("-30.00"))


def test_idempotency_key_replays_without_posting_twice(uow: MemoryUnitOfWork) -> None:
    a = _order(uow, idempotency_key="850:1")
    b = _order(uow, idempotency_key="850:1")
    assert a == b and len(uow.state.orders) == 1
    s.post_packing_slip(uow, PostPackingSlip(a, idempotency_key="ps-1"))
    s.post_packing_slip(uow, PostPackingSlip(a, idempotency_key="ps-1"))
    assert len(uow.state.slips) == 1


def test_failed_command_rolls_back_numbers_and_events(uow: MemoryUnitOfWork) -> None:
    with pytest.raises(RuleViolation):
        s.place_order(
            uow, PlaceOrder("HQ", (OrderLineInput("WID", D(1)), OrderLineInput("NOPE", D(1))))
        )
    assert uow.state.sequences.get("order") is None and uow.state.outbox == []
    assert _order(uow) == "SO-000001"  # gap-free


def test_closed_period_refuses_posting(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    s.close_period(uow, ClosePeriod(2026, 1))
    with pytest.raises(ClosedPeriod, match="2026-01 is closed"):
        s.post_packing_slip(uow, PostPackingSlip(number, ship_date=date(2026, 1, 20)))
    s.post_packing_slip(uow, PostPackingSlip(number, ship_date=date(2026, 2, 1)))


def test_stale_version_is_a_conflict(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    first, second = uow.orders.get(number), uow.orders.get(number)
    assert first is not None and second is not None
    first.confirm()
    uow.orders.save(first)
    second.confirm()
    with pytest.raises(ConcurrencyConflict):
        uow.orders.save(second)


def test_quotation_lifecycle(uow: MemoryUnitOfWork) -> None:
    q = s.create_quotation(uow, CreateQuotation("HQ", (OrderLineInput("WID", D(2)),)))
    assert s.move_quotation(uow, q.number, "send").status is QuotationStatus.SENT
    confirmed = s.move_quotation(uow, q.number, "confirm")
    order = uow.orders.get(confirmed.order_number)
    assert order is not None and order.document_status is DocumentStatus.CONFIRMATION
    with pytest.raises(InvalidState, match="Confirmed"):
        s.move_quotation(uow, q.number, "lose")


def test_free_text_invoice_and_over_credit(uow: MemoryUnitOfWork) -> None:
    inv = s.free_text_invoice(
        uow, FreeTextInvoice("HQ", (FreeTextLine("4200", D("75.00"), "Setup fee"),))
    )
    assert inv.total == D("75.00") and inv.lines[0].account == "4200"
    s.issue_credit_note(uow, IssueCreditNote(inv.number, amount=D("50.00")))
    with pytest.raises(RuleViolation, match=r"credit notes would total 100\.00"):
        s.issue_credit_note(uow, IssueCreditNote(inv.number, amount=D("50.00")))


def test_free_text_line_needs_a_known_account(uow: MemoryUnitOfWork) -> None:
    with pytest.raises(RuleViolation, match="9999 is not in the chart"):
        s.free_text_invoice(uow, FreeTextInvoice("HQ", (FreeTextLine("9999", D("1.00"), "x"),)))


def test_reverse_only_rebate_accruals_and_only_once(uow: MemoryUnitOfWork) -> None:
    inv = s.free_text_invoice(
        uow, FreeTextInvoice("HQ", (FreeTextLine("4000", D("100.00"), "Service"),))
    )
    s.set_rebate_agreement(uow, SetRebateAgreement("HQ", D(2)))
    entry = s.accrue_rebate(uow, AccrueRebate("HQ", date(2026, 1, 1), date(2026, 1, 31)))
    assert entry.lines[0].amount == D("2.00")
    s.reverse_entry(uow, ReverseEntry(entry.number))
    with pytest.raises(InvalidState, match="already reversed"):
        s.reverse_entry(uow, ReverseEntry(entry.number))
    inv_entry = uow.journal.for_sources([inv.number])[0]
    with pytest.raises(InvalidState, match="credit note"):
        s.reverse_entry(uow, ReverseEntry(inv_entry.number))


def test_invoice_all_shipped(uow: MemoryUnitOfWork) -> None:
    a, b, _ = _order(uow, 1), _order(uow, 2), _order(uow, 3)
    s.post_packing_slip(uow, PostPackingSlip(a))
    s.post_packing_slip(uow, PostPackingSlip(b))
    invoices = s.invoice_all_shipped(uow)
    assert [i.order_number for i in invoices] == [a, b]


def test_payment_on_account_then_settle(uow: MemoryUnitOfWork) -> None:
    number = _order(uow)
    s.post_packing_slip(uow, PostPackingSlip(number))
    inv = s.invoice_order(uow, InvoiceOrder(number))
    pay = s.record_payment(uow, RecordPayment("HQ", D("150.00"), "WIRE-9"))
    from core.domain.commands import Settle

    stl = s.settle(uow, Settle(inv.number, pay.number))
    assert stl.amount == D("100.00")
    left = uow.open_items.get(pay.number)
    assert left is not None and left.open_amount == D("-50.00")  # overpayment stays on account


def test_write_off_a_deduction_with_its_reason(uow: MemoryUnitOfWork) -> None:
    from core.domain.commands import Application, WriteOff

    number = _order(uow)  # 10 x 10.00 = 100.00, exempt
    s.post_packing_slip(uow, PostPackingSlip(number))
    inv = s.invoice_order(uow, InvoiceOrder(number))
    s.record_payment(
        uow,
        RecordPayment(
            "HQ", D("70.00"), "CHK", apply=(Application(inv.number, D("70.00"), True, "PRICE"),)
        ),
    )
    deduction = next(i for i in uow.open_items.query("HQ") if i.kind.value == "deduction")
    assert (deduction.open_amount, deduction.reason) == (D("30.00"), "PRICE")  # 30 > 10 tolerance
    stl = s.write_off(uow, WriteOff(deduction.number, "DENIED-OK", D("30.00")))
    assert stl.amount == D("30.00")
    tb = {r.account: r.balance for r in s.trial_balance(uow)}
    # 1200: 100 - 70 - 30 = 0; 1210: +30 - 30 = 0; 6200 underpayments: 30
    assert (tb["1200"], tb["1210"], tb["6200"]) == (D("0.00"), D("0.00"), D("30.00"))
    with pytest.raises(RuleViolation, match="nothing open"):
        s.write_off(uow, WriteOff(deduction.number, "AGAIN"))


def test_zero_decimal_currency_rounds_to_whole_yen() -> None:
    u = MemoryUnitOfWork()
    s.put_customers(
        u, [Customer("JP", "Tokyo", "JPY", PaymentTerms.parse("2/10 net 30"), tax_code="STD")]
    )
    s.put_items(u, [Item("X", "X", D("333"), D("100"), on_hand=D(10))])
    n = s.place_order(u, PlaceOrder("JP", (OrderLineInput("X", D(1)),))).number
    s.post_packing_slip(u, PostPackingSlip(n))
    inv = s.invoice_order(u, InvoiceOrder(n))
    # tax 333 x 8.25 % = 27.4725 -> 27; total 360; discount 2 % = 7.2 -> 7
    assert (inv.tax_total, inv.total, inv.cash_discount) == (D("27"), D("360"), D("7"))
    assert str(inv.total) == "360"
