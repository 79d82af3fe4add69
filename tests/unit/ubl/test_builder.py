"""The builder: every case passes the UBL 2.1 XSD and our EN 16931 and Peppol rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal as D

import pytest
from lxml import etree

from gateway.ubl.builder import build, fmt_number, render
from gateway.ubl.errors import BuildError
from gateway.ubl.example import STANDARD_25, example_invoice
from gateway.ubl.model import AllowanceCharge, Document
from gateway.ubl.ns import CAC, CBC
from gateway.ubl.schema import xsd_problems
from gateway.ubl.validate import validate_root
from tests.unit.ubl.cases import ALL_CASES, line, partial_credit_note

NS = {"cac": CAC, "cbc": CBC}


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_generated_document_passes_xsd_and_rules(name: str) -> None:
    factory: Callable[[], Document] = ALL_CASES[name]
    report = validate_root(build(factory()))
    assert report.problems == ()
    assert report.valid


@pytest.mark.slow  # loads xmlschema (about 2 s) for the precise report
def test_xsd_checks_element_order() -> None:
    root = build(example_invoice())
    issue = root.find(f"{{{CBC}}}IssueDate")
    due = root.find(f"{{{CBC}}}DueDate")
    assert issue is not None and due is not None
    assert xsd_problems(root) == []
    issue.addprevious(due)  # moves DueDate before IssueDate: every element present, wrong order
    problems = xsd_problems(root)
    assert problems and problems[0].rule_id == "XSD"
    assert "DueDate" in problems[0].message
    assert problems[0].path.startswith("/")


def test_no_empty_elements_and_one_currency() -> None:
    root = build(example_invoice())
    for element in root.iter():
        assert len(element) or (element.text or "").strip(), element.tag
    currencies = {e.get("currencyID") for e in root.iter() if e.get("currencyID")}
    assert currencies == {"EUR"}


def test_credit_note_shape() -> None:
    root = build(partial_credit_note())
    assert etree.QName(root).localname == "CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert (
        root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS)
        == "INV-1001"
    )
    assert root.find("cbc:DueDate", NS) is None
    assert root.findtext("cac:PaymentMeans/cbc:PaymentDueDate", namespaces=NS) == "2026-12-02"
    assert root.find("cac:CreditNoteLine/cbc:CreditedQuantity", NS).get("unitCode") == "EA"


def test_peppol_header_references_and_item_identifiers() -> None:
    root = build(example_invoice())
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert root.findtext("cac:OrderReference/cbc:ID", namespaces=NS) == "PO-778899"
    assert root.findtext("cac:DespatchDocumentReference/cbc:ID", namespaces=NS) == "PS-5566"
    endpoint = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
    assert (endpoint.text, endpoint.get("schemeID")) == ("7300010000001", "0088")
    gtin = root.find("cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID", NS)
    assert (gtin.text, gtin.get("schemeID")) == ("07300010000011", "0160")
    units = [q.get("unitCode") for q in root.iterfind("cac:InvoiceLine/cbc:InvoicedQuantity", NS)]
    assert units == ["EA", "HUR", "EA"]  # HR (ours) → HUR (Rec 20)
    exempt = root.find("cac:TaxTotal/cac:TaxSubtotal[2]/cac:TaxCategory", NS)
    assert exempt.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-132-1I"


def test_unit_without_rec20_code_is_refused() -> None:
    doc = replace(example_invoice(), lines=(line(1, "1", "1", unit="XYZ"),))
    with pytest.raises(BuildError, match="Rec 20"):
        render(doc)


def test_partner_unit_mapping_wins() -> None:
    doc = replace(example_invoice(), lines=(line(1, "1", "1", unit="XYZ"),))
    root = build(doc, units={"XYZ": "C62"})
    assert root.find("cac:InvoiceLine/cbc:InvoicedQuantity", NS).get("unitCode") == "C62"


def test_document_allowance_without_vat_category_is_refused() -> None:
    doc = replace(example_invoice(), allowances_charges=(AllowanceCharge(False, D("1")),))
    with pytest.raises(BuildError, match="VAT category"):
        render(doc)


def test_text_is_escaped_and_control_characters_refused() -> None:
    seller = replace(example_invoice().seller, name='Smith & Sons <"Ltd">')
    root = build(replace(example_invoice(), seller=seller))
    name = root.findtext(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        namespaces=NS,
    )
    assert name == 'Smith & Sons <"Ltd">'
    bad = replace(example_invoice(), seller=replace(seller, name="Bad\x01Name"))
    with pytest.raises(BuildError, match="not allowed in XML"):
        build(bad)


def test_numbers_are_written_without_exponent() -> None:
    assert fmt_number(D("1E+2")) == "100"
    assert fmt_number(D("12.5000")) == "12.5"
    assert fmt_number(D("12.5"), min_decimals=2) == "12.50"
    assert fmt_number(D("4.1234"), min_decimals=2) == "4.1234"


def test_render_is_deterministic_bytes_with_declaration() -> None:
    doc = replace(example_invoice(), lines=(line(1, "1", "9.99", STANDARD_25),))
    first, second = render(doc), render(doc)
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"base_quantity": D("0")}, "base quantity must be positive"),
        ({"unit_price": D("NaN")}, "finite"),
        ({"quantity": D("Infinity")}, "finite"),
    ],
)
def test_impossible_lines_are_refused(change: dict[str, D], message: str) -> None:
    bad = replace(line(1, "1", "1"), **change)  # type: ignore[arg-type]
    with pytest.raises(BuildError, match=message):
        render(replace(example_invoice(), lines=(bad,)))
