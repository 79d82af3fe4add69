"""850 in: a typed purchase order, identifiers by qualifier, CTT checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gateway.transactions.ts850 import parse_850
from gateway.x12.envelope import TransactionSet, read_envelopes
from tests.conftest import FIXTURES, shared_path


def sets(data: bytes) -> list[TransactionSet]:
    return [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]


def order_of(data: bytes):  # type: ignore[no-untyped-def]
    (transaction,) = sets(data)
    return parse_850(transaction.segments)


def test_retail_850_fields() -> None:
    order, problems = order_of((FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes())
    assert problems == [] and order is not None
    assert (order.purpose, order.order_type, order.po_number) == ("original", "SA", "4500012345")
    assert order.po_date == date(2026, 11, 18) and order.currency == "USD"
    assert order.references == {"DP": "042", "IA": "77123"}
    assert order.dates == {"requested_ship": date(2026, 11, 25), "cancel_after": date(2026, 12, 10)}
    assert order.terms is not None
    assert (order.terms.discount_percent, order.terms.discount_days, order.terms.net_days) == (
        Decimal("2"),
        10,
        30,
    )
    ship_to = order.party("ST")
    assert ship_to is not None and (ship_to.id_qualifier, ship_to.id) == ("92", "6043")
    assert ship_to.city == "COLUMBUS" and ship_to.address == ("1200 DISTRIBUTION WAY",)
    first, second, third = order.lines
    assert (first.quantity, first.unit, first.unit_price) == (Decimal(24), "EA", Decimal("12.50"))
    assert first.identifier(("IN", "BP")) == ("IN", "884411")
    assert first.identifier(("UP", "EN")) == ("UP", "012345678905")
    assert first.description == "BLUE WIDGET 10 CM"
    assert second.unit == "CA" and third.unit_price == Decimal("3.875")
    assert order.declared_total == Decimal("662.75")


def test_identifiers_are_found_by_qualifier_not_position() -> None:
    data = (
        (FIXTURES / "x12" / "valid" / "850_vics_retail.edi")
        .read_bytes()
        .replace(
            b"PO1*1*24*EA*12.50**UP*012345678905*VN*WID-100*IN*884411",
            b"PO1*1*24*EA*12.50**IN*884411*UP*012345678905*VN*WID-100",
        )
    )
    order, _ = order_of(data)
    assert order is not None
    assert order.lines[0].identifier(("UP",)) == ("UP", "012345678905")
    assert order.lines[0].identifier(("VN",)) == ("VN", "WID-100")


def test_ctt_line_count_and_hash_are_checked() -> None:
    data = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()
    _, problems = order_of(data.replace(b"CTT*3*40", b"CTT*4*41"))
    assert sorted(p.code for p in problems) == ["MAP_CTT_HASH", "MAP_CTT_LINES"]
    hash_problem = next(p for p in problems if p.code == "MAP_CTT_HASH")
    assert hash_problem.location.segment_tag == "CTT" and hash_problem.location.element == 2
    assert "40" in hash_problem.message


def test_amt_total_mismatch_is_a_warning() -> None:
    data = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()
    _, problems = order_of(data.replace(b"AMT*1*662.75", b"AMT*1*700.00"))
    (problem,) = problems
    assert problem.code == "MAP_AMT_TOTAL" and not problem.is_error


def test_sdq_store_quantities() -> None:
    data = (
        (FIXTURES / "x12" / "valid" / "850_vics_retail.edi")
        .read_bytes()
        .replace(b"PO4*12*1*EA~\nPO1*2", b"PO4*12*1*EA~\nSDQ*EA*92*0101*12*0102*12~\nPO1*2")
        .replace(b"SE*25*", b"SE*26*")
    )
    order, problems = order_of(data)
    assert problems == [] and order is not None
    assert [(s.store, s.quantity) for s in order.lines[0].stores] == [
        ("0101", Decimal(12)),
        ("0102", Decimal(12)),
    ]


def test_change_and_cancel_purposes() -> None:
    data = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()
    assert order_of(data.replace(b"BEG*00*", b"BEG*01*"))[0].purpose == "cancel"  # type: ignore[union-attr]
    assert order_of(data.replace(b"BEG*00*", b"BEG*04*"))[0].purpose == "change"  # type: ignore[union-attr]
    _, problems = order_of(data.replace(b"BEG*00*", b"BEG*99*"))
    assert [p.code for p in problems] == ["MAP_PURPOSE"]


def test_public_vics_sample_reads_six_lines_that_reconcile() -> None:
    data = shared_path("samples", "x12", "850_4010vics_tilde_lf.edi").read_bytes()
    order, problems = order_of(data)
    assert problems == [] and order is not None
    assert len(order.lines) == 6
    total = sum((line.quantity * (line.unit_price or 0) for line in order.lines), Decimal(0))
    assert total == order.declared_total == Decimal("13045.94")
