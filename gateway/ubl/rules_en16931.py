"""EN 16931 business rules (CEN/TS 16931-3-2 UBL binding, validation artefacts 1.3.16).

The project's own implementation of the rules a generator can break, with the same ids and the
same arithmetic as the official Schematron. This module is the entry point and holds the header,
period, party and payment rules (BR-01…BR-11, BR-16…BR-20, BR-29/30, BR-49/50/52/53/55/56/57,
BR-61…BR-63, BR-CO-03, BR-CO-09, BR-CO-19/20, BR-CO-26); lines and allowances are in
:mod:`gateway.ubl.rules_lines`, totals and the VAT breakdown (BR-CO-10…BR-CO-18, BR-DEC) in
:mod:`gateway.ubl.rules_totals`, the per-VAT-category rules in :mod:`gateway.ubl.rules_vat`.
Code-list rules (BR-CL) and UBL syntax restrictions (UBL-CR/SR/DT) are left to the official
Schematron.

Calculation rules are skipped when a value they need is missing or not a decimal: the rule
that requires the value (or the XSD) reports that instead.
"""

from __future__ import annotations

from lxml import etree

from gateway.ubl.facts import (
    B,
    C,
    Facts,
    collect,
    find_path,
    first_children,
    norm,
    text_of,
)
from gateway.ubl.problems import Problem
from gateway.ubl.rules_base import fail as _fail
from gateway.ubl.rules_base import require as _require
from gateway.ubl.rules_lines import check_allowance, check_line
from gateway.ubl.rules_totals import check_tax_breakdown, check_totals
from gateway.ubl.rules_vat import check_vat_categories

# Country codes BR-CO-09 accepts as VAT identifier prefixes (ISO 3166-1 alpha-2, EL, XI, 1A).
_VAT_PREFIX_TEXT = """
1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ
GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI
KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK
PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS
ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
VG VI VN VU WF WS XI YE YT ZA ZM ZW
"""
VAT_PREFIXES = frozenset(_VAT_PREFIX_TEXT.split())


def check_en16931(root: etree._Element, facts: Facts | None = None) -> list[Problem]:
    """Every EN 16931 rule failure of a UBL Invoice or CreditNote root."""
    facts = facts or collect(root)
    out: list[Problem] = []
    _header_rules(facts, out)
    _party_rules(facts, out)
    _payment_rules(facts, out)
    for ac in facts.allowances:
        check_allowance(ac, out, document_level=True)
    for line in facts.lines:
        check_line(line, out)
        for ac in line.allowances:
            check_allowance(ac, out, document_level=False)
    check_totals(facts, out)
    check_tax_breakdown(facts, out)
    check_vat_categories(facts, out)
    return out


def _header_rules(f: Facts, out: list[Problem]) -> None:
    r, p = f.root, "/" + f.root_name
    _require(
        out,
        bool(norm(text_of(r, B + "CustomizationID"))),
        "BR-01",
        "Specification identifier (BT-24) is missing.",
        p,
    )
    _require(out, bool(norm(text_of(r, B + "ID"))), "BR-02", "Invoice number (BT-1) is missing.", p)
    _require(
        out, bool(norm(text_of(r, B + "IssueDate"))), "BR-03", "Issue date (BT-2) is missing.", p
    )
    type_code = norm(text_of(r, B + "InvoiceTypeCode")) or norm(
        text_of(r, B + "CreditNoteTypeCode")
    )
    _require(out, bool(type_code), "BR-04", "Invoice type code (BT-3) is missing.", p)
    _require(out, bool(f.currency), "BR-05", "Document currency code (BT-5) is missing.", p)
    _require(out, bool(f.lines), "BR-16", "An invoice needs at least one line (BG-25).", p)
    for i, ref in enumerate(r.iterfind(C + "BillingReference"), 1):
        _require(
            out,
            find_path(ref, C + "InvoiceDocumentReference/" + B + "ID") is not None,
            "BR-55",
            "A preceding invoice reference needs its invoice number (BT-25).",
            f"{p}/cac:BillingReference[{i}]",
        )
    for i, ref in enumerate(r.iterfind(C + "AdditionalDocumentReference"), 1):
        _require(
            out,
            bool(norm(text_of(ref, B + "ID"))),
            "BR-52",
            "A supporting document needs a reference (BT-122).",
            f"{p}/cac:AdditionalDocumentReference[{i}]",
        )
    _period_rules(f, out)
    location = find_path(r, C + "Delivery/" + C + "DeliveryLocation/" + C + "Address")
    if location is not None:
        _require(
            out,
            find_path(location, C + "Country/" + B + "IdentificationCode") is not None,
            "BR-57",
            "Deliver-to address needs a country code (BT-80).",
            p + "/cac:Delivery",
        )
    for tc in r.iterfind(B + "TaxCurrencyCode"):
        code = norm(tc.text)
        ok = any(t.get("currencyID") == code for t in r.iterfind(C + "TaxTotal/" + B + "TaxAmount"))
        _require(
            out, ok, "BR-53", f"VAT total in accounting currency {code} (BT-111) is missing.", p
        )


