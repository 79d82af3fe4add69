"""The model of config/gateway.toml: database, archive, identity, channels, schedules, ledger.

Channels are named (``[channels.<name>]``) and told apart by ``kind``: ``local`` (folders on this
host), ``sftp``, ``email_out`` (SMTP) and ``email_in`` (IMAP). Secrets are environment-variable
names (``password_env``). The chart of accounts and tax codes fall back to
:mod:`gateway.config.ledger_defaults` when the file has none.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from gateway.config.fields import EnvName, FilePath, Model, NonNegativeDec
from gateway.config.ledger_defaults import default_accounts, default_tax_codes

_CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,\-?]+$")


class Database(Model):
    url: str = "sqlite:///../var/o2c.sqlite3"
    """SQLAlchemy URL (relative SQLite paths start at the config directory).

    The environment variable O2C_DATABASE_URL, when set, wins.
    """


class Archive(Model):
    root: FilePath = "../var/archive"
    """Folder of the content-addressed archive (relative to the config directory)."""
    retention_days: int = Field(default=2555, ge=1)
    """Days an archived file is kept."""


class Address(Model):
    name: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = Field(default="US", pattern=r"^[A-Z]{2}$")


class BankAccount(Model):
    """Where customers pay: written into UBL PaymentMeans (IBAN or account number)."""

    account_id: str = Field(min_length=1)
    account_name: str = ""
    bic: str = ""
    routing_number: str = ""
    means_code: str = Field(default="30", pattern=r"^[0-9A-Z]{1,3}$")
    """UNCL4461 payment means code (30 credit transfer, 58 SEPA credit transfer, 42 ...)."""


class Identity(Model):
    """Who we are in interchanges, labels and invoices."""

    name: str = Field(min_length=1)
    isa_qualifier: str = Field(pattern=r"^[0-9A-Z]{2}$")
    isa_id: str = Field(min_length=1, max_length=15)
    gs_id: str = Field(min_length=2, max_length=15)
    gs1_company_prefix: str = Field(default="", pattern=r"^([0-9]{6,12})?$")
    """GS1 company prefix (6-12 digits) for SSCC-18 serial shipping container codes."""
    gln: str = Field(default="", pattern=r"^([0-9]{13})?$")
    legal_id: str = ""
    tax_id: str = ""
    address: Address = Field(default_factory=Address)
    bank: BankAccount | None = None


class LocalChannel(Model):
    kind: Literal["local"]
    inbound: FilePath
    outbound: FilePath
    processed: FilePath | None = None
    temp_suffix: str = ".part"
    stability: Literal["stable_polls", "done_marker"] = "stable_polls"
    stable_polls: int = Field(default=2, ge=1)
    done_suffix: str = ".done"


class SftpChannel(Model):
    kind: Literal["sftp"]
    host: str = Field(min_length=1)
    port: int = Field(default=22, ge=1, le=65535)
    username: str = Field(min_length=1)
    password_env: EnvName | None = None
    key_file: FilePath | None = None
    key_passphrase_env: EnvName | None = None
    known_hosts: FilePath
    inbound: str = Field(min_length=1)
    outbound: str = Field(min_length=1)
    processed: str | None = None
    temp_suffix: str = ".part"
    stability: Literal["stable_polls", "done_marker"] = "stable_polls"
    stable_polls: int = Field(default=2, ge=1)
    done_suffix: str = ".done"
    timeout_seconds: int = Field(default=30, ge=1)

    @model_validator(mode="after")
    def _some_credential(self) -> SftpChannel:
        if self.password_env is None and self.key_file is None:
            raise ValueError("an SFTP channel needs key_file or password_env")
        return self


class EmailOutChannel(Model):
    kind: Literal["email_out"]
    host: str = Field(min_length=1)
    port: int = Field(default=587, ge=1, le=65535)
    tls: Literal["ssl", "starttls", "none"] = "starttls"
    from_address: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    username_env: EnvName | None = None
    password_env: EnvName | None = None
    timeout_seconds: int = Field(default=30, ge=1)


class EmailInChannel(Model):
    kind: Literal["email_in"]
    host: str = Field(min_length=1)
    port: int = Field(default=993, ge=1, le=65535)
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    mailbox: str = "INBOX"
    processed_folder: str = "Processed"
    username_env: EnvName
    password_env: EnvName
    timeout_seconds: int = Field(default=30, ge=1)


Channel = Annotated[
    LocalChannel | SftpChannel | EmailOutChannel | EmailInChannel, Field(discriminator="kind")
]


def _check_schedule(value: int | str) -> int | str:
    if isinstance(value, int):
        if value < 1:
            raise ValueError("an interval is a whole number of seconds, at least 1")
        return value
    fields = value.split()
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise ValueError(
            f"{value!r} is neither an interval in seconds nor a 5-field cron string "
            '("*/15 * * * *")'
        )
    return value


Schedule = Annotated[int | str, AfterValidator(_check_schedule)]

#: The jobs a [schedules] table may name (the registry is ``gateway.jobs.runner.JOBS``).
JOB_NAMES = (
    "poll_channels",
    "retry_sends",
    "distribute_invoices",
    "reconcile_acks",
    "match_remittances",
    "purge_archive",
    "email_statements",
)


class Account(Model):
    name: str = Field(min_length=1)
    type: Literal["asset", "liability", "equity", "revenue", "expense"]


class TaxCode(Model):
    """A tax code: ``rate`` is a fraction (0.0825 for 8.25 %); ``category`` the UNCL5305 code."""

    rate: NonNegativeDec
    category: Literal["S", "Z", "E", "AE", "K", "G", "O"]
    exemption_reason: str = ""
    exemption_reason_code: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> TaxCode:
        if self.rate >= 1:
            raise ValueError(f"rate {self.rate} is a fraction below 1 (write 0.0825 for 8.25 %)")
        if self.category == "S" and self.rate == 0:
            raise ValueError("category S (standard rate) needs a rate above zero; use Z for 0 %")
        if self.category != "S" and self.rate != 0:
            raise ValueError(f"category {self.category} carries a rate of 0")
        needs_reason = self.category in {"E", "AE", "K", "G", "O"}
        if needs_reason and not (self.exemption_reason or self.exemption_reason_code):
            raise ValueError(
                f"category {self.category} needs exemption_reason or exemption_reason_code "
                "(EN 16931 BR-{E,AE,IC,G,O}-10)"
            )
        return self


class CashApplication(Model):
    """Tolerances of remittance matching, in the invoice currency."""

    penny_difference: NonNegativeDec = Decimal("0.01")
    max_underpayment: NonNegativeDec = Decimal("0")
    max_overpayment: NonNegativeDec = Decimal("0")


class Statements(Model):
    """Customer statements sent by e-mail (job ``email_statements``, ``o2c statements``).

    Each customer of data/customers.csv with an ``email`` gets one statement per as-of date,
    through the named ``email_out`` channel, attached as plain text.
    """

    channel: str = Field(min_length=1)
    """An ``email_out`` channel of [channels]."""
    skip_settled: bool = True
    """Send nothing to a customer with no balance and no open item on the as-of date."""


class GatewaySettings(Model):
    """config/gateway.toml."""

    database: Database = Field(default_factory=Database)
    archive: Archive = Field(default_factory=Archive)
    identity: Identity
    channels: dict[str, Channel] = Field(default_factory=dict)
    schedules: dict[str, Schedule] = Field(default_factory=dict)
    """Job name -> interval in seconds or a 5-field cron string."""
    accounts: dict[str, Account] = Field(default_factory=default_accounts, validate_default=True)
    tax_codes: dict[str, TaxCode] = Field(default_factory=default_tax_codes, validate_default=True)
    cash_application: CashApplication = Field(default_factory=CashApplication)
    statements: Statements | None = None

    @field_validator("accounts")
    @classmethod
    def _account_numbers(cls, value: dict[str, Account]) -> dict[str, Account]:
        bad = [number for number in value if not re.fullmatch(r"[0-9A-Za-z.-]{1,20}", number)]
        if bad:
            raise ValueError(f"account numbers must be 1-20 letters, digits, . or -: {bad}")
        return value
