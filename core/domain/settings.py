"""Ledger settings: chart, tax codes, settlement tolerances, aging buckets, stock policy.

These are data handed in by ``gateway.bootstrap`` (from configuration) or by tests; defaults make
a working US-dollar ledger.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from core.domain.errors import RuleViolation
from core.domain.journal import DEFAULT_CHART, ChartOfAccounts
from core.domain.money import quantize, round_to


@dataclass(frozen=True, slots=True)
class TaxCode:
    """A sales tax code: rate in percent and the account the tax is payable to ('' = role)."""

    code: str
    rate: Decimal
    account: str = ""

    def tax(self, net: Decimal, currency: str) -> Decimal:
        """Tax on ``net``, rounded per line half-up to the currency."""
        return quantize(net * self.rate / 100, currency)

    def tax_to(self, net: Decimal, unit: Decimal) -> Decimal:
        """``tax`` with the currency's ``quantum`` looked up by the caller (once per document)."""
        return round_to(net * self.rate / 100, unit)


DEFAULT_TAX_CODES: Mapping[str, TaxCode] = {
    "EXEMPT": TaxCode("EXEMPT", Decimal(0)),
    "STD": TaxCode("STD", Decimal("8.25")),
    "REDUCED": TaxCode("REDUCED", Decimal("5")),
}


@dataclass(frozen=True, slots=True)
class Tolerances:
    """Settlement tolerances, in the document currency (D365 AR parameters).

    * ``penny``: a remainder up to this is written off to the penny-difference account;
    * ``max_underpayment``: a short pay up to this, when the payer settles in full, is written
      off to the underpayment account with its reason; a larger one becomes a deduction item;
    * ``max_overpayment``: an excess up to this is written off; a larger one stays on account.
    """

    penny: Decimal = Decimal("0.05")
    max_underpayment: Decimal = Decimal("10.00")
    max_overpayment: Decimal = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class LedgerSettings:
    chart: ChartOfAccounts = DEFAULT_CHART
    tax_codes: Mapping[str, TaxCode] = field(default_factory=lambda: dict(DEFAULT_TAX_CODES))
    tolerances: Tolerances = field(default_factory=Tolerances)
    accounting_currency: str = "USD"
    allow_negative_stock: bool = False
    aging_buckets: tuple[int, ...] = (30, 60, 90)  # current, 1-30, 31-60, 61-90, over 90

    def tax_code(self, code: str) -> TaxCode:
        try:
            return self.tax_codes[code]
        except KeyError:
            raise RuleViolation("TAX_CODE", f"Tax code {code!r} is not configured.") from None

    def tax_account(self, code: str) -> str:
        return self.tax_code(code).account or self.chart.for_role("sales_tax")

    def money(self, value: Decimal, currency: str) -> Decimal:
        return quantize(value, currency)
