"""What the flows need, wired once by ``gateway.bootstrap``: configuration, the database
engine, the archive, a factory of ledger units of work, the clock, the X12 validator and the
channel clients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.ports import UnitOfWork
from gateway.archive import Archive
from gateway.channels.base import InboundChannel, OutboundChannel
from gateway.channels.email_in import ImapChannel
from gateway.config.loaded import LoadedConfig
from gateway.config.partner_model import PartnerSettings
from gateway.store.types import Engine
from gateway.x12.validator import Validator


class ChannelSource(Protocol):
    """Builds channel clients by configured name (wired in ``gateway.bootstrap``)."""

    def inbound(self, name: str) -> InboundChannel | None: ...
    def listed_before(self, name: str) -> bool: ...
    def outbound(self, name: str, partner: PartnerSettings) -> OutboundChannel | None: ...
    def mailbox(self, name: str) -> ImapChannel | None: ...
    def mail_to(self, name: str, recipients: tuple[str, ...]) -> OutboundChannel | None: ...


@dataclass(frozen=True)
class Gateway:
    config: LoadedConfig
    engine: Engine
    archive: Archive
    ledger: Callable[[], UnitOfWork]
    clock: Callable[[], datetime]
    validator: Validator
    channels: ChannelSource
    worker: str = "local"
