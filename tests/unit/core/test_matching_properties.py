"""Properties of remittance matching on random open items and remittances (Hypothesis):
an item never gets more than its open amount, ambiguous results never post (checked against a
brute-force count of the sets a payment could pay), and cash applied plus what stays on
account is the payment."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal as D
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.matching import match_remittance
from core.domain.matching_amounts import due_on
from core.domain.receivables import ItemKind, OpenItem
from core.domain.references import reference_key
from core.domain.remittance import (
    AdjustmentInput,
    MatchResult,
    MatchSettings,
    MatchStatus,
    RemittanceInput,
    RemittanceLineInput,
)
from core.domain.subset_sum import find_subsets

PAY = date(2026, 3, 10)
ACCOUNTS = frozenset({"C1", "C1-S0"})
PREFIXES = MatchSettings().prefixes

cents = st.integers(min_value=100, max_value=20_000).map(lambda n: D(n) / 100)


@st.composite
def open_items(draw: st.DrawFn) -> list[OpenItem]:
    items = []
    for n in range(draw(st.integers(1, 8))):
        amount = draw(st.sampled_from([D("50.00"), D("75.25")]) | cents)
        paid_before = draw(st.sampled_from([D(0), D(0), D("10.00")])) if amount > 20 else D(0)
        discount = draw(st.sampled_from([D(0), (amount * D("0.02")).quantize(D("0.01"))]))
        disc_date = PAY + timedelta(days=draw(st.integers(-5, 5))) if discount else None
        number = draw(st.sampled_from([f"INV-{n:06d}", f"{n}/", f"INV-{n + 1:06d}"]))
        if any(i.number == number for i in items):
            continue  # numbers are unique in a ledger
        account = draw(st.sampled_from(["C1", "C1", "C1", "C1-S0", "C2"]))
        items.append(
            OpenItem(
                number,
                ItemKind.INVOICE,
                account,
                "USD",
                "1200",
                PAY,
                PAY + timedelta(days=n),
                amount,
                amount - paid_before,
                disc_date,
                discount,
                f"SO-{n}",
                f"PO-{n % 3}",
            )
        )
    return items


@st.composite
def remittances(draw: st.DrawFn, items: list[OpenItem]) -> RemittanceInput:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        item = draw(st.sampled_from(items))
        ref = draw(
            st.sampled_from(
                [item.number, item.number.lower(), item.number.replace("-", " "), item.reference,
                 "ZZ9", item.number[:-1]]
            )
        )  # fmt: skip
        qualifier = "PO" if ref == item.reference else "IV"
        paid = draw(
            st.sampled_from([item.open_amount, item.open_amount - item.cash_discount]) | cents
        )
        adx = draw(st.sampled_from([(), (AdjustmentInput(D("-12.50"), "11"),)]))
        invoice_amount = draw(st.sampled_from([None, item.amount]))
        lines.append(RemittanceLineInput(qualifier, ref, paid, invoice_amount, None, adx))
    total = sum((ln.amount_paid for ln in lines), D(0))
    extra = draw(st.sampled_from([D(0), D(0), D("50.00")]) | cents)
    return RemittanceInput(total + extra, PAY, "TRN", "C1", tuple(lines), "USD")


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[OpenItem], RemittanceInput, MatchResult]:
    items = draw(open_items())
    remittance = draw(remittances(items))
    return items, remittance, match_remittance(remittance, items, ACCOUNTS)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_no_item_gets_more_than_its_open_amount(
    case: tuple[list[OpenItem], RemittanceInput, MatchResult],
) -> None:
    items, _, result = case
    by_number = {i.number: i for i in items}
    reduced: dict[str, D] = defaultdict(D)
    for a in result.allocations:
        assert a.cash >= 0 and a.discount >= 0 and a.write_off >= 0 and a.deduction >= 0
        reduced[a.item_number] += a.item_reduction
    for number, total in reduced.items():
        assert total <= by_number[number].open_amount


@settings(max_examples=300, deadline=None)
@given(cases())
def test_money_adds_up(case: tuple[list[OpenItem], RemittanceInput, MatchResult]) -> None:
    _, remittance, result = case
    allocs = result.allocations
    cash = sum((a.cash + a.overpay_write_off for a in allocs), D(0))
    assert result.on_account >= 0
    assert cash + result.on_account == remittance.payment_amount
    reductions = sum((a.item_reduction for a in allocs), D(0))
    non_cash = sum((a.discount + a.write_off + a.deduction for a in allocs), D(0))
    overpay = sum((a.overpay_write_off for a in allocs), D(0))
    assert reductions - non_cash + overpay + result.on_account == remittance.payment_amount


@settings(max_examples=300, deadline=None)
@given(cases())
def test_ambiguous_results_never_post(
    case: tuple[list[OpenItem], RemittanceInput, MatchResult],
) -> None:
    items, remittance, result = case
    for d in result.decisions:
        if d.status is not MatchStatus.AUTO:
            assert d.allocations == ()
            continue
        for a in d.allocations:
            assert a.customer_account == "C1"
        if d.line_index is None:
            _assert_unique_subset(items, result, d.amount, {a.item_number for a in d.allocations})
        elif len(d.allocations) == 1:
            _assert_no_twin(
                items,
                remittance.lines[d.line_index],
                d.allocations[0].item_number,
                remittance.payment_date,
            )


def _assert_no_twin(
    items: list[OpenItem], line: RemittanceLineInput, number: str, on: date
) -> None:
    """No other open item of the payer under the same folded reference fits the line as well:
    the same amount, and the same amount due on the payment date (cash discount included)."""
    chosen = next(i for i in items if i.number == number)
    if line.reference == chosen.number:
        return  # named exactly
    key = reference_key(line.reference, PREFIXES)
    twins = [
        i
        for i in items
        if i.number != number
        and i.customer_account in ACCOUNTS
        and reference_key(i.number, PREFIXES) == key
        and i.open_amount == chosen.open_amount
        and i.amount == chosen.amount
        and due_on(i, i.open_amount, on) == due_on(chosen, chosen.open_amount, on)
    ]
    assert twins == []


def _assert_unique_subset(
    items: list[OpenItem], result: MatchResult, amount: D, chosen: set[str]
) -> None:
    taken = {a.item_number for d in result.decisions if d.line_index is not None
             for a in d.allocations if d.status is MatchStatus.AUTO}  # fmt: skip
    pool = [i for i in items if i.customer_account in ACCOUNTS and i.number not in taken]
    dues = [due_on(i, i.open_amount, PAY) for i in pool]
    found = [
        {pool[k].number for k in combo}
        for size in range(1, len(pool) + 1)
        for combo in combinations(range(len(pool)), size)
        if sum((dues[k] for k in combo), D(0)) == amount
    ]
    assert found == [chosen]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 60), min_size=0, max_size=12),
    st.integers(1, 200),
    st.booleans(),
)
def test_find_subsets_agrees_with_brute_force(
    values: list[int], target: int, memo_walk: bool
) -> None:
    from core.domain import subset_sum

    brute = sorted(
        combo
        for size in range(1, len(values) + 1)
        for combo in combinations(range(len(values)), size)
        if sum(values[k] for k in combo) == target
    )
    old = subset_sum.MEET_IN_THE_MIDDLE
    subset_sum.MEET_IN_THE_MIDDLE = -1 if memo_walk else old  # force either algorithm
    try:
        search = find_subsets(values, target, 100_000)
    finally:
        subset_sum.MEET_IN_THE_MIDDLE = old
    assert search.complete
    assert len(search.solutions) == min(2, len(brute))
    assert all(sol in brute for sol in search.solutions)
