"""Cash application: record a remittance's payment and apply the part the matcher may post.

One unit of work: read the open items of the payer (the invoice account) and of its child
(store) accounts, run the pure matcher (``core.domain.matching``), then ``record_payment`` with
one ``Application`` per auto-postable allocation. The settlement mechanics of
``core.services.settlement`` (cash discount in time, penny and underpayment write-offs,
deduction items with the ADX reason codes, ``Application.deduct``) do the posting; whatever
is not applied stays on the payment as on-account money. Suggestions and exceptions are
returned, not posted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.domain.commands import (
    Application,
    ApplyPayment,
    ApplyRemittance,
    RecordPayment,
    RematchPayment,
)
from core.domain.errors import RuleViolation
from core.domain.matching import match_remittance
from core.domain.receivables import ItemKind, OpenItem, Settlement
from core.domain.remittance import MatchResult, MatchSettings, RemittanceInput
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.settlement import record_payment, settle_items


@dataclass(frozen=True, slots=True)
class RemittanceApplied:
    """The payment item (its open amount is what stays on account) and the match; ``result``
    is None when the command was a replay of an earlier one."""

    payment: OpenItem
    result: MatchResult | None
    replayed: bool = False


def payer_accounts(uow: UnitOfWork, account: str) -> frozenset[str]:
    """``account`` and the accounts of the customers whose parent it is."""
    return frozenset({account, *(cust.account for cust in uow.customers.children(account))})


def apply_remittance(uow: UnitOfWork, cmd: ApplyRemittance) -> RemittanceApplied:
    remittance = cmd.remittance
    with uow:
        if prev := c.replayed(uow, "apply_remittance", cmd.idempotency_key):
            return RemittanceApplied(c.item(uow, prev), None, replayed=True)
        payer = c.customer(uow, c.customer(uow, remittance.payer_account).invoice_account)
        accounts = payer_accounts(uow, payer.account)
        items = [i for a in sorted(accounts) for i in uow.open_items.query(a, only_open=True)]
        settings = replace(cmd.settings or MatchSettings(), tolerances=uow.settings.tolerances)
        booked = replace(remittance, payer_account=payer.account)
        result = match_remittance(booked, items, accounts, settings)
        applications = tuple(
            Application(a.item_number, a.consumed, a.in_full, a.reason, a.deduct)
            for a in result.allocations
        )
        payment = record_payment(
            uow,
            RecordPayment(
                payer.account,
                remittance.payment_amount,
                remittance.trace,
                remittance.payment_date,
                applications,
                currency=remittance.currency or None,
            ),
        )
        c.remember(uow, "apply_remittance", cmd.idempotency_key, payment.number)
        uow.commit()
        return RemittanceApplied(payment, result)


def apply_payment(uow: UnitOfWork, cmd: ApplyPayment) -> tuple[Settlement, ...]:
    """Apply what is unapplied on a payment to the invoices a clerk chose, all or nothing.

    The invoices must belong to the payer or its child accounts, and the requested amounts may
    not exceed what is unapplied; the settlement rules are those of ``record_payment``.
    """
    with uow:
        if c.replayed(uow, "apply_payment", cmd.idempotency_key):
            return tuple(uow.settlements.for_items([cmd.payment_number]))
        payment = c.item(uow, cmd.payment_number)
        if payment.kind not in (ItemKind.PAYMENT, ItemKind.PREPAYMENT):
            raise RuleViolation("NOT_PAYMENT", f"{payment.number} is a {payment.kind.value}.")
        if not cmd.applications:
            raise RuleViolation("APPLY", "Name at least one invoice to apply the payment to.")
        unapplied = -payment.open_amount
        asked = sum((a.amount for a in cmd.applications if a.amount is not None), unapplied * 0)
        if unapplied <= 0 or asked > unapplied:
            raise RuleViolation(
                "OVER_APPLY",
                f"{payment.number} has {unapplied} unapplied; {asked} cannot be applied.",
            )
        accounts = payer_accounts(uow, payment.customer_account)
        day = c.on(uow, cmd.apply_date)
        done = []
        for app in cmd.applications:
            debit = c.item(uow, app.invoice_number)
            if not debit.is_debit or debit.customer_account not in accounts:
                raise RuleViolation(
                    "APPLY_TARGET",
                    f"{debit.number} is not an open debit of {payment.customer_account} "
                    "or its stores.",
                )
            if debit.currency != payment.currency:
                raise RuleViolation(
                    "CURRENCY", f"{debit.number} is in {debit.currency}, not {payment.currency}."
                )
            done.append(
                settle_items(
                    uow,
                    debit,
                    payment,
                    day,
                    requested=app.amount,
                    in_full=app.in_full,
                    reason=app.reason,
                    deduct=app.deduct,
                )
            )
        c.remember(uow, "apply_payment", cmd.idempotency_key, payment.number)
        uow.commit()
        return tuple(done)


def rematch_payment(uow: UnitOfWork, cmd: RematchPayment) -> MatchResult | None:
    """Run the matcher again over a payment's unapplied money and post what is now certain,
    settled on the payment's date (as the first match would have); None when nothing is
    unapplied. Running it twice posts nothing the second time: the applied money is gone."""
    with uow:
        payment = c.item(uow, cmd.payment_number)
        if payment.kind is not ItemKind.PAYMENT:
            raise RuleViolation("NOT_PAYMENT", f"{payment.number} is a {payment.kind.value}.")
        unapplied = -payment.open_amount
        if unapplied <= 0:
            return None
        accounts = payer_accounts(uow, payment.customer_account)
        items = [i for a in sorted(accounts) for i in uow.open_items.query(a, only_open=True)]
        settings = replace(cmd.settings or MatchSettings(), tolerances=uow.settings.tolerances)
        remittance = RemittanceInput(
            unapplied, payment.doc_date, payment.reference, payment.customer_account,
            cmd.lines, payment.currency,
        )  # fmt: skip
        result = match_remittance(remittance, items, accounts, settings)
        for a in result.allocations:
            debit = c.item(uow, a.item_number)
            settle_items(
                uow, debit, payment, payment.doc_date,
                requested=a.consumed, in_full=a.in_full, reason=a.reason, deduct=a.deduct,
            )  # fmt: skip
        uow.commit()
        return result
