"""The one place that builds the ledger's real adapters from a database URL.

The URL comes from ``--db``, else ``O2C_DATABASE_URL``, else a SQLite file ``o2c.sqlite`` in the
working directory.
"""

from __future__ import annotations

import os

from core.clock import SystemClock
from core.db.engine import make_engine
from core.db.uow import SqlUnitOfWork
from core.domain.settings import LedgerSettings

DEFAULT_URL = "sqlite:///o2c.sqlite"


def database_url(given: str | None = None) -> str:
    return given or os.environ.get("O2C_DATABASE_URL") or DEFAULT_URL


def ledger_uow(url: str, settings: LedgerSettings | None = None) -> SqlUnitOfWork:
    """A unit of work on ``url`` with the default settings and the system clock."""
    return SqlUnitOfWork(make_engine(url), settings or LedgerSettings(), SystemClock())
