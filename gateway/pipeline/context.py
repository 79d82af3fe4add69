"""What the flows need, wired once by ``gateway.bootstrap``: configuration, the database
engine, the archive, a factory of ledger units of work, the clock and the X12 validator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core.ports import UnitOfWork
from gateway.archive import Archive
from gateway.config.loaded import LoadedConfig
from gateway.store.types import Engine
from gateway.x12.validator import Validator


@dataclass(frozen=True)
class Gateway:
    config: LoadedConfig
    engine: Engine
    archive: Archive
    ledger: Callable[[], UnitOfWork]
    clock: Callable[[], datetime]
    validator: Validator
    worker: str = "local"
