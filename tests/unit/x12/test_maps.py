"""The project's pyx12 map folder (schemas/x12/) works with pyx12's own machinery.

Covers: every map loads with pyx12.map_if.load_map_file; every data element a map
uses is in our dataele.xml and every external code list is in our codes.xml;
maps.xml routes (ISA12, GS01, GS08) the way pyx12.map_index reads it; small valid
fixtures (tests/fixtures/x12/maps/) are accepted by pyx12.x12n_document and
invalid variants of them are rejected with the X12 error codes pyx12 reports;
the public samples in shared/samples/x12 that pyx12's reader can read are run
and their outcome recorded.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

pyx12_map_if = pytest.importorskip("pyx12.map_if")
import pyx12.errors  # noqa: E402
import pyx12.map_index  # noqa: E402
import pyx12.params  # noqa: E402
import pyx12.x12n_document  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
MAP_PATH = ROOT / "schemas" / "x12"
FIXTURES = ROOT / "tests" / "fixtures" / "x12" / "maps"
SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SAMPLES = SHARED / "samples" / "x12"

CONTROL_MAPS = ["x12.control.00401.xml", "x12.control.00501.xml"]


# ------------------------------------------------------------------ helpers


def _map_files() -> list[str]:
    tree = ET.parse(MAP_PATH / "maps.xml")
    names = {m.text for m in tree.iter("map") if m.text}
    return sorted(names)


def _params() -> Any:
    return pyx12.params.params()


@dataclass(frozen=True)
class Outcome:
    """What pyx12 reported for one document."""

    valid: bool
    read: bool  # False when pyx12's reader refused the file before validating
    ack: str  # the 997 pyx12 writes for a 004010 group (empty for FA groups)
    errors: frozenset[tuple[str, str, str]]  # (where, segment or level, X12 error code)


def _validate(src: str | Path) -> Outcome:
    """Run pyx12.x12n_document over a file path or X12 text with our map folder."""
    ack = io.StringIO()
    report = io.StringIO()
    source: str | io.StringIO = str(src) if isinstance(src, Path) else io.StringIO(src)
    valid = pyx12.x12n_document.x12n_document(
        _params(), source, ack, None, None, report, map_path=str(MAP_PATH)
    )
    text = report.getvalue()
    errors = frozenset(_errors(json.loads(text))) if text else frozenset()
    return Outcome(bool(valid), bool(text), ack.getvalue(), errors)


def _errors(doc: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for isa in doc["interchanges"]:
        for e in isa["errors"]:
            yield ("isa", "ISA", e["err_cde"])
        for gs in isa["groups"]:
            for e in gs["errors"]:
                yield ("gs", "GS", e["err_cde"])
            for st in gs["transactions"]:
                for e in st["errors"]:
                    yield ("st", "ST", e["err_cde"])
                for seg in st["segments"]:
                    for e in seg["errors"]:
                        yield ("seg", seg["seg_id"], e["err_cde"])
                    for ele in seg["elements"]:
                        for e in ele["errors"]:
                            yield ("ele", f"{seg['seg_id']}{ele['ele_pos']:02d}", e["err_cde"])


def _segments(text: str) -> list[str]:
    return [s.strip() for s in text.split("~") if s.strip()]


def _mutate(name: str, change: Callable[[list[str]], list[str]]) -> str:
    """Apply change to the segments between ST and SE of a fixture; fix SE01."""
    segs = _segments((FIXTURES / name).read_text(encoding="ascii"))
    st = next(i for i, s in enumerate(segs) if s.startswith("ST*"))
    se = next(i for i, s in enumerate(segs) if s.startswith("SE*"))
    body = change(segs[st + 1 : se])
    se_parts = segs[se].split("*")
    se_parts[1] = str(len(body) + 2)
    out = [*segs[: st + 1], *body, "*".join(se_parts), *segs[se + 1 :]]
    return "~\n".join(out) + "~\n"


def _set_element(seg_id: str, pos: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(body: list[str]) -> list[str]:
        out = list(body)
        i = next(i for i, s in enumerate(out) if s.split("*")[0] == seg_id)
        parts = out[i].split("*")
        parts[pos] = value
        out[i] = "*".join(parts)
        return out

    return change


def _replace(old: str, new: str) -> Callable[[list[str]], list[str]]:
    def change(body: list[str]) -> list[str]:
        assert old in body
        return [new if s == old else s for s in body]

    return change


def _move_after(moved: str, anchor: str) -> Callable[[list[str]], list[str]]:
    def change(body: list[str]) -> list[str]:
        out = [s for s in body if s != moved]
        i = out.index(anchor)
        return [*out[: i + 1], moved, *out[i + 1 :]]

    return change


def _drop_first(body: list[str]) -> list[str]:
    return body[1:]


def _swap_first_two(body: list[str]) -> list[str]:
    return [body[1], body[0], *body[2:]]


# ------------------------------------------------------------------ the folder


def test_generated_files_match_the_tables() -> None:
    # The XML is generated from schemas/x12/tools/*.py; a hand edit or a table
    # change without a rebuild shows up here.
    result = subprocess.run(
        [sys.executable, str(MAP_PATH / "tools" / "build_maps.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_map_folder_holds_what_pyx12_map_path_needs() -> None:
    # map_path replaces pyx12's whole map folder, so all of these must be ours.
    for name in ["maps.xml", "dataele.xml", "codes.xml", *CONTROL_MAPS, *_map_files()]:
        assert (MAP_PATH / name).is_file(), name


SCHEMA_FOR = {"maps.xml": "maps.xsd", "dataele.xml": "dataele.xsd", "codes.xml": "codes.xsd"}


@pytest.mark.parametrize("name", sorted(p.name for p in MAP_PATH.glob("*.xml")))
def test_file_is_valid_against_pyx12s_own_schema(name: str) -> None:
    # The XSDs are read from the installed pyx12 package (map.v2.xsd is the
    # attribute-style map format our generator writes).
    xmlschema = pytest.importorskip("xmlschema")
    xsd = resources.files("pyx12").joinpath("map", SCHEMA_FOR.get(name, "map.v2.xsd"))
    schema = xmlschema.XMLSchema(str(xsd))
    errors = [e.reason for e in schema.iter_errors(str(MAP_PATH / name))]
    assert errors == []


@pytest.mark.parametrize("map_file", _map_files())
def test_map_loads_and_uses_only_our_data_elements_and_code_lists(map_file: str) -> None:
    root = pyx12.map_if.load_map_file(map_file, _params(), str(MAP_PATH))
    seen = 0
    for seg in root.loop_segment_iterator():
        if not isinstance(seg, pyx12.map_if.segment_if):
            continue
        for child in seg.children:
            leaves = child.children if isinstance(child, pyx12.map_if.composite_if) else [child]
            for ele in leaves:
                seen += 1
                # raises EngineError when the element is missing from dataele.xml
                ele_def = root.data_elements.get_by_elem_num(ele.data_ele)
                assert ele_def["data_type"] in {"ID", "AN", "DT", "TM", "R"} | {
                    f"N{i}" for i in range(10)
                }, ele.id
                assert ele_def["min_len"] <= ele_def["max_len"], ele.id
                if ele.external_codes is not None:
                    assert ele.external_codes in root.ext_codes.codes, ele.id
    assert seen > 20


def test_map_index_routes_every_version_alias_and_set() -> None:
    idx = pyx12.map_index.map_index(str(MAP_PATH))
    expected = {
        ("00401", gs08, fic): f"{ts}.4010.xml"
        for gs08 in ("004010", "004010VICS", "004010UCS")
        for fic, ts in (
            ("PO", "850"),
            ("PR", "855"),
            ("SH", "856"),
            ("IN", "810"),
            ("RA", "820"),
            ("FA", "997"),
        )
    }
    expected |= {
        ("00501", "005010", fic): f"{ts}.5010.xml"
        for fic, ts in (("PO", "850"), ("SH", "856"), ("IN", "810"), ("RA", "820"), ("FA", "997"))
    }
    expected[("00501", "005010X231A1", "FA")] = "999.5010.xml"
    for (icvn, vriic, fic), map_file in expected.items():
        assert idx.get_filename(icvn, vriic, fic) == map_file, (icvn, vriic, fic)
    assert idx.get_filename("00401", "", "") == "x12.control.00401.xml"
    assert idx.get_filename("00501", "", "") == "x12.control.00501.xml"
    # The HIPAA premium-payment 820 is not routed to the retail map.
    assert idx.get_filename("00401", "004010X061A1", "RA") is None


@pytest.mark.parametrize(
    ("num", "data_type", "min_len", "max_len"),
    [
        ("92", "ID", 2, 2),  # BEG02 purchase order type
        ("330", "R", 1, 15),  # PO102 quantity ordered
        ("396", "AN", 2, 30),  # BSN02 shipment identification
        ("87", "AN", 1, 48),  # MAN02 marks and numbers (SSCC-18)
        ("88", "ID", 1, 2),  # MAN01 marks and numbers qualifier
        ("382", "R", 1, 10),  # SN102 number of units shipped
        ("76", "AN", 1, 22),  # BIG02 invoice number
        ("610", "N2", 1, 15),  # TDS01 / SAC05 amount with two implied decimals
        ("426", "ID", 2, 2),  # ADX02 adjustment reason
    ],
)
def test_dataele_has_the_retail_elements_pyx12_lacks(
    num: str, data_type: str, min_len: int, max_len: int
) -> None:
    root = pyx12.map_if.load_map_file("850.4010.xml", _params(), str(MAP_PATH))
    ele = root.data_elements.get_by_elem_num(num)
    assert (ele["data_type"], ele["min_len"], ele["max_len"]) == (data_type, min_len, max_len)


@pytest.mark.parametrize("control_map", CONTROL_MAPS)
def test_control_maps_accept_retail_qualifiers_and_versions(control_map: str) -> None:
    root = pyx12.map_if.load_map_file(control_map, _params(), str(MAP_PATH))
    codes = root.ext_codes
    for qualifier in ("01", "08", "12", "14", "ZZ"):
        assert codes.isValid("deI05", qualifier), qualifier
    for fic in ("PO", "PR", "SH", "IN", "RA", "FA"):
        assert codes.isValid("de479", fic), fic
    for gs08 in ("004010", "004010VICS", "004010UCS", "005010"):
        assert codes.isValid("de480", gs08), gs08
    assert not codes.isValid("deI05", "99")
    isa05 = root.getnodebypath("/ISA_LOOP/ISA").get_child_node_by_ordinal(5)
    assert isa05.external_codes == "deI05"


def test_850_structure_follows_the_standard_order() -> None:
    root = pyx12.map_if.load_map_file("850.4010.xml", _params(), str(MAP_PATH))
    header = root.getnodebypath("/ISA_LOOP/GS_LOOP/ST_LOOP/HEADER")
    order = [n.id for pos in sorted(header.pos_map) for n in header.pos_map[pos]]
    assert order[:3] == ["BEG", "CUR", "REF"]
    assert order.index("DTM") < order.index("N9_LOOP") < order.index("N1_LOOP")
    po1 = root.getnodebypath("/ISA_LOOP/GS_LOOP/ST_LOOP/DETAIL/PO1_LOOP")
    assert po1.get_max_repeat() == 100000
    assert po1.getnodebypath("PID_LOOP/MEA") is not None
    n1 = root.getnodebypath("/ISA_LOOP/GS_LOOP/ST_LOOP/HEADER/N1_LOOP")
    assert n1.get_max_repeat() == 200


# ------------------------------------------------------------------ fixtures

VALID = [
    "850_4010_valid.edi",
    "850_4010_rich_valid.edi",
    "820_4010_rich_valid.edi",
    "855_4010_valid.edi",
    "856_4010_valid.edi",
    "810_4010_valid.edi",
    "820_4010_valid.edi",
    "997_4010_valid.edi",
    "850_5010_valid.edi",
    "856_5010_valid.edi",
    "810_5010_valid.edi",
    "820_5010_valid.edi",
    "997_5010_valid.edi",
    "999_5010_valid.edi",
]


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_is_accepted(name: str) -> None:
    outcome = _validate(FIXTURES / name)
    assert outcome.read is True
    assert outcome.errors == frozenset()
    assert outcome.valid is True


def _placements(name: str) -> list[tuple[str, str]]:
    """(segment ID, map path below ST_LOOP) for each segment, via pyx12's callback."""
    placed: list[tuple[str, str]] = []

    def callback(seg: Any, _src: Any, node: Any, _valid: bool) -> None:
        path = node.get_path().removeprefix("/ISA_LOOP/GS_LOOP/ST_LOOP/")
        placed.append((seg.get_seg_id(), path))

    ok = pyx12.x12n_document.x12n_document(
        _params(),
        str(FIXTURES / name),
        io.StringIO(),
        None,
        None,
        map_path=str(MAP_PATH),
        callback=callback,
    )
    assert ok
    return placed


