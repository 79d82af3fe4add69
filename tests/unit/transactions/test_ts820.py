"""820 in: a typed remittance whose arithmetic is checked line by line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gateway.transactions.ts820 import parse_820
from gateway.x12.envelope import TransactionSet, read_envelopes
from tests.conftest import FIXTURES, shared_path

FIXTURE = FIXTURES / "x12" / "valid" / "820_4010_remittance_crlf.edi"


def remittance_of(data: bytes):  # type: ignore[no-untyped-def]
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    return parse_820(transaction.segments)


def test_4010_remittance() -> None:
    remittance, problems = remittance_of(FIXTURE.read_bytes())
    assert problems == [] and remittance is not None
    assert (remittance.amount, remittance.method, remittance.trace_number) == (
        Decimal("1212.52"),
        "ACH",
        "EFT000901",
    )
    assert remittance.effective_date == date(2026, 12, 1)
    assert (remittance.payer_name, remittance.payer_id) == ("BIGBOX STORES INC", "0001")
    first, second = remittance.lines
    assert (first.qualifier, first.reference, first.amount_paid) == (
        "IV",
        "INV-000123",
        Decimal("611.52"),
    )
    assert (first.invoice_amount, first.discount) == (Decimal("624.00"), Decimal("12.48"))
    assert first.dates == {"003": date(2026, 11, 20)}
    (adjustment,) = second.adjustments
    assert (adjustment.amount, adjustment.reason, adjustment.reference) == (
        Decimal("-50.00"),
        "59",
        "DM-77",
    )


def test_every_arithmetic_mismatch_is_reported() -> None:
    data = FIXTURE.read_bytes().replace(b"RMR*IV*INV-000123**611.52", b"RMR*IV*INV-000123**611.50")
    _, problems = remittance_of(data)
    assert sorted(p.code for p in problems) == ["MAP_BPR_TOTAL", "MAP_RMR_ARITHMETIC"]
    line = next(p for p in problems if p.code == "MAP_RMR_ARITHMETIC")
    assert "611.52" in line.message and line.location.element == 4


def test_5010_retail_sample_reconciles() -> None:
    remittance, problems = remittance_of(
        shared_path("samples", "x12", "820_5010_rmr_adx_newline_term.edi").read_bytes()
    )
    assert problems == [] and remittance is not None
    assert remittance.amount == Decimal("21298.97") and len(remittance.lines) == 7
    first = remittance.lines[0]
    # 4650.41 - 97.90 - 143.76 = 4408.75, as the research notes checked by hand
    assert first.amount_paid == Decimal("4408.75") and first.adjustment_total == Decimal("-143.76")


def test_x218_sample_total_does_not_add_up() -> None:
    _, problems = remittance_of(
        shared_path("samples", "x12", "820_5010_x218_bpr_ent_rmr.edi").read_bytes()
    )
    # BPR02 is 19000 but the two RMR04 amounts are 16500 + 250 = 16750.
    (problem,) = problems
    assert problem.code == "MAP_BPR_TOTAL" and "16750" in problem.message
