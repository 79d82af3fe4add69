"""Master data shipped with the configuration: config/data/customers.csv and catalog.csv.

These seed the ledger (customers with their accounts, the item catalog) and let
``o2c config check`` tie partner files to them: partner customer accounts must exist, item
cross-references must name catalog SKUs, and GTINs must agree. Amounts are exact decimals.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from gateway.config.csvfile import CsvRow, duplicates, read_csv
from gateway.config.gtin import gtin_problem
from gateway.config.problems import ConfigProblem
from gateway.config.units import unit_problem

CUSTOMER_COLUMNS = ("account", "name", "currency", "payment_terms", "credit_limit")
CUSTOMER_OPTIONAL = ("tax_code", "gln", "email")
CATALOG_COLUMNS = ("sku", "description", "uom", "unit_price", "unit_cost", "on_hand", "gtin")
CATALOG_OPTIONAL = ("tax_code",)


@dataclass(frozen=True, slots=True)
class CustomerRow:
    account: str
    name: str
    currency: str
    payment_terms: str
    credit_limit: Decimal
    tax_code: str = ""
    gln: str = ""
    email: str = ""
    line: int = field(default=0, compare=False)
    """Line in customers.csv."""


@dataclass(frozen=True, slots=True)
class CatalogRow:
    sku: str
    description: str
    uom: str
    unit_price: Decimal
    unit_cost: Decimal
    on_hand: Decimal
    gtin: str = ""
    tax_code: str = ""
    line: int = field(default=0, compare=False)
    """Line in catalog.csv."""


def _decimal(row: CsvRow, column: str, file: str, problems: list[ConfigProblem]) -> Decimal:
    try:
        value = Decimal(row[column])
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        problems.append(
            ConfigProblem(
                file,
                row.line,
                column,
                "CFG_INVALID_VALUE",
                f"{column} {row[column]!r} is not a decimal number of zero or more",
            )
        )
        return Decimal(0)
    return value


def tax_code_problems(
    rows: tuple[CustomerRow, ...] | tuple[CatalogRow, ...], codes: Collection[str], file: str
) -> list[ConfigProblem]:
    """Each row's tax code, when it has one, is a code of gateway.toml [tax_codes]."""
    return [
        ConfigProblem(
            file,
            row.line,
            "tax_code",
            "CFG_UNKNOWN_TAX_CODE",
            f"tax code {row.tax_code!r} is not in gateway.toml [tax_codes] ({', '.join(codes)})",
        )
        for row in rows
        if row.tax_code and row.tax_code not in codes
    ]


def read_customers(path: Path, file: str) -> tuple[tuple[CustomerRow, ...], list[ConfigProblem]]:
    rows, problems = read_csv(path, file, CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL)
    problems.extend(duplicates(rows, "account", file, "account"))
    customers = []
    for row in rows:
        for column in ("account", "name", "payment_terms"):
            if not row[column]:
                problems.append(
                    ConfigProblem(file, row.line, column, "CFG_MISSING_VALUE", f"{column} is empty")
                )
        currency = row["currency"]
        if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
            problems.append(
                ConfigProblem(
                    file,
                    row.line,
                    "currency",
                    "CFG_INVALID_VALUE",
                    f"currency {currency!r} is not an ISO 4217 code (USD, EUR)",
                )
            )
        limit = _decimal(row, "credit_limit", file, problems)
        customers.append(
            CustomerRow(
                row["account"],
                row["name"],
                currency,
                row["payment_terms"],
                limit,
                row["tax_code"],
                row["gln"],
                row["email"],
                row.line,
            )
        )
    return tuple(customers), problems


def read_catalog(path: Path, file: str) -> tuple[tuple[CatalogRow, ...], list[ConfigProblem]]:
    rows, problems = read_csv(path, file, CATALOG_COLUMNS, CATALOG_OPTIONAL)
    problems.extend(duplicates(rows, "sku", file, "SKU"))
    problems.extend(duplicates(rows, "gtin", file, "GTIN"))
    items = []
    for row in rows:
        if not row["sku"]:
            problems.append(
                ConfigProblem(file, row.line, "sku", "CFG_MISSING_VALUE", "sku is empty")
            )
        if reason := unit_problem(row["uom"]):
            problems.append(ConfigProblem(file, row.line, "uom", "CFG_UNKNOWN_UNIT", reason))
        if row["gtin"] and (reason := gtin_problem(row["gtin"])):
            problems.append(ConfigProblem(file, row.line, "gtin", "CFG_BAD_GTIN", reason))
        items.append(
            CatalogRow(
                row["sku"],
                row["description"],
                row["uom"],
                unit_price=_decimal(row, "unit_price", file, problems),
                unit_cost=_decimal(row, "unit_cost", file, problems),
                on_hand=_decimal(row, "on_hand", file, problems),
                gtin=row["gtin"],
                tax_code=row["tax_code"],
                line=row.line,
            )
        )
    return tuple(items), problems
