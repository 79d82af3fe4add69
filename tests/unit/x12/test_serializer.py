"""The serializer writes byte-exact X12; serialize(parse(x)) == x for any delimiter set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.x12.delimiters import Delimiters
from gateway.x12.envelope import read_envelopes
from gateway.x12.errors import X12WriteError
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.report import summarize
from gateway.x12.serializer import (
    GroupBody,
    Layout,
    SetBody,
    format_segment,
    write_interchange,
    write_segments,
)
from gateway.x12.tokenizer import Tokenizer

ISA = InterchangeHeader(
    "00",
    "",
    "00",
    "",
    "ZZ",
    "SENDER",
    "08",
    "9254110060",
    "261121",
    "1200",
    "U",
    "00501",
    "42",
    "0",
    "T",
    ">",
)
GS = GroupHeader("PO", "SENDER", "9254110060", "20261121", "1200", "42", "X", "005010")


def test_interchange_is_padded_counted_and_valid() -> None:
    body = SetBody("850", "0001", [["BEG", "00", "SA", "PO-1", "", "20261121"]])
    data = write_interchange(ISA, [GroupBody(GS, [body])], Layout(Delimiters(), "\n"))
    lines = data.decode().splitlines()
    assert len(lines[0]) == 106
    assert lines[0].endswith("*^*00501*000000042*0*T*>~")
    assert lines[-3:] == ["SE*3*0001~", "GE*1*42~", "IEA*1*000000042~"]
    (report,) = summarize(read_envelopes(data))
    assert report.valid


def test_isa11_is_u_before_00402() -> None:
    old = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        "ZZ",
        "S",
        "ZZ",
        "R",
        "261121",
        "1200",
        "",
        "00401",
        "1",
        "0",
        "P",
        "",
    )
    data = write_interchange(old, [], Layout(Delimiters("*", ">", "^", "~")))
    assert b"*U*00401*" in data


def test_composites_are_joined_with_the_component_separator() -> None:
    layout = Layout(Delimiters("*", ":", "^", "~"))
    assert format_segment(["SLN", "1", "", "I", "1", ("EA", "12")], layout) == "SLN*1**I*1*EA:12~"


def test_trailing_empty_elements_are_dropped() -> None:
    assert format_segment(["REF", "DP", "042", "", ""], Layout()) == "REF*DP*042~"


@pytest.mark.parametrize("value", ["A*B", "A~B", "A>B", "A^B"])
def test_a_value_holding_a_delimiter_is_refused(value: str) -> None:
    with pytest.raises(X12WriteError, match="contains the delimiter"):
        format_segment(["N1", "ST", value], Layout())


def test_isa_value_too_long_is_refused() -> None:
    long = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        "ZZ",
        "X" * 16,
        "ZZ",
        "R",
        "261121",
        "1200",
        "",
        "00501",
        "1",
        "0",
        "P",
        "",
    )
    with pytest.raises(X12WriteError, match="ISA06"):
        write_interchange(long, [], Layout())


def test_line_ending_after_a_newline_terminator_is_refused() -> None:
    with pytest.raises(X12WriteError):
        Layout(Delimiters("*", ">", "^", "\n"), "\n")


# -- round trip ------------------------------------------------------------------------------

SEPARATORS = "*|^:>~!`{}\x1c\x1d\x1e\x1f"
TEXT = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/", max_size=12)


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    chars = draw(st.permutations(list(SEPARATORS)))
    element, component, repetition = chars[0], chars[1], chars[2]
    segment = draw(st.sampled_from([chars[3], "\n", "\r"]))
    ending = "" if segment in "\r\n" else draw(st.sampled_from(["", "\n", "\r\n"]))
    return Layout(Delimiters(element, component, repetition, segment), ending)


@st.composite
def interchanges(draw: st.DrawFn) -> tuple[bytes, Layout]:
    layout = draw(layouts())
    names = st.sampled_from(["BEG", "REF", "N1", "PO1", "PID", "DTM", "N3"])
    sets = []
    for n in range(draw(st.integers(1, 3))):
        body = [
            [draw(names), *draw(st.lists(TEXT.filter(lambda t: t.strip() == t), max_size=6))]
            for _ in range(draw(st.integers(0, 8)))
        ]
        body = [[s[0], *s[1:]] if s[1:] and s[-1] else [s[0], "X"] for s in body]
        sets.append(SetBody("850", f"{n + 1:04d}", body))
    return write_interchange(ISA, [GroupBody(GS, sets)], layout), layout


@settings(max_examples=200, deadline=None)
@given(interchanges())
def test_serialize_of_parse_is_identity(case: tuple[bytes, Layout]) -> None:
    data, layout = case
    tokenizer = Tokenizer(data)
    segments = [s.elements for s in tokenizer]
    assert tokenizer.delimiters is not None
    assert tokenizer.delimiters == layout.delimiters
    assert write_segments(segments, layout) == data
    (report,) = summarize(read_envelopes(data))
    assert report.valid, [p.message for p in report.all_problems()]
