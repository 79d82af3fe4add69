"""The statement of account as text: the ledger's lines, balance and aging, laid out exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core.domain.reports import StatementLine
from gateway.pipeline.statement_text import StatementData, money, render


def data(lines: tuple[StatementLine, ...], aging: tuple[D, ...]) -> StatementData:
    return StatementData(
        supplier="O2C Supplier LLC, 500 Commerce Drive, Dayton, OH 45402, US",
        account="C-1001",
        customer="BigBox Stores Inc.",
        currency="USD",
        terms="2%10NET30",
        as_of=date(2026, 11, 30),
        lines=lines,
        aging_labels=("current", "1-30", "31-60", "61-90", "91+"),
        aging=aging,
    )


INVOICE = StatementLine(
    date(2026, 10, 1), "INV-000001", "invoice", D("12345.60"), D("12345.60"), D("2345.60")
)
PAYMENT = StatementLine(
    date(2026, 10, 20), "PAY-000001", "payment", D("-10000.00"), D("2345.60"), D("0.00")
)
CREDIT = StatementLine(
    date(2026, 11, 2), "CN-000001", "credit note", D("-45.60"), D("2300.00"), D("-45.60")
)


def test_money_keeps_the_minor_unit_and_groups_thousands() -> None:
    assert money(D("1234567.50")) == "1,234,567.50"
    assert money(D("-45.60")) == "-45.60"
    assert money(D("0.00")) == "0.00"
    assert money(D("100")) == "100"  # a currency without minor unit (JPY) stays whole


def test_every_line_balance_and_aging_are_printed() -> None:
    text = render(data((INVOICE, PAYMENT, CREDIT), (D("0"), D("2300.00"), D(0), D(0), D(0))))
    lines = text.splitlines()
    assert lines[0] == "STATEMENT OF ACCOUNT"
    assert "To:       BigBox Stores Inc. (account C-1001)" in lines
    assert "As of:    2026-11-30" in lines
    (invoice,) = [line for line in lines if "INV-000001" in line]
    assert invoice.split() == [
        *("2026-10-01", "INV-000001", "Invoice"),
        *("12,345.60", "12,345.60", "2,345.60"),
    ]
    (payment,) = [line for line in lines if "PAY-000001" in line]
    assert payment.split()[-2:] == ["-10,000.00", "2,345.60"]  # nothing open: no last column
    (credit,) = [line for line in lines if "CN-000001" in line]
    assert credit.split()[2:4] == ["Credit", "note"]
    assert "Balance due: 2,300.00 USD" in lines
    head = lines.index("Open amounts by days past due:")
    assert lines[head + 1].split() == ["current", "1-30", "31-60", "61-90", "91+", "Total"]
    assert lines[head + 2].split() == ["0", "2,300.00", "0", "0", "0", "2,300.00"]
    assert text.endswith("\n") and max(map(len, lines)) <= 100


def test_money_columns_are_right_aligned() -> None:
    lines = render(data((INVOICE, PAYMENT), (D(0),) * 5)).splitlines()
    header = next(line for line in lines if line.startswith("Date"))
    rows = [line for line in lines if line.startswith("2026-")]
    end = header.index("Balance") + len("Balance")
    assert all(row[:end].endswith(("12,345.60", "2,345.60")) for row in rows)


def test_a_customer_with_nothing_owed_or_open_is_settled() -> None:
    settled = StatementLine(
        date(2026, 10, 20), "PAY-000001", "payment", D("-12345.60"), D("0.00"), D("0.00")
    )
    invoice = StatementLine(
        INVOICE.on, INVOICE.document, INVOICE.kind, INVOICE.amount, INVOICE.balance, D("0.00")
    )
    paid = data((invoice, settled), (D(0),) * 5)
    assert paid.balance == D("0.00") and paid.settled
    assert "Open amounts by days past due:" not in render(paid)
    owing = data((INVOICE, PAYMENT), (D(0), D("2345.60"), D(0), D(0), D(0)))
    assert owing.balance == D("2345.60") and not owing.settled


def test_unapplied_credit_is_not_settled_even_at_zero_balance() -> None:
    # an open invoice and an unapplied payment of the same amount: the balance is nil but
    # both items are still open, which the customer should see
    unapplied = StatementLine(
        date(2026, 10, 20), "PAY-000002", "payment", D("-2345.60"), D("0.00"), D("-2345.60")
    )
    open_invoice = StatementLine(
        INVOICE.on, INVOICE.document, INVOICE.kind, D("2345.60"), D("2345.60"), D("2345.60")
    )
    both = data((open_invoice, unapplied), (D(0),) * 5)
    assert both.balance == 0 and not both.settled


def test_no_documents_says_so() -> None:
    text = render(data((), (D(0),) * 5))
    assert "No documents up to this date." in text
    assert "Balance due: 0.00 USD" in text
