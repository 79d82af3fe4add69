"""``o2c config`` and ``o2c partners`` as an administrator runs them: exit codes and output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def o2c(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("O2C_")}
    environment["PYTHONPATH"] = str(REPO)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=False,
        timeout=120,
    )


def copy_example(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    return tmp_path / "config"


def test_check_of_the_shipped_example_passes_with_a_summary() -> None:
    run = o2c("config", "check")  # ./config from the repository root
    assert run.returncode == 0, run.stdout + run.stderr
    (line,) = run.stdout.splitlines()
    assert line.startswith("OK: config is valid: 2 partner(s) (bigbox, northwind)")


def test_check_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    config = copy_example(tmp_path)
    items = tmp_path / "mappings" / "northwind" / "items.csv"
    items.write_text(items.read_text().replace("0614141000050", "0614141000051"))
    partner = config / "partners" / "bigbox.toml"
    partner.write_text(partner.read_text().replace('inbound = "sftp-bigbox"', 'inbound = "ftp"'))
    run = o2c("config", "check", "--config", str(config))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert any(
        line.startswith("config/partners/bigbox.toml:")
        and "[channels.inbound]: CFG_UNKNOWN_CHANNEL" in line
        for line in lines
    )
    assert any(
        line.startswith("mappings/northwind/items.csv:3 [gtin]: CFG_BAD_GTIN") for line in lines
    )
    assert lines[-1].startswith("3 problem(s)")  # the bad GTIN also disagrees with the catalog


def test_check_json_and_environment_variables(tmp_path: Path) -> None:
    config = copy_example(tmp_path)
    moved = tmp_path / "elsewhere"
    shutil.move(tmp_path / "mappings", moved)
    missing = o2c("config", "check", "--json", env={"O2C_CONFIG": str(config)})
    assert missing.returncode == 1
    codes = {p["code"] for p in json.loads(missing.stdout)}
    assert codes == {"CFG_MISSING_MAPPING"}
    found = o2c("config", "check", env={"O2C_CONFIG": str(config), "O2C_MAPPINGS": str(moved)})
    assert found.returncode == 0, found.stdout


def test_partners_list_and_show(tmp_path: Path) -> None:
    listing = o2c("partners", "list")
    assert listing.returncode == 0
    header, *rows = listing.stdout.splitlines()
    assert header.split()[:4] == ["ID", "NAME", "ISA", "VERSION"]
    assert [row.split()[0] for row in rows] == ["bigbox", "northwind"]
    as_json = json.loads(o2c("partners", "list", "--json").stdout)
    assert [(p["id"], p["isa"], p["invoices"]) for p in as_json] == [
        ("bigbox", "08/9254110060", "810"),
        ("northwind", "ZZ/NORTHWIND", "ubl"),
    ]
    shown = json.loads(o2c("partners", "show", "northwind", "--json").stdout)
    assert shown["partner"]["documents"]["ubl"]["endpoint_scheme"] == "0088"
    assert shown["interchange_ids"]["our_isa_id"] == "O2CSUPPLIER"
    assert shown["mapping"]["price_tolerance"] == "0.02"
    text = o2c("partners", "show", "bigbox")
    assert text.returncode == 0 and "asn_structure: SOPI" in text.stdout
    unknown = o2c("partners", "show", "nobody")
    assert unknown.returncode == 1 and "no partner 'nobody'" in unknown.stderr


def test_partners_refuses_a_broken_configuration(tmp_path: Path) -> None:
    config = copy_example(tmp_path)
    (config / "keys" / "known_hosts").unlink()
    run = o2c("partners", "list", "--config", str(config))
    assert run.returncode == 1
    assert "CFG_MISSING_FILE" in run.stderr and "o2c config check" in run.stderr


def test_schema_write(tmp_path: Path) -> None:
    run = o2c("config", "schema", "--write", "--out", str(tmp_path))
    assert run.returncode == 0
    for name in ("gateway", "partner", "mapping"):
        written = (tmp_path / f"{name}.schema.json").read_text()
        assert written == (REPO / "schemas" / "config" / f"{name}.schema.json").read_text()
