"""The order-to-cash ledger: the system of record the gateway feeds.

It knows nothing of EDI, files, channels or configuration files. ``core.domain`` is the pure model
(standard library only); ``core.services`` holds the use cases; ``core.db`` is the only place that
imports SQLAlchemy.
"""
