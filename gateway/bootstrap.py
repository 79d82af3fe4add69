"""The one place that builds real adapters: the ledger's unit of work from a database URL, and
the pipeline's wiring (engine, archive, ledger, validator, clock) from a loaded configuration.

The URL comes from ``--db``, else ``O2C_DATABASE_URL``, else the configuration's database, else
a SQLite file ``o2c.sqlite`` in the working directory.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

from core.clock import SystemClock
from core.db.engine import make_engine
from core.db.uow import SqlUnitOfWork
from core.domain.settings import DEFAULT_TAX_CODES, LedgerSettings, TaxCode, Tolerances
from gateway.archive import Archive
from gateway.channel_factory import ConfiguredChannels
from gateway.config.loaded import LoadedConfig
from gateway.pipeline.context import Gateway
from gateway.x12.validator import Validator

DEFAULT_URL = "sqlite:///o2c.sqlite"


def database_url(given: str | None = None) -> str:
    return given or os.environ.get("O2C_DATABASE_URL") or DEFAULT_URL


def ledger_uow(url: str, settings: LedgerSettings | None = None) -> SqlUnitOfWork:
    """A unit of work on ``url`` with the default settings and the system clock."""
    return SqlUnitOfWork(make_engine(url), settings or LedgerSettings(), SystemClock())


def ledger_settings(config: LoadedConfig) -> LedgerSettings:
    """Ledger settings from configuration: tax codes (fractions become percents) and the
    cash-application tolerances. The chart of accounts stays the ledger's default, whose
    accounts carry the posting roles; see docs/ledger.md."""
    settings = config.gateway
    taxes = {code: TaxCode(code, tax.rate * 100) for code, tax in settings.tax_codes.items()}
    tolerances = Tolerances(
        settings.cash_application.penny_difference,
        settings.cash_application.max_underpayment,
        settings.cash_application.max_overpayment,
    )
    return LedgerSettings(tax_codes={**DEFAULT_TAX_CODES, **taxes}, tolerances=tolerances)


def build_gateway(
    config: LoadedConfig, db_url: str | None = None, worker: str | None = None
) -> Gateway:
    """The inbound/outbound flows' wiring for a loaded configuration."""
    url = db_url or config.database_url
    engine = make_engine(url)
    settings = ledger_settings(config)
    clock = SystemClock()
    archive = Archive(config.path(config.gateway.archive.root))
    return Gateway(
        config=config,
        engine=engine,
        archive=archive,
        ledger=lambda: SqlUnitOfWork(engine, settings, clock),
        clock=lambda: datetime.now(UTC),
        validator=Validator(),
        channels=ConfiguredChannels(config),
        worker=worker or f"{socket.gethostname()}:{os.getpid()}",
    )
