"""The chart of accounts and tax codes used when config/gateway.toml gives none.

A small order-to-cash chart in the shape Dynamics 365 Finance posts to (receivables, revenue,
inventory, cost of goods sold, tax, discounts, write-offs, rebates, prepayments), and three tax
codes: a standard rate, zero-rated and exempt. Returned as plain data; the model validates it.
Rates are fractions (0.0825 is 8.25 %) written as strings so they stay exact.
"""

from __future__ import annotations

from typing import Any

_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("1100", "Bank", "asset"),
    ("1200", "Accounts receivable", "asset"),
    ("1300", "Inventory", "asset"),
    ("2100", "Sales tax payable", "liability"),
    ("2200", "Customer prepayments", "liability"),
    ("2300", "Accrued customer rebates", "liability"),
    ("3100", "Retained earnings", "equity"),
    ("4100", "Sales revenue", "revenue"),
    ("4200", "Freight and charges revenue", "revenue"),
    ("4900", "Customer rebates", "revenue"),
    ("5100", "Cost of goods sold", "expense"),
    ("6100", "Cash discounts given", "expense"),
    ("6200", "Customer deductions and write-offs", "expense"),
    ("6300", "Bad debt", "expense"),
    ("6400", "Rounding and penny differences", "expense"),
)


def default_accounts() -> dict[str, Any]:
    """Account number -> {name, type}."""
    return {number: {"name": name, "type": kind} for number, name, kind in _ACCOUNTS}


def default_tax_codes() -> dict[str, Any]:
    """Tax code -> {rate, category, exemption_reason}."""
    return {
        "STD": {"rate": "0.0825", "category": "S"},
        "ZERO": {"rate": "0", "category": "Z"},
        "EXEMPT": {
            "rate": "0",
            "category": "E",
            "exemption_reason": "Exempt from sales tax (resale certificate on file)",
        },
    }
