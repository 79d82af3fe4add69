"""Domain events: facts the ledger announces; the db layer writes them to the outbox table in the
same transaction, and the gateway turns some into outbound documents (856, 810, UBL)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from core.domain.frozen import quick_init

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # event class -> its field names, filled on use


def field_names(cls: type) -> tuple[str, ...]:
    """The field names of an event class (looked up once per class)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@dataclass(frozen=True, slots=True)
class Event:
    def payload(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in field_names(type(self))}

    @property
    def name(self) -> str:
        return type(self).__name__


@dataclass(frozen=True, slots=True)
class OrderPlaced(Event):
    order_number: str
    customer: str
    po_number: str


@dataclass(frozen=True, slots=True)
class OrderConfirmed(Event):
    order_number: str


@dataclass(frozen=True, slots=True)
class OrderCanceled(Event):
    order_number: str


@dataclass(frozen=True, slots=True)
class OrderChanged(Event):
    order_number: str
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PackingSlipPosted(Event):
    packing_slip: str
    order_number: str
    is_receipt: bool


@dataclass(frozen=True, slots=True)
class InvoicePosted(Event):
    invoice_number: str
    customer: str
    order_number: str
    currency: str
    total: Decimal


@dataclass(frozen=True, slots=True)
class CreditNotePosted(Event):
    credit_note: str
    customer: str
    original_invoice: str
    currency: str
    total: Decimal


@quick_init
@dataclass(frozen=True, slots=True)
class PaymentRecorded(Event):
    payment_number: str
    customer: str
    reference: str
    currency: str
    amount: Decimal


@quick_init
@dataclass(frozen=True, slots=True)
class SettlementPosted(Event):
    settlement_number: str
    debit_item: str
    credit_item: str
    amount: Decimal


@quick_init
@dataclass(frozen=True, slots=True)
class DeductionOpened(Event):
    deduction_number: str
    invoice_number: str
    reason: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class WrittenOff(Event):
    write_off_number: str
    item_number: str
    reason: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RebateAccrued(Event):
    customer: str
    entry_number: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class EntryReversed(Event):
    entry_number: str
    reversal_number: str


@dataclass(frozen=True, slots=True)
class PeriodClosed(Event):
    year: int
    month: int


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    """An event as read back from the outbox: its id, type name and payload (strings)."""

    id: int
    name: str
    payload: dict[str, str]
