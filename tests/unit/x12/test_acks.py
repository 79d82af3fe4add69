"""Acknowledgements: exactly what X12 prescribes, and they validate against our own maps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.x12.ack_reader import GroupAck, InterchangeAck, read_acks
from gateway.x12.acks import acknowledge, acknowledge_all
from gateway.x12.control_numbers import MemoryControlNumbers
from gateway.x12.envelope import read_envelopes
from gateway.x12.outcomes import InterchangeOutcome, collect_outcomes
from gateway.x12.report import summarize
from gateway.x12.tokenizer import Tokenizer
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES, SHARED

NOW = datetime(2026, 11, 21, 16, 5, tzinfo=UTC)
VALIDATOR = Validator()
PROBLEMS = FIXTURES / "x12" / "problems"
VALID = FIXTURES / "x12" / "valid"


def outcomes(path: Path) -> list[InterchangeOutcome]:
    return list(collect_outcomes(read_envelopes(path.read_bytes()), VALIDATOR))


def ack_segments(path: Path, numbers: MemoryControlNumbers | None = None) -> list[list[str]]:
    (result,) = acknowledge_all(outcomes(path), numbers or MemoryControlNumbers(), NOW)
    return [s.elements for s in Tokenizer(result.data)]


def test_accepted_850_gets_ta1_after_the_isa_then_a_997() -> None:
    segments = ack_segments(VALID / "850_vics_retail.edi")
    tags = [s[0] for s in segments]
    assert tags == ["ISA", "TA1", "GS", "ST", "AK1", "AK2", "AK5", "AK9", "SE", "GE", "IEA"]
    isa = segments[0]
    # sender and receiver swapped, our own ISA13, ISA14 0, usage kept
    assert (isa[5], isa[6].strip(), isa[7], isa[8].strip()) == (
        "ZZ",
        "O2CSUPPLIER",
        "08",
        "9254110060",
    )
    assert (isa[9], isa[10], isa[13], isa[14], isa[15]) == ("261121", "1605", "000000001", "0", "P")
    assert segments[1] == ["TA1", "000000812", "261118", "0930", "A", "000"]
    gs = segments[2]
    assert gs[1:4] == ["FA", "O2CSUPPLIER", "9254110060"] and gs[8] == "004010VICS"
    assert segments[4] == ["AK1", "PO", "812"]
    assert segments[5:8] == [["AK2", "850", "0001"], ["AK5", "A"], ["AK9", "A", "1", "1", "1"]]
    assert segments[-1] == ["IEA", "1", "000000001"]


def test_control_numbers_advance_and_are_never_reused() -> None:
    numbers = MemoryControlNumbers()
    first = ack_segments(VALID / "850_vics_retail.edi", numbers)
    second = ack_segments(VALID / "850_vics_retail.edi", numbers)
    assert (first[0][13], second[0][13]) == ("000000001", "000000002")
    assert (first[2][6], second[2][6]) == ("1", "2")
    assert (first[3][2], second[3][2]) == ("0001", "0002")


def test_997_names_the_segment_and_element_in_error() -> None:
    segments = ack_segments(PROBLEMS / "SYN_INVALID_CODE.edi")
    assert ["AK3", "BEG", "2", "", "8"] in segments
    assert ["AK4", "1", "353", "7", "99"] in segments
    assert ["AK5", "R", "5"] in segments
    assert ["AK9", "R", "1", "1", "0"] in segments


def test_997_reports_a_missing_mandatory_segment_where_it_was_expected() -> None:
    segments = ack_segments(PROBLEMS / "SYN_SEGMENT_MISSING.edi")
    assert ["AK3", "BEG", "2", "", "3"] in segments


def test_partially_accepted_group() -> None:
    segments = ack_segments(PROBLEMS / "ENV_DUPLICATE_ST02.edi")
    assert ["AK5", "A"] in segments
    assert ["AK5", "R", "23", "5"] in segments
    assert ["AK9", "P", "2", "2", "1"] in segments


def test_group_errors_go_to_ak9() -> None:
    segments = ack_segments(PROBLEMS / "ENV_GE01_COUNT.edi")
    assert ["AK9", "R", "2", "1", "1", "5"] in segments


def test_5010_group_gets_a_999_with_ik3_ik4() -> None:
    segments = ack_segments(PROBLEMS / "SYN_TOO_MANY_COMPONENTS.edi")
    gs = next(s for s in segments if s[0] == "GS")
    st = next(s for s in segments if s[0] == "ST")
    assert gs[8] == "005010X231A1" and st == ["ST", "999", "0001", "005010X231A1"]
    assert ["AK1", "PO", "812", "005010"] in segments
    assert ["IK3", "REF", "4", "", "8"] in segments
    ik4 = next(s for s in segments if s[0] == "IK4")
    assert ik4[1:4] == ["2", "127", "13"]
    assert ["IK5", "R", "5"] in segments


@pytest.mark.parametrize(
    ("fixture", "note"),
    [
        ("ENV_IEA02_MISMATCH", "001"),
        ("ENV_IEA01_COUNT", "021"),
        ("ENV_IEA_MISSING", "023"),
        ("ENV_ISA15", "020"),
        ("ENV_ISA13", "018"),
        ("ENV_DUPLICATE_ISA13", "025"),
    ],
)
def test_broken_interchange_envelope_gets_a_rejecting_ta1_only(fixture: str, note: str) -> None:
    acks = acknowledge_all(outcomes(PROBLEMS / f"{fixture}.edi"), MemoryControlNumbers(), NOW)
    rejected = [a for a in acks if "997" not in a.kinds]
    assert rejected, [a.kinds for a in acks]
    segments = [s.elements for s in Tokenizer(rejected[-1].data)]
    assert [s[0] for s in segments] == ["ISA", "TA1", "IEA"]
    assert segments[1][4:] == ["R", note]
    assert segments[2][1] == "0"


def test_ta1_sent_on_a_broken_envelope_even_when_not_requested() -> None:
    data = (
        (VALID / "810_invoice_newline.edi")
        .read_bytes()
        .replace(b"IEA*1*000000044", b"IEA*1*000000045")
    )
    assert b"*0*P*>" in data[:110]  # ISA14 = 0: no TA1 asked for
    (result,) = acknowledge_all(
        collect_outcomes(read_envelopes(data), VALIDATOR), MemoryControlNumbers(), NOW
    )
    assert result.kinds == ("TA1",)


def test_no_ta1_when_not_requested_and_envelope_fine() -> None:
    segments = ack_segments(VALID / "810_invoice_newline.edi")
    assert "TA1" not in [s[0] for s in segments]


def test_ack_uses_the_partners_delimiters() -> None:
    acks = acknowledge_all(
        outcomes(VALID / "856_two_interchanges_pipe.edi"), MemoryControlNumbers(), NOW
    )
    assert acks[0].data.startswith(b"ISA|") and acks[1].data.startswith(b"ISA*")


@pytest.mark.parametrize(
    "path",
    [
        VALID / "997_4010_accepting.edi",
        SHARED / "samples" / "x12" / "999_5010_rejected_ik3.edi",
        SHARED / "samples" / "x12" / "ta1_5010_accepted.edi",
    ],
    ids=lambda p: p.name,
)
def test_acknowledgements_are_never_acknowledged(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")
    assert acknowledge_all(outcomes(path), MemoryControlNumbers(), NOW) == []


def test_no_ack_when_nobody_can_be_addressed() -> None:
    (outcome,) = outcomes(PROBLEMS / "ENV_ISA06.edi")
    assert acknowledge(outcome, MemoryControlNumbers(), NOW) is None


#: Acks that echo malformed control numbers or set IDs as the partner sent them (AK102,
#: AK201, AK202 must copy the received value), so they cannot pass our own 997 map.
ECHO_MALFORMED = {"ENV_GS06.edi", "ENV_ST01.edi", "ENV_ST02.edi"}
ROUND_TRIP = [
    p
    for p in sorted((FIXTURES / "x12").glob("*/*.edi"))
    if p.parent.name != "unreadable" and p.name not in ECHO_MALFORMED
]


@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_our_acks_validate_against_our_maps_and_read_back(path: Path) -> None:
    found = outcomes(path)
    for result in acknowledge_all(found, MemoryControlNumbers(), NOW):
        for report in summarize(read_envelopes(result.data), VALIDATOR):
            assert report.valid, [p.message for p in report.all_problems()]
        read = list(read_acks(read_envelopes(result.data)))
        outcome = next(
            o for o in found if o.header.control_number == result.acknowledged_interchange
        )
        groups = [a for a in read if isinstance(a, GroupAck)]
        acked = [g for g in outcome.groups if g.header.control_number in result.acknowledged_groups]
        assert [g.status for g in groups] == [g.status for g in acked]
        for group_ack, group in zip(groups, acked, strict=True):
            assert [s.accepted for s in group_ack.sets] == [s.accepted for s in group.sets]
        ta1 = [a for a in read if isinstance(a, InterchangeAck)]
        assert len(ta1) == ("TA1" in result.kinds)
