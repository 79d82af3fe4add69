"""EN 16931 rules on invoice lines and on allowances/charges (CEN UBL Schematron 1.3.16).

BR-21…BR-28, BR-CO-04, BR-54, BR-64, BR-65 and BR-DEC-23 on lines; BR-31…BR-33, BR-36…BR-38,
BR-41…BR-44 and BR-DEC-01/02/05/06/24/25/27/28 on allowances and charges.
"""

from __future__ import annotations

from gateway.ubl.facts import AllowanceFact, B, LineFact, dec, decimals, norm
from gateway.ubl.problems import Problem
from gateway.ubl.rules_base import require as _require

_AC_RULES = {
    # (document level, is charge): (amount, VAT category, reason, decimals amount, decimals base)
    (True, False): ("BR-31", "BR-32", "BR-33", "BR-DEC-01", "BR-DEC-02"),
    (True, True): ("BR-36", "BR-37", "BR-38", "BR-DEC-05", "BR-DEC-06"),
    (False, False): ("BR-41", None, "BR-42", "BR-DEC-24", "BR-DEC-25"),
    (False, True): ("BR-43", None, "BR-44", "BR-DEC-27", "BR-DEC-28"),
}


def check_allowance(ac: AllowanceFact, out: list[Problem], document_level: bool) -> None:
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


def check_line(line: LineFact, out: list[Problem]) -> None:
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
    for prop in line.properties:
        _require(
            out,
            prop.find(B + "Name") is not None and prop.find(B + "Value") is not None,
            "BR-54",
            "Item attribute (BG-32) needs a name and a value.",
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
