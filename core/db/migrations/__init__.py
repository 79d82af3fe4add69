"""Alembic migrations of the ledger tables (run through ``core.db.migrate``)."""
