"""Every problem code (syntax, envelope, map) has a fixture that produces it, with its X12 code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.cli.x12 import validate_file
from gateway.x12.envelope import GroupEnd, InterchangeEnd, TransactionSet, read_envelopes
from gateway.x12.report import summarize
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES, REPO
from tests.unit.x12.helpers import interchange

PROBLEMS = FIXTURES / "x12" / "problems"
VALID = FIXTURES / "x12" / "valid"
UNREADABLE = FIXTURES / "x12" / "unreadable"

#: The X12 code each problem maps to in an acknowledgement (None: reported, not acknowledged).
EXPECTED_X12 = {
    "SYN_ISA_LENGTH": None,
    "SYN_INVALID_CHARACTER": "AK4 6",
    "SYN_ISA16_TILDE": None,
    "SYN_MISSING_TERMINATOR": None,
    "SYN_EMPTY_SEGMENT": "AK3 1",
    "SYN_BAD_SEGMENT_ID": "AK3 1",
    "SYN_ISA11_NOT_SEPARATOR": None,
    "ENV_ISA16_MISSING": "TA1 027",
    "ENV_ISA16_INVALID": "TA1 027",
    "ENV_DELIMITER_CLASH": "TA1 027",
    "ENV_DATA_OUTSIDE_INTERCHANGE": "TA1 024",
    "ENV_ISA01": "TA1 010",
    "ENV_ISA03": "TA1 012",
    "ENV_ISA05": "TA1 005",
    "ENV_ISA06": "TA1 006",
    "ENV_ISA07": "TA1 007",
    "ENV_ISA08": "TA1 008",
    "ENV_ISA09": "TA1 014",
    "ENV_ISA10": "TA1 015",
    "ENV_ISA11": "TA1 016",
    "ENV_ISA12": "TA1 017",
    "ENV_ISA13": "TA1 018",
    "ENV_ISA14": "TA1 019",
    "ENV_ISA15": "TA1 020",
    "ENV_GS01": "TA1 024",
    "ENV_GS02": "TA1 024",
    "ENV_GS03": "TA1 024",
    "ENV_GS04": "TA1 024",
    "ENV_GS05": "TA1 024",
    "ENV_GS06": "AK9 6",
    "ENV_GS07": "TA1 024",
    "ENV_GS08": "AK9 2",
    "ENV_ST01": "AK5 6",
    "ENV_ST02": "AK5 7",
    "ENV_SEGMENT_OUTSIDE_SET": "TA1 024",
    "ENV_DUPLICATE_ISA13": "TA1 025",
    "ENV_IEA_MISSING": "TA1 023",
    "ENV_IEA02_MISMATCH": "TA1 001",
    "ENV_IEA01_COUNT": "TA1 021",
    "ENV_DUPLICATE_GS06": "AK9 6",
    "ENV_GE_MISSING": "AK9 3",
    "ENV_GE02_MISMATCH": "AK9 4",
    "ENV_GE01_COUNT": "AK9 5",
    "ENV_SET_OUTSIDE_GROUP": "TA1 024",
    "ENV_DUPLICATE_ST02": "AK5 23",
    "ENV_SE_MISSING": "AK5 2",
    "ENV_SE02_MISMATCH": "AK5 3",
    "ENV_SE01_COUNT": "AK5 4",
    "SYN_SEGMENT_MISSING": "AK3 3",
    "SYN_SEGMENT_NOT_IN_SET": "AK3 6",
    "SYN_SEGMENT_OUT_OF_ORDER": "AK3 7",
    "SYN_SEGMENT_UNEXPECTED": "AK3 2",
    "SYN_LOOP_OVER_MAXIMUM": "AK3 4",
    "SYN_SEGMENT_OVER_MAXIMUM": "AK3 5",
    "SYN_ELEMENT_MISSING": "AK4 1",
    "SYN_CONDITIONAL_MISSING": "AK4 2",
    "SYN_TOO_MANY_ELEMENTS": "AK4 3",
    "SYN_ELEMENT_TOO_SHORT": "AK4 4",
    "SYN_ELEMENT_TOO_LONG": "AK4 5",
    "SYN_ELEMENT_INVALID_CHARACTER": "AK4 6",
    "SYN_INVALID_CODE": "AK4 7",
    "SYN_INVALID_DATE": "AK4 8",
    "SYN_INVALID_TIME": "AK4 9",
    "SYN_EXCLUSION_VIOLATED": "AK4 10",
    "SYN_TOO_MANY_REPETITIONS": "AK4 12",
    "SYN_TOO_MANY_COMPONENTS": "AK4 13",
    "SYN_SET_NOT_SUPPORTED": "AK5 1",
}
VALIDATOR = Validator()
WARNINGS = {
    "SYN_ISA_LENGTH",
    "SYN_ISA16_TILDE",
    "SYN_MISSING_TERMINATOR",
    "SYN_ISA11_NOT_SEPARATOR",
}


def codes_in_source() -> set[str]:
    """Every problem code literal in gateway/x12 (a code the library can emit)."""
    found: set[str] = set()
    for path in (REPO / "gateway" / "x12").glob("*.py"):
        found.update(re.findall(r'"((?:SYN|ENV)_[A-Z0-9_]+)"', path.read_text()))
    return {c for c in found if not c.endswith("_")}


def test_every_emitted_code_has_a_fixture_and_an_expected_x12_code() -> None:
    emitted = codes_in_source() | {
        f"ENV_GS0{n}" for n in (2, 3)
    }  # GS02/GS03 codes are built from the element number
    fixtures = {p.stem for p in PROBLEMS.glob("*.edi")}
    assert emitted - fixtures == set()
    assert fixtures == set(EXPECTED_X12)


@pytest.mark.parametrize("code", sorted(EXPECTED_X12))
def test_fixture_produces_its_code(code: str) -> None:
    result = validate_file(str(PROBLEMS / f"{code}.edi"), VALIDATOR)
    problems = [p for r in result.reports for p in r.all_problems() if p.code == code]
    assert problems, f"{code}.edi did not produce {code}"
    problem = problems[0]
    actual = str(problem.x12) if problem.x12 else None
    assert actual == EXPECTED_X12[code]
    assert problem.message and problem.location.describe() != "unknown position"
    if code in WARNINGS:
        assert not problem.is_error
    else:
        assert problem.is_error and result.status == "invalid"


@pytest.mark.parametrize("path", sorted(VALID.glob("*.edi")), ids=lambda p: p.name)
def test_valid_fixtures_are_valid(path: Path) -> None:
    result = validate_file(str(path), VALIDATOR)
    assert result.status == "valid", [p.message for r in result.reports for p in r.all_problems()]


@pytest.mark.parametrize("path", sorted(UNREADABLE.glob("*.edi")), ids=lambda p: p.name)
def test_unreadable_fixtures_are_unreadable(path: Path) -> None:
    assert validate_file(str(path)).status == "unreadable"


def test_one_bad_set_does_not_hold_back_the_others() -> None:
    good = interchange("BEG*00*SA*PO1**20261121").decode()
    two = good.replace(
        "GE*1*1~",
        "ST*850*0002~\nBEG*00*SA*PO2**20261121~\nSE*9*0002~\nGE*2*1~",
    )
    events = list(read_envelopes(two.encode()))
    sets = [e for e in events if isinstance(e, TransactionSet)]
    assert [s.ok for s in sets] == [True, False]
    assert [p.code for p in sets[1].problems] == ["ENV_SE01_COUNT"]
    group = next(e for e in events if isinstance(e, GroupEnd))
    assert group.set_count == 2 and group.problems == []
    (report,) = summarize(events)
    assert report.groups[0].status == "partially accepted"


def test_problem_in_a_set_carries_its_position_in_the_set() -> None:
    data = interchange("BEG*00*SA*PO1**20261121", "REF*DP*042").replace(b"REF", b"~REF")
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    (problem,) = transaction.problems
    assert problem.code == "SYN_EMPTY_SEGMENT" and problem.location.set_position == 3


def test_ta1_only_interchange_with_iea01_of_one_is_tolerated() -> None:
    data = (
        b"ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261121*1200*^*"
        b"00501*000000002*0*P*:~TA1*000000050*261120*1200*A*000~IEA*1*000000002~"
    )
    events = list(read_envelopes(data))
    end = next(e for e in events if isinstance(e, InterchangeEnd))
    assert [s.get(4) for s in end.ta1] == ["A"]
    (problem,) = end.problems
    assert problem.code == "ENV_IEA01_COUNT" and not problem.is_error


def test_segments_of_a_set_are_all_kept_in_order() -> None:
    data = interchange("BEG*00*SA*PO1**20261121", "REF*DP*042", "PO1*1*2*EA*3.5")
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    assert [s.tag for s in transaction.segments] == ["ST", "BEG", "REF", "PO1", "SE"]
    assert transaction.position_of(transaction.segments[3]) == 4
    assert transaction.group is not None and transaction.group.functional_id == "PO"