def _where(placed: list[tuple[str, str]], seg_id: str) -> list[str]:
    return [path for sid, path in placed if sid == seg_id]


def test_rich_850_segments_land_in_the_standards_loops() -> None:
    placed = _placements("850_4010_rich_valid.edi")
    # a CUR right after SAC belongs to the SAC loop; the line CUR to the PO1 loop
    assert _where(placed, "CUR") == ["HEADER/SAC_LOOP/CUR", "DETAIL/PO1_LOOP/CUR"]
    assert _where(placed, "MSG") == [
        "HEADER/N9_LOOP/MSG",
        "DETAIL/PO1_LOOP/N9_LOOP/MSG",
    ]
    assert _where(placed, "AMT") == [
        "HEADER/AMT_LOOP/AMT",
        "DETAIL/PO1_LOOP/AMT_LOOP/AMT",
        "SUMMARY/CTT_LOOP/AMT",
    ]
    # MEA under PID belongs to the PID loop, MEA under PKG to the PKG loop
    assert _where(placed, "MEA") == [
        "DETAIL/PO1_LOOP/PID_LOOP/MEA",
        "DETAIL/PO1_LOOP/PKG_LOOP/MEA",
    ]
    assert _where(placed, "SLN") == ["DETAIL/PO1_LOOP/SLN_LOOP/SLN"]
    assert _where(placed, "N1") == ["HEADER/N1_LOOP/N1", "DETAIL/PO1_LOOP/N1_LOOP/N1"]


