"""The ledger's tables (SQLAlchemy Core). Migrations in ``core/db/migrations`` create them.

Money and quantities use ``Amount`` (exact). Orders and open items carry a ``version`` for
optimistic concurrency. Journal entries and lines, settlements, packing slips and invoices are
append-only: the repositories never update or delete them. Tables found only by a composite
primary key (document lines, journal lines, idempotency keys; migration 0002) and the head
tables found by their number (orders, invoices, journal entries; migration 0003) have no rowid on
SQLite: one B-tree entry per row. A few indexes are made on one database only (``ddl_if``), as
the migrations make them: open items by account, doc date and number on SQLite (0005); open
items and orders by account alone and journal lines by account and currency elsewhere (0006).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.schema import BaseDDLElement, SchemaItem
from sqlalchemy.sql.compiler import DDLCompiler

from core.db.types import Amount, JsonText

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

S = String(64)


def _not_sqlite(
    ddl: BaseDDLElement,
    target: SchemaItem | str,
    bind: Connection | None,
    tables: list[Table] | None = None,
    state: Any | None = None,
    *,
    dialect: Dialect,
    compiler: DDLCompiler | None = None,
    checkfirst: bool = False,
) -> bool:
    """Whether an index is made on ``dialect``: on any but SQLite (for ``Index.ddl_if``)."""
    return dialect.name != "sqlite"


customers = Table(
    "customers",
    metadata,
    Column("account", S, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("terms", String(40), nullable=False),
    Column("credit_limit", Amount, nullable=False),
    Column("on_hold", Boolean, nullable=False),
    Column("parent_account", S, index=True),
    Column("bill_to", JsonText),
    Column("ship_to", JsonText),
    Column("tax_code", String(20), nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("sku", S, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("uom", String(10), nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("unit_cost", Amount, nullable=False),
    Column("on_hand", Amount, nullable=False),
    Column("gtin", String(14), nullable=False),
    Column("conversions", JsonText),
    Column("tax_code", String(20)),
)

quotations = Table(
    "quotations",
    metadata,
    Column("number", S, primary_key=True),
    Column("customer_account", S, nullable=False),
    Column("quote_date", Date, nullable=False),
    Column("po_number", S, nullable=False),
    Column("status", String(20), nullable=False),
    Column("order_number", S, nullable=False),
    Column("lines", JsonText, nullable=False),
)

orders = Table(
    "orders",
    metadata,
    Column("number", S, primary_key=True),
    Column("customer_account", S, nullable=False),
    Column("invoice_account", S, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("order_date", Date, nullable=False),
    Column("order_type", String(30), nullable=False),
    Column("po_number", S, nullable=False, index=True),
    Column("status", String(20), nullable=False, index=True),
    Column("document_status", String(20), nullable=False),
    Column("charges", JsonText),
    Column("cycle", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    # no query can use it (an order's customer is looked for together with its invoice account,
    # which has no index): not on SQLite (migration 0006)
    Index("ix_orders_customer_account", "customer_account").ddl_if(callable_=_not_sqlite),
    sqlite_with_rowid=False,
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_number", S, ForeignKey("orders.number"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("sku", S, nullable=False),
    Column("description", String(200), nullable=False),
    Column("quantity", Amount, nullable=False),
    Column("uom", String(10), nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("unit_cost", Amount, nullable=False),
    Column("factor", Amount, nullable=False),
    Column("tax_code", String(20), nullable=False),
    Column("gtin", String(14), nullable=False),
    Column("external_line_ref", S, nullable=False),
    Column("allowances", JsonText),
    Column("picked", Amount, nullable=False),
    Column("shipped", Amount, nullable=False),
    Column("invoiced", Amount, nullable=False),
    Column("canceled", Amount, nullable=False),
    sqlite_with_rowid=False,
)

order_refs = Table(
    "order_refs",
    metadata,
    Column("order_number", S, ForeignKey("orders.number"), primary_key=True),
    Column("name", S, primary_key=True),
    Column("value", String(200), nullable=False, index=True),
)

packing_slips = Table(
    "packing_slips",
    metadata,
    Column("number", S, primary_key=True),
    Column("order_number", S, ForeignKey("orders.number"), nullable=False, index=True),
    Column("customer_account", S, nullable=False),
    Column("ship_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("is_receipt", Boolean, nullable=False),
)

packing_slip_lines = Table(
    "packing_slip_lines",
    metadata,
    Column("slip_number", S, ForeignKey("packing_slips.number"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("sku", S, nullable=False),
    Column("quantity", Amount, nullable=False),
    Column("uom", String(10), nullable=False),
    Column("base_quantity", Amount, nullable=False),
    Column("cost_amount", Amount, nullable=False),
    sqlite_with_rowid=False,
)

invoices = Table(
    "invoices",
    metadata,
    Column("number", S, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("customer_account", S, nullable=False, index=True),
    Column("currency", String(3), nullable=False),
    Column("invoice_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("terms", String(40), nullable=False),
    Column("discount_date", Date),
    Column("cash_discount", Amount, nullable=False),
    Column("order_number", S, nullable=False, index=True),
    Column("order_customer", S, nullable=False),
    Column("po_number", S, nullable=False),
    Column("packing_slips", JsonText),
    Column("charges", JsonText),
    Column("original_invoice", S, nullable=False, index=True),
    Column("reason", String(200), nullable=False),
    Column("external_refs", JsonText),
    Column("net_total", Amount, nullable=False),
    Column("tax_total", Amount, nullable=False),
    Column("total", Amount, nullable=False),
    sqlite_with_rowid=False,
)

invoice_lines = Table(
    "invoice_lines",
    metadata,
    Column("invoice_number", S, ForeignKey("invoices.number"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("quantity", Amount, nullable=False),
    Column("uom", String(10), nullable=False),
    Column("unit_price", Amount, nullable=False),
    Column("line_amount", Amount, nullable=False),
    Column("allowance_amount", Amount, nullable=False),
    Column("charge_amount", Amount, nullable=False),
    Column("net_amount", Amount, nullable=False),
    Column("tax_code", String(20), nullable=False),
    Column("tax_rate", Amount, nullable=False),
    Column("tax_amount", Amount, nullable=False),
    Column("account", String(20), nullable=False),
    Column("sku", S, nullable=False),
    Column("gtin", String(14), nullable=False),
    Column("order_line_no", Integer),
    Column("external_line_ref", S, nullable=False),
    Column("allowances", JsonText),
    sqlite_with_rowid=False,
)

open_items = Table(
    "open_items",
    metadata,
    Column("number", S, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("customer_account", S, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("account", String(20), nullable=False),
    Column("doc_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("amount", Amount, nullable=False),
    Column("open_amount", Amount, nullable=False),
    Column("discount_date", Date),
    Column("cash_discount", Amount, nullable=False),
    Column("order_number", S, nullable=False, index=True),
    Column("reference", String(200), nullable=False, index=True),
    Column("reason", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    # on SQLite an account's items are found through the index by account, doc date and number
    # (migrations 0005 and 0006); PostgreSQL keeps the index by account alone
    Index("ix_open_items_customer_account", "customer_account").ddl_if(callable_=_not_sqlite),
    Index("ix_open_items_account_date_number", "customer_account", "doc_date", "number").ddl_if(
        dialect="sqlite"
    ),
)

settlements = Table(
    "settlements",
    metadata,
    Column("number", S, primary_key=True),
    Column("settle_date", Date, nullable=False),
    Column("customer_account", S, nullable=False, index=True),
    Column("currency", String(3), nullable=False),
    Column("debit_item", S, ForeignKey("open_items.number"), nullable=False, index=True),
    Column("credit_item", S, ForeignKey("open_items.number"), nullable=False, index=True),
    Column("amount", Amount, nullable=False),
    Column("discount", Amount, nullable=False),
    Column("write_off", Amount, nullable=False),
    Column("overpay_write_off", Amount, nullable=False),
    Column("deduction", Amount, nullable=False),
    Column("deduction_item", S, nullable=False),
    Column("reason", String(200), nullable=False),
)

journal_entries = Table(
    "journal_entries",
    metadata,
    Column("number", S, primary_key=True),
    Column("entry_date", Date, nullable=False, index=True),
    Column("source_type", String(30), nullable=False),
    Column("source_number", String(200), nullable=False, index=True),
    Column("text", String(400), nullable=False),
    Column("reverses", S, index=True),
    sqlite_with_rowid=False,
)

journal_lines = Table(
    "journal_lines",
    metadata,
    Column("entry_number", S, primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("account", String(20), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("customer", S, nullable=False),
    Column("text", String(200), nullable=False),
    ForeignKeyConstraint(["entry_number"], ["journal_entries.number"]),
    # no such index on SQLite (migration 0006): the trial balance reads every line either way
    Index("ix_journal_lines_account_currency", "account", "currency").ddl_if(callable_=_not_sqlite),
    sqlite_with_rowid=False,
)

closed_periods = Table(
    "closed_periods",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("month", Integer, primary_key=True),
)

number_sequences = Table(
    "number_sequences",
    metadata,
    Column("name", S, primary_key=True),
    Column("next_value", BigInteger, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("command", S, primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("result", S, nullable=False),
    sqlite_with_rowid=False,
)

rebate_agreements = Table(
    "rebate_agreements",
    metadata,
    Column("customer", S, primary_key=True),
    Column("percent", Amount, nullable=False),
)

rebate_movements = Table(
    "rebate_movements",
    metadata,
    Column("document", S, primary_key=True),
    Column("customer", S, nullable=False, index=True),
    Column("currency", String(3), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("moved_on", Date, nullable=False),
    Column("date_from", Date),
    Column("date_to", Date),
)

outbox = Table(
    "outbox",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("name", String(60), nullable=False),
    Column("payload", Text, nullable=False),
    Column("published", Boolean, nullable=False, default=False, index=True),
)
