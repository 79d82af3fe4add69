"""The acknowledgement the gateway sends back for each public sample, read back and checked.

Each entry lists, per acknowledgement interchange, ``TA1 <TA104> <TA105>`` or ``<997|999>
<functional id acknowledged> <AK901> <AK501 of each set>``. The acks must also validate against
our own 997/999 maps. Inbound acknowledgements get none. Skipped without ../shared.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gateway.x12.ack_reader import InterchangeAck, read_acks
from gateway.x12.acks import acknowledge_all
from gateway.x12.control_numbers import MemoryControlNumbers
from gateway.x12.envelope import read_envelopes
from gateway.x12.outcomes import collect_outcomes
from gateway.x12.report import summarize
from gateway.x12.validator import Validator
from tests.conftest import shared_path

EXPECTED_ACKS: dict[str, list[str]] = {
    "810_4010_crlf_aerospace.edi": ["997 SC A A"],
    "810_4010_pipe_separator.edi": ["997 IN R R"],  # IT103 missing (P020304)
    "810_bom_tab_indented.edi": ["997 IN A A"],
    "810x2_850_3010_two_groups.edi": ["997 IN A AA", "997 PO R R"],  # 003010 not supported
    "820_5010_rmr_adx_newline_term.edi": ["999 RA A A"],
    "820_5010_x218_bpr_ent_rmr.edi": ["999 RA A A"],
    "850_4010_composite_sln.edi": ["997 PO A A"],
    "850_4010_crlf_aerospace.edi": ["997 SC A A"],
    "850_4010_newline_term_ctt_hash.edi": ["997 PO A A"],
    "850_4010vics_newline_term.edi": ["997 PO A A"],
    "850_4010vics_tilde_lf.edi": ["997 PO A A"],
    "850_bom_nbsp_isa_padding.edi": ["TA1 R 024"],  # U+00A0 padding in the ISA
    "850_isa_107_chars.edi": ["997 PO A A"],
    "850_two_interchanges_dup_isa13.edi": ["997 PO A A", "TA1 R 025"],  # second is a duplicate
    "850_two_st_isa16_tilde.edi": ["TA1 R 001"],  # IEA02 reads '000000001~'
    "855_4010_ack_lines.edi": ["997 PR A A"],
    "856_00406_soi_rep_sep.edi": ["997 SH R R"],  # 004060 not supported
    "856_4010_dollar_term_malformed.edi": ["997 SH R R"],
    "856_4010_sopi_sscc_newline_term.edi": ["997 SH A A"],
    "997_4010_newline_term.edi": [],
    "997_5010_partial_ak3_ak4_oneline.edi": [],
    "999_5010_accepted.edi": [],
    "999_5010_partial_ctx_oneline.edi": [],
    "999_5010_rejected_ik3.edi": [],
    "ta1_5010_accepted.edi": [],
}
VALIDATOR = Validator()


@pytest.mark.parametrize("name", sorted(EXPECTED_ACKS))
def test_sample_ack(name: str) -> None:
    data = shared_path("samples", "x12", name).read_bytes()
    outcomes = collect_outcomes(read_envelopes(data), VALIDATOR)
    acks = acknowledge_all(outcomes, MemoryControlNumbers(), datetime(2026, 11, 21, tzinfo=UTC))
    found = []
    for ack in acks:
        for report in summarize(read_envelopes(ack.data), VALIDATOR):
            assert report.valid, [p.message for p in report.all_problems()]
        for read in read_acks(read_envelopes(ack.data)):
            if isinstance(read, InterchangeAck):
                found.append(f"TA1 {read.status} {read.note}")
            else:
                statuses = "".join(s.status for s in read.sets)
                found.append(f"{read.kind} {read.functional_id} {read.status} {statuses}")
    assert found == EXPECTED_ACKS[name]
