"""``OpenItems.query_accounts`` (the driver-level read of cash application) on SQLite and
PostgreSQL: the same items, in the same order, with the same values down to each amount's
exponent as the ordinary per-account read, and the transaction's own copies where it has them."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal

from core.db import tables as t
from core.db.open_item_reads import COLUMNS, PACKED, SCANNED, read_open_numbers
from core.db.uow import SqlUnitOfWork
from core.domain.lazy_items import LazyItems
from core.domain.receivables import ItemKind, OpenItem

DAY = date(2026, 1, 5)


def _items() -> list[OpenItem]:
    """Items of three accounts in several currencies, kinds and states (one closed)."""
    rows = [
        ("INV-3", ItemKind.INVOICE, "A1", "USD", "100.10", "100.10", 2, "1.25"),
        ("INV-1", ItemKind.INVOICE, "A1", "USD", "99.99", "40.00", 2, "0"),
        ("INV-2", ItemKind.INVOICE, "A1", "USD", "5.00", "0", 1, "0"),  # settled: closed
        ("PAY-1", ItemKind.PAYMENT, "A1", "USD", "-20.00", "-20.00", 0, "0"),
        ("INV-9", ItemKind.INVOICE, "A2", "JPY", "1200", "1200", 0, "0"),
        ("DED-1", ItemKind.DEDUCTION, "A2", "KWD", "12.345", "12.345", 0, "0"),
        ("CN-1", ItemKind.CREDIT_NOTE, "B1", "EUR", "-7.50", "-7.50", 0, "0"),
    ]
    return [
        OpenItem(
            number,
            kind,
            account,
            currency,
            "1200",
            DAY - timedelta(days=n % 3),
            DAY + timedelta(days=30),
            Decimal(amount),
            Decimal(open_amount),
            DAY + timedelta(days=10) if discount != "0" else None,
            Decimal(discount),
            f"SO-{n}",
            f"PO{n}",
            "reason" if n % 2 else "",
            version,
        )
        for n, (number, kind, account, currency, amount, open_amount, version, discount) in (
            enumerate(rows)
        )
    ]


def _exact(items: list[OpenItem]) -> list[tuple[object, ...]]:
    """Every field, amounts as text (so 40 and 40.00 differ)."""
    return [
        (i.number, i.kind, i.customer_account, i.currency, i.account, i.doc_date, i.due_date,
         str(i.amount), str(i.open_amount), i.discount_date, str(i.cash_discount),
         i.order_number, i.reference, i.reason, i.version)
        for i in items
    ]  # fmt: skip


def _seed(uow: SqlUnitOfWork) -> None:
    with uow:
        for item in _items():
            uow.open_items.add(item)
        uow.commit()


def test_query_accounts_reads_what_the_ordinary_read_returns(uow: SqlUnitOfWork) -> None:
    _seed(uow)
    for only_open in (True, False):
        with uow:
            fast = uow.open_items.query_accounts(["A2", "A1", "A1", "X9"], only_open=only_open)
        with uow:
            plain = sorted(
                (i for a in ("A1", "A2") for i in uow.open_items.query(a, only_open=only_open)),
                key=lambda i: (i.doc_date, i.number),
            )
        assert _exact(fast) == _exact(plain)
        assert ("INV-2" in {i.number for i in fast}) is not only_open
    with uow:
        assert uow.open_items.query_accounts([]) == []
        assert uow.open_items.query_accounts(["nobody"]) == []


def test_the_read_columns_are_the_items_fields() -> None:
    names = tuple(f.name for f in fields(OpenItem))
    assert names == COLUMNS
    assert set(COLUMNS) == set(t.open_items.c.keys())


def test_the_lazy_reads_row_is_what_its_builder_unpacks() -> None:
    """The SQLite lazy read's row: the scanned columns, then the others in one JSON array, each
    part in the order ``_row_builder`` unpacks it (all the columns, each once)."""
    assert SCANNED == (
        "number", "customer_account", "reference", "order_number", "currency", "open_amount"
    )  # fmt: skip
    assert PACKED == (
        "kind", "account", "doc_date", "due_date", "amount", "discount_date", "cash_discount",
        "reason", "version",
    )  # fmt: skip
    assert sorted(SCANNED + PACKED) == sorted(COLUMNS)


def test_query_accounts_returns_the_transactions_own_items(uow: SqlUnitOfWork) -> None:
    _seed(uow)
    with uow:
        held = uow.open_items.get("INV-1")
        assert held is not None
        held.open_amount -= Decimal("10.00")
        uow.open_items.save(held)  # changed in this transaction: the read returns this copy
        found = {i.number: i for i in uow.open_items.query_accounts(["A1"], only_open=True)}
        assert found["INV-1"] is held
        assert found["INV-1"].open_amount == Decimal("30.00")
        assert uow.open_items.get("INV-3") is found["INV-3"]  # kept for later reads


def test_open_numbered_reads_the_open_items_of_those_numbers(uow: SqlUnitOfWork) -> None:
    """By number: only open items (INV-2 is settled), any account, unknown numbers ignored,
    the same values as the ordinary read, and the transaction's own copies."""
    _seed(uow)
    wanted = ["INV-9", "INV-2", "CN-1", "INV-1", "INV-1", "nothing"]
    with uow:
        fast = uow.open_items.open_numbered(wanted)
    with uow:
        plain = sorted(
            (i for n in dict.fromkeys(wanted) if (i := uow.open_items.get(n)) and i.open_amount),
            key=lambda i: (i.doc_date, i.number),
        )
    assert _exact(fast) == _exact(plain)
    assert [i.number for i in fast] == sorted(
        ["INV-9", "CN-1", "INV-1"],
        key=lambda n: next((i.doc_date, i.number) for i in plain if i.number == n),
    )
    with uow:
        assert uow.open_items.open_numbered([]) == []
        held = uow.open_items.get("INV-1")
        assert held is not None
        held.open_amount -= Decimal("10.00")
        uow.open_items.save(held)
        (found,) = uow.open_items.open_numbered(["INV-1"])
        assert found is held and found.open_amount == Decimal("30.00")


