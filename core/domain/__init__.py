"""The ledger's pure model (standard library only).

money, errors, parties, catalog, quotations, orders, charges, documents, billing, journal,
posting, receivables, rebates, reports, settings, imports, commands, events: one concept each.
The exception tree is drawn in ``core.domain.errors`` (and in ``core``'s docstring).
"""
