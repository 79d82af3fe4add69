"""Sales quotations with the Dynamics 365 statuses: Created, Sent, Confirmed, Lost, Canceled.

Confirming a quotation places a sales order with its lines; Lost and Canceled are final.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from core.domain.commands import OrderLineInput
from core.domain.errors import InvalidState


class QuotationStatus(Enum):
    CREATED = "Created"
    SENT = "Sent"
    CONFIRMED = "Confirmed"
    LOST = "Lost"
    CANCELED = "Canceled"


_OPEN = (QuotationStatus.CREATED, QuotationStatus.SENT)


@dataclass(slots=True)
class Quotation:
    number: str
    customer_account: str
    quote_date: date
    lines: tuple[OrderLineInput, ...]
    po_number: str = ""
    status: QuotationStatus = QuotationStatus.CREATED
    order_number: str = ""

    def _move(self, to: QuotationStatus) -> None:
        if self.status not in _OPEN:
            raise InvalidState(
                f"Quotation {self.number} is {self.status.value}; it cannot become {to.value}."
            )
        if to is QuotationStatus.SENT and self.status is QuotationStatus.SENT:
            raise InvalidState(f"Quotation {self.number} was already sent.")
        self.status = to

    def send(self) -> None:
        self._move(QuotationStatus.SENT)

    def lose(self) -> None:
        self._move(QuotationStatus.LOST)

    def cancel(self) -> None:
        self._move(QuotationStatus.CANCELED)

    def confirm(self, order_number: str) -> None:
        self._move(QuotationStatus.CONFIRMED)
        self.order_number = order_number
