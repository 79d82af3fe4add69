"""Every public sample in ../shared/samples/x12 through ``o2c x12 validate``, outcome decided.

Each entry says what the gateway must conclude of the file and why, with the error codes it
must report. Warnings are listed where the file deserves one. Skipped without ../shared.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gateway.cli import main
from tests.conftest import shared_path

# file: (status, error codes, warning codes)
EXPECTED: dict[str, tuple[str, set[str], set[str]]] = {
    "810_4010_crlf_aerospace.edi": ("valid", set(), set()),
    # IT1 lines carry a quantity and a price but no unit (IT103): X12 syntax note P020304.
    "810_4010_pipe_separator.edi": ("invalid", {"SYN_CONDITIONAL_MISSING"}, set()),
    # 81-character ISA (fields not padded): read by counting separators, with a warning.
    "810_bom_tab_indented.edi": ("valid", set(), {"SYN_ISA_LENGTH"}),
    # One interchange, two groups; the 810s (004010) are valid; the 850 of the 003010 group
    # (6-digit GS04, right for its version) has no map: we support 004010 and 005010 (AK5 1).
    "810x2_850_3010_two_groups.edi": ("invalid", {"SYN_SET_NOT_SUPPORTED"}, set()),
    "820_5010_rmr_adx_newline_term.edi": ("valid", set(), set()),
    "820_5010_x218_bpr_ent_rmr.edi": ("valid", set(), set()),
    "850_4010_composite_sln.edi": ("valid", set(), set()),
    "850_4010_crlf_aerospace.edi": ("valid", set(), set()),
    "850_4010_newline_term_ctt_hash.edi": ("valid", set(), set()),
    "850_4010vics_newline_term.edi": ("valid", set(), set()),
    "850_4010vics_tilde_lf.edi": ("valid", set(), set()),
    # ISA padded with U+00A0 (bytes C2 A0), and IEA02 differs from ISA13: TA1 024 and 001.
    "850_bom_nbsp_isa_padding.edi": (
        "invalid",
        {"SYN_INVALID_CHARACTER", "ENV_IEA02_MISMATCH"},
        {"SYN_ISA_LENGTH"},
    ),
    "850_isa_107_chars.edi": ("valid", set(), {"SYN_ISA_LENGTH"}),
    # The second interchange reuses ISA13 000003438 from the same sender: TA1 025.
    "850_two_interchanges_dup_isa13.edi": ("invalid", {"ENV_DUPLICATE_ISA13"}, set()),
    # ISA16 is '~' and lines end in '~' + LF, so by the letter of X12 the terminator is LF and
    # every trailing '~' is a component separator: control numbers read as '0001~' and '1~'.
    # The same trailing '~' makes simple elements hold components (AK4 6 in 004010).
    "850_two_st_isa16_tilde.edi": (
        "invalid",
        {
            "ENV_DUPLICATE_ST02",
            "ENV_GE02_MISMATCH",
            "ENV_IEA02_MISMATCH",
            "SYN_ELEMENT_INVALID_CHARACTER",
        },
        {"SYN_ISA16_TILDE", "SYN_MISSING_TERMINATOR"},
    ),
    "855_4010_ack_lines.edi": ("valid", set(), set()),
    # Envelope fine; version 004060 has no map (we support 004010 and 005010): AK5 1.
    "856_00406_soi_rep_sep.edi": ("invalid", {"SYN_SET_NOT_SUPPORTED"}, set()),
    # '$' terminator; some lines end in '~' + blank line instead, so segments run together
    # and SE01 no longer matches the count; the merged N1 has 13 elements, N105/N106 too long,
    # and the HL that ran into it is lost, so PRF comes out of order.
    "856_4010_dollar_term_malformed.edi": (
        "invalid",
        {
            "ENV_SE01_COUNT",
            "SYN_TOO_MANY_ELEMENTS",
            "SYN_ELEMENT_TOO_LONG",
            "SYN_SEGMENT_OUT_OF_ORDER",
        },
        set(),
    ),
    "856_4010_sopi_sscc_newline_term.edi": ("valid", set(), set()),
    "997_4010_newline_term.edi": ("valid", set(), {"SYN_ISA_LENGTH"}),
    "997_5010_partial_ak3_ak4_oneline.edi": ("valid", set(), set()),
    # GS05 '102497' has 97 seconds, and IEA02 differs from ISA13.
    "999_5010_accepted.edi": ("invalid", {"ENV_GS05", "ENV_IEA02_MISMATCH"}, set()),
    "999_5010_partial_ctx_oneline.edi": ("valid", set(), set()),
    "999_5010_rejected_ik3.edi": ("valid", set(), set()),
    # TA1-only interchange whose IEA01 says 1 group: a common sloppiness, tolerated as a warning.
    "ta1_5010_accepted.edi": ("valid", set(), {"ENV_IEA01_COUNT"}),
}


def test_every_sample_has_an_expected_outcome() -> None:
    folder = shared_path("samples", "x12")
    assert {p.name for p in folder.glob("*.edi")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample(name: str) -> None:
    path = shared_path("samples", "x12", name)
    status, errors, warnings = EXPECTED[name]
    result = CliRunner().invoke(main, ["x12", "validate", "--json", str(path)])
    assert result.exit_code == (0 if status == "valid" else 1), result.output
    (report,) = json.loads(result.output)
    assert report["status"] == status
    found: dict[str, set[str]] = {"error": set(), "warning": set()}

    def collect(problems: list[dict[str, object]]) -> None:
        for p in problems:
            found[str(p["severity"])].add(str(p["code"]))

    for interchange in report["interchanges"]:
        collect(interchange["problems"])
        for group in interchange["groups"]:
            collect(group["problems"])
            for transaction in group["sets"]:
                collect(transaction["problems"])
    assert found["error"] == errors
    assert found["warning"] == warnings
