"""Two `o2c run` workers on one PostgreSQL database: every purchase order dropped in the
partner's folder (a local folder, and a real OpenSSH SFTP server on loopback) is received,
posted and acknowledged exactly once, and no control number is used twice. Skipped when
PostgreSQL does not answer on 127.0.0.1:5432 (or, for SFTP, when sshd cannot start)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.store import repository as store
from tests.conftest import FIXTURES, REPO
from tests.support.databases import empty_database, pg_url
from tests.support.servers import ServerUnavailable, SshdServer, start_sshd

__all__ = ["pg_url"]
ORDERS = 12
PO = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()


def purchase_order(n: int) -> bytes:
    control = f"{7000 + n:09d}"
    return PO.replace(b"000000812", control.encode()).replace(
        b"4500012345", f"45000{n:05d}".encode()
    )


def sent(exchange: Path) -> list[Path]:
    """What the gateway has put in the partner's folder (complete files only)."""
    return [p for p in (exchange / "out").iterdir() if not p.name.endswith((".tmp", ".ok"))]


def channel(kind: str, exchange: Path, server: SshdServer | None) -> str:
    """The partner's channel: its folders are ``exchange``/in, out and done either way."""
    folders = f"""inbound = "{exchange / "in"}"
outbound = "{exchange / "out"}"
processed = "{exchange / "done"}"
"""
    if kind == "local":
        return f'[channels.bigbox-test]\nkind = "local"\n{folders}'
    assert server is not None
    return f"""[channels.bigbox-test]
kind = "sftp"
host = "{server.host}"
port = {server.port}
username = "{server.username}"
key_file = "{server.user_key}"
known_hosts = "{server.known_hosts}"
stability = "done_marker"
done_suffix = ".ok"
{folders}"""


@pytest.mark.parametrize("kind", ["local", "sftp"])
def test_two_workers_handle_every_file_exactly_once(
    request: pytest.FixtureRequest, tmp_path: Path, kind: str
) -> None:
    url = empty_database(request, "postgresql", tmp_path)
    server = None
    if kind == "sftp":
        try:
            server = start_sshd(tmp_path / "sshd")
        except ServerUnavailable as exc:
            pytest.skip(str(exc))
        request.addfinalizer(server.stop)
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    exchange = tmp_path / "exchange"
    for name in ("in", "out", "done"):
        (exchange / name).mkdir(parents=True)
    gateway_toml = tmp_path / "config" / "gateway.toml"
    text = re.sub(
        r"\[schedules\][^\[]*",
        "[schedules]\npoll_channels = 1\nretry_sends = 1\ndistribute_invoices = 2\n\n",
        gateway_toml.read_text(),
    )
    gateway_toml.write_text(text + "\n" + channel(kind, exchange, server))
    partner = tmp_path / "config" / "partners" / "bigbox.toml"
    partner.write_text(
        re.sub(r'(inbound|outbound) = "sftp-bigbox"', r'\1 = "bigbox-test"', partner.read_text())
    )
    env = {
        **os.environ,
        "O2C_CONFIG": str(tmp_path / "config"),
        "O2C_DATABASE_URL": url,
        "PYTHONPATH": str(REPO),
        "O2C_LOG_LEVEL": "INFO",
    }
    for args in (
        ["customers", "import", str(tmp_path / "config/data/customers.csv")],
        ["catalog", "import", str(tmp_path / "config/data/catalog.csv")],
    ):
        subprocess.run(
            [sys.executable, "-m", "gateway", *args],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    for n in range(ORDERS):
        (exchange / "in" / f"po{n:02d}.edi").write_bytes(purchase_order(n))
        if kind == "sftp":  # the partner says the file is complete
            (exchange / "in" / f"po{n:02d}.edi.ok").write_bytes(b"")
    logs = [open(tmp_path / f"worker{n}.log", "w") for n in range(2)]  # noqa: SIM115
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "gateway", "run"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        for log in logs
    ]
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if len(sent(exchange)) >= ORDERS:
                break
            time.sleep(0.5)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        codes = [worker.wait(timeout=60) for worker in workers]
        for log in logs:
            log.close()
    output = "".join((tmp_path / f"worker{n}.log").read_text() for n in range(2))
    assert codes == [0, 0], output
    done = [p for p in (exchange / "done").iterdir() if p.suffix == ".edi"]
    assert len(done) == ORDERS, output
    acks = [p.read_bytes() for p in sent(exchange)]
    assert len(acks) == ORDERS, output
    isa13 = [ack[90:99] for ack in acks]
    assert len(set(isa13)) == ORDERS  # our control numbers never repeat
    gw = build_gateway(load_config(tmp_path / "config", env={}), url)
    try:
        with gw.engine.begin() as conn:
            files = store.files(conn, direction="in")
            outbound = store.outbound(conn)
        uow = gw.ledger()
        with uow:
            orders = [uow.orders.find(f"45000{n:05d}") for n in range(ORDERS)]
    finally:
        gw.engine.dispose()
    assert sorted(f.status for f in files) == ["posted"] * ORDERS, (
        [(f.id, f.name, f.status, f.duplicate_of) for f in files],
        output,
    )  # no duplicates
    assert [len(found) for found in orders] == [1] * ORDERS
    assert sorted(o.state for o in outbound) == ["sent"] * ORDERS
    assert "worker" in output and "running" in output  # both workers really ran
