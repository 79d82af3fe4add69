"""Faults: the process killed between stages (real subprocesses) and database errors injected
at each stage. After a new run: nothing lost, nothing posted or queued twice, and every archived
file in a final state."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.pipeline import inbound
from gateway.pipeline.context import Gateway
from gateway.pipeline.faults import CHECKPOINTS
from gateway.store import repository as store
from gateway.store.records import FILE_FINAL
from tests.conftest import FIXTURES, REPO

PO = FIXTURES / "x12" / "valid" / "850_vics_retail.edi"


@pytest.fixture
def deployment(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A configuration whose partner bigbox exchanges over local folders, migrated, loaded."""
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    exchange = tmp_path / "exchange"
    for name in ("in", "out", "done"):
        (exchange / name).mkdir(parents=True)
    gateway_toml = tmp_path / "config" / "gateway.toml"
    gateway_toml.write_text(
        gateway_toml.read_text()
        + f"""
[channels.bigbox-local]
kind = "local"
inbound = "{exchange / "in"}"
outbound = "{exchange / "out"}"
processed = "{exchange / "done"}"
"""
    )
    partner = tmp_path / "config" / "partners" / "bigbox.toml"
    partner.write_text(
        re.sub(r'(inbound|outbound) = "sftp-bigbox"', r'\1 = "bigbox-local"', partner.read_text())
    )
    env = {
        **os.environ,
        "O2C_CONFIG": str(tmp_path / "config"),
        "O2C_DATABASE_URL": f"sqlite:///{tmp_path / 'o2c.sqlite'}",
        "PYTHONPATH": str(REPO),
    }
    env.pop("O2C_FAULT", None)
    for args in (
        ["db", "upgrade"],
        ["customers", "import", str(tmp_path / "config/data/customers.csv")],
        ["catalog", "import", str(tmp_path / "config/data/catalog.csv")],
    ):
        o2c(env, *args)
    return env, exchange


def o2c(env: dict[str, str], *args: str, fault: str = "", code: int = 0) -> str:
    run_env = {**env, "O2C_FAULT": fault} if fault else env
    done = subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == code, done.stdout + done.stderr
    return done.stdout


def state(env: dict[str, str]) -> tuple[list[str], int, int, int]:
    """Inbound file statuses, orders for the PO, queued or sent documents, open exceptions."""
    gw = build_gateway(load_config(Path(env["O2C_CONFIG"]), env={}), env["O2C_DATABASE_URL"])
    try:
        uow = gw.ledger()
        with uow:
            orders = len(uow.orders.find("4500012345"))
        with gw.engine.begin() as conn:
            files = [f.status for f in store.files(conn, direction="in")]
            outbound = len(store.outbound(conn))
            open_exceptions = len(store.exceptions(conn, only_open=True))
    finally:
        gw.engine.dispose()
    return files, orders, outbound, open_exceptions


@pytest.mark.parametrize("stage", ["archived", "parsed", "posted", "queued", "acked"])
def test_killed_between_stages_then_resumed(
    deployment: tuple[dict[str, str], Path], stage: str
) -> None:
    env, _exchange = deployment
    o2c(env, "receive", str(PO), fault=stage, code=75)
    files, _, _, _ = state(env)
    assert files == ["archived"]  # archived first, so nothing is lost
    o2c(env, "files", "resume")
    files, orders, outbound, open_exceptions = state(env)
    assert files == ["posted"] and orders == 1 and outbound == 1 and open_exceptions == 0
    o2c(env, "files", "resume")  # a second resume finds nothing to do
    assert state(env) == (["posted"], 1, 1, 0)


def test_killed_after_sending_is_delivered_exactly_once(
    deployment: tuple[dict[str, str], Path],
) -> None:
    env, exchange = deployment
    (exchange / "in" / "po.edi").write_bytes(PO.read_bytes())
    o2c(env, "poll", "bigbox-local", "--settle", "0.1")
    assert (exchange / "done" / "po.edi").exists()
    o2c(env, "send", fault="sent", code=75)
    assert len(list((exchange / "out").iterdir())) == 1  # it left before the crash
    gw = build_gateway(load_config(Path(env["O2C_CONFIG"]), env={}), env["O2C_DATABASE_URL"])
    with gw.engine.begin() as conn:
        (row,) = store.outbound(conn)
        assert row.state == "sending"
        store.update_outbound(
            conn, row.id, now=gw.clock(), next_attempt_at=gw.clock().replace(year=2000)
        )
    gw.engine.dispose()
    assert "sent" in o2c(env, "send")  # the file is there under its unique name: delivered
    assert len(list((exchange / "out").iterdir())) == 1
    assert "nothing to send" in o2c(env, "send")


def test_every_checkpoint_is_tested() -> None:
    assert set(CHECKPOINTS) == {"archived", "parsed", "posted", "queued", "acked", "sent"}


# -- database errors injected in process -------------------------------------------------------


def _failing(monkeypatch: pytest.MonkeyPatch, name: str) -> Callable[[], None]:
    original = getattr(store, name)
    calls = {"n": 0}

    def broken(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("injected", {}, Exception("database is locked"))
        return original(*args, **kwargs)

    monkeypatch.setattr(store, name, broken)
    return lambda: monkeypatch.setattr(store, name, original)


@pytest.mark.parametrize(
    "stage", ["add_interchange", "add_set", "update_set", "enqueue", "set_file_status"]
)
def test_a_database_error_at_each_stage(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    restore = _failing(monkeypatch, stage)
    with pytest.raises(OperationalError):
        inbound.receive(gateway, PO.read_bytes(), name="po.edi")
    restore()
    inbound.resume(gateway)
    with gateway.engine.begin() as conn:
        files = store.files(conn, direction="in")
        outbound = store.outbound(conn)
    assert [f.status for f in files] == ["posted"] and {f.status for f in files} <= FILE_FINAL
    assert len(outbound) == 1
    uow = gateway.ledger()
    with uow:
        assert len(uow.orders.find("4500012345")) == 1
