"""Our EN 16931 and Peppol rules catch what generators get wrong (mutation tests).

Each test starts from a valid generated document, breaks one thing, and expects the rule id
the official Schematron reports for that break.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from lxml import etree

from gateway.ubl.builder import build
from gateway.ubl.example import example_invoice
from gateway.ubl.ns import CAC, CBC
from gateway.ubl.rules_en16931 import check_en16931
from gateway.ubl.rules_peppol import check_peppol
from gateway.ubl.validate import validate_root
from tests.unit.ubl.cases import allowances_and_charges, non_peppol_en16931, prepaid

NS = {"cac": CAC, "cbc": CBC}


def _ids(root: etree._Element) -> set[str]:
    return {p.rule_id for p in check_en16931(root)} | {p.rule_id for p in check_peppol(root)}


def _set(root: etree._Element, path: str, text: str) -> None:
    node = root.find(path, NS)
    assert node is not None, path
    node.text = text


def _remove(root: etree._Element, path: str) -> None:
    node = root.find(path, NS)
    assert node is not None, path
    parent = node.getparent()
    assert parent is not None
    parent.remove(node)


def _add(root: etree._Element, after: str, xml: str) -> None:
    """Insert a UBL fragment (cac/cbc prefixes declared) right after the element at ``after``."""
    anchor = root.find(after, NS)
    assert anchor is not None, after
    fragment = etree.fromstring(f'<x xmlns:cac="{CAC}" xmlns:cbc="{CBC}">{xml}</x>')
    for child in reversed(list(fragment)):
        anchor.addnext(child)


MUTATIONS: dict[str, tuple[Callable[[etree._Element], None], set[str]]] = {
    "line amount off by a cent": (
        lambda r: _set(r, "cac:InvoiceLine/cbc:LineExtensionAmount", "125.01"),
        {"BR-CO-10"},  # BR-S-08 has a tolerance of ±1, so a cent does not trip it
    ),
    "line amount off by two units": (
        lambda r: _set(r, "cac:InvoiceLine/cbc:LineExtensionAmount", "127.00"),
        {"BR-CO-10", "BR-S-08"},
    ),
    "payable +0.01": (
        lambda r: _set(r, "cac:LegalMonetaryTotal/cbc:PayableAmount", "472.50"),
        {"BR-CO-16"},
    ),
    "tax total +0.01": (
        lambda r: _set(r, "cac:TaxTotal/cbc:TaxAmount", "92.51"),
        {"BR-CO-14", "BR-CO-15"},
    ),
    "total without VAT wrong": (
        lambda r: _set(r, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", "364.99"),
        {"BR-CO-13", "BR-CO-15"},
    ),
    "charge total wrong": (
        lambda r: _set(r, "cac:LegalMonetaryTotal/cbc:ChargeTotalAmount", "16.00"),
        {"BR-CO-12", "BR-CO-13"},
    ),
    "three decimals on a line amount": (
        lambda r: _set(r, "cac:InvoiceLine/cbc:LineExtensionAmount", "125.000"),
        {"BR-DEC-23"},
    ),
    "VAT amount far from rate": (
        lambda r: _set(r, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount", "90.00"),
        {"BR-S-09", "BR-CO-17", "BR-CO-14"},
    ),
    "exempt group without reason": (
        lambda r: (
            _remove(
                r, "cac:TaxTotal/cac:TaxSubtotal[2]/cac:TaxCategory/cbc:TaxExemptionReasonCode"
            ),
            _remove(r, "cac:TaxTotal/cac:TaxSubtotal[2]/cac:TaxCategory/cbc:TaxExemptionReason"),
        ),
        {"BR-E-10"},
    ),
    "exempt line with a rate": (
        lambda r: _set(
            r, "cac:InvoiceLine[3]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "25"
        ),
        {"BR-E-05"},
    ),
    "no seller name": (
        lambda r: _remove(
            r, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
        ),
        {"BR-06"},
    ),
    "no item name": (lambda r: _remove(r, "cac:InvoiceLine/cac:Item/cbc:Name"), {"BR-25"}),
    "VAT id without country prefix": (
        lambda r: _set(
            r,
            "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID",
            "556677889901",
        ),
        {"BR-CO-09"},
    ),
    "credit transfer without account": (
        lambda r: _remove(r, "cac:PaymentMeans/cac:PayeeFinancialAccount"),
        {"BR-61"},
    ),
    "no buyer reference and no PO": (
        lambda r: (_remove(r, "cbc:BuyerReference"), _remove(r, "cac:OrderReference")),
        {"PEPPOL-EN16931-R003"},
    ),
    "empty element": (
        lambda r: _set(r, "cac:PaymentTerms/cbc:Note", "  "),
        {"PEPPOL-EN16931-R008"},
    ),
    "foreign currencyID": (
        lambda r: r.find("cac:InvoiceLine/cbc:LineExtensionAmount", NS).set("currencyID", "USD"),
        {"PEPPOL-EN16931-R051"},
    ),
    "two tax totals with subtotals": (
        lambda r: r.find("cac:TaxTotal", NS).addnext(
            etree.fromstring(etree.tostring(r.find("cac:TaxTotal", NS)))
        ),
        {"PEPPOL-EN16931-R053"},
    ),
    "not the Peppol customization": (
        lambda r: _set(
            r,
            "cbc:CustomizationID",
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::x",
        ),
        {"PEPPOL-EN16931-R004"},
    ),
    "deliver-to address without country": (
        lambda r: _add(
            r,
            "cac:Delivery/cac:DeliveryLocation/cbc:ID",
            "<cac:Address><cbc:CityName>Utrecht</cbc:CityName></cac:Address>",
        ),
        {"BR-57"},
    ),
    "tax point date and period code together": (
        lambda r: (
            _add(r, "cbc:InvoiceTypeCode", "<cbc:TaxPointDate>2026-11-01</cbc:TaxPointDate>"),
            _add(
                r,
                "cbc:BuyerReference",
                "<cac:InvoicePeriod><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>",
            ),
        ),
        {"BR-CO-03"},
    ),
    "item attribute without value": (
        lambda r: _add(
            r,
            "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory",
            "<cac:AdditionalItemProperty><cbc:Name>Colour</cbc:Name></cac:AdditionalItemProperty>",
        ),
        {"BR-54"},
    ),
    "unknown profile": (
        lambda r: _set(r, "cbc:ProfileID", "urn:example:profile"),
        {"PEPPOL-EN16931-R007"},
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutation_is_caught_with_its_rule_id(name: str) -> None:
    mutate, expected = MUTATIONS[name]
    root = build(example_invoice())
    assert _ids(root) == set()
    mutate(root)
    found = _ids(root)
    assert expected <= found, f"{name}: expected {expected}, got {found}"


def test_document_allowance_total_and_rounding() -> None:
    root = build(allowances_and_charges())
    assert _ids(root) == set()
    _set(root, "cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount", "10.00")
    assert {"BR-CO-11", "BR-CO-13"} <= _ids(root)


def test_prepaid_amount_checked_by_br_co_16() -> None:
    root = build(prepaid())
    assert _ids(root) == set()
    _set(root, "cac:LegalMonetaryTotal/cbc:PrepaidAmount", "99.00")
    assert "BR-CO-16" in _ids(root)


def test_peppol_rules_apply_only_to_peppol_documents() -> None:
    root = build(non_peppol_en16931())  # no BuyerReference nor OrderReference: R003 in Peppol
    report = validate_root(root)
    assert report.valid and not report.peppol
    peppol_root = build(
        replace(
            non_peppol_en16931(),
            customization_id=example_invoice().customization_id,
            profile_id=example_invoice().profile_id,
        )
    )
    peppol_report = validate_root(peppol_root)
    assert peppol_report.peppol
    assert [p.rule_id for p in peppol_report.problems] == ["PEPPOL-EN16931-R003"]


def test_problems_carry_paths() -> None:
    root = build(example_invoice())
    _set(root, "cac:InvoiceLine[2]/cbc:LineExtensionAmount", "230.001")
    dec = [p for p in check_en16931(root) if p.rule_id == "BR-DEC-23"]
    assert dec and dec[0].path == "/Invoice/cac:InvoiceLine[2]"
