"""Reading customer and item rows (from CSV files, as dicts of strings) into the model.

Each function returns the object or every problem of the row, so a clerk sees all mistakes of a
file in one pass; nothing is imported while any row has a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from core.domain.catalog import Item, gtin_problem
from core.domain.errors import Problem, RuleViolation
from core.domain.money import EXPONENTS, to_decimal
from core.domain.parties import Address, Customer, PaymentTerms

CUSTOMER_COLUMNS = ("account", "name", "currency", "payment_terms", "credit_limit")
ITEM_COLUMNS = ("sku", "description", "uom", "unit_price", "unit_cost", "on_hand", "gtin")
_TRUE = {"1", "true", "yes", "y", "x"}


def _decimal(
    row: Mapping[str, str], col: str, where: str, problems: list[Problem], default: str = "0"
) -> Decimal:
    raw = (row.get(col) or "").strip() or default
    try:
        return to_decimal(raw)
    except RuleViolation:
        problems.append(Problem("NUMBER", f"{col} {raw!r} is not a number.", where))
        return Decimal(0)


def missing_columns(header: list[str], wanted: tuple[str, ...]) -> list[Problem]:
    return [
        Problem("COLUMN", f"Column {c!r} is missing.", "header") for c in wanted if c not in header
    ]


def customer_from_row(row: Mapping[str, str], where: str) -> Customer | list[Problem]:
    problems: list[Problem] = []
    account, name = (row.get("account") or "").strip(), (row.get("name") or "").strip()
    currency = (row.get("currency") or "").strip().upper()
    if not account:
        problems.append(Problem("ACCOUNT", "account is empty.", where))
    if not name:
        problems.append(Problem("NAME", "name is empty.", where))
    if currency not in EXPONENTS:
        problems.append(
            Problem("CURRENCY", f"currency {currency!r} is not a known ISO 4217 code.", where)
        )
    terms = PaymentTerms(30)
    try:
        terms = PaymentTerms.parse(row.get("payment_terms") or "net 30")
    except RuleViolation as exc:
        problems.append(Problem("TERMS", exc.message, where))
    limit = _decimal(row, "credit_limit", where, problems)
    if limit < 0:
        problems.append(Problem("CREDIT_LIMIT", "credit_limit cannot be negative.", where))
    if problems:
        return problems
    addr = Address(
        name,
        row.get("street", ""),
        row.get("city", ""),
        row.get("region", ""),
        row.get("postal_code", ""),
        row.get("country", ""),
    )
    return Customer(
        account,
        name,
        currency,
        terms,
        limit,
        (row.get("on_hold") or "").strip().lower() in _TRUE,
        (row.get("parent_account") or "").strip() or None,
        addr,
        addr,
        (row.get("tax_code") or "").strip() or "EXEMPT",
    )


def item_from_row(row: Mapping[str, str], where: str) -> Item | list[Problem]:
    problems: list[Problem] = []
    sku = (row.get("sku") or "").strip()
    if not sku:
        problems.append(Problem("SKU", "sku is empty.", where))
    price = _decimal(row, "unit_price", where, problems)
    cost = _decimal(row, "unit_cost", where, problems)
    on_hand = _decimal(row, "on_hand", where, problems)
    for col, value in (("unit_price", price), ("unit_cost", cost)):
        if value < 0:
            problems.append(Problem("NEGATIVE", f"{col} cannot be negative.", where))
    gtin = (row.get("gtin") or "").strip()
    if (bad := gtin_problem(gtin)) is not None:
        problems.append(Problem(bad.code, bad.message, where))
    conversions: dict[str, Decimal] = {}
    for part in filter(None, (row.get("conversions") or "").split(";")):
        unit, _, factor = part.partition("=")
        try:
            conversions[unit.strip().upper()] = to_decimal(factor)
        except RuleViolation:
            problems.append(Problem("UOM", f"conversion {part!r} is not UNIT=FACTOR.", where))
    if problems:
        return problems
    return Item(
        sku,
        (row.get("description") or "").strip(),
        price,
        cost,
        (row.get("uom") or "EA").strip().upper() or "EA",
        on_hand,
        gtin,
        conversions,
        (row.get("tax_code") or "").strip() or None,
    )
