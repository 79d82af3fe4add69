"""Items: SKU, GTIN/UPC, description, base unit of measure with conversions, price, cost, stock.

Quantities on hand are kept in the base unit (``uom``); ``conversions`` says how many base units
one other unit holds (``{"CA": 12}``: a case of twelve eaches). Prices and standard cost are per
base unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from core.domain.errors import Problem, RuleViolation
from core.domain.frozen import quick_init

ONE = Decimal(1)  # the factor of the base unit (shared: Decimals are immutable)


def gtin_problem(gtin: str) -> Problem | None:
    """Check a GTIN-8/12/13/14 (UPC is GTIN-12) by length, digits and the mod-10 check digit."""
    if not gtin:
        return None
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return Problem("GTIN", f"GTIN {gtin!r} must be 8, 12, 13 or 14 digits.")
    body, check = gtin[:-1], int(gtin[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    if (10 - total % 10) % 10 != check:
        return Problem("GTIN", f"GTIN {gtin!r} has a wrong check digit.")
    return None


@quick_init
@dataclass(frozen=True, slots=True)
class Item:
    sku: str
    description: str
    unit_price: Decimal
    unit_cost: Decimal
    uom: str = "EA"
    on_hand: Decimal = Decimal(0)
    gtin: str = ""
    conversions: Mapping[str, Decimal] = field(default_factory=dict)
    tax_code: str | None = None

    def factor(self, uom: str | None) -> Decimal:
        """How many base units one ``uom`` holds."""
        if uom is None or uom == self.uom:
            return ONE
        try:
            return Decimal(self.conversions[uom])
        except KeyError:
            known = ", ".join([self.uom, *self.conversions])
            raise RuleViolation(
                "UOM", f"Item {self.sku} has no unit {uom!r}; known units: {known}."
            ) from None