def test_rich_820_remittance_nests_rmr_it1_and_adx() -> None:
    placed = _placements("820_4010_rich_valid.edi")
    assert _where(placed, "ADX") == [
        "DETAIL/ENT_LOOP/ADX_LOOP/ADX",  # deduction on account, not tied to an invoice
        "DETAIL/ENT_LOOP/RMR_LOOP/ADX_LOOP/ADX",  # adjustment of invoice INV-1001
    ]
    assert _where(placed, "RMR") == ["DETAIL/ENT_LOOP/RMR_LOOP/RMR"] * 2
    assert _where(placed, "SLN") == ["DETAIL/ENT_LOOP/RMR_LOOP/IT1_LOOP/SLN_LOOP/SLN"]
    assert "DETAIL/ENT_LOOP/RMR_LOOP/IT1_LOOP/REF_LOOP/REF" in _where(placed, "REF")


def test_856_levels_share_one_hl_loop() -> None:
    placed = _placements("856_4010_valid.edi")
    assert set(_where(placed, "HL")) == {"DETAIL/HL_LOOP/HL"}
    assert _where(placed, "MAN") == ["DETAIL/HL_LOOP/MAN"] * 2
    assert _where(placed, "N1") == ["DETAIL/HL_LOOP/N1_LOOP/N1"] * 2
    assert _where(placed, "CTT") == ["SUMMARY/CTT"]


