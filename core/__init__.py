"""The order-to-cash ledger: the system of record the gateway feeds.

It knows nothing of EDI, files, channels or configuration files. ``core.domain`` is the pure model
(standard library only); ``core.ports`` the Protocols the use cases need; ``core.services`` the
use cases, each one unit of work; ``core.memory`` an in-memory unit of work; ``core.db`` the only
place that imports SQLAlchemy. Design notes: docs/ledger.md.

Exceptions (``core.domain.errors``)::

    LedgerError                 anything the ledger raises on purpose
    ├── RuleViolation           a business rule refused the command (.code, .message)
    │   ├── NotFound            ├── InvalidState        ├── UnbalancedEntry
    │   ├── ClosedPeriod        ├── StockShortage       ├── CreditRefused
    │   └── OverSettlement
    └── ConcurrencyConflict     another worker changed the same rows first; retry

``core.db`` translates database errors into ``ConcurrencyConflict`` in one place
(``core.db.uow.translate``); any other database error is an infrastructure fault and propagates.
"""
