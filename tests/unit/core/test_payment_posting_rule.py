"""The payment's posting rule (``core.domain.posting.payment_amounts``): Dr Bank / Cr the item's
account at the amount paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.domain.posting import payment_amounts
from core.domain.receivables import ItemKind, OpenItem

DAY = date(2026, 3, 10)


def _payment(kind: ItemKind, account: str, paid: str) -> OpenItem:
    amount = -Decimal(paid)  # a payment is a credit item
    return OpenItem("PAY-000001", kind, "C1", "USD", account, DAY, DAY, amount, amount)


def test_payment_debits_the_bank_and_credits_receivables() -> None:
    lines = payment_amounts(_payment(ItemKind.PAYMENT, "1200", "125.40"), "1000")
    assert lines == (("1000", Decimal("125.40")), ("1200", Decimal("-125.40")))
    assert sum(amount for _, amount in lines) == 0


def test_prepayment_credits_the_prepayments_account() -> None:
    lines = payment_amounts(_payment(ItemKind.PREPAYMENT, "2300", "80.00"), "1000")
    assert lines == (("1000", Decimal("80.00")), ("2300", Decimal("-80.00")))
