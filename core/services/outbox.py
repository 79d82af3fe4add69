"""Read the ledger's events for the gateway's outbound flow, and mark them handled."""

from __future__ import annotations

from core.domain.events import PublishedEvent
from core.ports import UnitOfWork

OUTBOUND_EVENTS = ("PackingSlipPosted", "InvoicePosted", "CreditNotePosted", "OrderPlaced")


def pending_events(
    uow: UnitOfWork, names: tuple[str, ...] = OUTBOUND_EVENTS, limit: int = 100
) -> list[PublishedEvent]:
    """Unpublished events, oldest first (read inside the caller's unit of work)."""
    return uow.outbox.pending(names, limit)


def mark_published(uow: UnitOfWork, ids: list[int]) -> None:
    """Mark events handled, in the caller's unit of work (commit it after the work is done)."""
    uow.outbox.mark_published(ids)
