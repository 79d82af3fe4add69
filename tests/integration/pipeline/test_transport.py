"""Files in and out over real channels: a local folder, and OpenSSH's sshd on loopback.

An 850 dropped into the partner's folder is taken once stable, archived, posted and moved to
the processed folder; the 997 goes back over the same channel; a file still being written is
left alone; a send that fails is retried with backoff and never lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.pipeline.context import Gateway
from gateway.pipeline.master_data import load_master_data
from gateway.pipeline.transport import poll, send_queued
from gateway.store import repository as store
from tests.conftest import FIXTURES
from tests.support.databases import empty_database
from tests.support.servers import ServerUnavailable, SshdServer, start_sshd

PO = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()


def _gateway(request: pytest.FixtureRequest, workspace: Path, channel_toml: str) -> Gateway:
    config_dir = workspace / "config"
    gateway_toml = config_dir / "gateway.toml"
    gateway_toml.write_text(gateway_toml.read_text() + "\n" + channel_toml)
    partner = config_dir / "partners" / "bigbox.toml"
    partner.write_text(
        re.sub(r'(inbound|outbound) = "sftp-bigbox"', r'\1 = "test-channel"', partner.read_text())
    )
    url = empty_database(request, "sqlite", workspace)
    gw = build_gateway(load_config(config_dir, env={}), url, worker="test")
    load_master_data(gw)
    return gw


@pytest.fixture
def local(request: pytest.FixtureRequest, workspace: Path) -> Iterator[tuple[Gateway, Path]]:
    folders = workspace / "exchange"
    for name in ("in", "out", "done"):
        (folders / name).mkdir(parents=True)
    gw = _gateway(
        request,
        workspace,
        f"""
[channels.test-channel]
kind = "local"
inbound = "{folders / "in"}"
outbound = "{folders / "out"}"
processed = "{folders / "done"}"
""",
    )
    yield gw, folders
    gw.engine.dispose()


def test_local_folder_round_trip(local: tuple[Gateway, Path]) -> None:
    gw, folders = local
    (folders / "in" / "po.edi").write_bytes(PO)
    (folders / "in" / "growing.edi.part").write_bytes(PO[:100])  # a temporary name: skipped
    result = poll(gw, "test-channel", settle=0.05)
    assert result.error == "" and [f.status for f in result.files] == ["posted"]
    assert (folders / "done" / "po.edi").read_bytes() == PO  # moved after the archive commit
    assert (folders / "in" / "growing.edi.part").exists()
    (sent,) = send_queued(gw)
    assert sent.state == "sent" and sent.kind == "TA1+997"
    (ack,) = (folders / "out").iterdir()
    assert b"AK9*A*1*1*1" in ack.read_bytes()
    assert send_queued(gw) == []  # sent exactly once


def test_a_file_seen_once_is_not_yet_ready(local: tuple[Gateway, Path]) -> None:
    gw, folders = local
    (folders / "in" / "po.edi").write_bytes(PO)
    assert poll(gw, "test-channel", settle=0).files == []  # first sight only
    assert (folders / "in" / "po.edi").exists()


def test_failed_sends_are_retried_with_backoff_then_queued_as_exceptions(
    local: tuple[Gateway, Path],
) -> None:
    gw, folders = local
    (folders / "in" / "po.edi").write_bytes(PO)
    poll(gw, "test-channel", settle=0.05)
    (folders / "out").rmdir()  # the partner's folder is gone
    (first,) = send_queued(gw)
    assert first.state == "queued"
    assert send_queued(gw) == []  # not due before its backoff
    with gw.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.kind == "TA1+997"]
        assert row.attempts == 1 and "out" in row.last_error
    later = gw.clock() + timedelta(hours=1)
    for _ in range(4):
        with gw.engine.begin() as conn:
            store.update_outbound(conn, row.id, now=later, next_attempt_at=gw.clock())
        (result,) = send_queued(gw)
    assert result.state == "failed"
    with gw.engine.begin() as conn:
        (exception,) = store.exceptions(conn)
    assert exception.code == "SND_FAILED" and "5 attempts" in exception.message


@pytest.fixture
def sftp(
    request: pytest.FixtureRequest, workspace: Path, tmp_path: Path
) -> Iterator[tuple[Gateway, SshdServer, Path]]:
    try:
        server = start_sshd(tmp_path / "sshd")
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    home = tmp_path / "partner"
    for name in ("outbound", "inbound", "archive"):
        (home / name).mkdir(parents=True)
    gw = _gateway(
        request,
        workspace,
        f"""
[channels.test-channel]
kind = "sftp"
host = "{server.host}"
port = {server.port}
username = "{server.username}"
key_file = "{server.user_key}"
known_hosts = "{server.known_hosts}"
inbound = "{home / "outbound"}"
outbound = "{home / "inbound"}"
processed = "{home / "archive"}"
stability = "done_marker"
done_suffix = ".ok"
""",
    )
    yield gw, server, home
    gw.engine.dispose()
    server.stop()


def test_sftp_round_trip_with_done_marker(sftp: tuple[Gateway, SshdServer, Path]) -> None:
    gw, _server, home = sftp
    (home / "outbound" / "po.edi").write_bytes(PO)
    assert poll(gw, "test-channel").files == []  # no done-marker yet
    (home / "outbound" / "po.edi.ok").write_bytes(b"")
    result = poll(gw, "test-channel")
    assert result.error == "" and [f.status for f in result.files] == ["posted"]
    assert (home / "archive" / "po.edi").read_bytes() == PO
    (sent,) = send_queued(gw)
    assert sent.state == "sent"
    (ack,) = (home / "inbound").iterdir()
    assert ack.name.startswith("TA1_997_bigbox_") and b"AK5*A" in ack.read_bytes()


def test_sftp_server_down_is_a_clear_exception(sftp: tuple[Gateway, SshdServer, Path]) -> None:
    gw, server, _home = sftp
    server.stop()
    result = poll(gw, "test-channel")
    assert result.error and result.files == []
    with gw.engine.begin() as conn:
        (exception,) = store.exceptions(conn)
    assert exception.code == "RCV_CHANNEL" and "test-channel" in exception.message
