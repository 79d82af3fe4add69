"""An entry's quick balance test (``_plainly_balanced``) lets through only entries
``balance_problems`` finds nothing wrong with (all of them when they are of one currency);
every other entry is refused as before, with the same message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.domain.errors import UnbalancedEntry
from core.domain.journal import JournalEntry, JournalLine, _plainly_balanced, balance_problems

_AMOUNTS = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False),
    st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False),
    st.sampled_from([Decimal("0"), Decimal("-0.00"), Decimal("1E+2"), Decimal("0.10")]),
)
_LINES = st.lists(
    st.builds(JournalLine, st.sampled_from(["1100", "1200", "6100"]),
              st.sampled_from(["USD", "USD", "USD", "JPY"]), _AMOUNTS),
    max_size=4,
)  # fmt: skip


def _balanced(lines: list[JournalLine]) -> list[JournalLine]:
    """``lines`` and, most of the time, the line that makes them sum to zero in USD."""
    total = sum((ln.amount for ln in lines if ln.currency == "USD"), Decimal(0))
    return [*lines, JournalLine("1200", "USD", -total)]


@given(st.one_of(_LINES, _LINES.map(_balanced)))
def test_quick_test_agrees_with_balance_problems(lines: list[JournalLine]) -> None:
    problems = balance_problems(lines)
    if _plainly_balanced(tuple(lines)):  # one-sided: mixed currencies go to the full check
        assert not problems
    elif len({ln.currency for ln in lines}) == 1 and all(
        type(ln.amount) is Decimal for ln in lines
    ):
        assert problems  # one currency, Decimals: the quick test decides alone
    try:
        JournalEntry("JE-1", date(2026, 3, 1), "test", "T-1", tuple(lines))
    except UnbalancedEntry as exc:
        assert problems
        assert str(exc).endswith(" ".join(p.message for p in problems))
    else:
        assert not problems


def test_too_many_decimals_or_an_int_goes_to_the_full_check() -> None:
    assert not _plainly_balanced(
        (
            JournalLine("1100", "USD", Decimal("1.005")),
            JournalLine("1200", "USD", Decimal("-1.005")),
        )
    )
    assert not _plainly_balanced((JournalLine("1100", "USD", 1), JournalLine("1200", "USD", -1)))  # type: ignore[arg-type]
    assert _plainly_balanced(
        (JournalLine("1100", "USD", Decimal("1.000")), JournalLine("1200", "USD", Decimal("-1")))
    )
