"""The ledger's exception tree and its problem records.

::

    LedgerError                 anything the ledger raises on purpose
    ├── RuleViolation           a business rule refused the command (CLI exit 1); has .code
    │   ├── NotFound            the document, customer or item does not exist
    │   ├── InvalidState        the document's status does not allow the command
    │   ├── UnbalancedEntry     a journal entry does not balance per currency
    │   ├── ClosedPeriod        the posting date falls in a closed period
    │   ├── StockShortage       on-hand would go negative
    │   ├── CreditRefused       customer on hold or over the credit limit
    │   └── OverSettlement      a settlement exceeds an open amount
    └── ConcurrencyConflict     another worker changed the same rows first; retry the command

Problems found while reading input (CSV imports, command validation) are collected as
``Problem`` values so a clerk sees every one in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with some input: a stable code, a sentence, and where."""

    code: str
    message: str
    location: str = ""


class LedgerError(Exception):
    """Base of every error the ledger raises on purpose."""


class RuleViolation(LedgerError):
    """A business rule refused the command; the message is a sentence for the clerk."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class NotFound(RuleViolation):
    def __init__(self, what: str, key: str) -> None:
        super().__init__("NOT_FOUND", f"{what} {key} does not exist.")


class InvalidState(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("INVALID_STATE", message)


class UnbalancedEntry(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("UNBALANCED", message)


class ClosedPeriod(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("PERIOD_CLOSED", message)


class StockShortage(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("STOCK", message)


class CreditRefused(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("CREDIT", message)


class OverSettlement(RuleViolation):
    def __init__(self, message: str) -> None:
        super().__init__("OVER_SETTLEMENT", message)


class ConcurrencyConflict(LedgerError):
    """Another unit of work changed the same rows first; the command can be retried."""
