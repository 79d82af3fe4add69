"""Clocks for the ledger's ``Clock`` port: the system's UTC date, or a fixed one for tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime


class SystemClock:
    """Today's date in UTC."""

    def today(self) -> date:
        return datetime.now(UTC).date()


@dataclass
class FixedClock:
    day: date

    def today(self) -> date:
        return self.day
