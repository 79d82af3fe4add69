"""Persistence of the ledger with SQLAlchemy 2 (Core) on SQLite or PostgreSQL.

``engine`` (SQLite WAL + BEGIN IMMEDIATE, psycopg 3), ``types`` (exact amounts), ``tables``,
``repo_master`` / ``repo_documents`` / ``repo_invoices`` / ``repo_ledger`` (repositories),
``bulk`` (multi-row inserts, COPY on PostgreSQL), ``uow`` (unit of work, identity maps, deferred
inserts, outbox, error translation), ``migrate`` and ``migrations/`` (Alembic).
"""
