"""The loaded configuration: validated settings, partners, mappings and master data.

:class:`LoadedConfig` is what the rest of the gateway receives from ``load_config``. It holds no
open files; the environment is a snapshot taken at load time, so ``secret`` and
``database_url`` do not read ``os.environ`` again.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from gateway.config.data import CatalogRow, CustomerRow
from gateway.config.gateway_model import Channel, GatewaySettings
from gateway.config.partner_model import PartnerSettings
from gateway.config.problems import SecretMissingError
from gateway.transactions.mapping import PartnerMapping

DATABASE_URL_ENV = "O2C_DATABASE_URL"


@dataclass(frozen=True, slots=True)
class ConfigPaths:
    """The configuration directory and the mappings directory."""

    root: Path
    mappings: Path


@dataclass(frozen=True, slots=True)
class InterchangeIds:
    """The IDs of one partner pair, ours resolved from the partner file or [identity]."""

    our_isa_qualifier: str
    our_isa_id: str
    our_gs_id: str
    their_isa_qualifier: str
    their_isa_id: str
    their_gs_id: str


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    paths: ConfigPaths
    gateway: GatewaySettings
    partners: Mapping[str, PartnerSettings]
    mappings: Mapping[str, PartnerMapping]
    customers: tuple[CustomerRow, ...]
    catalog: tuple[CatalogRow, ...]
    environment: Mapping[str, str]

    def partner_by_isa(self, qualifier: str, isa_id: str) -> PartnerSettings | None:
        """The partner that sends with ISA05/ISA06 = (qualifier, isa_id); padding ignored."""
        wanted = (qualifier.strip(), isa_id.strip())
        return next((p for p in self.partners.values() if p.isa_pair == wanted), None)

    def partner_by_sender(self, channel: str, address: str) -> PartnerSettings | None:
        """The partner whose allowed e-mail senders on inbound ``channel`` include ``address``."""
        wanted = address.strip().lower()
        return next(
            (
                p
                for p in self.partners.values()
                if p.channels.inbound == channel and wanted in p.email.allowed_senders
            ),
            None,
        )

    def partner_of(self, accounts: AbstractSet[str]) -> PartnerSettings | None:
        """The first partner that orders or pays for one of the customer ``accounts``."""
        return next(
            (p for p in self.partners.values() if not accounts.isdisjoint(p.customer_accounts)),
            None,
        )

    def customer(self, account: str) -> CustomerRow | None:
        """The row of data/customers.csv for ``account``."""
        return next((c for c in self.customers if c.account == account), None)

    def mapping(self, partner_id: str) -> PartnerMapping:
        return self.mappings[partner_id]

    def channel(self, name: str) -> Channel:
        return self.gateway.channels[name]

    def path(self, relative: str) -> Path:
        """A path from a configuration value, relative to the configuration directory."""
        candidate = Path(relative)
        return candidate if candidate.is_absolute() else self.paths.root / candidate

    @property
    def database_url(self) -> str:
        """O2C_DATABASE_URL if set, else [database].url with relative SQLite paths resolved."""
        url = self.environment.get(DATABASE_URL_ENV) or self.gateway.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != prefix + ":memory:":
            file = url[len(prefix) :]
            if file and not Path(file).is_absolute():
                return prefix + str((self.paths.root / file).resolve())
        return url

    def ids(self, partner_id: str) -> InterchangeIds:
        partner = self.partners[partner_id].x12
        identity = self.gateway.identity
        return InterchangeIds(
            partner.our_isa_qualifier or identity.isa_qualifier,
            partner.our_isa_id or identity.isa_id,
            partner.our_gs_id or identity.gs_id,
            partner.their_isa_qualifier,
            partner.their_isa_id,
            partner.their_gs_id,
        )

    def secret(self, env_name: str) -> str:
        """The value of the environment variable a ``*_env`` key names."""
        value = self.environment.get(env_name)
        if not value:
            raise SecretMissingError(f"environment variable {env_name} is not set")
        return value
