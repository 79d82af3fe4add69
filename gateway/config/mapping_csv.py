"""The CSV files of a partner's mapping folder: items.csv and ship_to.csv.

items.csv (sku, buyer_item, gtin, vendor_item) cross-references the partner's identifiers to our
SKUs: each SKU, buyer item, GTIN and vendor item appears once; GTINs carry a valid check digit;
each row names at least one partner identifier. ship_to.csv (store, name, line1, line2, city,
state, postal_code, country) resolves store numbers (N1*ST*..*92*<store>) to addresses.
"""

from __future__ import annotations

from pathlib import Path

from gateway.config.csvfile import CsvRow, duplicates, read_csv
from gateway.config.gtin import gtin_problem
from gateway.config.problems import ConfigProblem
from gateway.transactions.mapping import Address, ItemCrossReference

ITEM_COLUMNS = ("sku", "buyer_item", "gtin", "vendor_item")
SHIP_TO_COLUMNS = ("store", "name", "line1", "line2", "city", "state", "postal_code", "country")


def read_items(
    path: Path, file: str
) -> tuple[tuple[ItemCrossReference, ...], list[CsvRow], list[ConfigProblem]]:
    rows, problems = read_csv(path, file, ("sku",), ITEM_COLUMNS[1:])
    for column, what in zip(
        ITEM_COLUMNS, ("SKU", "buyer item", "GTIN", "vendor item"), strict=True
    ):
        problems.extend(duplicates(rows, column, file, what))
    for row in rows:
        if not row["sku"]:
            problems.append(
                ConfigProblem(file, row.line, "sku", "CFG_MISSING_VALUE", "sku is empty")
            )
        if not (row["buyer_item"] or row["gtin"] or row["vendor_item"]):
            problems.append(
                ConfigProblem(
                    file,
                    row.line,
                    "sku",
                    "CFG_MISSING_VALUE",
                    "a cross-reference needs at least one of buyer_item, gtin, vendor_item",
                )
            )
        if row["gtin"] and (reason := gtin_problem(row["gtin"])):
            problems.append(ConfigProblem(file, row.line, "gtin", "CFG_BAD_GTIN", reason))
    items = tuple(
        ItemCrossReference(r["sku"], r["buyer_item"], r["gtin"], r["vendor_item"]) for r in rows
    )
    return items, rows, problems


def read_ship_to(path: Path, file: str) -> tuple[dict[str, Address], list[ConfigProblem]]:
    rows, problems = read_csv(path, file, ("store", "name"), SHIP_TO_COLUMNS[2:])
    problems.extend(duplicates(rows, "store", file, "store"))
    addresses: dict[str, Address] = {}
    for row in rows:
        for column in ("store", "name"):
            if not row[column]:
                problems.append(
                    ConfigProblem(file, row.line, column, "CFG_MISSING_VALUE", f"{column} is empty")
                )
        country = row["country"] or "US"
        if len(country) != 2 or not country.isalpha() or not country.isupper():
            problems.append(
                ConfigProblem(
                    file,
                    row.line,
                    "country",
                    "CFG_INVALID_VALUE",
                    f"country {country!r} is not an ISO 3166 alpha-2 code (US, CA, DE)",
                )
            )
        addresses.setdefault(
            row["store"],
            Address(
                row["name"],
                row["line1"],
                row["line2"],
                row["city"],
                row["state"],
                row["postal_code"],
                country,
            ),
        )
    return addresses, problems
