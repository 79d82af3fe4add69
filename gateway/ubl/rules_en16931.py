"""EN 16931 business rules (CEN/TS 16931-3-2 UBL binding, validation artefacts 1.3.16).

The project's own implementation of the rules a generator can break, with the same ids and the
same arithmetic as the official Schematron (XPath ``round`` for sums, the ±1 tolerance of
BR-CO-17 and BR-S-08/09): mandatory terms (BR-01…BR-65 that apply to UBL Invoice/CreditNote),
calculations (BR-CO-10…BR-CO-18), VAT identifiers (BR-CO-09, BR-CO-26) and decimals (BR-DEC).
The per-VAT-category rules live in :mod:`gateway.ubl.rules_vat`. Code-list rules (BR-CL) are
left to the official Schematron.

Calculation rules are skipped when a value they need is missing or not a decimal: the rule
that requires the value (or the XSD) reports that instead.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from gateway.ubl.facts import (
    AllowanceFact,
    B,
    C,
    Facts,
    LineFact,
    collect,
    dec,
    decimals,
    find_path,
    norm,
    text_of,
    xround,
    xround2,
)
from gateway.ubl.problems import Problem, Severity, Source
from gateway.ubl.rules_vat import check_vat_categories

ZERO = Decimal(0)

# Country codes BR-CO-09 accepts as VAT identifier prefixes (ISO 3166-1 alpha-2, EL, XI, 1A).
VAT_PREFIXES = frozenset(
    [
        "1A",
        "AD",
        "AE",
        "AF",
        "AG",
        "AI",
        "AL",
        "AM",
        "AO",
        "AQ",
        "AR",
        "AS",
        "AT",
        "AU",
        "AW",
        "AX",
        "AZ",
        "BA",
        "BB",
        "BD",
        "BE",
        "BF",
        "BG",
        "BH",
        "BI",
        "BJ",
        "BL",
        "BM",
        "BN",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BT",
        "BV",
        "BW",
        "BY",
        "BZ",
        "CA",
        "CC",
        "CD",
        "CF",
        "CG",
        "CH",
        "CI",
        "CK",
        "CL",
        "CM",
        "CN",
        "CO",
        "CR",
        "CU",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DE",
        "DJ",
        "DK",
        "DM",
        "DO",
        "DZ",
        "EC",
        "EE",
        "EG",
        "EH",
        "EL",
        "ER",
        "ES",
        "ET",
        "FI",
        "FJ",
        "FK",
        "FM",
        "FO",
        "FR",
        "GA",
        "GB",
        "GD",
        "GE",
        "GF",
        "GG",
        "GH",
        "GI",
        "GL",
        "GM",
        "GN",
        "GP",
        "GQ",
        "GR",
        "GS",
        "GT",
        "GU",
        "GW",
        "GY",
        "HK",
        "HM",
        "HN",
        "HR",
        "HT",
        "HU",
        "ID",
        "IE",
        "IL",
        "IM",
        "IN",
        "IO",
        "IQ",
        "IR",
        "IS",
        "IT",
        "JE",
        "JM",
        "JO",
        "JP",
        "KE",
        "KG",
        "KH",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KW",
        "KY",
        "KZ",
        "LA",
        "LB",
        "LC",
        "LI",
        "LK",
        "LR",
        "LS",
        "LT",
        "LU",
        "LV",
        "LY",
        "MA",
        "MC",
        "MD",
        "ME",
        "MF",
        "MG",
        "MH",
        "MK",
        "ML",
        "MM",
        "MN",
        "MO",
        "MP",
        "MQ",
        "MR",
        "MS",
        "MT",
        "MU",
        "MV",
        "MW",
        "MX",
        "MY",
        "MZ",
        "NA",
        "NC",
        "NE",
        "NF",
        "NG",
        "NI",
        "NL",
        "NO",
        "NP",
        "NR",
        "NU",
        "NZ",
        "OM",
        "PA",
        "PE",
        "PF",
        "PG",
        "PH",
        "PK",
        "PL",
        "PM",
        "PN",
        "PR",
        "PS",
        "PT",
        "PW",
        "PY",
        "QA",
        "RE",
        "RO",
        "RS",
        "RU",
        "RW",
        "SA",
        "SB",
        "SC",
        "SD",
        "SE",
        "SG",
        "SH",
        "SI",
        "SJ",
        "SK",
        "SL",
        "SM",
        "SN",
        "SO",
        "SR",
        "SS",
        "ST",
        "SV",
        "SX",
        "SY",
        "SZ",
        "TC",
        "TD",
        "TF",
        "TG",
        "TH",
        "TJ",
        "TK",
        "TL",
        "TM",
        "TN",
        "TO",
        "TR",
        "TT",
        "TV",
        "TW",
        "TZ",
        "UA",
        "UG",
        "UM",
        "US",
        "UY",
        "UZ",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "WS",
        "XI",
        "YE",
        "YT",
        "ZA",
        "ZM",
        "ZW",
    ]
)

SELLER = C + "AccountingSupplierParty/" + C + "Party"
BUYER = C + "AccountingCustomerParty/" + C + "Party"
LMT = C + "LegalMonetaryTotal"


def check_en16931(root: etree._Element, facts: Facts | None = None) -> list[Problem]:
    """Every EN 16931 rule failure of a UBL Invoice or CreditNote root."""
    facts = facts or collect(root)
    out: list[Problem] = []
    _header_rules(facts, out)
    _party_rules(facts, out)
    _payment_rules(facts, out)
    for ac in facts.allowances:
        _allowance_rules(ac, out, document_level=True)
    for line in facts.lines:
        _line_rules(line, out)
        for ac in line.allowances:
            _allowance_rules(ac, out, document_level=False)
    _totals_rules(facts, out)
    _tax_rules(facts, out)
    check_vat_categories(facts, out)
    return out


def _fail(out: list[Problem], rule: str, message: str, path: str = "") -> None:
    out.append(Problem(rule, Severity.ERROR, message, path, Source.EN16931))


def _require(out: list[Problem], ok: bool, rule: str, message: str, path: str = "") -> None:
    if not ok:
        _fail(out, rule, message, path)


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
    periods = [*r.iterchildren(C + "InvoicePeriod")]
    periods += [period for line in f.lines for period in line.periods]
    for period in periods:
        start = norm(text_of(period, B + "StartDate"))
        end = norm(text_of(period, B + "EndDate"))
        if start and end and end < start:
            rule = "BR-29" if period.getparent() is r else "BR-30"
            _fail(out, rule, "Invoicing period end date is before its start date.", p)
    for tc in r.iterfind(B + "TaxCurrencyCode"):
        code = norm(tc.text)
        ok = any(t.get("currencyID") == code for t in r.iterfind(C + "TaxTotal/" + B + "TaxAmount"))
        _require(
            out, ok, "BR-53", f"VAT total in accounting currency {code} (BT-111) is missing.", p
        )


def _party_rules(f: Facts, out: list[Problem]) -> None:
    r, p = f.root, "/" + f.root_name
    seller, buyer = find_path(r, SELLER), find_path(r, BUYER)
    sp, bp = (
        f"{p}/cac:AccountingSupplierParty/cac:Party",
        f"{p}/cac:AccountingCustomerParty/cac:Party",
    )
    _require(
        out,
        seller is not None
        and bool(norm(text_of(seller, C + "PartyLegalEntity/" + B + "RegistrationName"))),
        "BR-06",
        "Seller name (BT-27) is missing.",
        sp,
    )
    _require(
        out,
        buyer is not None
        and bool(norm(text_of(buyer, C + "PartyLegalEntity/" + B + "RegistrationName"))),
        "BR-07",
        "Buyer name (BT-44) is missing.",
        bp,
    )
    for party, path, addr_rule, country_rule, ep_rule, who in (
        (seller, sp, "BR-08", "BR-09", "BR-62", "Seller"),
        (buyer, bp, "BR-10", "BR-11", "BR-63", "Buyer"),
    ):
        address = None if party is None else find_path(party, C + "PostalAddress")
        _require(out, address is not None, addr_rule, f"{who} postal address is missing.", path)
        if address is not None:
            country = norm(text_of(address, C + "Country/" + B + "IdentificationCode"))
            _require(
                out,
                bool(country),
                country_rule,
                f"{who} country code is missing.",
                path + "/cac:PostalAddress",
            )
        endpoint = None if party is None else find_path(party, B + "EndpointID")
        if endpoint is not None:
            _require(
                out,
                endpoint.get("schemeID") is not None,
                ep_rule,
                f"{who} electronic address needs a scheme identifier.",
                path + "/cbc:EndpointID",
            )
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
            sp,
        )
    parties = [
        x
        for x in (
            seller,
            buyer,
            find_path(r, C + "TaxRepresentativeParty"),
            find_path(r, C + "PayeeParty"),
        )
        if x is not None
    ]
    for scheme in (s for x in parties for s in x.iterchildren(C + "PartyTaxScheme")):
        if norm(text_of(scheme, C + "TaxScheme/" + B + "ID")).upper() != "VAT":
            continue
        company = text_of(scheme, B + "CompanyID") or ""
        if company[:2] not in VAT_PREFIXES:
            _fail(
                out,
                "BR-CO-09",
                f"VAT identifier {company!r} must start with a country code prefix.",
                r.getroottree().getpath(scheme),
            )
    payee = find_path(r, C + "PayeeParty")
    if payee is not None:
        _require(
            out,
            find_path(payee, C + "PartyName/" + B + "Name") is not None,
            "BR-17",
            "Payee name (BT-59) is missing.",
            p + "/cac:PayeeParty",
        )
    rep = find_path(r, C + "TaxRepresentativeParty")
    if rep is not None:
        rp = p + "/cac:TaxRepresentativeParty"
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
    for scheme in party.iterfind(C + "PartyTaxScheme"):
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


_AC_RULES = {
    # (document level, is charge): (amount, VAT category, reason, decimals amount, decimals base)
    (True, False): ("BR-31", "BR-32", "BR-33", "BR-DEC-01", "BR-DEC-02"),
    (True, True): ("BR-36", "BR-37", "BR-38", "BR-DEC-05", "BR-DEC-06"),
    (False, False): ("BR-41", None, "BR-42", "BR-DEC-24", "BR-DEC-25"),
    (False, True): ("BR-43", None, "BR-44", "BR-DEC-27", "BR-DEC-28"),
}


def _allowance_rules(ac: AllowanceFact, out: list[Problem], document_level: bool) -> None:
    if ac.is_charge is None:
        return  # the XSD reports a missing or invalid ChargeIndicator
    amount, vat, reason, dec_amount, dec_base = _AC_RULES[(document_level, ac.is_charge)]
    kind = "charge" if ac.is_charge else "allowance"
    _require(out, ac.amount_text is not None, amount, f"The {kind} amount is missing.", ac.path)
    if vat is not None:
        _require(
            out,
            ac.category is not None and bool(ac.category.code),
            vat,
            f"The document-level {kind} needs a VAT category code.",
            ac.path,
        )
    _require(out, ac.has_reason, reason, f"The {kind} needs a reason or a reason code.", ac.path)
    _require(
        out,
        decimals(ac.amount_text) <= 2,
        dec_amount,
        f"The {kind} amount has more than 2 decimals.",
        ac.path,
    )
    _require(
        out,
        decimals(ac.base_text) <= 2,
        dec_base,
        f"The {kind} base amount has more than 2 decimals.",
        ac.path,
    )


def _line_rules(line: LineFact, out: list[Problem]) -> None:
    path = line.path
    _require(out, bool(norm(line.id_text)), "BR-21", "Line identifier (BT-126) is missing.", path)
    _require(
        out, line.quantity is not None, "BR-22", "Invoiced quantity (BT-129) is missing.", path
    )
    _require(
        out,
        line.quantity is None or line.quantity.get("unitCode") is not None,
        "BR-23",
        "Invoiced quantity unit of measure (BT-130) is missing.",
        path,
    )
    _require(out, line.net_text is not None, "BR-24", "Line net amount (BT-131) is missing.", path)
    _require(out, bool(norm(line.name_text)), "BR-25", "Item name (BT-153) is missing.", path)
    _require(out, line.price_text is not None, "BR-26", "Item net price (BT-146) is missing.", path)
    price = dec(line.price_text)
    _require(
        out, price is None or price >= 0, "BR-27", "Item net price must not be negative.", path
    )
    base = dec(line.gross_base_text)
    _require(
        out, base is None or base >= 0, "BR-28", "Item gross price must not be negative.", path
    )
    _require(
        out,
        line.category is not None,
        "BR-CO-04",
        "Line VAT category code (BT-151) is missing.",
        path,
    )
    _require(
        out,
        decimals(line.net_text) <= 2,
        "BR-DEC-23",
        "Line net amount has more than 2 decimals.",
        path,
    )
    for std in line.standard_ids:
        _require(
            out,
            std.get("schemeID") is not None,
            "BR-64",
            "Item standard identifier (BT-157) needs a scheme identifier.",
            path,
        )
    for cls in line.classifications:
        _require(
            out,
            cls.get("listID") is not None,
            "BR-65",
            "Item classification identifier (BT-158) needs a scheme identifier.",
            path,
        )


def _sum(values: list[Decimal | None]) -> Decimal | None:
    """Sum of decimals, or None when any is missing or invalid."""
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _totals_rules(f: Facts, out: list[Problem]) -> None:
    r, path = f.root, f"/{f.root_name}/cac:LegalMonetaryTotal"
    lmt = find_path(r, LMT)
    if lmt is None:
        _fail(out, "BR-12", "Document totals (BG-22) are missing.", "/" + f.root_name)
        return
    texts = {
        name: text_of(lmt, B + name)
        for name in (
            "LineExtensionAmount",
            "TaxExclusiveAmount",
            "TaxInclusiveAmount",
            "AllowanceTotalAmount",
            "ChargeTotalAmount",
            "PrepaidAmount",
            "PayableRoundingAmount",
            "PayableAmount",
        )
    }
    for rule, name, term in (
        ("BR-12", "LineExtensionAmount", "Sum of line net amounts (BT-106)"),
        ("BR-13", "TaxExclusiveAmount", "Total without VAT (BT-109)"),
        ("BR-14", "TaxInclusiveAmount", "Total with VAT (BT-112)"),
        ("BR-15", "PayableAmount", "Amount due (BT-115)"),
    ):
        _require(out, texts[name] is not None, rule, f"{term} is missing.", path)
    for rule, name in (
        ("BR-DEC-09", "LineExtensionAmount"),
        ("BR-DEC-10", "AllowanceTotalAmount"),
        ("BR-DEC-11", "ChargeTotalAmount"),
        ("BR-DEC-12", "TaxExclusiveAmount"),
        ("BR-DEC-14", "TaxInclusiveAmount"),
        ("BR-DEC-16", "PrepaidAmount"),
        ("BR-DEC-17", "PayableRoundingAmount"),
        ("BR-DEC-18", "PayableAmount"),
    ):
        _require(out, decimals(texts[name]) <= 2, rule, f"{name} has more than 2 decimals.", path)
    v = {name: dec(t) for name, t in texts.items()}
    line_sum = _sum([line.net for line in f.lines])
    if v["LineExtensionAmount"] is not None and line_sum is not None:
        _require(
            out,
            v["LineExtensionAmount"] == xround2(line_sum),
            "BR-CO-10",
            f"Sum of line net amounts (BT-106) {texts['LineExtensionAmount']} must equal the "
            f"sum of the lines, {xround2(line_sum)}.",
            path,
        )
    for rule, name, charge, term in (
        ("BR-CO-11", "AllowanceTotalAmount", False, "allowances (BT-107)"),
        ("BR-CO-12", "ChargeTotalAmount", True, "charges (BT-108)"),
    ):
        amounts = [a.amount for a in f.allowances if a.is_charge is charge]
        total = _sum(amounts)
        if texts[name] is None:
            _require(out, not amounts, rule, f"Sum of {term} is missing.", path)
        elif v[name] is not None and total is not None:
            _require(
                out,
                v[name] == xround2(total),
                rule,
                f"Sum of {term} {texts[name]} must equal the document-level amounts, "
                f"{xround2(total)}.",
                path,
            )
    _check_co13_co16(texts, v, out, path)
    _check_co15(f, v, out)


def _check_co13_co16(
    texts: dict[str, str | None], v: dict[str, Decimal | None], out: list[Problem], path: str
) -> None:
    line_ext, excl, incl = (
        v["LineExtensionAmount"],
        v["TaxExclusiveAmount"],
        v["TaxInclusiveAmount"],
    )
    allowance, charge = v["AllowanceTotalAmount"], v["ChargeTotalAmount"]
    if (
        line_ext is not None
        and excl is not None
        and (
            (texts["AllowanceTotalAmount"] is None or allowance is not None)
            and (texts["ChargeTotalAmount"] is None or charge is not None)
        )
    ):
        expected = xround2(line_ext - (allowance or ZERO) + (charge or ZERO))
        _require(
            out,
            excl == expected,
            "BR-CO-13",
            f"Total without VAT (BT-109) {texts['TaxExclusiveAmount']} must equal line sum − "
            f"allowances + charges, {expected}.",
            path,
        )
    payable, prepaid, rounding = v["PayableAmount"], v["PrepaidAmount"], v["PayableRoundingAmount"]
    if payable is None or incl is None:
        return
    if (texts["PrepaidAmount"] is not None and prepaid is None) or (
        texts["PayableRoundingAmount"] is not None and rounding is None
    ):
        return
    due = xround2(incl - (prepaid or ZERO))
    paid = xround2(payable - rounding) if rounding is not None else payable
    if texts["PrepaidAmount"] is None:
        due = incl
    _require(
        out,
        paid == due,
        "BR-CO-16",
        f"Amount due (BT-115) {texts['PayableAmount']} must equal total with VAT − prepaid "
        "+ rounding.",
        path,
    )


def _check_co15(f: Facts, v: dict[str, Decimal | None], out: list[Problem]) -> None:
    in_currency = [
        t
        for total in f.tax_totals
        for t in total.iterfind(B + "TaxAmount")
        if t.get("currencyID") == f.currency
    ]
    path = "/" + f.root_name
    if not f.currency:
        return
    if len(in_currency) != 1:
        _fail(
            out,
            "BR-CO-15",
            "Exactly one VAT total (BT-110) in the document currency is needed.",
            path,
        )
        return
    tax = dec(in_currency[0].text)
    excl, incl = v["TaxExclusiveAmount"], v["TaxInclusiveAmount"]
    if tax is not None and excl is not None and incl is not None:
        _require(
            out,
            incl == xround2(excl + tax),
            "BR-CO-15",
            f"Total with VAT (BT-112) must equal total without VAT + VAT, {xround2(excl + tax)}.",
            path,
        )
    _require(
        out,
        decimals(in_currency[0].text) <= 2,
        "BR-DEC-13",
        "VAT total (BT-110) has more than 2 decimals.",
        path,
    )


def _tax_rules(f: Facts, out: list[Problem]) -> None:
    path = "/" + f.root_name
    _require(out, bool(f.subtotals), "BR-CO-18", "The VAT breakdown (BG-23) is missing.", path)
    for i, total in enumerate(f.tax_totals, 1):
        subs = total.findall(C + "TaxSubtotal")
        if not subs:
            continue
        amount = dec(text_of(total, B + "TaxAmount"))
        parts = _sum([dec(text_of(s, B + "TaxAmount")) for s in subs])
        if amount is not None and parts is not None:
            _require(
                out,
                amount == xround2(parts),
                "BR-CO-14",
                f"VAT total (BT-110) must equal the sum of the VAT breakdown, {xround2(parts)}.",
                f"{path}/cac:TaxTotal[{i}]",
            )
    for sub in f.subtotals:
        _require(
            out,
            sub.taxable_text is not None,
            "BR-45",
            "VAT category taxable amount (BT-116) is missing.",
            sub.path,
        )
        _require(
            out,
            sub.tax_text is not None,
            "BR-46",
            "VAT category tax amount (BT-117) is missing.",
            sub.path,
        )
        cat = sub.category
        _require(
            out,
            cat is not None and bool(cat.code),
            "BR-47",
            "VAT category code (BT-118) is missing.",
            sub.path,
        )
        _require(
            out,
            cat is not None and (cat.percent_text is not None or cat.code == "O"),
            "BR-48",
            "VAT category rate (BT-119) is missing.",
            sub.path,
        )
        _require(
            out,
            decimals(sub.taxable_text) <= 2,
            "BR-DEC-19",
            "VAT category taxable amount has more than 2 decimals.",
            sub.path,
        )
        _require(
            out,
            decimals(sub.tax_text) <= 2,
            "BR-DEC-20",
            "VAT category tax amount has more than 2 decimals.",
            sub.path,
        )
        if cat is not None and sub.tax is not None and sub.taxable is not None:
            _require(
                out,
                _co17_ok(sub.tax, sub.taxable, cat.percent),
                "BR-CO-17",
                "VAT category tax amount (BT-117) must equal taxable amount × rate.",
                sub.path,
            )


def _co17_ok(tax: Decimal, taxable: Decimal, percent: Decimal | None) -> bool:
    """BR-CO-17 as the Schematron computes it (±1 tolerance for non-zero rates)."""
    if percent is None:
        return xround(tax) == 0
    if xround(percent) == 0:
        return xround(tax) == 0
    expected = xround2(abs(taxable) * (percent / 100))
    return abs(tax) - 1 < expected < abs(tax) + 1
