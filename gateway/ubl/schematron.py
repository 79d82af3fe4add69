"""Run official Schematron validation XSLTs (CEN EN 16931 UBL, Peppol BIS 3) with saxonche.

The stylesheets are XSLT 2.0 compiled from ISO Schematron and produce SVRL. A document fails
when any ``svrl:failed-assert`` has ``flag="fatal"`` (or no flag); ``flag="warning"`` becomes a
warning. The input handed to Saxon is the serialization of a tree already parsed by
:mod:`gateway.ubl.xmlsafe`, so Saxon never sees entities or DTDs of untrusted input.

A :class:`SchematronRunner` compiles each configured stylesheet once (about 0.5 s for the CEN
file) and then transforms documents in a few milliseconds. saxonche is an optional dependency:
configuring stylesheets without it installed raises :class:`~gateway.ubl.errors.SchematronError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from gateway.ubl.errors import SchematronError
from gateway.ubl.problems import Problem, Severity, Source

SVRL = "http://purl.oclc.org/dsdl/svrl"
_FAILED = f"{{{SVRL}}}failed-assert"
_SUCCESSFUL_REPORT = f"{{{SVRL}}}successful-report"
_TEXT = f"{{{SVRL}}}text"


class SchematronRunner:
    """Compiled Schematron XSLTs, applied in order to each document."""

    def __init__(self, stylesheets: Sequence[Path]) -> None:
        try:
            from saxonche import PySaxonProcessor
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SchematronError("saxonche is not installed; cannot run Schematron XSLTs") from exc
        self._processor: Any = PySaxonProcessor(license=False)
        self._compiled: list[tuple[str, Any]] = []
        for path in stylesheets:
            if not path.is_file():
                raise SchematronError(f"Schematron XSLT not found: {path}")
            xslt = self._processor.new_xslt30_processor()
            try:
                executable = xslt.compile_stylesheet(stylesheet_file=str(path))
            except Exception as exc:  # saxonche raises PySaxonApiError and plain exceptions
                raise SchematronError(f"cannot compile {path.name}: {exc}") from exc
            if executable is None:
                raise SchematronError(f"cannot compile {path.name}")
            self._compiled.append((path.name, executable))

    @property
    def names(self) -> tuple[str, ...]:
        """File names of the compiled stylesheets."""
        return tuple(name for name, _ in self._compiled)

    def check(self, root: etree._Element) -> list[Problem]:
        """Problems reported by every stylesheet for one (already safely parsed) document."""
        text = etree.tostring(root, encoding="unicode")
        problems: list[Problem] = []
        for name, executable in self._compiled:
            try:
                node = self._processor.parse_xml(xml_text=text)
                svrl = executable.transform_to_string(xdm_node=node)
            except Exception as exc:
                raise SchematronError(f"{name} failed on the document: {exc}") from exc
            if not svrl:
                raise SchematronError(f"{name} produced no SVRL output")
            problems.extend(svrl_problems(svrl.encode("utf-8")))
        return problems


def svrl_problems(svrl: bytes) -> list[Problem]:
    """Failed asserts and successful reports of an SVRL report as problems."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    report = etree.fromstring(svrl, parser)
    problems = []
    for node in report.iter(_FAILED, _SUCCESSFUL_REPORT):
        flag = (node.get("flag") or "fatal").strip().lower()
        severity = Severity.ERROR if flag in {"fatal", "error"} else Severity.WARNING
        text_node = node.find(_TEXT)
        message = " ".join((text_node.text or "").split()) if text_node is not None else ""
        problems.append(
            Problem(
                node.get("id") or "SCHEMATRON",
                severity,
                message,
                node.get("location") or "",
                Source.SCHEMATRON,
            )
        )
    return problems
