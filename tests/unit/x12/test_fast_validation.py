"""The fast validator finds exactly what the direct walk with ``check_segment`` finds.

Two guards: compiled element checkers say "clean" exactly when ``check_segment`` finds nothing
(for every segment definition of every map), and the validator's findings equal those of the
reference walk (``reference_walk``, the walk before places and checkers) on every fixture and
sample, on byte-mutated interchanges and on sets with segments dropped, repeated, moved and
altered.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.x12.elements import check_segment
from gateway.x12.envelope import TransactionSet, read_envelopes
from gateway.x12.errors import X12Error
from gateway.x12.fastcheck import Checkers, checker_source
from gateway.x12.maps import MapLibrary
from gateway.x12.problems import Problem
from gateway.x12.specs import (
    CompositeSpec,
    ElementSpec,
    LoopSpec,
    SegmentSpec,
    SetSpec,
    SyntaxRule,
)
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES, SHARED
from tests.unit.x12.helpers import interchange
from tests.unit.x12.reference_walk import SetValidator as ReferenceValidator
from tests.unit.x12.test_fuzz import SEEDS, mutated

LIBRARY = MapLibrary()
VALIDATOR = Validator(LIBRARY)


def _all_specs() -> list[SetSpec]:
    files = sorted({entry.file for entry in LIBRARY.entries()})
    return [LIBRARY.load(file) for file in files]


def _segments(loop: LoopSpec, found: dict[int, SegmentSpec]) -> None:
    for child in loop.children:
        if isinstance(child, LoopSpec):
            _segments(child, found)
        else:
            found[id(child)] = child


SPECS = _all_specs()
SEGMENT_SPECS: list[SegmentSpec] = []
for _spec in SPECS:
    _found: dict[int, SegmentSpec] = {}
    _segments(_spec.root, _found)
    SEGMENT_SPECS.extend(_found.values())
FILES = sorted((FIXTURES / "x12").rglob("*.edi")) + sorted(
    (SHARED / "samples" / "x12").glob("*.edi")
)


# -- compiled checkers ------------------------------------------------------------------------

_CHECKERS: dict[tuple[int, str, str | None], Checkers] = {}


def _checker(spec: SegmentSpec, component: str, repetition: str | None) -> Checkers:
    key = (id(spec), component, repetition)
    if key not in _CHECKERS:
        _CHECKERS[key] = Checkers(spec, component, repetition)
    return _CHECKERS[key]


def _po1() -> SegmentSpec:
    """PO1 of the 004010 850 map."""
    spec = LIBRARY.find("00401", "004010", "PO", "850")
    assert spec is not None
    found: dict[int, SegmentSpec] = {}
    _segments(spec.root, found)
    return next(s for s in found.values() if s.tag == "PO1")


def _sample_value(definition: ElementSpec | CompositeSpec, rng: random.Random, flaws: float) -> str:
    """A value that is mostly valid for ``definition`` and sometimes just off."""
    if isinstance(definition, CompositeSpec):
        return rng.choice(["", "EA", "A>B", "1>2>3"])
    kind, low, high = definition.data_type, definition.min_length, definition.max_length
    off = rng.random() < flaws
    if definition.codes and not off:
        return rng.choice(sorted(definition.codes))
    if kind == "DT":
        good, bad = ["20261118", "261118", "20240229"], ["20260230", "2026111", "2026-11-18"]
    elif kind == "TM":
        good, bad = ["0930", "093015", "09301599"], ["2561", "09", "093O"]
    elif kind == "R":
        good, bad = (
            ["12.50", "-3", "1.", ".5", "1E3", "7"],
            ["1.2.3", "1,5", "12345678901234567890"],
        )
    elif kind[:1] == "N":
        good, bad = ["42", "-7", "0042", "1"], ["4.2", "x1", "1²", "12345678901234567890"]
    else:
        size = rng.randint(low, high) if not off else rng.choice([max(low - 1, 0), high + 1])
        text = "".join(rng.choice("AB9 -.") for _ in range(min(size, 90)))
        if rng.random() < flaws and text:
            spot = rng.randrange(len(text))
            text = text[:spot] + rng.choice(">^*!U:") + text[spot + 1 :]
        return text
    return rng.choice(bad if off else good)


@st.composite
def segment_cases(draw: st.DrawFn) -> tuple[SegmentSpec, list[str], str, str | None]:
    spec = draw(st.sampled_from(SEGMENT_SPECS))
    rng = random.Random(draw(st.integers(0, 2**32)))
    size = max((d.position for d in spec.elements), default=0)
    by_position = {d.position: d for d in spec.elements}
    count = draw(st.integers(0, size + 2))
    flaws = draw(st.sampled_from([0.0, 0.05, 0.3]))
    elements = [spec.tag]
    for position in range(1, count + 1):
        definition = by_position.get(position)
        optional = definition is None or definition.usage != "R"
        empty = optional and rng.random() < 0.5
        elements.append(
            "" if empty or definition is None else _sample_value(definition, rng, flaws)
        )
    component = draw(st.sampled_from([">", ":", "^", "."]))
    repetition = draw(st.sampled_from([None, "^", "U", "!"]))
    return spec, elements, component, repetition


def _uncertain(spec: SegmentSpec, elements: list[str], repetition: str | None) -> bool:
    """True when the checker may say "not sure": a composite or repeated element holds data."""
    composites = {d.position for d in spec.elements if isinstance(d, CompositeSpec)}
    for position, value in enumerate(elements[1:], start=1):
        if value and (position in composites or (repetition and repetition in value)):
            return True
    return False


@settings(max_examples=1500, deadline=None)
@given(segment_cases())
def test_checker_says_clean_exactly_when_check_segment_finds_nothing(
    case: tuple[SegmentSpec, list[str], str, str | None],
) -> None:
    spec, elements, component, repetition = case
    clean = _checker(spec, component, repetition)(elements)
    found = check_segment(spec, elements, component, repetition)
    if clean:
        assert found == []
    elif not _uncertain(spec, elements, repetition):
        assert found != []


def test_checker_passes_each_valid_segment_of_the_samples() -> None:
    checked = 0
    for path in FILES:
        try:
            events = list(read_envelopes(path.read_bytes()))
        except X12Error:
            continue
        for event in events:
            if not isinstance(event, TransactionSet):
                continue
            spec = VALIDATOR.spec_for(event)
            if spec is None:
                continue
            found: dict[int, SegmentSpec] = {}
            _segments(spec.root, found)
            tags = {s.tag: s for s in found.values()}
            delimiters = event.delimiters
            for segment in event.segments:
                definition = tags.get(segment.tag)
                if definition is None:
                    continue
                args = (definition, segment.elements, delimiters.component, delimiters.repetition)
                if check_segment(*args) == [] and not _uncertain(
                    definition, segment.elements, delimiters.repetition
                ):
                    assert _checker(definition, args[2], args[3])(segment.elements)
                    checked += 1
    assert checked > 100


def test_checker_source_writes_the_definition_in() -> None:
    po1 = _po1()
    made = checker_source(po1, ">", None, 8)
    assert made is not None
    source, names = made
    assert "    e0, e1, e2, e3, e4, e5, e6, e7, = e\n" in source
    assert "    if e3 and not (e2):\n" in source  # C0302
    assert "    if (e6 or e7) and not (e6 and e7):\n" in source  # P0607
    assert "e8" not in source  # P0809 and the rest lie past the end: nothing to check
    assert "'>' not in e1 and len(e1) <= 20" in source  # AN: could hold the separator
    assert names["D3"] == next(d for d in po1.elements if d.position == 3)


def test_no_checker_for_lengths_the_definition_never_accepts() -> None:
    po1 = _po1()
    assert checker_source(po1, ">", None, len(po1.elements) + 2) is None  # too many
    st_spec = SPECS[0].root.head  # ST: ST01 and ST02 are required
    assert checker_source(st_spec, ">", None, 2) is None
    checkers = Checkers(st_spec, ">", None)
    assert checkers(["ST", "850"]) is False
    assert check_segment(st_spec, ["ST", "850"], ">", None) != []
    assert checkers(["ST", *["1"] * 40]) is False
    assert sorted(checkers) == [2]  # lengths over the definition's are not kept


@pytest.mark.parametrize(
    ("elements", "clean"),
    [
        (["PO1", "1", "5", "EA", "2.50", "", "UP", "012345678905"], True),
        (["PO1", "1", "5", "EACH", "2.50", "", "UP", "012345678905"], False),  # ID too long
        (["PO1", "1", "", "EA", "2.50"], False),  # C0302: a unit without its quantity
        (["PO1", "1", "5", "EA", "2.5.0"], False),  # not a decimal
        (["PO1", "1>2", "5", "EA"], False),  # a simple element holding components
        (["PO1", "1", "-5", "EA"], True),  # a sign takes check_value's path, still clean
        (["PO1", *["1"] * 30], False),  # too many elements
    ],
)
def test_po1_cases(elements: list[str], clean: bool) -> None:
    po1 = _po1()
    checker = Checkers(po1, ">", None)
    assert checker(elements) is clean
    assert (check_segment(po1, elements, ">", None) == []) is clean


# -- the validator against the reference walk -------------------------------------------------


def _reference(transaction: TransactionSet) -> list[Problem] | None:
    spec = VALIDATOR.spec_for(transaction)
    if spec is None:
        return None
    return ReferenceValidator(spec).validate(
        transaction.segments, transaction.delimiters, transaction.trailer is not None
    )


def _agree(data: bytes) -> int:
    """Compare on every set of ``data``; the number of sets compared."""
    try:
        events = list(read_envelopes(data))
    except X12Error:
        return 0
    compared = 0
    for event in events:
        if isinstance(event, TransactionSet) and event.header.set_id:
            expected = _reference(event)
            if expected is not None:
                assert VALIDATOR(event) == expected
                compared += 1
    return compared


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_findings_as_the_reference_walk(path: Path) -> None:
    _agree(path.read_bytes())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_same_findings_on_mutated_interchanges(data: bytes) -> None:
    _agree(data)


BODIES = [
    seed
    for seed in SEEDS
    if seed.lstrip()[3:4] == b"*" and seed.lstrip()[105:106] == b"~" and b"\nST*" in seed
]


@st.composite
def shuffled_sets(draw: st.DrawFn) -> bytes:
    """An interchange whose set bodies lost, repeated, moved or altered segments."""
    text = draw(st.sampled_from(BODIES)).decode("latin-1")
    parts = text.split("~")
    body = [i for i, p in enumerate(parts) if p.strip()[:2] not in ("IS", "GS", "ST", "SE", "GE")]
    body = [i for i in body if not parts[i].strip().startswith("IEA")]
    for _ in range(draw(st.integers(1, 8))):
        if not body:
            break
        at = draw(st.sampled_from(body))
        kind = draw(st.sampled_from(["drop", "repeat", "move", "alter", "foreign"]))
        if kind == "drop":
            parts[at] = ""
        elif kind == "repeat":
            parts[at] = parts[at] + "~" + parts[at] * draw(st.integers(1, 3))
        elif kind == "move":
            other = draw(st.sampled_from(body))
            parts[at], parts[other] = parts[other], parts[at]
        elif kind == "alter":
            fields = parts[at].split("*")
            spot = draw(st.integers(0, len(fields)))
            value = draw(st.sampled_from(["", "X", "99999999999999999999", "1.5", ">", "20261341"]))
            fields[spot:spot] = [value]
            parts[at] = "*".join(fields)
        else:
            parts[at] = draw(st.sampled_from(["ZZZ*1", "BIG*1", "HL*1**S", "N1*ST*X"])) + (
                "\n" if parts[at].endswith("\n") else ""
            )
    return "~".join(p for p in parts if p != "").encode("latin-1")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shuffled_sets())
def test_same_findings_on_sets_with_segments_out_of_place(data: bytes) -> None:
    _agree(data)


def test_shuffled_set_agrees_and_has_structural_findings() -> None:
    rng = random.Random(3)
    body = [
        "BEG*00*SA*4500000001**20261118",
        "PO1*1*5*EA*2.50**UP*012345678905",
        "PO1*2*5*EA*2.50**UP*012345678905",
        "BEG*00*SA*4500000001**20261118",
        "ZZZ*1",
        "CTT*2",
    ]
    rng.shuffle(body)
    data = interchange(*body)
    assert _agree(data) == 1
    (transaction,) = [e for e in read_envelopes(data) if isinstance(e, TransactionSet)]
    codes = {p.code for p in VALIDATOR(transaction)}
    assert "SYN_SEGMENT_NOT_IN_SET" in codes


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from("PRCLE"),
    st.lists(st.integers(1, 6), min_size=1, max_size=4),
    st.lists(st.sampled_from(["", "X"]), max_size=8),
)
def test_each_syntax_rule_is_judged_as_check_segment_judges_it(
    kind: str, positions: list[int], values: list[str]
) -> None:
    rule = SyntaxRule(kind, tuple(positions))
    spec = SegmentSpec(
        "ZZ1",
        "test",
        "S",
        1,
        tuple(ElementSpec(p, "67", f"e{p}", "S", "AN", 1, 5) for p in range(1, 7)),
        (rule,),
    )
    elements = ["ZZ1", *values[:6]]
    broken = any(f[0] in ("2", "10") for f in check_segment(spec, elements, ">", None))
    assert Checkers(spec, ">", None)(elements) is not broken
