"""Validation problems as values: one per failed rule, with the rule id and where it failed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors make a document invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Source(StrEnum):
    """Which check produced a problem."""

    XML = "xml"
    XSD = "xsd"
    EN16931 = "en16931"
    PEPPOL = "peppol"
    SCHEMATRON = "schematron"


@dataclass(frozen=True, slots=True)
class Problem:
    """One failed rule: its id (e.g. ``BR-CO-10``, ``PEPPOL-EN16931-R003``, ``XSD``), how bad
    it is, a sentence for a person, and where (an XPath-like location, empty if document-wide)."""

    rule_id: str
    severity: Severity
    message: str
    path: str = ""
    source: Source = Source.EN16931

    def as_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready dictionary."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "source": self.source.value,
            "message": self.message,
            "path": self.path,
        }


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    """True when any problem is an error (warnings alone leave a document valid)."""
    return any(p.severity is Severity.ERROR for p in problems)
