"""Receivables reports computed from open items and settlements as of a date (pure).

``open_as_of`` honours only items dated and settlements dated on or before the date (the Odoo
``max_date`` rule), so an aging run for last month-end shows what was open then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.money import quantize
from core.domain.receivables import OpenItem, Settlement

ZERO = Decimal(0)


def open_as_of(
    items: Iterable[OpenItem], settlements: Iterable[Settlement], as_of: date
) -> dict[str, Decimal]:
    """Open amount (signed) per item number as of ``as_of``; items not yet dated are left out."""
    result = {it.number: it.amount for it in items if it.doc_date <= as_of}
    for stl in settlements:
        if stl.settle_date > as_of:
            continue
        if stl.debit_item in result:
            result[stl.debit_item] -= stl.debit_reduction
        if stl.credit_item in result:
            result[stl.credit_item] += stl.credit_reduction
    return result


@dataclass(frozen=True, slots=True)
class AgingRow:
    customer: str
    currency: str
    buckets: tuple[Decimal, ...]  # current, then one per configured bucket, then older
    total: Decimal


def bucket_labels(buckets: Sequence[int]) -> list[str]:
    labels, low = ["current"], 1
    for high in buckets:
        labels.append(f"{low}-{high}")
        low = high + 1
    labels.append(f"over {buckets[-1]}" if buckets else "overdue")
    return labels


def _bucket(days_overdue: int, buckets: Sequence[int]) -> int:
    if days_overdue <= 0:
        return 0
    for i, high in enumerate(buckets, start=1):
        if days_overdue <= high:
            return i
    return len(buckets) + 1


def aging(
    items: Sequence[OpenItem],
    settlements: Iterable[Settlement],
    as_of: date,
    buckets: Sequence[int],
) -> list[AgingRow]:
    """Open amounts per customer and currency, by days past the due date."""
    open_amounts = open_as_of(items, settlements, as_of)
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for it in items:
        amount = open_amounts.get(it.number, ZERO)
        if not amount:
            continue
        row = sums.setdefault((it.customer_account, it.currency), [ZERO] * (len(buckets) + 2))
        row[_bucket((as_of - it.due_date).days, buckets)] += amount
    return [
        AgingRow(c, cur, tuple(quantize(x, cur) for x in v), quantize(sum(v, ZERO), cur))
        for (c, cur), v in sorted(sums.items())
    ]


@dataclass(frozen=True, slots=True)
class StatementLine:
    on: date
    document: str
    kind: str
    amount: Decimal
    balance: Decimal
    open_amount: Decimal


def statement(
    items: Sequence[OpenItem], settlements: Sequence[Settlement], as_of: date
) -> list[StatementLine]:
    """Documents and settlement adjustments in date order with a running balance."""
    open_amounts = open_as_of(items, settlements, as_of)
    entries: list[tuple[date, str, str, Decimal, Decimal]] = []
    for it in items:
        if it.doc_date <= as_of:
            entries.append(
                (it.doc_date, it.number, it.kind.value, it.amount, open_amounts[it.number])
            )
    for stl in settlements:
        if stl.settle_date > as_of:
            continue
        adjust = stl.discount + stl.write_off
        if adjust:
            entries.append((stl.settle_date, stl.number, "discount/write-off", -adjust, ZERO))
        if stl.overpay_write_off:
            entries.append(
                (stl.settle_date, stl.number, "overpayment write-off", stl.overpay_write_off, ZERO)
            )
    entries.sort(key=lambda e: (e[0], e[1]))
    balance, lines = ZERO, []
    for on, doc, kind, amount, open_amount in entries:
        if kind == "deduction":
            continue  # a deduction moves an amount off the invoice; the customer still owes it
        balance += amount
        lines.append(StatementLine(on, doc, kind, amount, balance, open_amount))
    return lines