def _period_rules(f: Facts, out: list[Problem]) -> None:
    """BR-29/BR-30 (end not before start), BR-CO-19/BR-CO-20 (not empty), BR-CO-03."""
    r, p = f.root, "/" + f.root_name
    document_periods = list(r.iterchildren(C + "InvoicePeriod"))
    line_periods = [(period, line.path) for line in f.lines for period in line.periods]
    for period, path, level in [(x, p, "document") for x in document_periods] + [
        (x, path, "line") for x, path in line_periods
    ]:
        start = norm(text_of(period, B + "StartDate"))
        end = norm(text_of(period, B + "EndDate"))
        if start and end and end < start:
            rule = "BR-29" if level == "document" else "BR-30"
            _fail(out, rule, "Invoicing period end date is before its start date.", path)
        has_code = period.find(B + "DescriptionCode") is not None
        if level == "document":
            _require(
                out,
                bool(start or end or has_code),
                "BR-CO-19",
                "Invoicing period needs a start date, an end date or a code.",
                path,
            )
        else:
            _require(
                out,
                bool(start or end),
                "BR-CO-20",
                "Line period needs a start date or an end date.",
                path,
            )
    has_tax_point = r.find(B + "TaxPointDate") is not None
    has_period_code = any(x.find(B + "DescriptionCode") is not None for x in document_periods)
    _require(
        out,
        not (has_tax_point and has_period_code),
        "BR-CO-03",
        "VAT point date (BT-7) and its code (BT-8) are mutually exclusive.",
        p,
    )


_PARTY_RULES = (
    # (wrapper, who, name rule, address rule, country rule, endpoint rule, name term)
    ("AccountingSupplierParty", "Seller", "BR-06", "BR-08", "BR-09", "BR-62", "BT-27"),
    ("AccountingCustomerParty", "Buyer", "BR-07", "BR-10", "BR-11", "BR-63", "BT-44"),
)


