"""``o2c ubl``: render and validate as a user runs them (click's runner, real files)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gateway.cli import main
from gateway.ubl.builder import render
from gateway.ubl.example import example_invoice
from gateway.ubl.jsonmodel import to_json


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ubl", *args])
    return result.exit_code, result.output


def test_validate_valid_invalid_unreadable_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(render(example_invoice()))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        render(example_invoice()).replace(
            b">472.49</cbc:PayableAmount>", b">472.50</cbc:PayableAmount>"
        )
    )
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    notxml = tmp_path / "order.edi"
    notxml.write_bytes(b"ISA*00*          *00*")
    assert _run("validate", str(good)) == (0, f"{good}: valid (Invoice INV-1001, Peppol BIS 3)\n")
    code, out = _run("validate", str(good), str(bad))
    assert code == 1
    assert "BR-CO-16" in out and "INVALID" in out
    for unreadable in (empty, notxml, tmp_path / "missing.xml"):
        code, out = _run("validate", str(good), str(bad), str(unreadable))
        assert code == 2, out
        assert "unreadable" in out


def test_validate_refuses_xxe_with_a_clear_error(tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_bytes(
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&e;</Invoice>'
    )
    code, out = _run("validate", str(evil))
    assert code == 2
    assert "XXE guard" in out and "root:" not in out


def test_validate_json_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        render(example_invoice())
        .replace(b"<cbc:BuyerReference>DEPT-42</cbc:BuyerReference>", b"")
        .replace(b"<cac:OrderReference><cbc:ID>PO-778899</cbc:ID></cac:OrderReference>", b"")
    )
    code, out = _run("validate", "--json", str(bad))
    assert code == 1
    [entry] = json.loads(out)
    assert entry["status"] == "invalid" and entry["kind"] == "Invoice" and entry["peppol"] is True
    assert [p["rule_id"] for p in entry["problems"]] == ["PEPPOL-EN16931-R003"]
    assert entry["problems"][0]["severity"] == "error"


def test_render_example_and_json_file(tmp_path: Path) -> None:
    code, out = _run("render", "--example")
    assert code == 0
    assert "<cbc:ID>INV-1001</cbc:ID>" in out
    code, out = _run("render", "--example", "--credit-note")
    assert code == 0 and "<CreditNote" in out
    model = tmp_path / "inv.json"
    model.write_text(json.dumps(to_json(example_invoice("INV-JSON"))), encoding="utf-8")
    code, out = _run("render", str(model))
    assert code == 0 and "<cbc:ID>INV-JSON</cbc:ID>" in out


def test_render_by_an_unknown_invoice_number_says_so(tmp_path: Path) -> None:
    from tests.conftest import REPO

    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    code, out = _run("render", "INV-1001", "--config", str(REPO / "config"), "--db", db)
    assert code == 1
    assert "no invoice or credit note INV-1001" in out or "run `o2c db upgrade`" in out


def test_render_refuses_an_invalid_document(tmp_path: Path) -> None:
    data = to_json(example_invoice())
    data["buyer_reference"] = None
    data.pop("order_reference")
    model = tmp_path / "inv.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["ubl", "render", str(model)])
    assert result.exit_code == 1
    assert "PEPPOL-EN16931-R003" in result.output
    assert "<Invoice" not in result.output
