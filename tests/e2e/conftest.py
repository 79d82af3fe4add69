"""The CLI runs against SQLite and PostgreSQL (see tests/support/databases.py)."""

from __future__ import annotations

from tests.support.databases import pg_url

__all__ = ["pg_url"]
