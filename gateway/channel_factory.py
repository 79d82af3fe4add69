"""Build channel clients from configuration (called from ``gateway.bootstrap`` only).

Local folders and SFTP are both inbound and outbound; e-mail out needs its recipients (the
partner's, or a customer's for statements); e-mail in serves every partner whose inbound
channel it is (their allowed senders). Secrets are read from the environment by the channels
themselves, by name.
"""

from __future__ import annotations

from gateway.channels.email_in import ImapChannel, ImapSettings
from gateway.channels.email_out import SmtpChannel, SmtpSettings
from gateway.channels.local import LocalFolderChannel, LocalFolderSettings
from gateway.channels.readiness import ReadinessRule
from gateway.channels.sftp import SftpChannel, SftpSettings
from gateway.config.gateway_model import (
    EmailInChannel,
    EmailOutChannel,
    LocalChannel,
)
from gateway.config.gateway_model import (
    SftpChannel as SftpConfig,
)
from gateway.config.loaded import LoadedConfig
from gateway.config.partner_model import PartnerSettings

FileChannel = LocalFolderChannel | SftpChannel
_SECURITY = {"ssl": "ssl", "starttls": "starttls", "none": "plain"}


def _rule(settings: LocalChannel | SftpConfig) -> ReadinessRule:
    temp = ("*.tmp", "*.part", ".*", f"*{settings.temp_suffix}")
    return ReadinessRule(settings.stability, tuple(dict.fromkeys(temp)), settings.done_suffix)


def file_channel(config: LoadedConfig, name: str) -> FileChannel | None:
    """The local-folder or SFTP channel called ``name``; None for e-mail channels."""
    settings = config.channel(name)
    if isinstance(settings, LocalChannel):
        return LocalFolderChannel(
            LocalFolderSettings(
                config.path(settings.inbound),
                config.path(settings.outbound),
                config.path(settings.processed) if settings.processed else None,
                "move" if settings.processed else "delete",
                _rule(settings),
                temp_suffix=settings.temp_suffix,
            )
        )
    if isinstance(settings, SftpConfig):
        return SftpChannel(
            SftpSettings(
                settings.host,
                settings.username,
                config.path(settings.known_hosts),
                settings.port,
                config.path(settings.key_file) if settings.key_file else None,
                settings.key_passphrase_env,
                settings.password_env,
                settings.inbound,
                settings.outbound,
                settings.processed,
                "move" if settings.processed else "delete",
                _rule(settings),
                temp_suffix=settings.temp_suffix,
                connect_timeout=settings.timeout_seconds,
                banner_timeout=settings.timeout_seconds,
                auth_timeout=settings.timeout_seconds,
                operation_timeout=settings.timeout_seconds,
            ),
            environ=config.environment,
        )
    return None


def mail_out(config: LoadedConfig, name: str, recipients: tuple[str, ...]) -> SmtpChannel | None:
    """The SMTP channel called ``name`` sending to ``recipients``; None if it is not e-mail."""
    settings = config.channel(name)
    if not isinstance(settings, EmailOutChannel):
        return None
    return SmtpChannel(
        SmtpSettings(
            settings.host,
            settings.from_address,
            recipients,
            settings.port,
            _SECURITY[settings.tls],  # type: ignore[arg-type]
            settings.username_env,
            settings.password_env,
            timeout=settings.timeout_seconds,
        ),
        environ=config.environment,
    )


def mail_in(config: LoadedConfig, name: str) -> ImapChannel | None:
    settings = config.channel(name)
    if not isinstance(settings, EmailInChannel):
        return None
    senders = tuple(
        sorted(
            {
                address
                for partner in config.partners.values()
                if partner.channels.inbound == name
                for address in partner.email.allowed_senders
            }
        )
    )
    return ImapChannel(
        ImapSettings(
            settings.host,
            senders,
            settings.username_env,
            settings.password_env,
            settings.port,
            _SECURITY[settings.tls],  # type: ignore[arg-type]
            mailbox=settings.mailbox,
            processed_folder=settings.processed_folder,
            timeout=settings.timeout_seconds,
        ),
        environ=config.environment,
    )


class ConfiguredChannels:
    """``gateway.pipeline.context.ChannelSource`` on a loaded configuration. Inbound channels
    are kept for the life of the worker: their stability rule compares with the last listing."""

    def __init__(self, config: LoadedConfig) -> None:
        self.config = config
        self._inbound: dict[str, FileChannel | None] = {}

    def inbound(self, name: str) -> FileChannel | None:
        if name not in self._inbound:
            self._inbound[name] = file_channel(self.config, name)
        return self._inbound[name]

    def listed_before(self, name: str) -> bool:
        return name in self._inbound

    def outbound(self, name: str, partner: PartnerSettings) -> FileChannel | SmtpChannel | None:
        return file_channel(self.config, name) or mail_out(self.config, name, partner.email.to)

    def mail_to(self, name: str, recipients: tuple[str, ...]) -> SmtpChannel | None:
        return mail_out(self.config, name, recipients)

    def mailbox(self, name: str) -> ImapChannel | None:
        return mail_in(self.config, name)
