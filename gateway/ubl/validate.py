"""The validation pipeline for UBL documents, outbound and inbound.

In order: the OASIS UBL 2.1 XSD (lxml fast pass, xmlschema report on failure); the EN 16931
rules (every document); the Peppol BIS Billing 3.0 rules (when the CustomizationID names Peppol
BIS Billing 3.0); then, when configured, the official Schematron XSLTs with saxonche. A
document is valid when no problem is an error. All problems are collected, none raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gateway.ubl.facts import B, collect, norm, text_of
from gateway.ubl.model import is_peppol_customization
from gateway.ubl.problems import Problem, has_errors
from gateway.ubl.rules_en16931 import check_en16931
from gateway.ubl.rules_peppol import check_peppol
from gateway.ubl.schema import xsd_problems
from gateway.ubl.schematron import SchematronRunner
from gateway.ubl.xmlsafe import parse_ubl


@dataclass(frozen=True, slots=True)
class ValidationConfig:
    """What to run besides the XSD and our rules: official Schematron XSLT files, in order."""

    schematron_xslts: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome for one document: its kind and number, and every problem found."""

    kind: str
    number: str
    peppol: bool
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        """True when no problem is an error."""
        return not has_errors(self.problems)

    def as_dict(self) -> dict[str, object]:
        """The report as a JSON-ready dictionary."""
        return {
            "kind": self.kind,
            "number": self.number,
            "peppol": self.peppol,
            "valid": self.valid,
            "problems": [p.as_dict() for p in self.problems],
        }


class Validator:
    """Validates UBL roots; compiles configured Schematron XSLTs once, at construction."""

    def __init__(self, config: ValidationConfig | None = None) -> None:
        config = config or ValidationConfig()
        self._schematron = (
            SchematronRunner(config.schematron_xslts) if config.schematron_xslts else None
        )

    def validate(self, root: etree._Element) -> ValidationReport:
        """Validate a UBL Invoice or CreditNote element (built by us or parsed safely)."""
        return validate_root(root, self._schematron)

    def validate_bytes(self, data: bytes) -> ValidationReport:
        """Parse untrusted bytes safely, then validate (UnsafeXmlError / NotUblError raised)."""
        return self.validate(parse_ubl(data))


def validate_root(
    root: etree._Element, schematron: SchematronRunner | None = None
) -> ValidationReport:
    """XSD, EN 16931 rules, Peppol rules (when Peppol), Schematron (when given)."""
    problems: list[Problem] = list(xsd_problems(root))
    facts = collect(root)
    problems.extend(check_en16931(root, facts))
    customization = norm(text_of(root, B + "CustomizationID"))
    peppol = is_peppol_customization(customization)
    if peppol:
        problems.extend(check_peppol(root))
    if schematron is not None:
        problems.extend(schematron.check(root))
    return ValidationReport(
        kind=facts.root_name,
        number=norm(text_of(root, B + "ID")),
        peppol=peppol,
        problems=tuple(problems),
    )


def schematron_paths(folder: Path, names: Sequence[str]) -> tuple[Path, ...]:
    """Paths of named XSLT files in a folder (a helper for configuration)."""
    return tuple(folder / name for name in names)
