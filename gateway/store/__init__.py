"""The gateway's own tables: files, interchanges, groups and sets with their stage and status,
the exception queue, the outbound queue with expected acknowledgements, and control-number
sequences per partner pair.

It shares the database with the ledger (``core.db``) but never touches ledger tables; it has
its own Alembic migrations (version table ``gateway_alembic_version``). Like ``core.db``, it is
one of the two packages that import SQLAlchemy.
"""