@pytest.mark.parametrize("name", [n for n in VALID if "4010" in n and not n.startswith("997")])
def test_pyx12_acknowledges_a_valid_4010_set_with_an_accepting_997(name: str) -> None:
    ack = _segments(_validate(FIXTURES / name).ack)
    assert "AK5*A" in ack
    assert "AK9*A*1*1*1" in ack


@pytest.mark.parametrize(
    ("qualifier", "accepted"),
    [("01", True), ("08", True), ("12", True), ("14", True), ("ZZ", True), ("99", False)],
)
def test_isa07_qualifier_is_checked_against_the_full_i05_list(
    qualifier: str, accepted: bool
) -> None:
    text = (FIXTURES / "850_4010_valid.edi").read_text(encoding="ascii")
    changed = text.replace("*ZZ*O2CGATEWAY", f"*{qualifier}*O2CGATEWAY", 1)
    assert len(changed.split("~")[0]) == 105  # still a 106-character ISA
    # pyx12 counts ISA element errors in its verdict but reports them in neither
    # the 997 nor the JSON tree (they belong in a TA1, which it does not write).
    assert _validate(changed).valid is accepted


def test_ta1_only_interchange_is_accepted_by_our_control_map() -> None:
    # pyx12's packaged control map requires a GS loop; ours lets an interchange
    # carry only a TA1 (placed right after ISA, as the standard has it).
    outcome = _validate(FIXTURES / "ta1_5010_valid.edi")
    assert outcome.errors == frozenset()
    assert outcome.valid is True


