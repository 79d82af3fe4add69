"""Conformance: official UBL examples and the official validation XSLTs (../shared/einvoice).

- Every example in ``examples/`` passes ``o2c ubl validate`` as SOURCES.md says: all 17 are
  valid UBL 2.1 + EN 16931; the 10 Peppol examples are also valid Peppol BIS 3; the 7 CEN
  examples are not Peppol documents (and fail the Peppol XSLT by design).
- Our generated documents (tests/unit/ubl/cases.py) raise no fatal assert in the official CEN
  EN 16931 XSLT and, for Peppol documents, the Peppol BIS 3 XSLT, run with saxonche.
- Every break our rules catch (test_rules.MUTATIONS) is reported by the official XSLTs with
  the same rule id.

Skipped with a reason when ``../shared`` (beside the repository) is absent. Each stylesheet is
compiled once per session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from gateway.cli import main
from gateway.ubl.builder import build, render
from gateway.ubl.keys import SigningKey, load_signing_material
from gateway.ubl.model import Document
from gateway.ubl.problems import Severity
from gateway.ubl.schematron import SchematronRunner
from gateway.ubl.signing import sign
from gateway.ubl.validate import ValidationConfig, Validator
from gateway.ubl.xmlsafe import parse_ubl
from tests.unit.ubl.cases import ALL_CASES, non_peppol_en16931
from tests.unit.ubl.certs import write_pem
from tests.unit.ubl.strategies import documents
from tests.unit.ubl.test_rules import MUTATIONS

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "einvoice"
EXAMPLES = SHARED / "examples"
CEN_XSLT = SHARED / "xslt" / "EN16931-UBL-validation.xslt"
PEPPOL_XSLT = SHARED / "xslt" / "PEPPOL-EN16931-UBL.xslt"

pytestmark = pytest.mark.skipif(
    not (CEN_XSLT.is_file() and PEPPOL_XSLT.is_file() and EXAMPLES.is_dir()),
    reason="../shared/einvoice (official UBL examples and XSLTs) is not present",
)


def _examples(folder: str) -> list[Path]:
    return sorted((EXAMPLES / folder).glob("*.xml")) if EXAMPLES.is_dir() else []


PEPPOL_EXAMPLES = _examples("peppol-bis3-2026.5")
CEN_EXAMPLES = _examples("cen-en16931-1.3.16")


@pytest.fixture(scope="session")
def cen() -> SchematronRunner:
    pytest.importorskip("saxonche", reason="saxonche (a test dependency) is not installed")
    return SchematronRunner([CEN_XSLT])


@pytest.fixture(scope="session")
def peppol() -> SchematronRunner:
    pytest.importorskip("saxonche", reason="saxonche (a test dependency) is not installed")
    return SchematronRunner([PEPPOL_XSLT])


def _fatal(runner: SchematronRunner, xml: bytes) -> list[str]:
    return [p.rule_id for p in runner.check(parse_ubl(xml)) if p.severity is Severity.ERROR]


def test_there_are_the_seventeen_examples() -> None:
    assert (len(PEPPOL_EXAMPLES), len(CEN_EXAMPLES)) == (10, 7)


def test_every_example_passes_o2c_ubl_validate() -> None:
    files = [str(p) for p in PEPPOL_EXAMPLES + CEN_EXAMPLES]
    result = CliRunner().invoke(main, ["ubl", "validate", *files])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(": valid (" in line for line in lines) == 17
    assert sum("Peppol BIS 3)" in line for line in lines) == 10


@pytest.mark.parametrize("path", PEPPOL_EXAMPLES, ids=lambda p: p.name)
def test_peppol_example_with_both_official_xslts(
    path: Path, cen: SchematronRunner, peppol: SchematronRunner
) -> None:
    data = path.read_bytes()
    assert _fatal(cen, data) == [] and _fatal(peppol, data) == []
    report = Validator().validate_bytes(data)
    assert report.valid and report.peppol


@pytest.mark.parametrize("path", CEN_EXAMPLES, ids=lambda p: p.name)
def test_cen_example_passes_cen_and_is_not_peppol(
    path: Path, cen: SchematronRunner, peppol: SchematronRunner
) -> None:
    data = path.read_bytes()
    assert _fatal(cen, data) == []
    assert _fatal(peppol, data), "SOURCES.md: CEN examples fail the Peppol XSLT by design"
    report = Validator().validate_bytes(data)
    assert report.valid and not report.peppol


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_generated_document_passes_official_xslts(
    name: str, cen: SchematronRunner, peppol: SchematronRunner
) -> None:
    factory: Callable[[], Document] = ALL_CASES[name]
    doc = factory()
    xml = build(doc)
    from lxml import etree

    data = etree.tostring(xml)
    assert _fatal(cen, data) == []
    if doc.is_peppol:
        assert _fatal(peppol, data) == []


def test_signed_document_passes_xsd_and_cen_xslt(tmp_path: Path, cen: SchematronRunner) -> None:
    key, cert = write_pem(tmp_path, None)
    signed = sign(
        build(non_peppol_en16931()), load_signing_material(SigningKey(key, cert_path=cert))
    )
    assert Validator().validate_bytes(signed).valid
    assert _fatal(cen, signed) == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_official_xslts_agree_with_our_rule_ids(
    name: str, cen: SchematronRunner, peppol: SchematronRunner
) -> None:
    from lxml import etree

    from gateway.ubl.example import example_invoice

    mutate, expected = MUTATIONS[name]
    root = build(example_invoice())
    mutate(root)
    data = etree.tostring(root)
    official = set(_fatal(cen, data)) | set(_fatal(peppol, data))
    assert expected <= official, f"{name}: ours {expected}, official {official}"


def test_validator_runs_configured_schematron(tmp_path: Path) -> None:
    pytest.importorskip("saxonche", reason="saxonche (a test dependency) is not installed")
    from lxml import etree

    from gateway.ubl.example import example_invoice

    validator = Validator(ValidationConfig(schematron_xslts=(PEPPOL_XSLT,)))
    root = build(example_invoice())
    assert validator.validate(root).valid
    currency = root.find("{*}DocumentCurrencyCode")
    assert currency is not None
    for text in ("first", "second"):
        note = etree.SubElement(
            root, "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Note"
        )
        note.text = text
        currency.addprevious(note)
    # two document-level Notes: only the Peppol Schematron knows rule R002
    report = validator.validate(root)
    assert [p.rule_id for p in report.problems if p.severity is Severity.ERROR] == [
        "PEPPOL-EN16931-R002"
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_random_documents_pass_official_xslts(
    doc: Document, cen: SchematronRunner, peppol: SchematronRunner
) -> None:
    data = render(doc)
    assert _fatal(cen, data) == []
    assert _fatal(peppol, data) == []
