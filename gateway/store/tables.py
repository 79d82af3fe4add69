"""SQLAlchemy tables of the gateway store (see the package docstring)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = BigInteger().with_variant(Integer(), "sqlite")

files = Table(
    "gw_files",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("direction", String(3), nullable=False),  # in | out
    Column("channel", String(64), nullable=False, default=""),
    Column("name", String(512), nullable=False, default=""),
    Column("partner_id", String(64), nullable=False, default=""),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # received -> archived -> parsed -> posted | rejected | duplicate | ignored  (inbound)
    Column("status", String(16), nullable=False),
    Column("duplicate_of", ID, ForeignKey("gw_files.id"), nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("claimed_by", String(64), nullable=True),
    Index("ix_gw_files_sha256", "sha256"),
    Index("ix_gw_files_status", "status"),
)

interchanges = Table(
    "gw_interchanges",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("file_id", ID, ForeignKey("gw_files.id"), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("sender", String(40), nullable=False),  # qualifier:id
    Column("receiver", String(40), nullable=False),
    Column("control_number", String(9), nullable=False),
    Column("version", String(5), nullable=False),
    Column("status", String(16), nullable=False),  # accepted | rejected | duplicate
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("duplicate_of", ID, ForeignKey("gw_interchanges.id"), nullable=True),
    Index("ix_gw_interchanges_key", "sender", "receiver", "control_number"),
)

groups = Table(
    "gw_groups",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("interchange_id", ID, ForeignKey("gw_interchanges.id"), nullable=False),
    Column("functional_id", String(2), nullable=False),
    Column("control_number", String(9), nullable=False),
    Column("version", String(12), nullable=False),
    Column("status", String(16), nullable=False),  # A | P | R
)

sets = Table(
    "gw_sets",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("group_id", ID, ForeignKey("gw_groups.id"), nullable=False),
    Column("set_id", String(3), nullable=False),
    Column("control_number", String(9), nullable=False),
    # received -> validated -> mapped -> posted | rejected | duplicate | ignored
    Column("status", String(16), nullable=False),
    Column("business_key", String(64), nullable=False, default=""),  # PO number, ...
    Column("document", String(64), nullable=False, default=""),  # ledger document number
    Column("first_segment", Integer, nullable=False, default=0),
    Column("last_segment", Integer, nullable=False, default=0),
    Column("detail", Text, nullable=False, default=""),  # JSON, e.g. cash-application figures
    Index("ix_gw_sets_status", "status"),
    Index("ix_gw_sets_business_key", "business_key"),
)

exceptions = Table(
    "gw_exceptions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False),  # RCV_, ENV_, SYN_, MAP_, LDG_, OUT_, ...
    Column("message", Text, nullable=False),
    Column("partner_id", String(64), nullable=False, default=""),
    Column("file_id", ID, ForeignKey("gw_files.id"), nullable=True),
    Column("set_row_id", ID, ForeignKey("gw_sets.id"), nullable=True),
    Column("archive_hash", String(64), nullable=False, default=""),
    Column("segment", String(3), nullable=False, default=""),
    Column("segment_index", Integer, nullable=True),
    Column("element", Integer, nullable=True),
    Column("line", Integer, nullable=True),
    Column("business_key", String(64), nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),  # JSON
    Column("state", String(12), nullable=False, default="open"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(64), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Index("ix_gw_exceptions_state", "state"),
)

decisions = Table(
    "gw_decisions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("subject", String(64), nullable=False),  # a ledger item or payment number
    Column("kind", String(16), nullable=False),  # deduction | remittance
    Column("action", String(16), nullable=False),  # denied | credit-note | write-off | applied
    Column("reason", Text, nullable=False, default=""),
    Column("document", String(64), nullable=False, default=""),  # what the action posted
    Column("decided_by", String(64), nullable=False, default=""),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Index("ix_gw_decisions_subject", "subject"),
)

outbound = Table(
    "gw_outbound",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("partner_id", String(64), nullable=False),
    Column("kind", String(8), nullable=False),  # TA1 997 999 855 856 810 UBL
    Column("business_key", String(64), nullable=False, default=""),
    Column("source", String(80), nullable=False),  # what it answers / renders: unique
    Column("file_id", ID, ForeignKey("gw_files.id"), nullable=True),
    Column("sha256", String(64), nullable=False, default=""),
    Column("name", String(255), nullable=False, default=""),
    Column("channel", String(64), nullable=False, default=""),
    # queued -> sent -> awaiting_ack -> accepted | rejected | overdue ; failed after retries
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=True),
    Column("last_error", Text, nullable=False, default=""),
    Column("receipt", String(255), nullable=False, default=""),
    Column("interchange_control", String(9), nullable=False, default=""),
    Column("group_control", String(9), nullable=False, default=""),
    Column("ack_deadline", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(64), nullable=True),
    UniqueConstraint("source", "kind", name="uq_gw_outbound_source"),
    Index("ix_gw_outbound_state", "state"),
)

control_numbers = Table(
    "gw_control_numbers",
    metadata,
    Column("kind", String(12), primary_key=True),
    Column("sender", String(40), primary_key=True),
    Column("receiver", String(40), primary_key=True),
    Column("next_value", BigInteger, nullable=False),
)

leases = Table(
    "gw_leases",
    metadata,
    Column("key", String(120), primary_key=True),  # e.g. poll:sftp-bigbox, distribute
    Column("holder", String(120), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
