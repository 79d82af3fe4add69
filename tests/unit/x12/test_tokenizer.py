"""The tokenizer reads what real partners send, reports problems at their position, streams."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.x12.errors import X12ReadError
from gateway.x12.tokenizer import _NOT_X12, Tokenizer, _plainly_x12
from tests.unit.x12.helpers import ISA_4010, interchange


def read(data: bytes, chunk_size: int = 1 << 20) -> tuple[list[list[str]], Tokenizer]:
    tokenizer = Tokenizer(io.BytesIO(data), chunk_size)
    return [s.elements for s in tokenizer], tokenizer


def codes(tokenizer: Tokenizer) -> list[str]:
    return [p.code for p in tokenizer.problems]


def test_reads_segments_with_offsets_indexes_and_lines() -> None:
    data = interchange("BEG*00*SA*PO1**20261121")
    segments = list(Tokenizer(data))
    tags = [s.tag for s in segments]
    assert tags == ["ISA", "GS", "ST", "BEG", "SE", "GE", "IEA"]
    beg = segments[3]
    assert data[beg.offset : beg.offset + 3] == b"BEG"
    assert (beg.index, beg.line) == (3, 4)
    assert beg.get(3) == "PO1" and beg.get(4) == "" and beg.get(9) == ""


def test_byte_order_mark_and_leading_whitespace_are_skipped() -> None:
    data = b"\xef\xbb\xbf \r\n\t" + interchange("BEG*00*SA*PO1**20261121")
    segments, tokenizer = read(data)
    assert segments[0][0] == "ISA" and segments[3][3] == "PO1"
    assert tokenizer.problems == []
    assert Tokenizer(data).__iter__().__next__().offset == 7


def test_tab_indented_segments_are_read() -> None:
    data = interchange("BEG*00*SA*PO1**20261121").replace(b"\nST", b"\n\t\tST")
    segments, tokenizer = read(data)
    assert [s[0] for s in segments][2] == "ST"
    assert tokenizer.problems == []


@pytest.mark.parametrize("end", ["", "\n", "\r\n"])
def test_line_breaks_after_terminator_are_noise(end: str) -> None:
    segments, tokenizer = read(interchange("BEG*00*SA*PO1**20261121", end=end))
    assert [s[0] for s in segments] == ["ISA", "GS", "ST", "BEG", "SE", "GE", "IEA"]
    assert tokenizer.problems == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_break_as_segment_terminator(newline: str) -> None:
    text = interchange("BEG*00*SA*PO1**20261121", end="").decode().replace("~", newline)
    segments, tokenizer = read(text.encode())
    assert tokenizer.delimiters is not None
    assert tokenizer.delimiters.segment == newline[0]
    assert segments[3] == ["BEG", "00", "SA", "PO1", "", "20261121"]
    assert tokenizer.problems == []


@pytest.mark.parametrize(
    ("isa", "length"),
    [
        (ISA_4010.replace("SENDER         ", "SENDER"), 97),
        (ISA_4010.replace("RECEIVER       ", "RECEIVER        "), 107),
    ],
)
def test_delimiters_are_found_by_counting_in_isas_of_wrong_length(isa: str, length: int) -> None:
    segments, tokenizer = read(interchange("BEG*00*SA*PO1**20261121", isa=isa))
    assert tokenizer.scan is not None and tokenizer.scan.length == length
    assert segments[1][0] == "GS"
    assert codes(tokenizer) == ["SYN_ISA_LENGTH"]
    assert str(length) in tokenizer.problems[0].message


@pytest.mark.parametrize(
    ("isa11", "isa12", "expected", "problems"),
    [
        ("U", "00401", None, []),
        ("^", "00401", None, []),
        ("^", "00402", "^", []),
        ("^", "00501", "^", []),
        ("U", "00501", None, ["SYN_ISA11_NOT_SEPARATOR"]),
    ],
)
def test_isa11_is_a_repetition_separator_only_from_00402_and_never_alphanumeric(
    isa11: str, isa12: str, expected: str | None, problems: list[str]
) -> None:
    from gateway.x12.envelope import read_envelopes
    from gateway.x12.report import summarize

    isa = ISA_4010.replace("*U*00401*", f"*{isa11}*{isa12}*")
    data = interchange("BEG*00*SA*PO1**20261121", isa=isa)
    tokenizer = Tokenizer(data)
    list(tokenizer)
    assert tokenizer.delimiters is not None
    assert tokenizer.delimiters.repetition == expected
    found = [p.code for r in summarize(read_envelopes(data)) for p in r.all_problems()]
    if isa11 == "^" and isa12 == "00401":
        assert found == ["ENV_ISA11"]  # before 00402 ISA11 must be U
    else:
        assert found == problems


def test_empty_segment_is_an_error_at_its_position_and_reading_goes_on() -> None:
    data = interchange("BEG*00*SA*PO1**20261121", "REF*DP*042").replace(b"REF", b"~REF")
    segments, tokenizer = read(data)
    assert [s[0] for s in segments][3:6] == ["BEG", "REF", "SE"]
    assert codes(tokenizer) == ["SYN_EMPTY_SEGMENT"]
    problem = tokenizer.problems[0]
    offset = problem.location.offset or 0
    assert problem.location.line == 5 and data[offset : offset + 4] == b"~REF"
    assert str(problem.x12) == "AK3 1"


def test_blank_line_in_a_newline_terminated_file_is_an_empty_segment() -> None:
    text = interchange("BEG*00*SA*PO1**20261121", end="").decode().replace("~", "\n")
    text = text.replace("\nBEG", "\n\nBEG")
    _, tokenizer = read(text.encode())
    assert codes(tokenizer) == ["SYN_EMPTY_SEGMENT"]


def test_characters_outside_the_x12_sets_are_reported_with_their_element() -> None:
    data = interchange("BEG*00*SA*PO1**20261121", "PID*F****CAF\u00c9 AU LAIT").replace(
        "É".encode(), b"\xc9"
    )
    _, tokenizer = read(data)
    assert codes(tokenizer) == ["SYN_INVALID_CHARACTER"]
    problem = tokenizer.problems[0]
    assert problem.location.segment_tag == "PID" and problem.location.element == 5
    assert "U+00C9" in problem.message and str(problem.x12) == "AK4 6"


def test_control_character_delimiters_are_not_reported() -> None:
    isa = ISA_4010.replace("*", "\x1d")
    data = interchange("BEG*00*SA*PO1**20261121", isa=isa, end="")
    data = data.replace(b"*", b"\x1d").replace(b"~", b"\x1c")
    segments, tokenizer = read(data)
    assert segments[3] == ["BEG", "00", "SA", "PO1", "", "20261121"]
    assert tokenizer.problems == []


def test_bad_segment_id_is_reported() -> None:
    _, tokenizer = read(interchange("BEG*00*SA*PO1**20261121", "r3f*DP*042"))
    assert codes(tokenizer) == ["SYN_BAD_SEGMENT_ID"]


def test_several_interchanges_with_different_delimiters() -> None:
    first = interchange("BEG*00*SA*PO1**20261121")
    pipe_isa = ISA_4010.replace("*", "|").replace(">~", ":~")
    second = (
        interchange("BEG|00|SA|PO2||20261121", isa=pipe_isa, end="\n")
        .decode()
        .replace("*", "|")
        .replace("~", "!")
    )
    segments, tokenizer = read(first + second.encode(), chunk_size=4096)
    assert [s[3] for s in segments if s[0] == "BEG"] == ["PO1", "PO2"]
    assert sum(1 for s in segments if s[0] == "ISA") == 2
    assert tokenizer.problems == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n  \n", "empty"),
        (b"UNA:+.? 'UNB+UNOC:3+X+Y'", "not X12"),
        (b"ISA*00*   ", "ends after"),
        (b"ISAA00A", "cannot be a separator"),
    ],
)
def test_unreadable_input_raises_our_error(data: bytes, message: str) -> None:
    with pytest.raises(X12ReadError, match=message):
        list(Tokenizer(data))


def test_segment_missing_its_final_terminator_is_read_with_a_warning() -> None:
    data = interchange("BEG*00*SA*PO1**20261121").rstrip(b"~\n")
    segments, tokenizer = read(data)
    assert segments[-1] == ["IEA", "1", "000000001"]
    assert codes(tokenizer) == ["SYN_MISSING_TERMINATOR"]


@pytest.mark.parametrize("chunk_size", [4096, 4097, 5000, 8191])
def test_chunk_boundaries_do_not_change_the_result(chunk_size: int) -> None:
    lines = [f"PO1*{n}*{n}*EA*1.25**VN*SKU{n:05d}" for n in range(1, 800)]
    data = interchange("BEG*00*SA*PO1**20261121", *lines, end="\r\n")
    whole = [(s.elements, s.offset, s.line) for s in Tokenizer(data)]
    chunked = [(s.elements, s.offset, s.line) for s in Tokenizer(io.BytesIO(data), chunk_size)]
    assert chunked == whole


def _peak_bytes(data: bytes) -> int:
    tracemalloc.start()
    for _ in Tokenizer(io.BytesIO(data), 1 << 16):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_stays_flat_as_files_grow() -> None:
    line = "PO1*1*10*EA*1.25**UP*012345678905*VN*WIDGET-100"
    small = interchange(*([line] * 5_000))
    large = interchange(*([line] * 50_000))
    assert len(large) > 9 * len(small)
    assert _peak_bytes(large) < 2 * _peak_bytes(small) + 200_000


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=60))
def test_quick_character_test_passes_only_clean_text(text: str) -> None:
    """``_plainly_x12`` never lets a character through that the full scan would report."""
    if _plainly_x12(text):
        assert _NOT_X12.search(text) is None
    else:
        assert _NOT_X12.search(text) is not None or any(c in text for c in "\t\x0b\x0c")


@pytest.mark.parametrize("stray", ["\x7f", "\x00", "\x1b", "\xe9", "\x85"])
def test_stray_character_in_a_line_broken_file_is_reported(stray: str) -> None:
    data = interchange(f"BEG*00*SA*PO{stray}1**20261121", "REF*DP*1")  # "~\n" after each
    _, tokenizer = read(data)
    assert codes(tokenizer) == ["SYN_INVALID_CHARACTER"]
