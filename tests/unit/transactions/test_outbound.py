"""856, 810 and 855 out: golden files, valid against our own maps, figures checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gateway.transactions.ts810 import render_810
from gateway.transactions.ts850 import parse_850
from gateway.transactions.ts855 import LineAnswer, ack_type, render_855
from gateway.transactions.ts856 import render_856
from gateway.x12.envelope import TransactionSet, read_envelopes
from gateway.x12.report import summarize
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES
from tests.unit.transactions.outbound_cases import INVOICE, MAPPING, NOTICE, envelope

GOLDEN = FIXTURES / "x12" / "golden"
VALIDATOR = Validator()


def po850():  # type: ignore[no-untyped-def]
    data = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    order, _ = parse_850(transaction.segments)
    assert order is not None
    return order


ANSWERS = [
    LineAnswer("1", "IA", Decimal(24), "EA"),
    LineAnswer("2", "IQ", Decimal(4), "CA", ship_date=date(2026, 11, 27)),
    LineAnswer("3", "IR", Decimal(0), "EA"),
]
CASES = {
    "856_sopi_4010.edi": lambda: envelope("856", "SH", render_856(NOTICE, MAPPING, "SOPI"), "4010"),
    "856_soi_5010.edi": lambda: envelope("856", "SH", render_856(NOTICE, MAPPING, "SOI"), "5010"),
    "810_4010.edi": lambda: envelope("810", "IN", render_810(INVOICE, MAPPING), "4010"),
    "810_5010.edi": lambda: envelope("810", "IN", render_810(INVOICE, MAPPING), "5010"),
    "855_4010.edi": lambda: envelope(
        "855", "PR", render_855(po850(), ANSWERS, date(2026, 11, 19)), "4010"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_the_golden_file_and_validates(name: str) -> None:
    data = CASES[name]()
    golden = GOLDEN / name
    assert data == golden.read_bytes(), f"rendering differs from {golden}"
    (report,) = summarize(read_envelopes(data), VALIDATOR)
    assert report.valid, [p.message for p in report.all_problems()]


def segments_of(data: bytes) -> list[list[str]]:
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    return [s.elements for s in transaction.segments]


def test_810_totals_agree_with_the_lines() -> None:
    segments = segments_of(CASES["810_4010.edi"]())
    tds = next(s for s in segments if s[0] == "TDS")
    assert tds[1:] == ["64134", "61400", "62906", "1228"]  # 641.34, 614.00, 629.06, 12.28
    ctt = next(s for s in segments if s[0] == "CTT")
    assert ctt[1:] == ["2", "30"]
    assert ["BIG", "20261120", "INV-000123", "20261118", "4500012345", "", "", "DI"] in segments


def test_credit_memo_says_cr_and_names_the_invoice() -> None:
    from dataclasses import replace

    memo = replace(INVOICE, number="CN-000007", credit_memo=True, original_invoice="INV-000123")
    segments = render_810(memo, MAPPING)
    assert segments[0][7] == "CR"
    assert ["REF", "IV", "INV-000123"] in segments


def test_856_hierarchy_links_and_counts() -> None:
    segments = segments_of(CASES["856_sopi_4010.edi"]())
    hls = [s for s in segments if s[0] == "HL"]
    assert [(h[1], h[2], h[3]) for h in hls] == [
        ("1", "", "S"),
        ("2", "1", "O"),
        ("3", "2", "P"),
        ("4", "3", "I"),
        ("5", "2", "P"),
        ("6", "5", "I"),
    ]
    mans = [s[2] for s in segments if s[0] == "MAN"]
    assert mans == ["006141410000000012", "006141410000000029"]
    assert next(s for s in segments if s[0] == "CTT")[1:] == ["6", "30"]  # 6 HLs, 24 + 6 units


def test_856_soi_has_no_pack_level() -> None:
    segments = segments_of(CASES["856_soi_5010.edi"]())
    assert [s[3] for s in segments if s[0] == "HL"] == ["S", "O", "I", "I"]
    assert not [s for s in segments if s[0] == "MAN"]


def test_855_answers_each_line() -> None:
    segments = segments_of(CASES["855_4010.edi"]())
    assert segments[1][:5] == ["BAK", "00", "AC", "4500012345", "20261118"]
    acks = [s for s in segments if s[0] == "ACK"]
    assert [a[1:4] for a in acks] == [["IA", "24", "EA"], ["IQ", "4", "CA"], ["IR", "0", "EA"]]
    assert ack_type([LineAnswer("1", "IA", Decimal(1), "EA")]) == "AD"
    assert ack_type([LineAnswer("1", "IR", Decimal(0), "EA")]) == "RJ"


def test_golden_folder_has_only_known_files() -> None:
    assert {p.name for p in Path(GOLDEN).glob("*.edi")} == set(CASES)
