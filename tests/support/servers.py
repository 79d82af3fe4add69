"""Real servers on loopback for integration tests: OpenSSH sshd, Dovecot IMAP, aiosmtpd SMTP.

Recipes follow ``../shared/testing/servers.md``. Each ``start_*`` function runs its server in a
temporary folder on a free port, waits until it answers, and returns a handle whose ``stop()``
ends the server by its own pid (and, for sshd, the session processes it forked). When a binary
or a privilege is missing, ``start_*`` raises :class:`ServerUnavailable` with the reason, and the
fixtures turn it into a skip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SSHD = Path("/usr/sbin/sshd")
LOOPBACK = "127.0.0.1"


class ServerUnavailable(Exception):
    """A server cannot be started here; the message says why (used as the skip reason)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def wait_for_greeting(port: int, prefix: bytes, timeout: float = 10.0) -> None:
    """Wait until a server on ``port`` accepts a connection and greets with ``prefix``."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1) as conn:
                if conn.recv(256).startswith(prefix):
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.02)
    raise ServerUnavailable(f"no {prefix!r} greeting on port {port} after {timeout}s ({last})")


def descendants(pid: int) -> list[int]:
    """Pids of every process below ``pid`` (read from /proc), children before their parents."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []

    def walk(parent: int) -> None:
        for child in children.get(parent, []):
            walk(child)
            found.append(child)

    walk(pid)
    return found


