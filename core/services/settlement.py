"""Payments and settlement: record a payment (or prepayment), apply credits to invoices.

A settlement never changes a posting; it moves open amounts and posts only what the plan splits
off (cash discount, write-off, deduction) or what moves between control accounts (a prepayment
applied to an invoice).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from core.domain.commands import Application, RecordPayment, Settle, WriteOff
from core.domain.errors import RuleViolation
from core.domain.events import WrittenOff
from core.domain.journal import JournalLine
from core.domain.money import quantize
from core.domain.receivables import ItemKind, OpenItem, Settlement
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.payment_posting import PaymentPoster


def settle_items(
    uow: UnitOfWork,
    debit: OpenItem,
    credit: OpenItem,
    day: date,
    *,
    requested: Decimal | None = None,
    in_full: bool = False,
    reason: str = "",
    deduct: bool = False,
) -> Settlement:
    """Settle ``credit`` against ``debit`` inside the caller's unit of work (one settlement
    through ``PaymentPoster.settle``, the one implementation of a settlement's postings)."""
    return PaymentPoster(uow).settle(debit, credit, day, requested, in_full, reason, deduct)


def settle_applications(
    uow: UnitOfWork,
    credit: OpenItem,
    applications: Iterable[Application],
    day: date,
    poster: PaymentPoster | None = None,
) -> list[Settlement]:
    """Settle ``credit`` (a payment) against each application's invoice, in order, inside the
    caller's unit of work: ``settle_items`` for each, through ``poster`` (one for all of them,
    a new one when not given)."""
    if poster is None:
        poster = PaymentPoster(uow)
    settle = poster.settle
    return [
        settle(
            c.item(uow, app.invoice_number),
            credit,
            day,
            app.amount,
            app.in_full,
            app.reason,
            app.deduct,
        )
        for app in applications
    ]


def record_payment(uow: UnitOfWork, cmd: RecordPayment) -> OpenItem:
    """Dr Bank / Cr AR (or Customer prepayments with ``prepay_order``), then apply as told."""
    with uow:
        if prev := c.replayed(uow, "record_payment", cmd.idempotency_key):
            return c.item(uow, prev)
        item = payment_recorded(uow, cmd)
        uow.commit()
        return item


def payment_recorded(
    uow: UnitOfWork, cmd: RecordPayment, poster: PaymentPoster | None = None
) -> OpenItem:
    """``record_payment`` after its idempotency check, inside the caller's unit of work: the
    payment and its settlements through one ``poster`` (a batch passes one for all its
    payments; what it looks up once stays the same within a unit of work)."""
    if poster is None:
        poster = PaymentPoster(uow)
    item = poster.payment(
        cmd.customer, cmd.amount, cmd.reference, cmd.payment_date, cmd.currency,
        cmd.prepay_order,
    )  # fmt: skip
    settle_applications(uow, item, cmd.apply, item.doc_date, poster)
    c.remember(uow, "record_payment", cmd.idempotency_key, item.number)
    return item


def settle(uow: UnitOfWork, cmd: Settle) -> Settlement:
    with uow:
        if prev := c.replayed(uow, "settle", cmd.idempotency_key):
            found = [s for s in uow.settlements.for_items([cmd.debit_number]) if s.number == prev]
            return found[0]
        debit, credit = c.item(uow, cmd.debit_number), c.item(uow, cmd.credit_number)
        if not debit.is_debit or credit.is_debit:
            raise RuleViolation(
                "SETTLE_SIDES",
                f"Settle a credit ({cmd.credit_number}) against a debit ({cmd.debit_number}).",
            )
        day = c.on(uow, cmd.settle_date)
        stl = settle_items(
            uow, debit, credit, day, requested=cmd.amount, in_full=cmd.in_full, reason=cmd.reason
        )
        c.remember(uow, "settle", cmd.idempotency_key, stl.number)
        uow.commit()
        return stl


def write_off(uow: UnitOfWork, cmd: WriteOff) -> Settlement:
    """Write off an open debit with a reason: Dr Underpayments written off / Cr its control
    account, through a write-off credit item settled against it, so the sub-ledger follows."""
    with uow:
        if prev := c.replayed(uow, "write_off", cmd.idempotency_key):
            return next(x for x in uow.settlements.for_items([cmd.item_number]) if x.number == prev)
        debit = c.item(uow, cmd.item_number)
        if not debit.is_debit or debit.open_amount <= 0:
            raise RuleViolation("WRITE_OFF", f"{debit.number} has nothing open to write off.")
        if not cmd.reason:
            raise RuleViolation("REASON", "A write-off needs a reason code.")
        amount = debit.open_amount if cmd.amount is None else quantize(cmd.amount, debit.currency)
        if not 0 < amount <= debit.open_amount:
            raise RuleViolation(
                "WRITE_OFF",
                f"{debit.number} has {debit.open_amount} open; {amount} cannot be written off.",
            )
        day = c.on(uow, cmd.write_off_date)
        credit = OpenItem(
            c.next_number(uow, "write_off"), ItemKind.WRITE_OFF, debit.customer_account,
            debit.currency, debit.account, day, day, -amount, -amount,
            order_number=debit.order_number, reference=debit.number, reason=cmd.reason,
        )  # fmt: skip
        uow.open_items.add(credit)
        who, cur = debit.customer_account, debit.currency
        lines = (
            JournalLine(uow.settings.chart.for_role("underpayment"), cur, amount, who, cmd.reason),
            JournalLine(debit.account, cur, -amount, who, cmd.reason),
        )
        c.post(uow, day, "write-off", credit.number, lines, text=f"{cmd.reason} on {debit.number}")
        stl = settle_items(uow, debit, credit, day, reason=cmd.reason)
        uow.emit(WrittenOff(credit.number, debit.number, cmd.reason, amount))
        c.remember(uow, "write_off", cmd.idempotency_key, stl.number)
        uow.commit()
        return stl
