"""Every public 850, 856, 810 and 820 sample maps, or is refused with a clear reason.

850s: with our example partner's cross-reference their items are not ours, so each is refused
with MAP_UNKNOWN_ITEM naming the identifiers; with a cross-reference made from their own
identifiers each becomes a place-order command with every line and quantity. 820s: read into a
remittance, or refused when the amounts do not add up. 856s and 810s: validated, then not
processed inbound (we send those; we do not take them in). Skipped without ../shared.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.transactions.map850 import CatalogItem, map_850
from gateway.transactions.mapping import ItemCrossReference, ItemQualifiers, PartnerMapping
from gateway.transactions.ts820 import parse_820
from gateway.transactions.ts850 import parse_850
from gateway.x12.envelope import TransactionSet, read_envelopes
from tests.conftest import shared_path

BIGBOX = PartnerMapping(
    "bigbox", "C-1001", items=(ItemCrossReference("WID-100", "884411", "012345678905", "WID-100"),)
)
CATALOG = {"WID-100": CatalogItem("WID-100", Decimal("12.50"), "EA", frozenset({"EA"}))}

#: sample -> per set: (set, lines, outcome) where outcome is the refusal codes or "place"
EXPECTED: dict[str, list[tuple[str, int, str]]] = {
    "850_4010_composite_sln.edi": [("850", 2, "MAP_UNKNOWN_ITEM")],
    "850_4010_crlf_aerospace.edi": [("850", 1, "MAP_UNKNOWN_ITEM")],
    "850_4010_newline_term_ctt_hash.edi": [("850", 1, "MAP_UNKNOWN_ITEM")],
    "850_4010vics_newline_term.edi": [("850", 6, "MAP_UNKNOWN_ITEM")],
    "850_4010vics_tilde_lf.edi": [("850", 6, "MAP_UNKNOWN_ITEM")],
    "850_bom_nbsp_isa_padding.edi": [("850", 1, "MAP_UNKNOWN_ITEM")],
    "850_isa_107_chars.edi": [("850", 1, "MAP_UNKNOWN_ITEM")],
    "850_two_interchanges_dup_isa13.edi": [("850", 6, "MAP_UNKNOWN_ITEM")] * 2,
    # '~' as ISA16: dates read as '20190309~' and CTT01 as '10~' (see the syntax conformance)
    "850_two_st_isa16_tilde.edi": [
        ("850", 10, "MAP_CTT_LINES MAP_DATE"),
        ("850", 11, "MAP_CTT_LINES MAP_DATE"),
    ],
    "810x2_850_3010_two_groups.edi": [("810", 0, "not processed inbound")] * 2
    + [("850", 4, "MAP_UNKNOWN_ITEM")],
    "820_5010_rmr_adx_newline_term.edi": [("820", 7, "remittance")],
    # BPR02 is 19000 but the RMR04 amounts add up to 16750
    "820_5010_x218_bpr_ent_rmr.edi": [("820", 2, "MAP_BPR_TOTAL")],
    "810_4010_crlf_aerospace.edi": [("810", 0, "not processed inbound")],
    "810_4010_pipe_separator.edi": [("810", 0, "not processed inbound")],
    "810_bom_tab_indented.edi": [("810", 0, "not processed inbound")],
    "856_00406_soi_rep_sep.edi": [("856", 0, "not processed inbound")],
    "856_4010_dollar_term_malformed.edi": [("856", 0, "not processed inbound")],
    "856_4010_sopi_sscc_newline_term.edi": [("856", 0, "not processed inbound")],
}


def own_mapping(
    lines: list[dict[str, str]], units: frozenset[str]
) -> tuple[PartnerMapping, dict[str, CatalogItem]]:
    """A cross-reference that maps every identifier of a line to a SKU named after its first."""
    items, catalog = [], {}
    for identifiers in lines:
        sku = next(iter(identifiers.values()))
        items.extend(ItemCrossReference(sku, vendor_item=v) for v in identifiers.values())
        catalog[sku] = CatalogItem(sku, Decimal(0), "", units)
    qualifiers = ItemQualifiers((), (), tuple(sorted({q for ids in lines for q in ids})))
    return PartnerMapping("sample", "C-0", qualifiers, items=tuple(items)), catalog


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_maps_or_is_refused_clearly(name: str) -> None:
    data = shared_path("samples", "x12", name).read_bytes()
    found = []
    for event in read_envelopes(data):
        if not isinstance(event, TransactionSet):
            continue
        set_id = event.header.set_id
        if set_id == "850":
            order, problems = parse_850(event.segments)
            assert order is not None
            errors = sorted({p.code for p in problems if p.is_error})
            if not errors:
                mapped = map_850(order, BIGBOX, CATALOG, "k")
                errors = sorted({p.code for p in mapped.problems if p.is_error})
                assert all("matches" in p.message for p in mapped.problems)
                units = frozenset(line.unit for line in order.lines)
                mapping, catalog = own_mapping([ln.identifiers for ln in order.lines], units)
                own = map_850(order, mapping, catalog, "k")
                assert own.ok and own.action == "place", own.problems
                (command,) = own.commands
                assert [ln.quantity for ln in command.lines] == [
                    line.quantity for line in order.lines
                ]
            found.append(("850", len(order.lines), " ".join(errors)))
        elif set_id == "820":
            remittance, problems = parse_820(event.segments)
            assert remittance is not None
            codes = " ".join(sorted({p.code for p in problems if p.is_error}))
            found.append(("820", len(remittance.lines), codes or "remittance"))
        else:
            found.append((set_id, 0, "not processed inbound"))
    assert found == EXPECTED[name]
