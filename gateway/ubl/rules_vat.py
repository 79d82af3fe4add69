"""EN 16931 per-VAT-category rules (BR-S, BR-Z, BR-E, BR-AE, BR-IC for K, BR-G, BR-O).

Each category has the same family of rules, numbered alike in the CEN Schematron 1.3.16:
-01 the VAT breakdown has the category; -02/-03/-04 the parties carry the VAT identifiers the
category needs (for lines, document allowances, document charges); -05/-06/-07 the rate on lines,
allowances and charges; -08 the taxable amount is the sum of the category's lines and document
allowances/charges (category S per rate, ±1 tolerance); -09 the VAT amount; -10 the exemption
reason. K adds -11 (delivery date or period) and -12 (deliver-to country).
Categories L and M (Canary Islands, Ceuta and Melilla) are left to the official Schematron.
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
    SubtotalFact,
    VatCategory,
    find_path,
    norm,
    text_of,
    xround2,
)
from gateway.ubl.problems import Problem
from gateway.ubl.rules_base import fail as _fail

ZERO = Decimal(0)
PREFIX = {
    "S": "BR-S",
    "Z": "BR-Z",
    "E": "BR-E",
    "AE": "BR-AE",
    "K": "BR-IC",
    "G": "BR-G",
    "O": "BR-O",
}
NAMES = {
    "S": "Standard rated",
    "Z": "Zero rated",
    "E": "Exempt from VAT",
    "AE": "Reverse charge",
    "K": "Intra-community supply",
    "G": "Export outside the EU",
    "O": "Not subject to VAT",
}


def _has_vat_id(party: etree._Element | None, any_scheme: bool = False) -> bool:
    if party is None:
        return False
    for scheme in party.iterfind(C + "PartyTaxScheme"):
        if find_path(scheme, B + "CompanyID") is None:
            continue
        if any_scheme or norm(text_of(scheme, C + "TaxScheme/" + B + "ID")).upper() == "VAT":
            return True
    return False


def _party_condition(f: Facts, code: str) -> tuple[bool, str]:
    """Whether the parties carry the identifiers category ``code`` needs, and what that is."""
    r = f.root
    seller = find_path(r, C + "AccountingSupplierParty/" + C + "Party")
    buyer = find_path(r, C + "AccountingCustomerParty/" + C + "Party")
    rep_vat = _has_vat_id(find_path(r, C + "TaxRepresentativeParty"))
    if code == "O":
        ok = not (_has_vat_id(seller) or rep_vat or _has_vat_id(buyer))
        return ok, "must not carry seller, tax representative or buyer VAT identifiers"
    seller_ok = _has_vat_id(seller, any_scheme=code in {"S", "Z", "E", "AE"}) or rep_vat
    if code == "AE":
        buyer_ok = _has_vat_id(buyer) or (
            buyer is not None
            and find_path(buyer, C + "PartyLegalEntity/" + B + "CompanyID") is not None
        )
        return seller_ok and buyer_ok, "needs the seller's and the buyer's VAT identifier"
    if code == "K":
        return seller_ok and _has_vat_id(buyer), "needs the seller's and the buyer's VAT identifier"
    return seller_ok, "needs the seller's VAT identifier (BT-31 or BT-63)"


def _rate_ok(code: str, cat: VatCategory) -> bool:
    if code == "O":
        return cat.percent_text is None
    if cat.percent is None:
        return False
    return cat.percent > 0 if code == "S" else cat.percent == 0


def _rate_rule(code: str) -> str:
    if code == "O":
        return "must not have a VAT rate"
    return "needs a VAT rate above 0" if code == "S" else "needs a VAT rate of 0"


def check_vat_categories(f: Facts, out: list[Problem]) -> None:
    """Append the per-category rule failures of a document to ``out``."""
    p = "/" + f.root_name
    lines_by: dict[str, list[LineFact]] = {}
    for ln in f.lines:
        if ln.category is not None:
            lines_by.setdefault(ln.category.code, []).append(ln)
    allowances_by: dict[str, list[AllowanceFact]] = {}
    for a in f.allowances:
        if a.category is not None:
            allowances_by.setdefault(a.category.code, []).append(a)
    subtotals_by: dict[str, list[SubtotalFact]] = {}
    for sub in f.subtotals:
        if sub.category is not None:
            subtotals_by.setdefault(sub.category.code, []).append(sub)
    present = lines_by.keys() | allowances_by.keys() | subtotals_by.keys()
    # L, M and unknown codes are left to the official Schematron (BR-AF, BR-AG, BR-CL-17/18)
    for code in [c for c in PREFIX if c in present]:
        prefix = PREFIX[code]
        name = NAMES[code]
        in_lines = lines_by.get(code, [])
        allowances = allowances_by.get(code, [])
        subtotals = subtotals_by.get(code, [])
        count = len(subtotals)
        if code == "S":
            if (in_lines or allowances) and count == 0:
                _fail(out, "BR-S-01", f"{name}: the VAT breakdown needs category S.", p)
            if count and not (in_lines or allowances):
                _fail(out, "BR-S-01", f"{name}: VAT breakdown S without S lines.", p)
        elif count != 1:
            _fail(
                out, f"{prefix}-01", f"{name}: the VAT breakdown needs exactly one {code} group.", p
            )
        parties_ok, need = _party_condition(f, code)
        if not parties_ok:
            for number, used in (
                ("02", in_lines),
                ("03", [a for a in allowances if a.is_charge is False]),
                ("04", [a for a in allowances if a.is_charge is True]),
            ):
                if used:
                    _fail(out, f"{prefix}-{number}", f"{name}: the document {need}.", p)
        for line in in_lines:
            if line.category is not None and not _rate_ok(code, line.category):
                _fail(out, f"{prefix}-05", f"{name} line {_rate_rule(code)}.", line.path)
        for a in allowances:
            if (
                a.category is not None
                and not _rate_ok(code, a.category)
                and a.is_charge is not None
            ):
                rule = f"{prefix}-07" if a.is_charge else f"{prefix}-06"
                _fail(out, rule, f"{name} allowance/charge {_rate_rule(code)}.", a.path)
        _subtotal_rules(f, code, prefix, name, out)
    if any(s.category is not None and s.category.code == "K" for s in f.subtotals):
        _intra_community_delivery(f, out)


def _matches(cat: VatCategory | None, code: str, by_rate: bool, rate: Decimal | None) -> bool:
    if cat is None or cat.code != code:
        return False
    return not by_rate or (cat.percent is not None and cat.percent == rate)


def _category_base(
    f: Facts, code: str, by_rate: bool = False, rate: Decimal | None = None
) -> Decimal | None:
    """Σ line nets + charges − allowances of a category (and rate); None if any is invalid."""
    total = ZERO
    for line in f.lines:
        if _matches(line.category, code, by_rate, rate):
            if line.net is None:
                return None
            total += line.net
    for a in f.allowances:
        if _matches(a.category, code, by_rate, rate):
            if a.amount is None or a.is_charge is None:
                return None
            total += a.amount if a.is_charge else -a.amount
    return total


def _subtotal_rules(f: Facts, code: str, prefix: str, name: str, out: list[Problem]) -> None:
    for sub in f.subtotals:
        cat = sub.category
        if cat is None or cat.code != code:
            continue
        if code == "S":
            rate = cat.percent
            base = _category_base(f, code, by_rate=True, rate=rate)
            if base is not None and sub.taxable is not None and rate is not None:
                categories = [x.category for x in f.lines] + [a.category for a in f.allowances]
                exists = any(_matches(c, "S", True, rate) for c in categories)
                if not (exists and sub.taxable - 1 < base < sub.taxable + 1):
                    _fail(
                        out,
                        "BR-S-08",
                        f"{name} {rate} %: taxable amount must equal the sum of "
                        f"its lines and document allowances/charges, {base}.",
                        sub.path,
                    )
            if sub.tax is not None and sub.taxable is not None and rate is not None:
                expected = xround2(abs(sub.taxable) * (rate / 100))
                if not (abs(sub.tax) - 1 < expected < abs(sub.tax) + 1):
                    _fail(
                        out,
                        "BR-S-09",
                        f"{name} {rate} %: VAT amount must be taxable amount × rate, {expected}.",
                        sub.path,
                    )
            if cat.has_exemption:
                _fail(out, "BR-S-10", f"{name}: no exemption reason is allowed.", sub.path)
            continue
        base = _category_base(f, code)
        if base is not None and sub.taxable is not None and sub.taxable != base:
            _fail(
                out,
                f"{prefix}-08",
                f"{name}: taxable amount must equal the sum of its lines "
                f"and document allowances/charges, {base}.",
                sub.path,
            )
        if sub.tax is not None and sub.tax != 0:
            _fail(out, f"{prefix}-09", f"{name}: the VAT amount must be 0.", sub.path)
        if code == "Z" and cat.has_exemption:
            _fail(out, "BR-Z-10", f"{name}: no exemption reason is allowed.", sub.path)
        if code != "Z" and not cat.has_exemption:
            _fail(
                out, f"{prefix}-10", f"{name}: an exemption reason or code is required.", sub.path
            )


def _intra_community_delivery(f: Facts, out: list[Problem]) -> None:
    r, p = f.root, "/" + f.root_name
    delivery_date = norm(text_of(r, C + "Delivery/" + B + "ActualDeliveryDate"))
    period = find_path(r, C + "InvoicePeriod")
    if len(delivery_date) <= 1 and (period is None or len(period) == 0):
        _fail(out, "BR-IC-11", "Intra-community supply needs the delivery date or period.", p)
    country = text_of(
        r,
        C
        + "Delivery/"
        + C
        + "DeliveryLocation/"
        + C
        + "Address/"
        + C
        + "Country/"
        + B
        + "IdentificationCode",
    )
    if country is None or len(country) <= 1:
        _fail(out, "BR-IC-12", "Intra-community supply needs the deliver-to country code.", p)
