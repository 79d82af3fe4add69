"""Customers: accounts, addresses, payment terms (cash discount % and days, net days), credit.

Payment terms follow the usual US B2B notation: ``2/10 net 30`` means 2 % cash discount if paid
within 10 days of the invoice date, the full amount due 30 days after it; ``net 30`` has no
discount. A customer with a ``parent_account`` is a store whose invoices are billed to (and paid
by) the parent, like the *invoice account* of a Dynamics 365 customer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.domain.errors import RuleViolation
from core.domain.money import quantize, to_decimal

_TERMS = re.compile(
    r"^\s*(?:(?P<pct>\d+(?:\.\d+)?)\s*(?:%\s*/?|/)\s*(?P<ddays>\d+)\s*,?\s*)?"
    r"(?:n(?:et)?\s*(?P<net>\d+))\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Address:
    name: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """Net days plus an optional cash discount (percent within days)."""

    net_days: int
    discount_percent: Decimal = Decimal(0)
    discount_days: int = 0

    @classmethod
    def parse(cls, text: str) -> PaymentTerms:
        """Read ``2/10 net 30``, ``2%/10 N30``, ``2%10NET30``, ``net 30`` or ``NET30``."""
        match = _TERMS.match(text or "")
        if not match:
            raise RuleViolation(
                "TERMS", f"Payment terms {text!r} are not of the form '2/10 net 30' or 'net 30'."
            )
        pct = to_decimal(match["pct"]) if match["pct"] else Decimal(0)
        return cls(int(match["net"]), pct, int(match["ddays"] or 0))

    @property
    def code(self) -> str:
        net = f"net {self.net_days}"
        if self.discount_percent:
            return f"{self.discount_percent.normalize():f}/{self.discount_days} {net}"
        return net

    def due_date(self, invoice_date: date) -> date:
        return invoice_date + timedelta(days=self.net_days)

    def discount_date(self, invoice_date: date) -> date | None:
        if not self.discount_percent:
            return None
        return invoice_date + timedelta(days=self.discount_days)

    def discount_amount(self, total: Decimal, currency: str) -> Decimal:
        """The cash discount on ``total`` (gross, tax included), rounded to the currency."""
        return quantize(total * self.discount_percent / 100, currency)


@dataclass(frozen=True, slots=True)
class Customer:
    account: str
    name: str
    currency: str
    terms: PaymentTerms = field(default_factory=lambda: PaymentTerms(30))
    credit_limit: Decimal = Decimal(0)  # 0 = no limit
    on_hold: bool = False
    parent_account: str | None = None
    bill_to: Address = field(default_factory=Address)
    ship_to: Address = field(default_factory=Address)
    tax_code: str = "EXEMPT"

    @property
    def invoice_account(self) -> str:
        """The account that is invoiced and pays: the parent (payer) when there is one."""
        return self.parent_account or self.account