def test_one_currency_read_shares_nothing_it_should_not(uow: SqlUnitOfWork) -> None:
    """A read of one currency converts each distinct stored amount once (the open amounts and
    discounts through the amounts already converted): still every item's own values, amounts
    stored with more or fewer decimals than the currency's rounded as the ordinary read does,
    an open amount equal to another item's amount, and zero, negative and partly open ones."""
    amounts = [
        ("100.10", "100.10", "1.25"),
        ("100.10", "40.005", "0"),
        ("40.005", "-0.004", "100.1"),
        ("-20", "-20.00", "0.001"),
        ("7.5", "0", "0.005"),
        ("0.015", "0.015", "1.25"),
    ]
    with uow:
        for n, (amount, open_amount, discount) in enumerate(amounts):
            uow.open_items.add(
                OpenItem(
                    f"ONE-{n}",
                    ItemKind.INVOICE,
                    "C1",
                    "USD",
                    "1200",
                    DAY + timedelta(days=n % 2),
                    DAY + timedelta(days=30),
                    Decimal(amount),
                    Decimal(open_amount),
                    DAY if n % 2 else None,
                    Decimal(discount),
                )
            )
        uow.commit()
    for only_open in (True, False):
        with uow:
            fast = uow.open_items.query_accounts(["C1"], only_open=only_open)
        with uow:
            plain = sorted(
                uow.open_items.query("C1", only_open=only_open),
                key=lambda i: (i.doc_date, i.number),
            )
        assert _exact(fast) == _exact(plain)
        assert len(fast) == (5 if only_open else 6)


