"""Email out: one document per message, as an attachment, through SMTP (aiosmtplib).

Message format: RFC 5322 with a MIME multipart body (RFC 2045-2049); the attachment's type is
the caller's ``SendMetadata.content_type`` (with parameters such as ``; charset=utf-8``) or,
when None, guessed from the file name:
``application/EDI-X12`` (RFC 1767) for ``.edi``/``.x12``, ``application/xml`` (RFC 7303) for
``.xml``. Transport security: implicit TLS (``ssl``, port 465), ``starttls`` (RFC 3207, port
587) or ``plain`` (tests, relays on loopback). Certificates are verified against the system store
or ``ca_file``. The Message-ID is made here and returned in the :class:`Receipt`.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Literal

import aiosmtplib

from gateway.channels.base import Receipt, SendMetadata, check_name
from gateway.channels.credentials import secret
from gateway.channels.errors import ChannelConfigError, translated

Security = Literal["ssl", "starttls", "plain"]

_TYPES_BY_SUFFIX = {
    ".edi": "application/EDI-X12",
    ".x12": "application/EDI-X12",
    ".xml": "application/xml",
}


def content_type_for(name: str) -> str:
    """The MIME type of an attachment named ``name`` (``application/octet-stream`` if unknown)."""
    suffix = Path(name).suffix.lower()
    return _TYPES_BY_SUFFIX.get(suffix, "application/octet-stream")


@dataclass(frozen=True)
class SmtpSettings:
    """An SMTP submission server and the addresses of one partner's documents."""

    host: str
    sender: str
    recipients: tuple[str, ...]
    port: int = 587
    security: Security = "starttls"
    username_env: str | None = None
    password_env: str | None = None
    ca_file: Path | None = None
    timeout: float = 60.0
    message_id_domain: str | None = None  # the sender's domain when None
    body: str = "Please find the attached document.\n"


class SmtpChannel:
    """Outbound channel sending each document as an email attachment.

    :meth:`send` is synchronous (``asyncio.run`` inside; do not call it from a running event
    loop); :meth:`send_async` is the coroutine. ``environ`` supplies the variables named in the
    settings (``os.environ`` when None).
    """

    def __init__(self, settings: SmtpSettings, *, environ: Mapping[str, str] | None = None) -> None:
        if not settings.recipients:
            raise ChannelConfigError(f"SMTP {settings.host}: no recipients configured")
        self.settings = settings
        self._environ = environ
        self._where = f"SMTP {settings.host}:{settings.port}"

    def __enter__(self) -> SmtpChannel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: each send opens and closes its own connection."""

    def send(self, name: str, data: bytes, metadata: SendMetadata | None = None) -> Receipt:
        return asyncio.run(self.send_async(name, data, metadata))

    async def send_async(
        self, name: str, data: bytes, metadata: SendMetadata | None = None
    ) -> Receipt:
        message = self.build_message(name, data, metadata or SendMetadata())
        s = self.settings
        username = secret(self._environ, s.username_env, f"{self._where} username")
        password = secret(self._environ, s.password_env, f"{self._where} password")
        with translated(f"{self._where}: send {name}"):
            await aiosmtplib.send(
                message,
                sender=s.sender,
                recipients=list(s.recipients),
                hostname=s.host,
                port=s.port,
                username=username,
                password=password,
                use_tls=s.security == "ssl",
                start_tls=s.security == "starttls",
                tls_context=self._tls_context() if s.security != "plain" else None,
                timeout=s.timeout,
            )
        return Receipt(
            remote_name=", ".join(s.recipients),
            bytes_sent=len(data),
            message_id=str(message["Message-ID"]),
        )

    def build_message(self, name: str, data: bytes, metadata: SendMetadata) -> EmailMessage:
        """The message for ``data`` attached as ``name`` (public for previews and tests)."""
        s = self.settings
        content_type = metadata.content_type or content_type_for(check_name(name))
        mime, *parameters = (part.strip() for part in content_type.split(";"))
        maintype, _, subtype = mime.partition("/")
        params = dict(p.partition("=")[::2] for p in parameters if "=" in p)
        if not subtype:
            raise ChannelConfigError(f"{self._where}: {content_type!r} is not a MIME type")
        domain = s.message_id_domain or s.sender.rpartition("@")[2] or None
        message = EmailMessage()
        message["From"] = s.sender
        message["To"] = ", ".join(s.recipients)
        message["Subject"] = metadata.subject or name
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=domain)
        message.set_content(metadata.body if metadata.body is not None else s.body)
        message.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=name, params=params
        )
        return message

    def _tls_context(self) -> ssl.SSLContext:
        cafile = str(self.settings.ca_file) if self.settings.ca_file else None
        try:
            return ssl.create_default_context(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise ChannelConfigError(f"{self._where}: cannot load CA file {cafile}: {exc}") from exc
