"""The database handles the flows pass around without writing SQL themselves: an engine to
begin transactions on, and the connection of a transaction, handed to ``repository``."""

from __future__ import annotations

from sqlalchemy import Connection, Engine

__all__ = ["Connection", "Engine"]
