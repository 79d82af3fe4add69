"""The pipeline as an admin and a clerk run it: receive an 850, ship, invoice, see what the
partner gets (856, 810, UBL), queue and send it, and work the exception queue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli import main
from tests.conftest import FIXTURES, REPO

PO = FIXTURES / "x12" / "valid" / "850_vics_retail.edi"


@pytest.fixture
def o2c(tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    env = {
        "O2C_CONFIG": str(tmp_path / "config"),
        "O2C_DATABASE_URL": f"sqlite:///{tmp_path / 'o2c.sqlite'}",
    }
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    run("db", "upgrade")
    run("customers", "import", str(tmp_path / "config" / "data" / "customers.csv"))
    run("catalog", "import", str(tmp_path / "config" / "data" / "catalog.csv"))
    return run


def test_order_to_partner_documents(o2c, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tested = o2c("mapping", "test", "bigbox", str(PO))
    assert "becomes: place" in tested and "WID-100" in tested
    received = json.loads(o2c("receive", str(PO), "--json"))
    assert received[0]["status"] == "posted"
    order = received[0]["sets"][0]["documents"][0]
    o2c("ship", order)
    o2c("invoice", order)
    asn = o2c("mapping", "render", "bigbox", "856", "PS-000001")
    assert asn.startswith("ISA*") and "MAN*GM*" in asn and "PRF*4500012345" in asn
    invoice = o2c("mapping", "render", "bigbox", "810", "INV-000001")
    assert "TDS*66275" in invoice and "REF*IA*77123" in invoice
    refused = o2c("ubl", "render", "INV-000001", code=1)  # bigbox takes 810s: no UBL address
    assert "no electronic address for UBL" in refused
    assert "856 PS-000001 for bigbox: queued" in o2c("distribute")
    files = json.loads(o2c("files", "list", "--json"))
    assert {f["direction"] for f in files} == {"in", "out"}
    shown = o2c("files", "show", str(received[0]["file"]))
    assert "set 850 0001: posted 4500012345" in shown


def test_ubl_for_a_ubl_partner(o2c) -> None:  # type: ignore[no-untyped-def]
    o2c("orders", "create", "--customer", "C-2001", "--po", "NW-1", "--line", "KIT-500=2")
    o2c("ship", "SO-000001")
    o2c("invoice", "SO-000001")
    xml = o2c("ubl", "render", "INV-000001")
    # 2 x 59.00 = 118.00, EXPORT tax code: category G, no VAT
    assert '<cbc:PayableAmount currencyID="USD">118.00</cbc:PayableAmount>' in xml
    assert 'schemeID="0088">8712345000011<' in xml
    assert "UBL INV-000001 for northwind: queued" in o2c("distribute")


def test_exception_queue_by_hand(o2c, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.edi"
    bad.write_bytes(PO.read_bytes().replace(b"UP*012345678929*VN*SPR-300*IN*884413", b"IN*884499"))
    assert "rejected" in o2c("receive", str(bad))
    (row,) = json.loads(o2c("exceptions", "list", "--open", "--json"))
    assert row["code"] == "MAP_UNKNOWN_ITEM"
    shown = o2c("exceptions", "show", str(row["id"]))
    assert ">>" in shown and "PO1*3*10*EA*3.875**IN*884499" in shown
    # the admin adds the item to the partner's cross-reference, then the clerk replays
    items = tmp_path / "mappings" / "bigbox" / "items.csv"
    items.write_text(items.read_text().replace("SPR-300,884413,", "SPR-300,884499,"))
    assert "posted" in o2c("exceptions", "replay", str(row["id"]))
    assert json.loads(o2c("exceptions", "list", "--open", "--json")) == []
    o2c("exceptions", "resolve", str(row["id"]), "--note", "done", code=1)  # not open any more


def test_commands_refuse_an_unmigrated_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "files",
            "list",
            "--config",
            str(REPO / "config"),
            "--db",
            f"sqlite:///{tmp_path / 'new.sqlite'}",
        ],
    )
    assert result.exit_code == 1 and "run `o2c db upgrade` first" in result.output
