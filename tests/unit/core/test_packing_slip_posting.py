"""A packing slip's journal lines (``posting.packing_slip_lines``) made directly for two accounts
and a cost that is not zero: the same lines, digit for digit, as ``summarise`` of the debit and
the credit line, for costs of any sign and exponent, receipts, zero costs and a chart whose COGS
and inventory roles name one account."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core.domain.documents import PackingSlip, PackingSlipLine
from core.domain.journal import (
    DEFAULT_CHART,
    Account,
    AccountType,
    ChartOfAccounts,
    JournalLine,
    summarise,
)
from core.domain.posting import packing_slip_lines

ONE_ACCOUNT = ChartOfAccounts(
    (
        Account("5000", "Cost of goods sold", AccountType.EXPENSE, "cogs"),
        Account("5000", "Inventory", AccountType.ASSET, "inventory"),
    )
)
COSTS = [D("12.30"), D("0.01"), D("-4.10"), D(0), D("0.00"), D("-0"), D("1E+2"), D("7.125")]


def reference(slip: PackingSlip, chart: ChartOfAccounts) -> tuple[JournalLine, ...]:
    """The former rule: both lines, merged by ``summarise``."""
    cost = slip.cost_total
    sign = -1 if slip.is_receipt else 1
    cur, who = slip.currency, slip.customer_account
    return summarise(
        [
            JournalLine(chart.for_role("cogs"), cur, sign * cost, who, ""),
            JournalLine(chart.for_role("inventory"), cur, -sign * cost, who, ""),
        ]
    )


@pytest.mark.parametrize("chart", [DEFAULT_CHART, ONE_ACCOUNT])
@pytest.mark.parametrize("receipt", [False, True])
@pytest.mark.parametrize("costs", [[c] for c in COSTS] + [COSTS[:3], [D("0.00"), D("-0.00")]])
def test_slip_lines_are_the_summarised_lines(
    chart: ChartOfAccounts, receipt: bool, costs: list[D]
) -> None:
    lines = tuple(
        PackingSlipLine(n, f"S{n}", D(1), "EA", D(1), cost) for n, cost in enumerate(costs, 1)
    )
    slip = PackingSlip("PS-1", "SO-1", "C1", date(2026, 1, 5), "USD", lines, receipt)
    assert repr(packing_slip_lines(slip, chart)) == repr(reference(slip, chart))