def kill_quietly(pid: int, sig: signal.Signals = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


# ---------------------------------------------------------------------------------------- sshd
@dataclass
class SshdServer:
    root: Path
    port: int
    pid: int
    known_hosts: Path
    user_key: Path
    username: str
    host_key_pub: Path

    @property
    def host(self) -> str:
        return LOOPBACK

    def kill_sessions(self) -> None:
        """Kill the per-connection processes: open sessions drop, the listener stays."""
        for pid in descendants(self.pid):
            kill_quietly(pid)

    def pause_sessions(self) -> None:
        """Freeze the per-connection processes (SIGSTOP): the server stops answering."""
        for pid in descendants(self.pid):
            kill_quietly(pid, signal.SIGSTOP)

    def stop(self) -> None:
        """Stop the listener and every session process it forked."""
        for pid in descendants(self.pid):
            kill_quietly(pid)
        kill_quietly(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and Path(f"/proc/{self.pid}").exists():
            if _is_zombie(self.pid):
                break
            time.sleep(0.01)


def _is_zombie(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "o2c-test", "-f", str(path)],
        check=True,
        capture_output=True,
    )


def start_sshd(root: Path, *, password_auth: bool = False) -> SshdServer:
    """OpenSSH sshd on a free loopback port, key auth for the current user (see servers.md)."""
    if not SSHD.exists() or shutil.which("ssh-keygen") is None:
        raise ServerUnavailable(
            f"{SSHD} or ssh-keygen is not installed (apt-get install openssh-server)"
        )
    root.mkdir(parents=True, exist_ok=True)
    keygen(root / "hostkey")
    keygen(root / "userkey")
    shutil.copy(root / "userkey.pub", root / "authorized_keys")
    (root / "authorized_keys").chmod(0o600)
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = root / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                f"ListenAddress {LOOPBACK}",
                f"HostKey {root / 'hostkey'}",
                f"PidFile {root / 'sshd.pid'}",
                f"AuthorizedKeysFile {root / 'authorized_keys'}",
                f"PasswordAuthentication {'yes' if password_auth else 'no'}",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "",
            ]
        )
    )
    result = subprocess.run(
        [str(SSHD), "-f", str(config), "-E", str(root / "sshd.log")],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log = (root / "sshd.log").read_text() if (root / "sshd.log").exists() else ""
        raise ServerUnavailable(f"sshd did not start: {result.stderr or log}")
    pid_file = root / "sshd.pid"
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        if time.monotonic() > deadline:
            raise ServerUnavailable("sshd wrote no pid file")
        time.sleep(0.01)
    server_pid = int(pid_file.read_text())
    known_hosts = root / "known_hosts"
    algorithm, key = (root / "hostkey.pub").read_text().split()[:2]
    known_hosts.write_text(f"[{LOOPBACK}]:{port} {algorithm} {key}\n")
    server = SshdServer(
        root=root,
        port=port,
        pid=server_pid,
        known_hosts=known_hosts,
        user_key=root / "userkey",
        username=pwd.getpwuid(os.geteuid()).pw_name,
        host_key_pub=root / "hostkey.pub",
    )
    try:
        wait_for_greeting(port, b"SSH-")
    except ServerUnavailable:
        server.stop()
        raise
    return server


PASSWORD_USER = "o2c-sftp-test"
PASSWORD = "o2c-test-Password-1"


def ensure_password_user() -> str:
    """A local user with a known password for SFTP password logins (created when missing)."""
    if os.geteuid() != 0:
        raise ServerUnavailable("password login tests need root to create a user with a password")
    if shutil.which("useradd") is None or shutil.which("chpasswd") is None:
        raise ServerUnavailable("useradd/chpasswd are not available")
    try:
        pwd.getpwnam(PASSWORD_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", PASSWORD_USER],
            check=True,
            capture_output=True,
        )
    subprocess.run(
        ["chpasswd"],
        input=f"{PASSWORD_USER}:{PASSWORD}\n",
        text=True,
        check=True,
        capture_output=True,
    )
    return PASSWORD_USER


# ------------------------------------------------------------------------------------- dovecot
@dataclass
class DovecotServer:
    root: Path
    port: int
    user: str
    password: str
    config: Path
    tls_port: int | None = None

    @property
    def host(self) -> str:
        return LOOPBACK

    def stop(self) -> None:
        dovecot = shutil.which("dovecot") or "dovecot"
        subprocess.run(
            [dovecot, "-c", str(self.config), "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        pid_file = self.root / "run" / "master.pid"
        deadline = time.monotonic() + 5
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


def start_dovecot(root: Path, *, tls: tuple[Path, Path] | None = None) -> DovecotServer:
    """Dovecot IMAP on a free loopback port, one passwd-file user ``edi`` (see servers.md).

    With ``tls`` (certificate, key) the plain port also offers STARTTLS and a second port
    (``tls_port``) speaks implicit TLS.
    """
    dovecot = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )
    if dovecot is None:
        raise ServerUnavailable("dovecot is not installed (apt-get install dovecot-imapd)")
    if os.geteuid() != 0:
        raise ServerUnavailable("the Dovecot recipe needs root (mail runs as the dovecot uid)")
    try:
        account = pwd.getpwnam("dovecot")
    except KeyError as exc:
        raise ServerUnavailable("there is no dovecot system user") from exc
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)  # its parents must be traversable by the dovecot user too
    (root / "mail").mkdir()
    (root / "run").mkdir()
    shutil.chown(root / "mail", account.pw_uid, account.pw_gid)
    password = "secret"
    users = root / "users"
    users.write_text(
        f"edi:{{PLAIN}}{password}:{account.pw_uid}:{account.pw_gid}::{root / 'mail' / 'edi'}\n"
    )
    port = free_port()
    tls_port = free_port() if tls else None
    if tls:
        ssl_lines = f"ssl = yes\nssl_cert = <{tls[0]}\nssl_key = <{tls[1]}\n"
        imaps = f"  inet_listener imaps {{\n    port = {tls_port}\n    ssl = yes\n  }}\n"
    else:
        ssl_lines, imaps = "ssl = no\n", "  inet_listener imaps {\n    port = 0\n  }\n"
    config = root / "dovecot.conf"
    config.write_text(
        f"""protocols = imap
listen = {LOOPBACK}
base_dir = {root / "run"}
state_dir = {root / "run"}
log_path = {root / "dovecot.log"}
{ssl_lines}disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:~/Maildir
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {users}
}}
userdb {{
  driver = passwd-file
  args = {users}
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
{imaps}}}
"""
    )
    # the daemon inherits stdout/stderr: a pipe would never reach EOF, so use a file
    errors = root / "start.err"
    with errors.open("w") as sink:
        result = subprocess.run(
            [dovecot, "-c", str(config)], check=False, stdout=sink, stderr=sink, timeout=30
        )
    if result.returncode != 0:
        raise ServerUnavailable(f"dovecot did not start: {errors.read_text().strip()}")
    server = DovecotServer(root, port, "edi", password, config, tls_port)
    try:
        wait_for_greeting(port, b"* OK")
    except ServerUnavailable:
        server.stop()
        raise
    return server


# ---------------------------------------------------------------------------------------- SMTP
@dataclass
class SmtpRecorder:
    """An aiosmtpd handler that keeps what it receives, or refuses DATA with a fixed reply."""

    refuse_with: str | None = None
    received: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_with is not None:
            return self.refuse_with
        self.received.append(envelope)
        return "250 OK"


@dataclass
class SmtpServer:
    port: int
    recorder: SmtpRecorder
    controller: Any

    @property
    def host(self) -> str:
        return LOOPBACK

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(
    recorder: SmtpRecorder,
    *,
    tls_context: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
    credentials: tuple[str, str] | None = None,
) -> SmtpServer:
    """aiosmtpd in a thread on a free port; with ``tls_context`` STARTTLS is required, with
    ``implicit_tls`` the port speaks TLS from the first byte, and with ``credentials`` AUTH is
    required (over TLS when there is TLS)."""
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword
    except ImportError as exc:
        raise ServerUnavailable("aiosmtpd is not installed") from exc

    params: dict[str, Any] = {}
    if tls_context is not None:
        params.update(tls_context=tls_context, require_starttls=True)
    if credentials is not None:
        user, secret = credentials

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
        ) -> Any:
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == user
                and auth_data.password.decode() == secret
            )
            return AuthResult(success=ok, handled=False)

        params.update(
            authenticator=authenticate,
            auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS; an implicit-TLS port is encrypted anyway
            auth_require_tls=tls_context is not None,
        )
    port = free_port()
    controller = Controller(
        recorder, hostname=LOOPBACK, port=port, ssl_context=implicit_tls, **params
    )
    controller.start()
    return SmtpServer(port, recorder, controller)


def self_signed_certificate(folder: Path, common_name: str = "localhost") -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1/localhost made with ``cryptography``."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError as exc:
        raise ServerUnavailable("cryptography is not installed") from exc
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(LOOPBACK))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context