def test_an_unmapped_functional_group_aborts_pyx12() -> None:
    text = (FIXTURES / "850_4010_valid.edi").read_text(encoding="ascii")
    with pytest.raises(pyx12.errors.EngineError, match="Map not found"):
        _validate(text.replace("GS*PO*", "GS*QM*", 1))


# Per fixture: the beginning segment, the second segment, a code-listed element
# given a bad value, and an element made one character too long.
# (fixture, first seg, second seg, (seg, pos, bad code), (seg, pos, too-long value))
MUTATIONS = [
    ("850_4010_valid.edi", "BEG", "CUR", ("BEG", 1, "99"), ("BEG", 3, "P" * 23)),
    ("855_4010_valid.edi", "BAK", "REF", ("BAK", 2, "XX"), ("BAK", 3, "P" * 23)),
    ("856_4010_valid.edi", "BSN", "DTM", ("BSN", 1, "99"), ("BSN", 2, "S" * 31)),
    ("810_4010_valid.edi", "BIG", "REF", ("SAC", 1, "Q"), ("BIG", 2, "I" * 23)),
    ("820_4010_valid.edi", "BPR", "TRN", ("BPR", 1, "Q"), ("TRN", 2, "T" * 51)),
    ("997_4010_valid.edi", "AK1", "AK2", ("AK5", 1, "Q"), ("AK2", 2, "1" * 10)),
    ("850_5010_valid.edi", "BEG", "CUR", ("BEG", 1, "99"), ("BEG", 3, "P" * 23)),
    ("856_5010_valid.edi", "BSN", "DTM", ("BSN", 1, "99"), ("MAN", 2, "0" * 49)),
    ("810_5010_valid.edi", "BIG", "REF", ("SAC", 1, "Q"), ("BIG", 2, "I" * 23)),
    ("820_5010_valid.edi", "BPR", "TRN", ("BPR", 3, "X"), ("TRN", 2, "T" * 51)),
    ("997_5010_valid.edi", "AK1", "AK2", ("AK5", 1, "Q"), ("AK2", 2, "1" * 10)),
    ("999_5010_valid.edi", "AK1", "AK2", ("IK5", 1, "Q"), ("AK2", 2, "1" * 10)),
]

# (fixture, label, mutation, an error pyx12 must report). Error codes are X12's:
# segment level 3 = mandatory segment missing, 1 = not found where it stands
# (pyx12's code for a segment out of order); element level 5 = too long,
# 7 = invalid code value.
INVALID: list[tuple[str, str, Callable[[list[str]], list[str]], tuple[str, str, str]]] = []
for _name, _first, _second, (_cs, _cp, _cv), (_ls, _lp, _lv) in MUTATIONS:
    INVALID += [
        (_name, f"missing {_first}", _drop_first, ("seg", _first, "3")),
        (
            _name,
            f"{_cs}{_cp:02d}={_cv}",
            _set_element(_cs, _cp, _cv),
            ("ele", f"{_cs}{_cp:02d}", "7"),
        ),
        (
            _name,
            f"{_ls}{_lp:02d} {len(_lv)} chars",
            _set_element(_ls, _lp, _lv),
            ("ele", f"{_ls}{_lp:02d}", "5"),
        ),
        (_name, f"{_second} before {_first}", _swap_first_two, ("seg", _second, "1")),
    ]
