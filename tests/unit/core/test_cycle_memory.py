"""The hand-computed order-to-cash scenario (tests/support/ledger_scenario.py) on the in-memory
unit of work: trial balance, documents, statuses, open items, aging and trace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core import services as s
from core.domain.orders import DocumentStatus, OrderStatus
from core.memory import MemoryUnitOfWork
from tests.support import ledger_scenario


def _uow() -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork()
    ledger_scenario.run(uow)
    return uow


def test_trial_balance_matches_hand_figures() -> None:
    rows = s.trial_balance(_uow())
    assert {r.account: r.balance for r in rows} == ledger_scenario.EXPECTED_TRIAL_BALANCE
    assert sum(r.balance for r in rows) == 0


def test_first_invoice_lines_and_terms() -> None:
    uow = _uow()
    inv = uow.invoices.get("INV-000001")
    assert inv is not None
    assert [(ln.sku, ln.net_amount, ln.tax_amount, ln.external_line_ref) for ln in inv.lines] == [
        ("WID", D("200.00"), D("16.50"), "1"),
        ("GAD", D("90.00"), D("7.43"), "2"),
    ]
    assert (inv.net_total, inv.tax_total, inv.total) == (D("310.00"), D("23.93"), D("333.93"))
    assert (inv.cash_discount, inv.discount_date, inv.due_date) == (
        D("6.68"),
        date(2026, 1, 15),
        date(2026, 2, 4),
    )
    assert inv.packing_slips == ("PS-000001",) and inv.po_number == "PO-777"


def test_second_invoice_has_no_repeated_freight_and_order_is_invoiced() -> None:
    uow = _uow()
    inv2 = uow.invoices.get("INV-000002")
    assert inv2 is not None and inv2.total == D("108.25") and inv2.charges == ()
    order = uow.orders.get("SO-000001")
    assert order is not None
    assert (order.status, order.document_status) == (OrderStatus.INVOICED, DocumentStatus.INVOICE)
    assert [(ln.shipped, ln.invoiced) for ln in order.lines] == [(D(30), D(30)), (D(4), D(4))]


def test_stock_after_three_shipments() -> None:
    uow = _uow()
    wid, gad = uow.items.get("WID"), uow.items.get("GAD")
    assert wid is not None and gad is not None
    assert (wid.on_hand, gad.on_hand) == (D(65), D(46))  # 100 - 20 - 10 - 5; 50 - 4


def test_open_items_after_the_cycle() -> None:
    opened = {it.number: amount for it, amount in s.open_items(_uow(), "C1", date(2026, 1, 31))}
    # deduction 15.00, 5.87 still prepaid, the rebate credit note 4.40
    assert opened == {"DED-000001": D("15.00"), "PAY-000001": D("-5.87"), "CN-000002": D("-4.40")}


def test_settlement_of_the_short_pay() -> None:
    uow = _uow()
    stl = next(
        x for x in uow.settlements.for_items(["INV-000001"]) if x.credit_item == "PAY-000002"
    )
    assert (stl.amount, stl.discount, stl.deduction, stl.reason) == (
        D("312.25"),
        D("6.68"),
        D("15.00"),
        "DAMAGED",
    )


def test_aging_as_of_before_the_payments_ignores_later_settlements() -> None:
    labels, rows = s.aging(_uow(), "C1", date(2026, 1, 10))
    assert labels == ["current", "1-30", "31-60", "61-90", "over 90"]
    # open on 01-10: INV-1 333.93 and INV-2 86.60 not yet due (current); INV-3 0 (prepaid);
    # the prepayment left over, -5.87, dated 01-06, is 4 days old (1-30)
    assert rows[0].buckets[:2] == (D("333.93") + D("86.60"), D("-5.87"))
    assert rows[0].total == D("414.66")


def test_aging_buckets_by_due_date() -> None:
    _labels, rows = s.aging(_uow(), "C1", date(2026, 3, 10))
    # DED (due 01-14) 55 days over -> 31-60; PAY-1 (01-06) 63 days -> 61-90;
    # CN-2 (01-31) 38 days -> 31-60
    assert rows[0].buckets == (D(0), D(0), D("15.00") - D("4.40"), D("-5.87"), D(0))


def test_statement_balance_equals_open_amounts() -> None:
    lines = s.statement(_uow(), "C1", date(2026, 1, 31))
    assert lines[-1].balance == D("15.00") - D("5.87") - D("4.40")


def test_trace_from_po_number_reaches_payments_and_entries() -> None:
    t = s.trace(_uow(), "PO-777")
    assert [o.number for o in t.orders] == ["SO-000001"]
    assert t.orders[0].external_refs == {"ISA13": "000000905", "ST02": "0001"}
    assert [p.number for p in t.packing_slips] == ["PS-000001", "PS-000002"]
    assert {i.number for i in t.invoices} == {"INV-000001", "INV-000002", "CN-000001"}
    assert {i.number for i in t.items} >= {"PAY-000002", "PAY-000003", "DED-000001"}
    assert {e.source_number for e in t.entries} >= {"PS-000001", "INV-000001", "PAY-000002"}


def test_trace_from_payment_reference_finds_the_order() -> None:
    t = s.trace(_uow(), "CHK-100")
    assert [o.number for o in t.orders] == ["SO-000001"]


def test_events_in_outbox() -> None:
    names = [e.name for e in _uow().state.outbox]
    assert names.count("InvoicePosted") == 3 and names.count("CreditNotePosted") == 2
    assert "DeductionOpened" in names and names[0] == "OrderPlaced"