def _party_rules(f: Facts, out: list[Problem]) -> None:
    r, p = f.root, "/" + f.root_name
    parties: dict[str, etree._Element] = {}
    for wrapper, who, name_rule, addr_rule, country_rule, ep_rule, term in _PARTY_RULES:
        path = f"{p}/cac:{wrapper}/cac:Party"
        party = find_path(r, C + wrapper + "/" + C + "Party")
        kids = first_children(party) if party is not None else {}
        if party is not None:
            parties[who] = party
        legal = kids.get(C + "PartyLegalEntity")
        name = None if legal is None else text_of(legal, B + "RegistrationName")
        _require(out, bool(norm(name)), name_rule, f"{who} name ({term}) is missing.", path)
        address = kids.get(C + "PostalAddress")
        if address is None:
            _fail(out, addr_rule, f"{who} postal address is missing.", path)
        elif not norm(text_of(address, C + "Country/" + B + "IdentificationCode")):
            _fail(out, country_rule, f"{who} country code is missing.", path + "/cac:PostalAddress")
        endpoint = kids.get(B + "EndpointID")
        if endpoint is not None and endpoint.get("schemeID") is None:
            _fail(out, ep_rule, f"{who} electronic address needs a scheme identifier.", path)
    seller = parties.get("Seller")
    if seller is not None:
        has_id = (
            _vat_id(seller) is not None
            or any(
                i.get("schemeID") != "SEPA"
                for i in seller.iterfind(C + "PartyIdentification/" + B + "ID")
            )
            or find_path(seller, C + "PartyLegalEntity/" + B + "CompanyID") is not None
        )
        _require(
            out,
            has_id,
            "BR-CO-26",
            "Seller needs an identifier, a legal registration or a VAT identifier.",
            p + "/cac:AccountingSupplierParty",
        )
    rep = next(r.iterchildren(C + "TaxRepresentativeParty"), None)
    payee = next(r.iterchildren(C + "PayeeParty"), None)
    for party in (*parties.values(), rep, payee):
        if party is not None:
            _vat_prefix_rule(r, party, out)
    if payee is not None:
        _require(
            out,
            find_path(payee, C + "PartyName/" + B + "Name") is not None,
            "BR-17",
            "Payee name (BT-59) is missing.",
            p + "/cac:PayeeParty",
        )
    if rep is not None:
        _tax_representative_rules(rep, p + "/cac:TaxRepresentativeParty", out)


def _vat_prefix_rule(root: etree._Element, party: etree._Element, out: list[Problem]) -> None:
    """BR-CO-09: a VAT identifier starts with a country code."""
    for scheme in party.iterchildren(C + "PartyTaxScheme"):
        if norm(text_of(scheme, C + "TaxScheme/" + B + "ID")).upper() != "VAT":
            continue
        company = text_of(scheme, B + "CompanyID") or ""
        if company[:2] not in VAT_PREFIXES:
            _fail(
                out,
                "BR-CO-09",
                f"VAT identifier {company!r} must start with a country code prefix.",
                root.getroottree().getpath(scheme),
            )


def _tax_representative_rules(rep: etree._Element, rp: str, out: list[Problem]) -> None:
    _require(
        out,
        bool(norm(text_of(rep, C + "PartyName/" + B + "Name"))),
        "BR-18",
        "Tax representative name (BT-62) is missing.",
        rp,
    )
    _require(
        out,
        find_path(rep, C + "PostalAddress") is not None,
        "BR-19",
        "Tax representative postal address is missing.",
        rp,
    )
    _require(
        out,
        _vat_id(rep) is not None,
        "BR-56",
        "Tax representative VAT identifier (BT-63) is missing.",
        rp,
    )


def _vat_id(party: etree._Element) -> str | None:
    """CompanyID of the party's PartyTaxScheme whose TaxScheme is VAT."""
    for scheme in party.iterchildren(C + "PartyTaxScheme"):
        if norm(text_of(scheme, C + "TaxScheme/" + B + "ID")).upper() == "VAT":
            company = find_path(scheme, B + "CompanyID")
            if company is not None:
                return company.text or ""
    return None


def _payment_rules(f: Facts, out: list[Problem]) -> None:
    for i, means in enumerate(f.root.iterfind(C + "PaymentMeans"), 1):
        path = f"/{f.root_name}/cac:PaymentMeans[{i}]"
        code = norm(text_of(means, B + "PaymentMeansCode"))
        _require(
            out,
            bool(code) or find_path(means, B + "PaymentMeansCode") is not None,
            "BR-49",
            "Payment means type code (BT-81) is missing.",
            path,
        )
        if code in {"30", "58"}:
            account = find_path(means, C + "PayeeFinancialAccount")
            _require(
                out,
                account is not None and find_path(account, B + "ID") is not None,
                "BR-61",
                "Credit transfer (30/58) needs the payment account identifier (BT-84).",
                path,
            )
            if account is not None:
                _require(
                    out,
                    bool(norm(text_of(account, B + "ID"))),
                    "BR-50",
                    "Payment account identifier (BT-84) is empty.",
                    path,
                )
