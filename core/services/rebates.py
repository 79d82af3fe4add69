"""Customer rebates: agreement, accrual over a period, payout as a credit note."""

from __future__ import annotations

from decimal import Decimal

from core.domain.billing import free_text_invoice
from core.domain.commands import AccrueRebate, PayRebate, SetRebateAgreement
from core.domain.documents import Invoice
from core.domain.errors import RuleViolation
from core.domain.events import RebateAccrued
from core.domain.journal import JournalEntry
from core.domain.posting import rebate_accrual_lines
from core.domain.rebates import (
    REBATE_REASON,
    RebateAgreement,
    RebateMovement,
    rebate_amount,
    rebate_base,
)
from core.ports import UnitOfWork
from core.services import _common as c


def set_rebate_agreement(uow: UnitOfWork, cmd: SetRebateAgreement) -> RebateAgreement:
    with uow:
        c.customer(uow, cmd.customer)
        if not 0 < cmd.percent <= 100:
            raise RuleViolation(
                "PERCENT", f"A rebate percent must be above 0 and at most 100, not {cmd.percent}."
            )
        agreement = RebateAgreement(cmd.customer, cmd.percent)
        uow.rebates.put_agreement(agreement)
        uow.commit()
        return agreement


def accrue_rebate(uow: UnitOfWork, cmd: AccrueRebate) -> JournalEntry:
    """Dr Customer rebates / Cr Rebate provision: percent of the period's invoiced net."""
    with uow:
        if prev := c.replayed(uow, "accrue_rebate", cmd.idempotency_key):
            found = uow.journal.get(prev)
            assert found is not None
            return found
        cust = c.customer(uow, cmd.customer)
        agreement = uow.rebates.agreement(cust.account)
        if agreement is None:
            raise RuleViolation("NO_AGREEMENT", f"Customer {cust.account} has no rebate agreement.")
        for mv in uow.rebates.movements(cust.account):
            if (
                mv.date_from
                and mv.date_to
                and mv.date_from <= cmd.date_to
                and cmd.date_from <= mv.date_to
            ):
                raise RuleViolation(
                    "REBATE_OVERLAP",
                    f"A rebate was already accrued for {mv.date_from}..{mv.date_to}.",
                )
        base = rebate_base(uow.invoices.for_customer(cust.account, cmd.date_from, cmd.date_to))
        amount = rebate_amount(agreement, base, cust.currency)
        if amount <= 0:
            raise RuleViolation(
                "NOTHING_TO_ACCRUE",
                f"Customer {cust.account} has no invoiced revenue in "
                f"{cmd.date_from}..{cmd.date_to}.",
            )
        day = c.on(uow, cmd.posting_date)
        source = f"{cust.account} {cmd.date_from}..{cmd.date_to}"
        lines = rebate_accrual_lines(cust.account, cust.currency, amount, uow.settings.chart)
        text = f"{agreement.percent}% of {base}"
        entry = c.post(uow, day, "rebate accrual", source, lines, text=text)
        assert entry is not None
        uow.rebates.add_movement(
            RebateMovement(
                entry.number, cust.account, cust.currency, amount, day, cmd.date_from, cmd.date_to
            )
        )
        uow.emit(RebateAccrued(cust.account, entry.number, amount))
        c.remember(uow, "accrue_rebate", cmd.idempotency_key, entry.number)
        uow.commit()
        return entry


def pay_rebate(uow: UnitOfWork, cmd: PayRebate) -> Invoice:
    """A credit note Dr Rebate provision / Cr AR for the accrued, unpaid rebate (or ``amount``)."""
    with uow:
        if prev := c.replayed(uow, "pay_rebate", cmd.idempotency_key):
            return c.invoice(uow, prev)
        cust = c.customer(uow, cmd.customer)
        due = sum((mv.amount for mv in uow.rebates.movements(cust.account)), Decimal(0))
        amount = cmd.amount if cmd.amount is not None else due
        if amount <= 0 or amount > due:
            raise RuleViolation(
                "REBATE_AMOUNT",
                f"Customer {cust.account} has {due} of rebate accrued and unpaid; "
                f"{amount} cannot be paid.",
            )
        day = c.on(uow, cmd.payout_date)
        provision = uow.settings.chart.for_role("rebate_provision")
        note = free_text_invoice(
            cust,
            [(provision, amount, "Customer rebate", "EXEMPT")],
            uow.settings,
            number=c.next_number(uow, "credit_note"),
            on=day,
            credit=True,
            reason=REBATE_REASON,
        )
        c.record_invoice(uow, note)
        uow.rebates.add_movement(
            RebateMovement(note.number, cust.account, cust.currency, -amount, day)
        )
        c.remember(uow, "pay_rebate", cmd.idempotency_key, note.number)
        uow.commit()
        return note
