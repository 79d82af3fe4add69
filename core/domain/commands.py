"""Commands: what callers (CLI, gateway pipeline, remittance matching) ask the ledger to do.

Every command that posts takes an ``idempotency_key`` (for instance the id of the source EDI
transaction set); a replay with the same key returns the first result and posts nothing.
Dates default to the clock's today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.domain.charges import AllowanceCharge
from core.domain.orders import OrderType
from core.domain.remittance import MatchSettings, RemittanceInput, RemittanceLineInput


@dataclass(frozen=True, slots=True)
class OrderLineInput:
    sku: str
    quantity: Decimal
    unit_price: Decimal | None = None  # default: the item's price x unit factor
    uom: str | None = None  # default: the item's base unit
    external_line_ref: str = ""  # the customer's PO line number (PO101)
    tax_code: str | None = None
    allowances: tuple[AllowanceCharge, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    customer: str
    lines: tuple[OrderLineInput, ...]
    po_number: str = ""
    order_type: OrderType = OrderType.SALES
    external_refs: Mapping[str, str] = field(default_factory=dict)
    charges: tuple[AllowanceCharge, ...] = ()
    order_date: date | None = None
    confirm: bool = False
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class ChangeOrder:
    """Change an open order (an 850 change or replace): lines are matched by their external
    reference (the customer's PO line number); unmatched ones are added. With ``replace``, the
    open remainder of lines not listed is canceled."""

    order_number: str
    lines: tuple[OrderLineInput, ...]
    replace: bool = False
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class CreateQuotation:
    customer: str
    lines: tuple[OrderLineInput, ...]
    po_number: str = ""
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class PostPackingSlip:
    order_number: str
    quantities: Mapping[int, Decimal] | None = None  # order line -> deliver now; None = all
    ship_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceOrder:
    order_number: str
    invoice_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class FreeTextLine:
    account: str
    amount: Decimal
    description: str
    tax_code: str | None = None


@dataclass(frozen=True, slots=True)
class FreeTextInvoice:
    customer: str
    lines: tuple[FreeTextLine, ...]
    invoice_date: date | None = None
    credit: bool = False
    reason: str = ""
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class IssueCreditNote:
    invoice_number: str
    quantities: Mapping[int, Decimal] | None = None  # invoice line -> quantity
    amount: Decimal | None = None  # or a net amount
    reason: str = ""
    credit_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class Application:
    """Apply part of a payment to one invoice; ``in_full`` means the payer considers it paid;
    ``deduct`` makes an explained short pay a deduction item even within the tolerances."""

    invoice_number: str
    amount: Decimal | None = None
    in_full: bool = False
    reason: str = ""
    deduct: bool = False


@dataclass(frozen=True, slots=True)
class RecordPayment:
    customer: str
    amount: Decimal
    reference: str
    payment_date: date | None = None
    apply: tuple[Application, ...] = ()
    prepay_order: str | None = None
    currency: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class ApplyRemittance:
    """Record a remittance's payment and apply what the matcher can post on its own; the
    tolerances are always the ledger's (``LedgerSettings.tolerances``)."""

    remittance: RemittanceInput
    settings: MatchSettings | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class ApplyPayment:
    """A clerk's manual match: apply a payment's unapplied money to invoices, with the same
    settlement rules (discount in time, tolerances, deductions) as the automatic match."""

    payment_number: str
    applications: tuple[Application, ...]
    apply_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class RematchPayment:
    """Match what is still unapplied on a payment again, against the open items of today (an
    invoice may have been posted after the payment arrived); ``lines`` are the remittance lines
    that were not applied (none: match the unapplied amount as a payment without lines)."""

    payment_number: str
    lines: tuple[RemittanceLineInput, ...] = ()
    settings: MatchSettings | None = None


@dataclass(frozen=True, slots=True)
class AcceptDeduction:
    """Accept a deduction claim: a credit note on the sales-allowances account, settled against
    the deduction item."""

    item_number: str
    reason: str = ""
    credit_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class Settle:
    debit_number: str
    credit_number: str
    amount: Decimal | None = None
    settle_date: date | None = None
    in_full: bool = False
    reason: str = ""
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class SetRebateAgreement:
    customer: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class AccrueRebate:
    customer: str
    date_from: date
    date_to: date
    posting_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class PayRebate:
    customer: str
    amount: Decimal | None = None  # default: everything accrued and not paid
    payout_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class ReverseEntry:
    entry_number: str
    reversal_date: date | None = None
    reason: str = ""
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class WriteOff:
    """Write off what is open on an invoice or deduction (D365 'settle remainder')."""

    item_number: str
    reason: str
    amount: Decimal | None = None  # default: everything open
    write_off_date: date | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class ClosePeriod:
    year: int
    month: int
