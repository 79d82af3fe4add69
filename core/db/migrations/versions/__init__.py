"""Alembic revisions of the ledger tables."""
