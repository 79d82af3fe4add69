"""Chart of accounts, journal lines and entries.

An entry balances per currency (debits are positive amounts, credits negative, the sum per
currency is exactly zero), has at least two lines, and is immutable; a posted entry is corrected
only by its ``reversal``. The chart is data: accounts plus the *roles* the posting rules use
(``ar``, ``revenue``, ``cogs`` ...), so a company maps roles to its own account numbers.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from core.domain.errors import Problem, RuleViolation, UnbalancedEntry
from core.domain.frozen import quick_init, quick_make
from core.domain.money import quantize, quantum


class AccountType(Enum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    REVENUE = "revenue"
    EXPENSE = "expense"


@dataclass(frozen=True, slots=True)
class Account:
    number: str
    name: str
    type: AccountType
    role: str = ""


@dataclass(frozen=True, slots=True)
class ChartOfAccounts:
    accounts: tuple[Account, ...]
    _roles: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        roles = [a.role for a in self.accounts if a.role]
        if len(roles) != len(set(roles)):
            raise RuleViolation("CHART", "Each posting role may be given to one account only.")
        object.__setattr__(self, "_roles", {a.role: a.number for a in self.accounts if a.role})

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> ChartOfAccounts:
        """Build a chart from rows with ``account``, ``name``, ``type`` and optional ``role``."""
        return cls(
            tuple(
                Account(r["account"], r["name"], AccountType(r["type"]), r.get("role", "") or "")
                for r in rows
            )
        )

    def for_role(self, role: str) -> str:
        if role in self._roles:
            return self._roles[role]
        raise RuleViolation("CHART", f"No account in the chart has the posting role {role!r}.")

    def get(self, number: str) -> Account | None:
        return next((a for a in self.accounts if a.number == number), None)


_A, _L, _E, _R, _X = (
    AccountType.ASSET,
    AccountType.LIABILITY,
    AccountType.EQUITY,
    AccountType.REVENUE,
    AccountType.EXPENSE,
)

DEFAULT_CHART = ChartOfAccounts(
    (
        Account("1100", "Bank", _A, "bank"),
        Account("1200", "Accounts receivable", _A, "ar"),
        Account("1210", "Customer deductions", _A, "deductions"),
        Account("1400", "Inventory", _A, "inventory"),
        Account("2200", "Sales tax payable", _L, "sales_tax"),
        Account("2300", "Customer prepayments", _L, "prepayments"),
        Account("2400", "Rebate provision", _L, "rebate_provision"),
        Account("3000", "Retained earnings", _E, "equity"),
        Account("4000", "Sales revenue", _R, "revenue"),
        Account("4100", "Sales allowances", _R, "allowances"),
        Account("4200", "Freight and other charges", _R, "charges"),
        Account("4900", "Penny differences", _R, "penny"),
        Account("4910", "Overpayments written off", _R, "overpayment"),
        Account("5000", "Cost of goods sold", _X, "cogs"),
        Account("6100", "Cash discounts given", _X, "cash_discount"),
        Account("6200", "Underpayments written off", _X, "underpayment"),
        Account("6300", "Customer rebates", _X, "rebate_expense"),
    )
)


@quick_init
@dataclass(frozen=True, slots=True)
class JournalLine:
    account: str
    currency: str
    amount: Decimal  # debit positive, credit negative
    customer: str = ""
    text: str = ""


# JournalLine(account, currency, amount, customer, text), all given, made faster (see quick_make)
make_journal_line = quick_make(JournalLine)


def balance_problems(lines: Iterable[JournalLine]) -> list[Problem]:
    """Every reason the lines do not form a valid entry (empty list when they do)."""
    lines = list(lines)
    problems: list[Problem] = []
    if len(lines) < 2:
        problems.append(Problem("LINES", "An entry needs at least two lines."))
    totals: dict[str, Decimal] = {}
    for i, line in enumerate(lines):
        if line.amount != quantize(line.amount, line.currency):
            problems.append(
                Problem("PRECISION", f"{line.amount} has too many decimals.", f"line {i + 1}")
            )
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    for currency, total in sorted(totals.items()):
        if total != 0:
            problems.append(
                Problem("UNBALANCED", f"{currency} debits and credits differ by {total}.")
            )
    return problems


_ZERO = Decimal(0)


def _plainly_balanced(lines: tuple[JournalLine, ...]) -> bool:
    """True for the usual entry, where ``balance_problems`` would find nothing: two or more
    lines of one currency, each amount a Decimal already rounded to it, summing to zero. A
    quicker test than ``balance_problems`` (no list of problems, no totals per currency);
    False sends the entry through ``balance_problems`` for its errors (or its exception).
    Rounding to the currency is ``quantize``'s, so an amount passes here exactly when it
    passes there."""
    if len(lines) < 2:
        return False
    currency = lines[0].currency
    try:
        unit = quantum(currency)
    except RuleViolation:
        return False
    total = _ZERO
    try:
        for line in lines:
            amount = line.amount
            if (
                line.currency != currency
                or type(amount) is not Decimal
                or amount.quantize(unit, ROUND_HALF_UP) != amount
            ):
                return False
            total += amount
    except ArithmeticError:  # an amount no rounding takes: balance_problems raises for it
        return False
    return total == 0


@quick_init
@dataclass(frozen=True, slots=True)
class JournalEntry:
    number: str
    date: date
    source_type: str
    source_number: str
    lines: tuple[JournalLine, ...]
    text: str = ""
    reverses: str | None = None

    def __post_init__(self) -> None:
        if _plainly_balanced(self.lines):
            return
        problems = balance_problems(self.lines)
        if problems:
            detail = " ".join(p.message for p in problems)
            raise UnbalancedEntry(
                f"Entry {self.number} ({self.source_type} {self.source_number}) is refused: "
                f"{detail}"
            )

    def reversal(self, number: str, on: _dt.date, text: str = "") -> JournalEntry:
        lines = tuple(
            JournalLine(ln.account, ln.currency, -ln.amount, ln.customer, ln.text)
            for ln in self.lines
        )
        return JournalEntry(
            number,
            on,
            self.source_type,
            self.source_number,
            lines,
            text or f"Reversal of {self.number}",
            reverses=self.number,
        )


def summarise(lines: Iterable[JournalLine]) -> tuple[JournalLine, ...]:
    """Merge lines of the same account, currency, customer and text; drop zero lines."""
    merged: dict[tuple[str, str, str, str], Decimal] = {}
    for ln in lines:
        key = (ln.account, ln.currency, ln.customer, ln.text)
        merged[key] = merged.get(key, Decimal(0)) + ln.amount
    return tuple(
        make_journal_line(a, c, amt, cu, t) for (a, c, cu, t), amt in merged.items() if amt
    )
