"""SFTP channel (SSH File Transfer Protocol, version 3 as OpenSSH serves it) through paramiko.

Safety rules (see docs/channels.md):

- The server's host key must be in the configured known_hosts file, under ``host`` or
  ``[host]:port``. An unknown host or a different key is refused with :class:`HostKeyError`
  before any credential is sent; the system's known_hosts and keys are never consulted and
  nothing is ever added to a known_hosts file.
- Inbound: temporary names are skipped; a file is taken when stable or marked done
  (:mod:`gateway.channels.readiness`); :meth:`SftpChannel.acknowledge` renames it into the
  processed folder (or deletes it) and is called only after the archive commit.
- Outbound: upload under ``<name><temp_suffix>`` (opened for writing with truncation, never
  append), check that the remote size equals the bytes sent, then rename to the final name.
  An existing final name is refused unless ``overwrite`` is set (then an atomic POSIX rename).
- Timeouts bound connecting, the SSH banner, authentication and every SFTP request.
"""

from __future__ import annotations

import io
import posixpath
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, NoReturn

import paramiko

from gateway.channels.base import Receipt, RemoteFile, SendMetadata, check_name
from gateway.channels.credentials import secret
from gateway.channels.errors import (
    ChannelConfigError,
    ChannelError,
    HostKeyError,
    NotFoundError,
    TargetExistsError,
    TransferError,
    translated,
)
from gateway.channels.readiness import ReadinessRule, ReadyTracker

AfterAck = Literal["move", "delete"]

#: Called during a transfer with (remote path, bytes so far, total bytes).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SftpSettings:
    """Where and how to reach a partner's SFTP server. Folders are remote POSIX paths."""

    host: str
    username: str
    known_hosts: Path
    port: int = 22
    key_file: Path | None = None
    key_passphrase_env: str | None = None
    password_env: str | None = None
    inbound_dir: str | None = None
    outbound_dir: str | None = None
    processed_dir: str | None = None
    after_ack: AfterAck = "move"
    readiness: ReadinessRule = field(default_factory=ReadinessRule)
    overwrite: bool = False
    temp_suffix: str = ".part"
    connect_timeout: float = 15.0
    banner_timeout: float = 15.0
    auth_timeout: float = 15.0
    operation_timeout: float = 60.0


class _RefuseUnknownHost(paramiko.RejectPolicy):
    """paramiko's RejectPolicy, with a message that says what to do."""

    def __init__(self, known_hosts: Path) -> None:
        self.known_hosts = known_hosts

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> NoReturn:
        raise HostKeyError(
            f"SFTP {hostname}: the server's {key.get_name()} host key {key.fingerprint} is not in "
            f"{self.known_hosts}; refusing to connect. Check the fingerprint with the partner and "
            "add the key to that file."
        )


