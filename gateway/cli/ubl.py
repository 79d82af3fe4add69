"""``o2c ubl``: render and validate UBL 2.1 invoices and credit notes (Peppol BIS Billing 3.0).

``validate`` exits like ``o2c x12 validate``: 0 when every file is valid, 1 when any is invalid,
2 when any cannot be read as UBL at all (empty, not XML, unsafe XML, another root element).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from lxml import etree

from gateway.cli.config import config_option, mappings_option
from gateway.cli.ledger_common import db_option
from gateway.ubl.builder import build
from gateway.ubl.errors import BuildError, NotUblError, SchematronError, UnsafeXmlError
from gateway.ubl.example import example_invoice
from gateway.ubl.jsonmodel import document_from_json
from gateway.ubl.model import DocumentKind
from gateway.ubl.problems import Problem
from gateway.ubl.validate import ValidationConfig, ValidationReport, Validator

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


@click.group()
def ubl() -> None:
    """Render and validate UBL 2.1 invoices and credit notes."""


def _validator(schematron: tuple[Path, ...]) -> Validator:
    try:
        return Validator(ValidationConfig(schematron_xslts=schematron))
    except SchematronError as exc:
        raise click.ClickException(str(exc)) from exc


def _problem_line(problem: Problem) -> str:
    where = f" at {problem.path}" if problem.path else ""
    return f"  {problem.severity.value.upper():7} {problem.rule_id}{where}: {problem.message}"


@ubl.command()
@click.argument("source", required=False)
@click.option("--example", is_flag=True, help="Render the built-in sample invoice.")
@click.option("--credit-note", is_flag=True, help="With --example: render it as a credit note.")
@click.option(
    "--schematron",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    help="Official Schematron XSLT to run as well (repeatable).",
)
@config_option
@mappings_option
@db_option
def render(
    source: str | None,
    example: bool,
    credit_note: bool,
    schematron: tuple[Path, ...],
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    """Print the UBL XML of SOURCE, after validating it: an invoice or credit note number of
    the ledger (INVOICE_NO), a model JSON file, or --example."""
    if example == (source is not None):
        raise click.UsageError("give an invoice number, a model JSON file or --example")
    if source is not None and not Path(source).is_file():
        _render_ledger(source, config_dir, mappings_dir, db_url)
        return
    if example:
        kind = DocumentKind.CREDIT_NOTE if credit_note else DocumentKind.INVOICE
        doc = example_invoice("CN-1001" if credit_note else "INV-1001", kind)
    else:
        assert source is not None
        path = Path(source)
        try:
            doc = document_from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, BuildError) as exc:
            raise click.ClickException(f"{source}: {exc}") from exc
    try:
        root = build(doc)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from exc
    report = _validator(schematron).validate(root)
    if not report.valid:
        click.echo(f"{doc.kind.value} {doc.number} fails validation:", err=True)
        for problem in report.problems:
            click.echo(_problem_line(problem), err=True)
        sys.exit(EXIT_INVALID)
    click.echo(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()
    )


def _render_ledger(
    number: str, config_dir: Path | None, mappings_dir: Path | None, db_url: str | None
) -> None:
    """Render ledger invoice ``number`` as its partner (or customer) would receive it."""
    from gateway.cli.runtime import open_gateway
    from gateway.pipeline.outbound import preview

    gw = open_gateway(config_dir, mappings_dir, db_url)
    try:
        rendered = preview(gw, "UBL", number)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        gw.engine.dispose()
    if rendered.problems:
        click.echo(f"{number} fails validation:", err=True)
        for problem in rendered.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(rendered.data.decode("utf-8"), nl=False)


def _check_file(
    validator: Validator, path: Path
) -> tuple[int, dict[str, Any], ValidationReport | None]:
    entry: dict[str, Any] = {"file": str(path)}
    try:
        data = path.read_bytes()
        report = validator.validate_bytes(data)
    except (OSError, NotUblError, UnsafeXmlError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        entry.update(status="unreadable", error=message)
        return EXIT_UNREADABLE, entry, None
    entry.update(status="valid" if report.valid else "invalid", **report.as_dict())
    return (EXIT_VALID if report.valid else EXIT_INVALID), entry, report


@ubl.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--schematron",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    help="Official Schematron XSLT to run as well (repeatable).",
)
def validate(files: tuple[Path, ...], as_json: bool, schematron: tuple[Path, ...]) -> None:
    """Validate UBL files: UBL 2.1 XSD, EN 16931 rules, Peppol BIS 3 rules (Peppol documents)."""
    validator = _validator(schematron)
    worst = EXIT_VALID
    results = []
    for path in files:
        code, entry, report = _check_file(validator, path)
        worst = max(worst, code)
        results.append(entry)
        if as_json:
            continue
        if report is None:
            click.echo(f"{path}: unreadable: {entry['error']}")
            continue
        peppol = ", Peppol BIS 3" if report.peppol else ""
        status = "valid" if report.valid else "INVALID"
        click.echo(f"{path}: {status} ({report.kind} {report.number}{peppol})")
        for problem in report.problems:
            click.echo(_problem_line(problem))
    if as_json:
        click.echo(json.dumps(results, indent=2))
    sys.exit(worst)
