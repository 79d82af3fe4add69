"""The inbound and outbound flows (ARCHITECTURE.md): receive → archive → parse/validate → ack →
map → post, and ledger events → render → validate → envelope → archive → send → await ack.

``documents`` turns ledger documents into the typed documents the transaction sets and the
UBL builder render (pure); the flows themselves call ``core.services`` and the store.
"""
