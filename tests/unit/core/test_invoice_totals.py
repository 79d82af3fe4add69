"""An invoice's totals: summed from its lines and header charges on first use and kept, the
same numbers as summing each time; copies sum their own lines; the invoice stays frozen."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, replace
from datetime import date
from decimal import Decimal as D

import pytest

from core.domain.charges import AppliedCharge
from core.domain.documents import Invoice, InvoiceKind, InvoiceLine


def _line(no: int, net: str, tax: str) -> InvoiceLine:
    return InvoiceLine(
        no, "Widget", D(1), "EA", D(net), D(net), D(0), D(0), D(net), "STD", D("8.25"), D(tax),
        "4000",
    )  # fmt: skip


def _invoice(*lines: InvoiceLine) -> Invoice:
    charges = (
        AppliedCharge(True, "FREIGHT", D("20.00"), "STD", D("8.25"), D("1.65")),
        AppliedCharge(False, "PROMO", D("5.00"), "EXEMPT", D(0), D("0.00")),
    )
    return Invoice(
        "INV-1", InvoiceKind.SALES, "C1", "USD", date(2026, 1, 5), date(2026, 2, 4),
        lines, charges=charges,
    )  # fmt: skip


def test_totals_are_the_sums_of_lines_and_charges() -> None:
    inv = _invoice(_line(1, "200.00", "16.50"), _line(2, "90.00", "7.43"))
    assert inv.net_total == D("305.00")  # 290 + 20 freight - 5 promo
    assert inv.tax_total == D("25.58")  # 16.50 + 7.43 + 1.65
    assert inv.total == inv.net_total + inv.tax_total == D("330.58")
    assert inv.total is inv.total  # kept, not summed again
    assert str(inv.total) == "330.58"


def test_a_copy_with_other_lines_sums_its_own() -> None:
    inv = _invoice(_line(1, "200.00", "16.50"))
    assert inv.total == D("233.15")
    other = replace(inv, lines=(_line(1, "10.00", "0.83"),))
    assert other.total == D("27.48")
    assert inv.total == D("233.15")


def test_equality_copies_and_pickles_ignore_the_kept_totals() -> None:
    inv = _invoice(_line(1, "200.00", "16.50"))
    fresh = _invoice(_line(1, "200.00", "16.50"))
    assert inv.total and inv == fresh and hash(inv.number) == hash(fresh.number)
    for twin in (copy.copy(inv), copy.deepcopy(inv), pickle.loads(pickle.dumps(inv))):
        assert twin == inv and twin.total == inv.total


def test_still_frozen() -> None:
    inv = _invoice(_line(1, "200.00", "16.50"))
    with pytest.raises(FrozenInstanceError):
        inv.terms = "net 30"  # type: ignore[misc]
    # the kept totals cannot be assigned either (a slotted frozen dataclass refuses a name that
    # is not a field with TypeError, Python's own quirk, rather than FrozenInstanceError)
    with pytest.raises((FrozenInstanceError, TypeError)):
        inv._totals = (D(0), D(0), D(0))
    assert inv.total == D("233.15")
