"""Fixtures: real servers on loopback for the channel tests (skip with a reason when absent)."""

from __future__ import annotations

import imaplib
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import (
    DovecotServer,
    ServerUnavailable,
    SshdServer,
    self_signed_certificate,
    start_dovecot,
    start_sshd,
)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshdServer]:
    """A fresh sshd per test (about 30 ms), with inbound/outbound/processed folders."""
    try:
        server = start_sshd(tmp_path / "sshd")
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    for folder in ("inbound", "outbound", "processed"):
        (tmp_path / "sftp" / folder).mkdir(parents=True)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sshd_with_passwords(tmp_path: Path) -> Iterator[SshdServer]:
    try:
        server = start_sshd(tmp_path / "sshd", password_auth=True)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def dovecot_server() -> Iterator[DovecotServer]:
    # Dovecot's unprivileged processes must traverse the folder, and pytest's temp root is
    # private (0700), so the server gets a folder of its own directly under the system temp.
    root = Path(tempfile.mkdtemp(prefix="o2c-dovecot-"))
    try:
        try:
            try:
                tls: tuple[Path, Path] | None = self_signed_certificate(root)
            except ServerUnavailable:
                tls = None  # the TLS tests skip; plain IMAP still runs
            server = start_dovecot(root, tls=tls)
        except ServerUnavailable as exc:
            pytest.skip(str(exc))
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dovecot(dovecot_server: DovecotServer) -> DovecotServer:
    """The module's Dovecot with every folder of user ``edi`` emptied before the test."""
    conn = imaplib.IMAP4(dovecot_server.host, dovecot_server.port, timeout=10)
    try:
        conn.login(dovecot_server.user, dovecot_server.password)
        _, listing = conn.list()
        for line in listing:
            if not isinstance(line, bytes):
                continue
            match = re.match(r'^\(.*?\) (?:"[^"]*"|NIL) (.*)$', line.decode())
            if match is None:
                continue
            name = match.group(1).strip('"')
            if conn.select(f'"{name}"')[0] != "OK":
                continue
            _, found = conn.search(None, "ALL")
            if found and found[0]:
                conn.store(found[0].decode().replace(" ", ","), "+FLAGS.SILENT", r"(\Deleted)")
                conn.expunge()
            conn.close()
    finally:
        conn.logout()
    return dovecot_server
