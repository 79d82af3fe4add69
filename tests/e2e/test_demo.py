"""`o2c demo` as a newcomer runs it: the whole cycle on generated partner files, a summary,
and a kept workspace that the other commands can explore."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gateway.cli import main


def test_demo_runs_the_cycle_and_keeps_its_workspace(tmp_path: Path) -> None:
    kept = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--keep", str(kept)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    for row in (
        "received: 850",
        "sent: 997",
        "sent: 999",
        "sent: 855",
        "sent: 856",
        "sent: 810",
        "sent: UBL",
        "exception: SYN_INVALID_CODE",
        "exception: MAP_UNKNOWN_ITEM",
    ):
        assert row in out, out
    env = {"O2C_CONFIG": str(kept / "config")}
    runner = CliRunner()
    files = json.loads(runner.invoke(main, ["files", "list", "--json"], env=env).output)
    assert files and {f["status"] for f in files if f["direction"] == "in"} <= {
        "posted",
        "rejected",
        "ignored",
        "duplicate",
    }
    orders = runner.invoke(main, ["orders", "list", "--json"], env=env)
    assert orders.exit_code == 0 and len(json.loads(orders.output)) == 9
    exceptions = json.loads(
        runner.invoke(main, ["exceptions", "list", "--open", "--json"], env=env).output
    )
    assert sorted(e["code"] for e in exceptions) == [
        "MAP_UNKNOWN_ITEM",
        "RMT_NEAR_REFERENCE",
        "SYN_INVALID_CODE",
    ]
    sent = list((kept / "partners" / "bigbox" / "from-us").iterdir())
    assert any(p.name.startswith("856_") for p in sent) and any(
        p.name.startswith("810_") for p in sent
    )


def test_demo_without_keep_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(main, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0 and "o2c demo --keep" in result.output
    assert list(tmp_path.iterdir()) == []


def test_init_makes_a_deployment_that_checks_clean(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    result = CliRunner().invoke(main, ["init", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (folder / "config" / "gateway.toml").exists() and (folder / "mappings").is_dir()
    env = {"O2C_CONFIG": str(folder / "config")}
    check = CliRunner().invoke(main, ["config", "check"], env=env)
    assert check.exit_code == 0 and "valid" in check.output
    files = CliRunner().invoke(main, ["files", "list"], env=env)  # the database is migrated
    assert files.exit_code == 0, files.output
    again = CliRunner().invoke(main, ["init", str(folder)])
    assert again.exit_code == 1 and "not empty" in again.output
