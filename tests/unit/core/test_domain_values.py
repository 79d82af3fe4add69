"""Money, payment terms, GTIN check digits, journal entry balance and reversal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core.domain.catalog import gtin_problem
from core.domain.errors import RuleViolation, UnbalancedEntry
from core.domain.journal import JournalEntry, JournalLine, balance_problems
from core.domain.money import Money, quantize
from core.domain.parties import PaymentTerms


def test_money_rounds_half_up_to_the_currency_exponent() -> None:
    assert Money.of("10.005", "USD").amount == D("10.01")
    assert Money.of("100.5", "JPY").amount == D("101")
    assert Money.of("1.0005", "KWD").amount == D("1.001")
    assert str(Money.of(3, "EUR")) == "3.00 EUR"


def test_money_refuses_float_unknown_currency_and_unquantised_amounts() -> None:
    with pytest.raises(TypeError):
        Money.of(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(RuleViolation):
        Money.of("1", "XYZ")
    with pytest.raises(ValueError):
        Money(D("1.001"), "USD")
    with pytest.raises(RuleViolation):
        Money.of("1.00", "USD") + Money.of("1.00", "EUR")


def test_money_arithmetic_stays_exact() -> None:
    total = Money.zero("USD")
    for _ in range(10):
        total = total + Money.of("0.10", "USD")
    assert total == Money.of("1.00", "USD")
    assert Money.of("10.00", "USD").times(D("0.0825")) == Money.of("0.83", "USD")


def test_terms_parse_discount_and_net() -> None:
    t = PaymentTerms.parse("2/10 net 30")
    assert (t.discount_percent, t.discount_days, t.net_days) == (D(2), 10, 30)
    assert t.due_date(date(2026, 1, 5)) == date(2026, 2, 4)
    assert t.discount_date(date(2026, 1, 5)) == date(2026, 1, 15)
    assert t.discount_amount(D("333.93"), "USD") == D("6.68")
    assert PaymentTerms.parse("NET30") == PaymentTerms(30)
    assert PaymentTerms.parse("1.5%/15 N45").code == "1.5/15 net 45"
    with pytest.raises(RuleViolation, match="not of the form"):
        PaymentTerms.parse("whenever")


def test_gtin_check_digit() -> None:
    assert gtin_problem("036000291452") is None  # a UPC-A
    assert gtin_problem("036000291453") is not None
    assert gtin_problem("12AB") is not None
    assert gtin_problem("") is None


def test_entry_must_balance_per_currency() -> None:
    lines = (JournalLine("1100", "USD", D("5.00")), JournalLine("1200", "EUR", D("-5.00")))
    with pytest.raises(UnbalancedEntry, match=r"USD debits and credits differ by 5\.00"):
        JournalEntry("JE-1", date(2026, 1, 1), "manual", "X", lines)
    assert [p.code for p in balance_problems([JournalLine("1100", "USD", D("1.001"))])] == [
        "LINES",
        "PRECISION",
        "UNBALANCED",
    ]


def test_reversal_mirrors_every_line() -> None:
    e = JournalEntry(
        "JE-1",
        date(2026, 1, 1),
        "rebate accrual",
        "X",
        (JournalLine("6300", "USD", D("4.40")), JournalLine("2400", "USD", D("-4.40"))),
    )
    r = e.reversal("JE-2", date(2026, 2, 1))
    assert [ln.amount for ln in r.lines] == [D("-4.40"), D("4.40")] and r.reverses == "JE-1"


def test_quantize_does_not_accept_garbage() -> None:
    with pytest.raises(RuleViolation, match="not a number"):
        quantize("ten", "USD")