def test_read_open_numbers_reads_each_number_once(uow: SqlUnitOfWork) -> None:
    """Numbers given twice give their item once (on PostgreSQL the numbers are joined)."""
    _seed(uow)
    with uow:
        conn = uow.open_items.flushed()
        found = read_open_numbers(conn, ["INV-1", "CN-1", "INV-1", "INV-2", "none"])
    assert sorted(i.number for i in found) == ["CN-1", "INV-1"]


def test_open_by_account_reads_each_accounts_open_items(uow: SqlUnitOfWork) -> None:
    """Per account, the open items ``query_accounts`` reads, in its order and with its values
    (built when first asked for on SQLite), accounts without open items left out; an item
    the transaction holds is returned as it is, and a built one is kept for later reads."""
    _seed(uow)
    with uow:
        fast = uow.open_items.open_by_account(["A2", "A1", "A1", "X9", "B1"])
        assert sorted(fast) == ["A1", "A2", "B1"]
        assert all(isinstance(v, LazyItems) for v in fast.values()) is (
            uow.engine.dialect.name == "sqlite"
        )
        assert uow.open_items.open_by_account([]) == {}
    with uow:
        plain = uow.open_items.query_accounts(["A1", "A2", "B1"], only_open=True)
    for account, items in fast.items():
        assert _exact(list(items)) == _exact([i for i in plain if i.customer_account == account])
    with uow:
        held = uow.open_items.get("INV-1")
        assert held is not None
        held.open_amount -= Decimal("10.00")
        uow.open_items.save(held)
        found = {i.number: i for i in uow.open_items.open_by_account(["A1"])["A1"]}
        assert found["INV-1"] is held and held.open_amount == Decimal("30.00")
        assert uow.open_items.get("INV-3") is found["INV-3"]


def test_open_by_account_leaves_out_what_rounds_to_nothing_open(uow: SqlUnitOfWork) -> None:
    """An open amount stored with more decimals than its currency's that rounds to zero is
    not open to the matcher (its index skips such items): the lazy read leaves it out; one
    that rounds to a cent, or a yen, is in."""
    opens = [("USD", "0.004"), ("USD", "-0.005"), ("USD", "0.005"), ("JPY", "0.4"), ("JPY", "0.5")]
    with uow:
        for n, (currency, open_amount) in enumerate(opens):
            uow.open_items.add(
                OpenItem(
                    f"TINY-{n}",
                    ItemKind.INVOICE,
                    "T1",
                    currency,
                    "1200",
                    DAY,
                    DAY + timedelta(days=30),
                    Decimal("1"),
                    Decimal(open_amount),
                )
            )
        uow.commit()
    with uow:
        found = list(uow.open_items.open_by_account(["T1"])["T1"])
    with uow:
        plain = [i for i in uow.open_items.query_accounts(["T1"], only_open=True) if i.open_amount]
    assert _exact(found) == _exact(plain)
    assert [i.number for i in found] == ["TINY-1", "TINY-2", "TINY-4"]


def test_open_by_account_keeps_texts_and_integers_as_stored(uow: SqlUnitOfWork) -> None:
    """The columns the lazy read packs as JSON on SQLite come back as stored: texts with
    quotes, backslashes, control and non-ASCII characters, a large amount, the largest version."""
    odd = 'a "quoted" \\ reason\t\n\u00e9\u20ac\U0001f600'
    item = OpenItem(
        "ODD-1", ItemKind.INVOICE, "O1", "USD", '12"\\00', DAY, DAY + timedelta(days=9),
        Decimal("123456789012.34"), Decimal("-0.01"), DAY, Decimal("0.00"),
        "SO-\u00e9", 'PO "x"', odd, 2**31 - 1,
    )  # fmt: skip
    with uow:
        uow.open_items.add(item)
        uow.commit()
    with uow:
        found = list(uow.open_items.open_by_account(["O1"])["O1"])
    with uow:
        plain = uow.open_items.query_accounts(["O1"], only_open=True)
    assert _exact(found) == _exact(plain)
    assert found[0].reason == odd and found[0].version == 2**31 - 1
