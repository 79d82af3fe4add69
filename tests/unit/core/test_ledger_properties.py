"""Hypothesis properties over random order-to-cash runs on the in-memory unit of work:

* every journal entry balances per currency;
* each control account (AR, prepayments, deductions) equals the sum of its open items;
* settlements never take an item past zero (debits stay in [0, amount], credits in [amount, 0]);
* stock never goes negative unless the settings allow it.
"""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import services as s
from core.domain.catalog import Item
from core.domain.commands import (
    Application,
    InvoiceOrder,
    IssueCreditNote,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
    WriteOff,
)
from core.domain.errors import RuleViolation
from core.domain.journal import balance_problems
from core.domain.parties import Customer, PaymentTerms
from core.domain.settings import LedgerSettings
from core.memory import MemoryUnitOfWork

amounts = st.decimals(min_value=D("0.01"), max_value=D("300"), places=2)
step = st.one_of(
    st.tuples(st.just("order"), st.lists(st.integers(1, 30), min_size=1, max_size=3)),
    st.tuples(st.just("ship"), st.integers(0, 9), st.integers(1, 30), st.booleans()),
    st.tuples(st.just("invoice"), st.integers(0, 9)),
    st.tuples(
        st.just("pay"), st.integers(50, 110), st.integers(0, 9), st.booleans(), st.booleans()
    ),
    st.tuples(st.just("prepay"), amounts, st.integers(0, 9)),
    st.tuples(st.just("credit"), st.integers(0, 9), amounts),
    st.tuples(st.just("write_off"), st.integers(0, 9), st.integers(1, 100)),
)


def _setup(allow_negative: bool) -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork(LedgerSettings(allow_negative_stock=allow_negative))
    s.put_customers(
        uow, [Customer("C", "C", "USD", PaymentTerms.parse("2/10 net 30"), tax_code="STD")]
    )
    s.put_items(
        uow,
        [
            Item("A", "A", D("9.99"), D("4.10"), on_hand=D(40)),
            Item("B", "B", D("0.35"), D("0.12"), on_hand=D(25)),
        ],
    )
    return uow


def _run(uow: MemoryUnitOfWork, steps: list[tuple[object, ...]]) -> None:
    orders: list[str] = []
    for st_ in steps:
        kind = st_[0]
        try:
            if kind == "order":
                lines = tuple(OrderLineInput("AB"[i % 2], D(q)) for i, q in enumerate(st_[1]))  # type: ignore[arg-type]
                orders.append(s.place_order(uow, PlaceOrder("C", lines)).number)
            elif kind == "ship" and orders:
                n = orders[st_[1] % len(orders)]  # type: ignore[operator]
                order = uow.orders.get(n)
                assert order is not None
                qty = min(D(st_[2]), order.lines[0].remaining)  # type: ignore[arg-type]
                s.post_packing_slip(uow, PostPackingSlip(n, {1: qty} if qty > 0 else None))
                if st_[3]:
                    s.invoice_order(uow, InvoiceOrder(n))
            elif kind == "invoice":
                s.invoice_all_shipped(uow)
            elif kind == "pay":
                invs = sorted(n for n, i in uow.state.open_items.items() if i.open_amount > 0)
                amount, apply = D(st_[1]), ()  # type: ignore[arg-type]
                if invs and st_[3]:
                    target = uow.state.open_items[invs[st_[2] % len(invs)]]  # type: ignore[operator]
                    amount = (target.open_amount * st_[1] / 100).quantize(D("0.01"))  # type: ignore[operator]
                    apply = (Application(target.number, amount, bool(st_[4]), "R"),)
                s.record_payment(uow, RecordPayment("C", amount, "REF", apply=apply))
            elif kind == "prepay" and orders:
                n = orders[st_[2] % len(orders)]  # type: ignore[operator]
                s.record_payment(uow, RecordPayment("C", st_[1], "PRE", prepay_order=n))  # type: ignore[arg-type]
            elif kind == "credit":
                invs = sorted(n for n, i in uow.state.invoices.items() if not i.is_credit)
                if invs:
                    inv = invs[st_[1] % len(invs)]  # type: ignore[operator]
                    s.issue_credit_note(uow, IssueCreditNote(inv, amount=st_[2]))  # type: ignore[arg-type]
            elif kind == "write_off":
                debits = sorted(n for n, i in uow.state.open_items.items() if i.open_amount > 0)
                if debits:
                    target = uow.state.open_items[debits[st_[1] % len(debits)]]  # type: ignore[operator]
                    part = (target.open_amount * st_[2] / 100).quantize(D("0.01"))  # type: ignore[operator]
                    s.write_off(uow, WriteOff(target.number, "TEST", part))
        except RuleViolation:
            pass  # refused commands must leave the books as they were; the checks below prove it


def _check(uow: MemoryUnitOfWork, allow_negative: bool) -> None:
    for entry in uow.state.entries.values():
        assert balance_problems(entry.lines) == []
    balances = {acct: d - c for acct, _cur, d, c in uow.journal.balances()}
    for account in ("1200", "2300", "1210"):
        open_sum = sum(
            (i.open_amount for i in uow.state.open_items.values() if i.account == account), D(0)
        )
        assert balances.get(account, D(0)) == open_sum, account
    for item in uow.state.open_items.values():
        lo, hi = sorted((D(0), item.amount))
        assert lo <= item.open_amount <= hi, item
    if not allow_negative:
        assert all(i.on_hand >= 0 for i in uow.state.items.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=10, max_size=40))
def test_books_stay_consistent(steps: list[tuple[object, ...]]) -> None:
    uow = _setup(False)
    _run(uow, steps)
    _check(uow, False)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=4))
def test_negative_stock_only_when_configured(quantities: list[int]) -> None:
    uow = _setup(True)
    for q in quantities:
        n = s.place_order(uow, PlaceOrder("C", (OrderLineInput("A", D(q)),))).number
        s.post_packing_slip(uow, PostPackingSlip(n))
    item = uow.items.get("A")
    assert item is not None and item.on_hand == 40 - sum(quantities)
