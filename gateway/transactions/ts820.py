"""X12 820 Payment Order/Remittance Advice (retail, 004010 and 005010), inbound.

Reads BPR (payment or remittance only, total, credit/debit, method, format, banks and
accounts, effective date), TRN (trace number: the key to the bank deposit), CUR, REF, DTM, the
N1 loops (PR payer, PE payee), and the ENT loops with their RMR loops (RMR01 reference
qualifier, RMR02 reference, RMR04 amount paid, RMR05 invoice amount, RMR06 discount taken) with
REF, DTM and ADX adjustments beneath them, and ADX adjustments not tied to a reference.

Checks the arithmetic partners get wrong, reporting every mismatch: BPR02 = Σ RMR04 (less any
ADX on account), and for each reference RMR04 = RMR05 − RMR06 + Σ ADX01. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gateway.transactions.common import decimal_r, map_error, x12_date
from gateway.x12.problems import Problem
from gateway.x12.segment import Segment

METHODS = {
    "ACH": "automated clearing house",
    "CHK": "check",
    "FWT": "wire transfer",
    "BOP": "financial institution option",
    "NON": "non-payment data",
    "FEW": "wire (Fedwire)",
}
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """An ADX: signed amount (negative reduces the payment), reason code (element 426), ref."""

    amount: Decimal
    reason: str
    reference_qualifier: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class RemittanceLine:
    """One RMR loop: what the payer says it pays for one document."""

    qualifier: str  # IV invoice, PO purchase order, CR credit memo, ...
    reference: str
    amount_paid: Decimal
    invoice_amount: Decimal | None
    discount: Decimal | None
    adjustments: tuple[Adjustment, ...] = ()
    references: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)
    segment_index: int = 0

    @property
    def adjustment_total(self) -> Decimal:
        return sum((a.amount for a in self.adjustments), ZERO)


@dataclass(frozen=True, slots=True)
class Remittance:
    handling: str  # BPR01: C payment and remittance, I remittance only, D payment only, ...
    amount: Decimal
    credit_debit: str
    method: str
    payment_format: str
    effective_date: date | None
    trace_number: str
    payer_id: str
    payer_name: str
    payer_id_qualifier: str
    payee_name: str
    currency: str
    lines: tuple[RemittanceLine, ...]
    unapplied_adjustments: tuple[Adjustment, ...] = ()
    sender_bank: str = ""
    sender_account: str = ""

    @property
    def method_name(self) -> str:
        return METHODS.get(self.method, self.method)


@dataclass(slots=True)
class _Rmr:
    segment: Segment
    adjustments: list[Adjustment] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)


def _adx(segment: Segment, problems: list[Problem]) -> Adjustment | None:
    amount = decimal_r(segment.get(1))
    if amount is None:
        problems.append(
            map_error("MAP_ADX_AMOUNT", f"ADX01 {segment.get(1)!r} is not an amount", segment, 1)
        )
        return None
    return Adjustment(amount, segment.get(2), segment.get(3), segment.get(4))


def parse_820(segments: list[Segment]) -> tuple[Remittance | None, list[Problem]]:
    """The remittance in ``segments`` (ST..SE), with every problem found."""
    problems: list[Problem] = []
    bpr: Segment | None = None
    trace, trace_payer = "", ""
    currency = ""
    payer: dict[str, str] = {}
    payee_name = ""
    rmrs: list[_Rmr] = []
    on_account: list[Adjustment] = []
    current: _Rmr | None = None
    for segment in segments:
        tag = segment.tag
        if tag == "BPR":
            bpr = segment
        elif tag == "TRN":
            trace, trace_payer = segment.get(2), segment.get(3)
        elif tag == "CUR":
            currency = segment.get(2)
        elif tag == "N1":
            current = None
            if segment.get(1) == "PR":
                payer = {"name": segment.get(2), "qualifier": segment.get(3), "id": segment.get(4)}
            elif segment.get(1) == "PE":
                payee_name = segment.get(2)
        elif tag == "ENT":
            current = None
        elif tag == "RMR":
            current = _Rmr(segment)
            rmrs.append(current)
        elif tag == "REF" and current is not None:
            current.references.setdefault(segment.get(1), segment.get(2))
        elif tag == "DTM" and current is not None:
            when = x12_date(segment.get(2))
            if when is not None:
                current.dates[segment.get(1)] = when
        elif tag == "ADX":
            adjustment = _adx(segment, problems)
            if adjustment is not None:
                (current.adjustments if current is not None else on_account).append(adjustment)
    if bpr is None:
        return None, problems
    amount = decimal_r(bpr.get(2))
    if amount is None:
        problems.append(
            map_error("MAP_BPR_AMOUNT", f"BPR02 {bpr.get(2)!r} is not an amount", bpr, 2)
        )
        return None, problems
    lines = [line for rmr in rmrs if (line := _line(rmr, problems)) is not None]
    problems.extend(_check_total(bpr, amount, lines, on_account))
    remittance = Remittance(
        bpr.get(1),
        amount,
        bpr.get(3),
        bpr.get(4),
        bpr.get(5),
        x12_date(bpr.get(16)),
        trace,
        payer.get("id") or trace_payer,
        payer.get("name", ""),
        payer.get("qualifier", ""),
        payee_name,
        currency,
        tuple(lines),
        tuple(on_account),
        bpr.get(7),
        bpr.get(9),
    )
    return remittance, problems


def _line(rmr: _Rmr, problems: list[Problem]) -> RemittanceLine | None:
    segment = rmr.segment
    paid = decimal_r(segment.get(4))
    if paid is None:
        problems.append(
            map_error(
                "MAP_RMR_AMOUNT",
                f"RMR {segment.get(2)!r} has no amount paid (RMR04 {segment.get(4)!r})",
                segment,
                4,
            )
        )
        return None
    line = RemittanceLine(
        segment.get(1),
        segment.get(2),
        paid,
        decimal_r(segment.get(5)),
        decimal_r(segment.get(6)),
        tuple(rmr.adjustments),
        rmr.references,
        rmr.dates,
        segment.index,
    )
    if line.invoice_amount is not None:
        expected = line.invoice_amount - (line.discount or ZERO) + line.adjustment_total
        if expected != paid:
            problems.append(
                map_error(
                    "MAP_RMR_ARITHMETIC",
                    f"for {line.qualifier} {line.reference}, RMR04 {paid} should be RMR05 "
                    f"{line.invoice_amount} - RMR06 {line.discount or ZERO} + ADX "
                    f"{line.adjustment_total} = {expected}",
                    segment,
                    4,
                )
            )
    return line


def _check_total(
    bpr: Segment, amount: Decimal, lines: list[RemittanceLine], on_account: list[Adjustment]
) -> list[Problem]:
    if not lines:
        return []
    total = sum((line.amount_paid for line in lines), ZERO) + sum(
        (a.amount for a in on_account), ZERO
    )
    if total == amount:
        return []
    return [
        map_error(
            "MAP_BPR_TOTAL",
            f"BPR02 {amount} does not equal the sum of RMR04 amounts"
            f"{' and unapplied ADX' if on_account else ''}, {total}",
            bpr,
            2,
        )
    ]