INVALID += [
    ("855_4010_valid.edi", "ACK01=ZZ", _set_element("ACK", 1, "ZZ"), ("ele", "ACK01", "7")),
    # version-specific structure: 005010 850 replaced MSG with MTX
    (
        "850_5010_valid.edi",
        "MSG in a 005010 N9 loop",
        _replace("MTX*GEN*DELIVER TO DOCK 4", "MSG*DELIVER TO DOCK 4"),
        ("seg", "MSG", "1"),
    ),
    (
        "850_4010_valid.edi",
        "MTX in a 004010 N9 loop",
        _replace("MSG*DELIVER TO DOCK 4", "MTX*GEN*DELIVER TO DOCK 4"),
        ("seg", "MTX", "1"),
    ),
    # the summary before the detail: CTT ahead of the PO1 lines
    (
        "850_4010_valid.edi",
        "CTT before PO1",
        _move_after("CTT*2*34", "N1*SU*WIDGET SUPPLY CO*UL*0614141000012"),
        ("seg", "PO1", "1"),
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [pytest.param(n, c, e, id=f"{n}-{label}") for n, label, c, e in INVALID],
)
def test_invalid_variant_is_rejected_with_the_x12_error(
    name: str, change: Callable[[list[str]], list[str]], expected: tuple[str, str, str]
) -> None:
    outcome = _validate(_mutate(name, change))
    assert outcome.valid is False
    assert expected in outcome.errors, sorted(outcome.errors)


def test_pyx12_997_for_a_bad_850_names_the_segment_and_element() -> None:
    outcome = _validate(_mutate("850_4010_valid.edi", _set_element("BEG", 1, "99")))
    ack = _segments(outcome.ack)
    # AK3: BEG is segment 2 of the set (ST is 1), error 8 = has data element errors
    assert "AK3*BEG*2**8" in ack
    # AK4: element 1, data element 353, error 7 = invalid code value, copy of the value
    assert "AK4*1*353*7*99" in ack
    assert "AK5*R*5" in ack


def test_our_5010_maps_leave_the_999_writer_without_st03() -> None:
    # pyx12 writes a 999 for a 005010 group, but its writer needs ST03 (the HIPAA
    # implementation reference) and retail 5010 sets carry none: it logs the
    # failure and writes no 999. Validation itself is unaffected (errors above).
    outcome = _validate(_mutate("850_5010_valid.edi", _set_element("BEG", 1, "99")))
    assert outcome.valid is False
    assert "AK2*" not in outcome.ack


# ------------------------------------------------------------------ public samples


def _sample(name: str) -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    return SAMPLES / name


# Files pyx12's reader can read (ISA12 00401 or 00501, no BOM, 106-character ISA).
# Each entry: expected outcome with our map folder, and why.
SAMPLE_OUTCOMES: dict[str, tuple[bool, tuple[str, str, str] | None, str]] = {
    # Accepted: retail sets that are well formed.
    "850_4010_newline_term_ctt_hash.edi": (True, None, "redacted retail PO, N9/MSG, CTT hash"),
    "855_4010_ack_lines.edi": (True, None, "BAK, PO1 with ACK and SCH lines"),
    "856_4010_sopi_sscc_newline_term.edi": (True, None, "S/O/P/I with MAN*GM SSCC-18"),
    "820_5010_rmr_adx_newline_term.edi": (True, None, "retail 820: BPR, TRN, ENT, RMR, ADX"),
    "999_5010_rejected_ik3.edi": (
        True,
        None,
        "a well-formed 999 (GS08 005010X231) rejecting an 837 with IK3/IK5 R; AK103 echoes "
        "the acknowledged group's version, so no code list applies to it",
    ),
    # Rejected, and rightly: the file breaks the standard.
    "810_4010_pipe_separator.edi": (
        False,
        ("seg", "IT1", "8"),
        "IT102 and IT104 without IT103: the standard's IT1 paired rule P020304 is broken",
    ),
    "850_two_st_isa16_tilde.edi": (
        False,
        ("ele", "BEG05", "6"),
        "ISA16 is '~', so every '~' is read as a component separator and elements turn "
        "into composites; the IEA is swallowed too (file's fault)",
    ),
    "999_5010_accepted.edi": (
        False,
        ("isa", "ISA", "001"),
        "IEA02 differs from ISA13 and GS05 102497 is not a time (file's fault)",
    ),
    "ta1_5010_accepted.edi": (
        False,
        ("isa", "ISA", "021"),
        "TA1-only interchange with IEA01=1 group although it has none (file's fault); "
        "our control map lets GS be absent, so the TA1 itself is accepted",
    ),
}

# Accepted by the reader but routed to no map: pyx12 raises EngineError("Map not
# found") and aborts. These are not retail GS08 values, so that is by design.
SAMPLES_NOT_ROUTED = {
    "810_4010_crlf_aerospace.edi": "GS SC / 004010X348 (aerospace implementation guide)",
    "850_4010_crlf_aerospace.edi": "GS SC / 004010X357 (aerospace implementation guide)",
    "820_5010_x218_bpr_ent_rmr.edi": "GS08 005010X218 (HIPAA premium payment, not retail)",
    "810x2_850_3010_two_groups.edi": "second group is 003010, a version we do not map",
}


@pytest.mark.parametrize("name", sorted(SAMPLE_OUTCOMES))
def test_public_sample_outcome_with_our_maps(name: str) -> None:
    valid, error, _why = SAMPLE_OUTCOMES[name]
    outcome = _validate(_sample(name))
    assert outcome.valid is valid, sorted(outcome.errors)
    if error is not None:
        assert error in outcome.errors, sorted(outcome.errors)
    else:
        assert outcome.errors == frozenset()


@pytest.mark.parametrize("name", sorted(SAMPLES_NOT_ROUTED))
def test_public_sample_without_a_retail_map_is_not_routed(name: str) -> None:
    with pytest.raises(pyx12.errors.EngineError, match="Map not found"):
        _validate(_sample(name))


# Samples pyx12 4.0.0's reader cannot read at all, whatever the maps: the project's
# own tokenizer has to normalise them first (see edi-anchors.md section 1.2).
SAMPLES_UNREADABLE = {
    "810_bom_tab_indented.edi": "UTF-8 BOM (the ASCII reader raises UnicodeDecodeError)",
    "850_bom_nbsp_isa_padding.edi": "UTF-8 BOM and U+00A0 padding in the ISA",
    "997_5010_partial_ak3_ak4_oneline.edi": "UTF-8 BOM",
    "999_5010_partial_ctx_oneline.edi": "UTF-8 BOM",
    "850_4010_composite_sln.edi": "ISA12 00400",
    "850_4010vics_newline_term.edi": "ISA12 00400",
    "850_4010vics_tilde_lf.edi": "ISA12 00400",
    "850_two_interchanges_dup_isa13.edi": "ISA12 00400",
    "856_4010_dollar_term_malformed.edi": "ISA12 00400",
    "856_00406_soi_rep_sep.edi": "ISA12 00406",
    "850_isa_107_chars.edi": "107-character ISA",
    "997_4010_newline_term.edi": "103-character ISA",
}


@pytest.mark.parametrize("name", sorted(SAMPLES_UNREADABLE))
def test_public_sample_pyx12_cannot_read(name: str) -> None:
    try:
        outcome = _validate(_sample(name))
    except UnicodeDecodeError:
        return
    # The reader refused the ISA ("does not look like an X12 data file"): nothing
    # was validated and no error report was written.
    assert outcome.valid is False
    assert outcome.read is False


def test_every_public_sample_is_classified() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    on_disk = {p.name for p in SAMPLES.glob("*.edi")}
    classified = set(SAMPLE_OUTCOMES) | set(SAMPLES_NOT_ROUTED) | set(SAMPLES_UNREADABLE)
    assert on_disk == classified
