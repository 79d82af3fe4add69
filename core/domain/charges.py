"""Allowances and charges on order lines and order headers (X12 SAC / UBL AllowanceCharge).

An allowance lowers the amount, a charge raises it; each is a fixed amount or a percent of the
line (or header) net. When an invoice is built each is resolved to an ``AppliedCharge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.domain.errors import RuleViolation
from core.domain.money import quantize


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    is_charge: bool
    reason: str
    amount: Decimal | None = None
    percent: Decimal | None = None
    tax_code: str | None = None  # header charges only; line ones follow the line's tax code

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.percent is None):
            raise RuleViolation(
                "CHARGE", f"Allowance/charge {self.reason!r} needs an amount or a percent."
            )

    def resolve(self, base: Decimal, currency: str, share: Decimal = Decimal(1)) -> Decimal:
        """The positive amount on ``base``; a fixed amount is scaled by ``share``."""
        if self.percent is not None:
            return quantize(base * self.percent / 100, currency)
        assert self.amount is not None
        return quantize(self.amount * share, currency)

    @property
    def sign(self) -> int:
        return 1 if self.is_charge else -1


@dataclass(frozen=True, slots=True)
class AppliedCharge:
    """An allowance or charge as invoiced: amount and, for header ones, tax."""

    is_charge: bool
    reason: str
    amount: Decimal
    tax_code: str = ""
    tax_rate: Decimal = Decimal(0)
    tax_amount: Decimal = Decimal(0)

    @property
    def signed(self) -> Decimal:
        return self.amount if self.is_charge else -self.amount
