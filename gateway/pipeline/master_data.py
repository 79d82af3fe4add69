"""Load the configuration's master data (config/data/customers.csv and catalog.csv) into the
ledger: the customers the partners map to and the items their orders name."""

from __future__ import annotations

from core import services
from core.domain.catalog import Item
from core.domain.parties import Customer, PaymentTerms
from gateway.pipeline.context import Gateway


def load_master_data(gw: Gateway) -> tuple[int, int]:
    """Put every configured customer and item into the ledger; returns (customers, items)."""
    config = gw.config
    customers = [
        Customer(
            row.account,
            row.name,
            row.currency,
            PaymentTerms.parse(row.payment_terms),
            row.credit_limit,
            tax_code=row.tax_code or "EXEMPT",
        )
        for row in config.customers
    ]
    items = [
        Item(
            row.sku,
            row.description,
            row.unit_price,
            row.unit_cost,
            row.uom,
            row.on_hand,
            row.gtin,
            tax_code=row.tax_code or None,
        )
        for row in config.catalog
    ]
    uow = gw.ledger()
    services.put_customers(uow, customers)
    services.put_items(uow, items)
    return len(customers), len(items)
