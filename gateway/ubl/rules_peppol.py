"""Peppol BIS Billing 3.0 rules that concern a generator (release 2026.5 / 3.0.21).

Implemented: R001 (ProfileID present), R003 (buyer reference or PO), R004 (CustomizationID
begins with the Peppol BIS 3.0 identifier, no ``::``), R007 (ProfileID from the approved list),
R008 (no empty elements), R051 (every ``currencyID`` is the document currency, except the VAT
total in accounting currency), R053 (one TaxTotal with subtotals) and R054 (one without
subtotals only with a TaxCurrencyCode). They apply when the CustomizationID names Peppol BIS
Billing 3.0; the rest of the Peppol rule set is left to the official Schematron.
"""

from __future__ import annotations

from lxml import etree

from gateway.ubl.facts import TOTAL_AMOUNTS, B, C, find_path, norm, text_of
from gateway.ubl.model import PEPPOL_BILLING_CUSTOMIZATION
from gateway.ubl.problems import Problem, Severity, Source

APPROVED_PROFILES = frozenset(
    {
        "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
        "urn:peppol:france:billing:regulated",
        "urn:peppol:france:billing:non-regulated",
        "urn:peppol:bis:billing_with_response",
    }
)
_AMOUNT_TAGS = tuple(
    B + name
    for name in (
        "Amount",
        "BaseAmount",
        "PriceAmount",
        "TaxAmount",
        "TaxableAmount",
        *TOTAL_AMOUNTS,
    )
)
_TAX_AMOUNT = B + "TaxAmount"
_TAX_TOTAL = C + "TaxTotal"
_TAX_SUBTOTAL = C + "TaxSubtotal"


def empty_elements(root: etree._Element) -> list[etree._Element]:
    """Elements matching the R008 context ``//*[not(*) and not(normalize-space())]``.

    A Python walk: about twice as fast as lxml's XPath for this expression.
    """
    found = []
    for element in root.iter(etree.Element):
        text = element.text
        if text and not text.isspace():
            continue
        if not len(element) or (
            not isinstance(element[0].tag, str) and _only_text_children_empty(element)
        ):
            found.append(element)
    return found


def _only_text_children_empty(element: etree._Element) -> bool:
    """For an element whose first child is a comment or PI: no element child and no text."""
    if any(isinstance(child.tag, str) for child in element):
        return False
    return not "".join(child.tail or "" for child in element).strip()


def _fail(out: list[Problem], rule: str, message: str, path: str) -> None:
    out.append(Problem(f"PEPPOL-EN16931-{rule}", Severity.ERROR, message, path, Source.PEPPOL))


def check_peppol(root: etree._Element) -> list[Problem]:
    """Failures of the implemented Peppol BIS Billing 3.0 rules for a UBL root element."""
    out: list[Problem] = []
    name = etree.QName(root).localname
    path = "/" + name
    profile = text_of(root, B + "ProfileID")
    if profile is None:
        _fail(out, "R001", "Business process (BT-23 ProfileID) must be provided.", path)
    elif norm(profile) not in APPROVED_PROFILES:
        _fail(
            out, "R007", f"Business process {norm(profile)!r} is not an approved identifier.", path
        )
    if (
        find_path(root, B + "BuyerReference") is None
        and find_path(root, C + "OrderReference/" + B + "ID") is None
    ):
        _fail(
            out,
            "R003",
            "A buyer reference (BT-10) or purchase order reference (BT-13) must be provided.",
            path,
        )
    customization = norm(text_of(root, B + "CustomizationID"))
    if not customization.startswith(PEPPOL_BILLING_CUSTOMIZATION) or "::" in customization:
        _fail(
            out,
            "R004",
            f"Specification identifier must begin with {PEPPOL_BILLING_CUSTOMIZATION!r}.",
            path,
        )
    tree = root.getroottree()
    for element in empty_elements(root):
        _fail(out, "R008", "Document must not contain empty elements.", tree.getpath(element))
    _currency_rules(root, out, tree)
    return out


def _currency_rules(root: etree._Element, out: list[Problem], tree: etree._ElementTree) -> None:
    currency = text_of(root, B + "DocumentCurrencyCode")
    totals = root.findall(_TAX_TOTAL)
    with_subtotals = [t for t in totals if find_path(t, _TAX_SUBTOTAL) is not None]
    path = "/" + etree.QName(root).localname
    if len(with_subtotals) != 1:
        _fail(out, "R053", "Only one tax total with tax subtotals must be provided.", path)
    expected_plain = 1 if find_path(root, B + "TaxCurrencyCode") is not None else 0
    if len(totals) - len(with_subtotals) != expected_plain:
        _fail(
            out,
            "R054",
            "A tax total without subtotals is allowed only, and then required, "
            "with a tax currency code (BT-6).",
            path,
        )
    for element in root.iter(*_AMOUNT_TAGS):
        if element.tag == _TAX_AMOUNT:
            parent = element.getparent()
            if parent is None or parent.tag not in (_TAX_TOTAL, _TAX_SUBTOTAL):
                continue
            if parent.tag == _TAX_TOTAL and find_path(parent, _TAX_SUBTOTAL) is None:
                continue  # BT-111, the VAT total in accounting currency
        if element.get("currencyID") != currency:
            _fail(
                out,
                "R051",
                f"currencyID {element.get('currencyID')!r} differs from the "
                f"document currency {currency!r} (BT-5).",
                tree.getpath(element),
            )