class SftpChannel:
    """Inbound and outbound channel on one SFTP server (see the module docstring).

    The connection is opened on first use and kept; any connection-level failure closes it, so
    the next call reconnects. ``environ`` supplies the variables named in the settings
    (``os.environ`` when None). ``progress`` is called as bytes move (logging, tests).
    """

    def __init__(
        self,
        settings: SftpSettings,
        *,
        environ: Mapping[str, str] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self._environ = environ
        self._progress = progress
        self._tracker = ReadyTracker(settings.readiness)
        self._client: paramiko.SSHClient | None = None
        self._sftp: paramiko.SFTPClient | None = None
        self._where = f"SFTP {settings.username}@{settings.host}:{settings.port}"

    def __enter__(self) -> SftpChannel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        sftp, client = self._sftp, self._client
        self._sftp = self._client = None
        # closing a dead connection raises; there is nothing left to save
        with suppress(OSError, EOFError, paramiko.SSHException):
            if sftp is not None:
                sftp.close()
        with suppress(OSError, EOFError, paramiko.SSHException):
            if client is not None:
                client.close()

    # inbound
    def list_ready(self) -> list[RemoteFile]:
        folder = self._folder(self.settings.inbound_dir, "inbound_dir")
        with self._io(f"list {folder}") as sftp:
            listing = [
                RemoteFile(a.filename, a.st_size or 0, _utc(a.st_mtime))
                for a in sftp.listdir_attr(folder)
                if a.st_mode is not None and stat.S_ISREG(a.st_mode)
            ]
        return self._tracker.select(listing)

    def fetch(self, name: str) -> bytes:
        path = posixpath.join(
            self._folder(self.settings.inbound_dir, "inbound_dir"), check_name(name)
        )
        buffer = io.BytesIO()
        with self._io(f"download {path}") as sftp:
            sftp.getfo(path, buffer, callback=self._callback(path))  # checks the size read
        return buffer.getvalue()

    def acknowledge(self, name: str) -> None:
        inbound = self._folder(self.settings.inbound_dir, "inbound_dir")
        names = [check_name(name)]
        if self.settings.readiness.stability == "done_marker":
            names.append(self.settings.readiness.marker_for(name))
        for index, item in enumerate(names):
            source = posixpath.join(inbound, item)
            with self._io(f"acknowledge {source}") as sftp:
                if index > 0 and not _exists(sftp, source):
                    continue  # the marker may already be gone
                if self.settings.after_ack == "delete":
                    sftp.remove(source)
                else:
                    processed = self._folder(self.settings.processed_dir, "processed_dir")
                    sftp.rename(source, _free_name(sftp, processed, item))
        self._tracker.forget(name)

    # outbound
    def send(self, name: str, data: bytes, metadata: SendMetadata | None = None) -> Receipt:
        folder = self._folder(self.settings.outbound_dir, "outbound_dir")
        final = posixpath.join(folder, check_name(name))
        temp = final + self.settings.temp_suffix
        with self._io(f"upload {final}") as sftp:
            if not self.settings.overwrite and _exists(sftp, final):
                raise TargetExistsError(f"{self._where}: {final} already exists; not overwritten")
            sftp.putfo(io.BytesIO(data), temp, len(data), self._callback(temp), confirm=False)
            size = sftp.stat(temp).st_size
            if size != len(data):
                _remove_quietly(sftp, temp)
                raise TransferError(
                    f"{self._where}: {temp} holds {size} bytes after upload, expected {len(data)}"
                )
            self._rename_into_place(sftp, temp, final)
        return Receipt(remote_name=final, bytes_sent=len(data))

    def _rename_into_place(self, sftp: paramiko.SFTPClient, temp: str, final: str) -> None:
        try:
            if self.settings.overwrite:
                sftp.posix_rename(temp, final)
            else:
                sftp.rename(temp, final)  # SFTP v3 rename refuses an existing target
        except OSError as exc:
            exists = _exists(sftp, final)
            _remove_quietly(sftp, temp)
            if exists and not self.settings.overwrite:
                raise TargetExistsError(
                    f"{self._where}: {final} appeared during the upload; not overwritten"
                ) from exc
            raise

    # connection
    @contextmanager
    def _io(self, action: str) -> Iterator[paramiko.SFTPClient]:
        try:
            with translated(f"{self._where}: {action}"):
                yield self._session()
        except (NotFoundError, TargetExistsError):
            raise  # the session is fine
        except ChannelError:
            self.close()
            raise

    def _session(self) -> paramiko.SFTPClient:
        if self._sftp is None:
            client = self._connect()
            try:
                sftp = client.open_sftp()
                channel = sftp.get_channel()
                if channel is not None:
                    channel.settimeout(self.settings.operation_timeout)
            except BaseException:
                client.close()
                raise
            self._client, self._sftp = client, sftp
        return self._sftp

    def _connect(self) -> paramiko.SSHClient:
        s = self.settings
        password = secret(self._environ, s.password_env, f"{self._where} password")
        pkey = self._key()
        if pkey is None and password is None:
            raise ChannelConfigError(f"{self._where}: set key_file or password_env")
        client = paramiko.SSHClient()
        try:
            client.load_host_keys(str(s.known_hosts))
        except OSError as exc:
            raise ChannelConfigError(
                f"{self._where}: cannot read known_hosts file {s.known_hosts}: {exc}"
            ) from exc
        client.set_missing_host_key_policy(_RefuseUnknownHost(s.known_hosts))
        try:
            client.connect(
                s.host,
                port=s.port,
                username=s.username,
                password=password,
                pkey=pkey,
                timeout=s.connect_timeout,
                banner_timeout=s.banner_timeout,
                auth_timeout=s.auth_timeout,
                channel_timeout=s.operation_timeout,
                allow_agent=False,
                look_for_keys=False,
            )
        except paramiko.BadHostKeyException as exc:
            client.close()
            raise HostKeyError(
                f"{self._where}: the server presented {exc.key.get_name()} host key "
                f"{exc.key.fingerprint}, but {s.known_hosts} expects "
                f"{exc.expected_key.fingerprint}; "
                "refusing to connect (the key changed or someone is in between)."
            ) from exc
        except BaseException:
            client.close()
            raise
        return client

    def _key(self) -> paramiko.PKey | None:
        s = self.settings
        if s.key_file is None:
            return None
        passphrase = secret(self._environ, s.key_passphrase_env, f"{self._where} key passphrase")
        try:
            return paramiko.PKey.from_path(s.key_file, passphrase)  # stubs misname it
        except (OSError, paramiko.SSHException) as exc:
            raise ChannelConfigError(
                f"{self._where}: cannot load private key {s.key_file}: {exc}"
            ) from exc

    def _folder(self, folder: str | None, which: str) -> str:
        if not folder:
            raise ChannelConfigError(f"{self._where}: {which} is not configured")
        return folder

    def _callback(self, path: str) -> Callable[[int, int], None] | None:
        progress = self._progress
        if progress is None:
            return None
        return lambda done, total: progress(path, done, total)


def _utc(epoch: int | None) -> datetime:
    return datetime.fromtimestamp(epoch or 0, UTC)


def _exists(sftp: paramiko.SFTPClient, path: str) -> bool:
    try:
        sftp.stat(path)
    except FileNotFoundError:
        return False
    return True


def _remove_quietly(sftp: paramiko.SFTPClient, path: str) -> None:
    with suppress(OSError):
        sftp.remove(path)


def _free_name(sftp: paramiko.SFTPClient, folder: str, name: str) -> str:
    """``folder/name``, or ``folder/name.1``, ``.2`` ... when taken (re-delivered names)."""
    candidate = posixpath.join(folder, name)
    counter = 0
    while _exists(sftp, candidate):
        counter += 1
        candidate = posixpath.join(folder, f"{name}.{counter}")
    return candidate
