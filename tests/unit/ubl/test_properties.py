"""Properties over generated documents: always valid, stable under read/render, totals add up."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from gateway.ubl.amounts import compute_totals, line_net
from gateway.ubl.builder import build, render
from gateway.ubl.model import Document
from gateway.ubl.reader import read
from gateway.ubl.validate import validate_root
from tests.unit.ubl.strategies import documents

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_every_generated_document_passes_xsd_and_rules(doc: Document) -> None:
    report = validate_root(build(doc))
    assert report.problems == ()


@SETTINGS
@given(documents())
def test_render_read_render_is_stable(doc: Document) -> None:
    xml = render(doc)
    result = read(xml)
    assert result.document is not None
    assert render(result.document) == xml


@SETTINGS
@given(documents())
def test_totals_are_built_from_rounded_lines(doc: Document) -> None:
    totals = compute_totals(doc)
    assert all(n == n.quantize(Decimal("0.01")) for n in totals.line_nets)
    assert totals.line_extension == sum((line_net(ln) for ln in doc.lines), Decimal(0))
    assert sum((g.taxable for g in totals.groups), Decimal(0)) == totals.tax_exclusive
    assert totals.tax_inclusive == totals.tax_exclusive + totals.tax_total
    assert totals.payable == totals.tax_inclusive - (totals.prepaid or 0)
