"""EN 16931 document totals and VAT breakdown rules (CEN UBL Schematron 1.3.16).

BR-12…BR-15, BR-CO-10…BR-CO-17, BR-CO-18, BR-45…BR-48 and BR-DEC-09…BR-DEC-20, with the
Schematron's arithmetic: XPath ``round`` (halves up) on sums, ±1 tolerance in BR-CO-17.
"""

from __future__ import annotations

from decimal import Decimal

from gateway.ubl.facts import (
    TOTAL_AMOUNTS,
    B,
    C,
    Facts,
    dec,
    decimals,
    find_path,
    text_of,
    xround,
    xround2,
)
from gateway.ubl.problems import Problem
from gateway.ubl.rules_base import ZERO
from gateway.ubl.rules_base import fail as _fail
from gateway.ubl.rules_base import require as _require
from gateway.ubl.rules_base import total as _sum

LMT = C + "LegalMonetaryTotal"


def check_totals(f: Facts, out: list[Problem]) -> None:
    r, path = f.root, f"/{f.root_name}/cac:LegalMonetaryTotal"
    lmt = find_path(r, LMT)
    if lmt is None:
        _fail(out, "BR-12", "Document totals (BG-22) are missing.", "/" + f.root_name)
        return
    texts = {name: text_of(lmt, B + name) for name in TOTAL_AMOUNTS}
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


def check_tax_breakdown(f: Facts, out: list[Problem]) -> None:
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
