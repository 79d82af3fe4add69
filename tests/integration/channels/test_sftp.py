"""SftpChannel against a real OpenSSH sshd on loopback (tests/support/servers.py)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from gateway.channels import (
    AuthError,
    ChannelConfigError,
    ChannelError,
    ChannelTimeoutError,
    ConnectError,
    HostKeyError,
    NotFoundError,
    ReadinessRule,
    TargetExistsError,
)
from gateway.channels.sftp import SftpChannel, SftpSettings
from tests.support.servers import (
    PASSWORD,
    ServerUnavailable,
    SshdServer,
    ensure_password_user,
    free_port,
    keygen,
)

FAST = {
    "connect_timeout": 5.0,
    "banner_timeout": 5.0,
    "auth_timeout": 5.0,
    "operation_timeout": 5.0,
}


def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = tmp_path / "sftp"
    return base / "inbound", base / "outbound", base / "processed"


def make_settings(server: SshdServer, tmp_path: Path, **changes: object) -> SftpSettings:
    inbound, outbound, processed = folders(tmp_path)
    settings = SftpSettings(
        host=server.host,
        port=server.port,
        username=server.username,
        known_hosts=server.known_hosts,
        key_file=server.user_key,
        inbound_dir=str(inbound),
        outbound_dir=str(outbound),
        processed_dir=str(processed),
        **FAST,  # type: ignore[arg-type]
    )
    return replace(settings, **changes)  # type: ignore[arg-type]


# ------------------------------------------------------------------ host keys and authentication
def test_key_login_and_first_sight_is_never_ready(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, _ = folders(tmp_path)
    (inbound / "a.edi").write_bytes(b"ISA*00*~")
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        assert channel.list_ready() == []
        ready = channel.list_ready()
    assert [(f.name, f.size) for f in ready] == [("a.edi", 8)]


def test_a_different_host_key_is_refused(sshd: SshdServer, tmp_path: Path) -> None:
    keygen(tmp_path / "other")
    algorithm, key = (tmp_path / "other.pub").read_text().split()[:2]
    wrong = tmp_path / "wrong_known_hosts"
    wrong.write_text(f"[{sshd.host}]:{sshd.port} {algorithm} {key}\n")
    channel = SftpChannel(make_settings(sshd, tmp_path, known_hosts=wrong))
    with pytest.raises(HostKeyError, match="expects") as caught:
        channel.list_ready()
    assert str(wrong) in str(caught.value)
    assert "refusing" in str(caught.value)


def test_an_unknown_host_is_refused(sshd: SshdServer, tmp_path: Path) -> None:
    empty = tmp_path / "empty_known_hosts"
    empty.write_text("")
    channel = SftpChannel(make_settings(sshd, tmp_path, known_hosts=empty))
    with pytest.raises(HostKeyError, match="is not in"):
        channel.list_ready()
    assert empty.read_text() == ""  # nothing was added


def test_the_host_key_is_checked_before_credentials(sshd: SshdServer, tmp_path: Path) -> None:
    empty = tmp_path / "empty_known_hosts"
    empty.write_text("")
    settings = make_settings(
        sshd, tmp_path, known_hosts=empty, key_file=None, password_env="NOPE_PW"
    )
    with pytest.raises(HostKeyError):
        SftpChannel(settings, environ={"NOPE_PW": "wrong"}).list_ready()


def test_a_missing_known_hosts_file_is_a_config_error(sshd: SshdServer, tmp_path: Path) -> None:
    channel = SftpChannel(make_settings(sshd, tmp_path, known_hosts=tmp_path / "absent"))
    with pytest.raises(ChannelConfigError, match="known_hosts"):
        channel.list_ready()


def test_an_unauthorised_key_is_refused(sshd: SshdServer, tmp_path: Path) -> None:
    keygen(tmp_path / "stranger")
    channel = SftpChannel(make_settings(sshd, tmp_path, key_file=tmp_path / "stranger"))
    with pytest.raises(AuthError):
        channel.list_ready()


def test_password_login_from_an_environment_variable(
    sshd_with_passwords: SshdServer, tmp_path: Path
) -> None:
    try:
        user = ensure_password_user()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    # pytest's temp root is private to root, so the password user gets a folder of its own
    home = Path(tempfile.mkdtemp(prefix="o2c-sftp-password-"))
    try:
        shutil.chown(home, user)
        (home / "x.edi").write_bytes(b"data")
        settings = replace(
            make_settings(sshd_with_passwords, tmp_path),
            username=user,
            key_file=None,
            password_env="O2C_TEST_SFTP_PASSWORD",
            inbound_dir=str(home),
            outbound_dir=str(home),
            readiness=ReadinessRule(stability="immediate"),
        )
        with SftpChannel(settings, environ={"O2C_TEST_SFTP_PASSWORD": PASSWORD}) as channel:
            assert [f.name for f in channel.list_ready()] == ["x.edi"]
            assert channel.fetch("x.edi") == b"data"
            channel.send("y.edi", b"written as the password user")
        assert (home / "y.edi").stat().st_uid == pwd.getpwnam(user).pw_uid
    finally:
        shutil.rmtree(home)
    with pytest.raises(AuthError):
        SftpChannel(settings, environ={"O2C_TEST_SFTP_PASSWORD": "wrong"}).list_ready()
    with pytest.raises(ChannelConfigError, match="O2C_TEST_SFTP_PASSWORD is not set"):
        SftpChannel(settings, environ={}).list_ready()


def test_nothing_listening_is_a_connect_error(sshd: SshdServer, tmp_path: Path) -> None:
    channel = SftpChannel(make_settings(sshd, tmp_path, port=free_port()))
    with pytest.raises(ConnectError):
        channel.list_ready()


def test_a_server_that_never_greets_times_out(sshd: SshdServer, tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        channel = SftpChannel(make_settings(sshd, tmp_path, port=port, banner_timeout=0.5))
        with pytest.raises(ChannelTimeoutError):
            channel.list_ready()


# ----------------------------------------------------------------------------------- inbound
def test_listing_skips_temporary_names_folders_and_markers(
    sshd: SshdServer, tmp_path: Path
) -> None:
    inbound, _, _ = folders(tmp_path)
    for name in ("a.edi", "b.edi.tmp", "c.edi.part", ".hidden.edi", "d.xml"):
        (inbound / name).write_bytes(b"x")
    (inbound / "sub").mkdir()
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        channel.list_ready()
        assert sorted(f.name for f in channel.list_ready()) == ["a.edi", "d.xml"]


def test_a_growing_file_is_taken_only_once_stable(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, _ = folders(tmp_path)
    growing = inbound / "po.edi"
    growing.write_bytes(b"ISA" * 100)
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        assert channel.list_ready() == []  # first sight
        with growing.open("ab") as handle:
            handle.write(b"GS" * 100)
        assert channel.list_ready() == []  # size changed since the last poll
        stat = growing.stat()
        os.utime(growing, (stat.st_atime, stat.st_mtime + 5))
        assert channel.list_ready() == []  # same size, newer mtime
        ready = channel.list_ready()  # unchanged across two polls
    assert [(f.name, f.size) for f in ready] == [("po.edi", 500)]


def test_done_marker_mode(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, processed = folders(tmp_path)
    (inbound / "po.edi").write_bytes(b"complete")
    (inbound / "other.edi").write_bytes(b"no marker yet")
    settings = make_settings(sshd, tmp_path, readiness=ReadinessRule(stability="done_marker"))
    with SftpChannel(settings) as channel:
        assert channel.list_ready() == []
        assert channel.list_ready() == []  # stability alone does not count in this mode
        (inbound / "po.edi.done").write_bytes(b"")
        assert [f.name for f in channel.list_ready()] == ["po.edi"]
        assert channel.fetch("po.edi") == b"complete"
        channel.acknowledge("po.edi")
    assert sorted(p.name for p in inbound.iterdir()) == ["other.edi"]
    assert sorted(p.name for p in processed.iterdir()) == ["po.edi", "po.edi.done"]


def test_download_and_acknowledge_moves_to_processed(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, processed = folders(tmp_path)
    content = bytes(range(256)) * 1000
    (inbound / "po.edi").write_bytes(content)
    (processed / "po.edi").write_bytes(b"an earlier delivery under the same name")
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        channel.list_ready()
        (ready,) = channel.list_ready()
        assert channel.fetch(ready.name) == content
        channel.acknowledge(ready.name)
        assert channel.list_ready() == []
    assert list(inbound.iterdir()) == []
    assert (processed / "po.edi.1").read_bytes() == content
    assert (processed / "po.edi").read_bytes() == b"an earlier delivery under the same name"


def test_acknowledge_can_delete(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, processed = folders(tmp_path)
    (inbound / "po.edi").write_bytes(b"x")
    with SftpChannel(make_settings(sshd, tmp_path, after_ack="delete")) as channel:
        channel.acknowledge("po.edi")
    assert list(inbound.iterdir()) == [] and list(processed.iterdir()) == []


def test_fetching_a_missing_file_names_it(sshd: SshdServer, tmp_path: Path) -> None:
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        with pytest.raises(NotFoundError, match=r"gone\.edi"):
            channel.fetch("gone.edi")
        with pytest.raises(ChannelConfigError):
            channel.fetch("../etc/passwd")


# ---------------------------------------------------------------------------------- outbound
def test_upload_goes_through_a_temporary_name(sshd: SshdServer, tmp_path: Path) -> None:
    _, outbound, _ = folders(tmp_path)
    data = os.urandom(300_000)
    seen: list[tuple[bool, bool]] = []

    def watch(path: str, done: int, total: int) -> None:
        seen.append(((outbound / "inv.edi.part").exists(), (outbound / "inv.edi").exists()))

    with SftpChannel(make_settings(sshd, tmp_path), progress=watch) as channel:
        receipt = channel.send("inv.edi", data)
    assert seen and all(temp and not final for temp, final in seen)
    assert (outbound / "inv.edi").read_bytes() == data
    assert sorted(p.name for p in outbound.iterdir()) == ["inv.edi"]
    assert receipt.remote_name == str(outbound / "inv.edi")
    assert receipt.bytes_sent == len(data)


def test_an_existing_final_name_is_refused_unless_overwrite(
    sshd: SshdServer, tmp_path: Path
) -> None:
    _, outbound, _ = folders(tmp_path)
    (outbound / "inv.edi").write_bytes(b"first")
    with (
        SftpChannel(make_settings(sshd, tmp_path)) as channel,
        pytest.raises(TargetExistsError, match="already exists"),
    ):
        channel.send("inv.edi", b"second")
    assert (outbound / "inv.edi").read_bytes() == b"first"
    assert sorted(p.name for p in outbound.iterdir()) == ["inv.edi"]
    with SftpChannel(make_settings(sshd, tmp_path, overwrite=True)) as channel:
        channel.send("inv.edi", b"second")
    assert (outbound / "inv.edi").read_bytes() == b"second"


def test_a_stale_temporary_file_is_replaced_not_appended(sshd: SshdServer, tmp_path: Path) -> None:
    _, outbound, _ = folders(tmp_path)
    (outbound / "inv.edi.part").write_bytes(b"left over from a failed upload " * 100)
    with SftpChannel(make_settings(sshd, tmp_path)) as channel:
        channel.send("inv.edi", b"fresh")
    assert (outbound / "inv.edi").read_bytes() == b"fresh"
    assert not (outbound / "inv.edi.part").exists()


# ------------------------------------------------------------------------------------ faults
# paramiko issues prefetch requests from a thread of its own; when the connection dies under it,
# that thread ends with an exception pytest reports. The download itself raises as it must.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_server_killed_during_download(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, _ = folders(tmp_path)
    content = os.urandom(8 * 1024 * 1024)  # well beyond paramiko's 2 MiB window
    (inbound / "big.edi").write_bytes(content)
    kills: list[int] = []

    def kill_once(path: str, done: int, total: int) -> None:
        if not kills:
            kills.append(done)
            sshd.kill_sessions()

    channel = SftpChannel(make_settings(sshd, tmp_path), progress=kill_once)
    with pytest.raises(ChannelError) as caught:
        channel.fetch("big.edi")
    assert caught.value.transient
    assert kills
    assert (inbound / "big.edi").read_bytes() == content  # still there, untouched
    channel._progress = None  # the listener survived: the next call reconnects
    assert channel.fetch("big.edi") == content
    channel.close()


def test_server_killed_during_upload(sshd: SshdServer, tmp_path: Path) -> None:
    _, outbound, _ = folders(tmp_path)
    data = os.urandom(8 * 1024 * 1024)
    kills: list[int] = []

    def kill_once(path: str, done: int, total: int) -> None:
        if not kills:
            kills.append(done)
            sshd.kill_sessions()

    channel = SftpChannel(make_settings(sshd, tmp_path), progress=kill_once)
    with pytest.raises(ChannelError) as caught:
        channel.send("inv.edi", data)
    assert caught.value.transient
    assert kills
    assert not (outbound / "inv.edi").exists()  # nothing under the final name
    channel._progress = None
    channel.send("inv.edi", data)  # a retry completes and replaces the partial temp file
    assert (outbound / "inv.edi").read_bytes() == data
    assert not (outbound / "inv.edi.part").exists()
    channel.close()


def test_a_server_that_stops_answering_times_out(sshd: SshdServer, tmp_path: Path) -> None:
    channel = SftpChannel(make_settings(sshd, tmp_path, operation_timeout=0.5))
    channel.list_ready()  # connected
    sshd.pause_sessions()
    with pytest.raises(ChannelTimeoutError, match="list"):
        channel.list_ready()
    sshd.kill_sessions()
    channel.close()


def test_server_stopped_entirely_is_a_connect_error(sshd: SshdServer, tmp_path: Path) -> None:
    inbound, _, _ = folders(tmp_path)
    (inbound / "a.edi").write_bytes(b"x")
    channel = SftpChannel(make_settings(sshd, tmp_path))
    channel.list_ready()
    sshd.stop()
    with pytest.raises(ConnectError):
        channel.list_ready()
    with pytest.raises(ConnectError):
        channel.list_ready()  # reconnecting fails too: nobody listens
