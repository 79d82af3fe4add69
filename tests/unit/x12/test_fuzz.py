"""Fuzzing: random bytes and mutated interchanges never raise anything but our own errors."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.x12.envelope import read_envelopes
from gateway.x12.errors import X12Error
from gateway.x12.report import summarize
from tests.conftest import FIXTURES, SHARED

SEEDS = [p.read_bytes() for p in sorted((FIXTURES / "x12").rglob("*.edi")) if p.stat().st_size]
SEEDS += [p.read_bytes() for p in sorted((SHARED / "samples" / "x12").glob("*.edi"))]


def read_all(data: bytes, chunk_size: int | None = None) -> None:
    """Read everything; only X12Error may escape."""
    try:
        source = data if chunk_size is None else io.BytesIO(data)
        reports = summarize(read_envelopes(source, chunk_size))
        for report in reports:
            report.to_dict()
    except X12Error:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    read_all(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_after_an_isa(data: bytes) -> None:
    isa = SEEDS[0][: SEEDS[0].index(b"GS")]
    read_all(isa + data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"~", b"*", b"\n", b"ISA", b"~~", b"\xff", b" "]))
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from([None, 4096, 4099]))
def test_mutated_interchanges(data: bytes, chunk_size: int | None) -> None:
    read_all(data, chunk_size)


def test_superscript_digits_in_numeric_fields_are_findings_not_crashes() -> None:
    """Latin-1 ``²`` (0xB2) and ``³`` (0xB3) are digits to ``str.isdigit`` but not to ``int``:
    put in place of a digit of each numeric ISA field (date, time, version, control number)
    and of the SE count, the interchange is still read and reported."""
    seed = SEEDS[0]
    isa_fields = seed[: seed.index(b"GS")].split(seed[3:4])
    positions = [9, 10, 12, 13]
    for superscript in (b"\xb2", b"\xb3"):
        for n in positions:
            fields = list(isa_fields)
            fields[n] = superscript + fields[n][1:]
            read_all(seed[3:4].join(fields) + seed[seed.index(b"GS") :])
        se = seed.index(b"SE" + seed[3:4])
        read_all(seed[: se + 3] + superscript + seed[se + 4 :])
