"""Master data and period administration: customers, items, closing periods, reversing entries."""

from __future__ import annotations

from decimal import Decimal

from core.domain.catalog import Item
from core.domain.commands import ClosePeriod, ReverseEntry
from core.domain.errors import InvalidState, NotFound, RuleViolation
from core.domain.events import EntryReversed, PeriodClosed
from core.domain.journal import JournalEntry
from core.domain.money import exponent
from core.domain.parties import Customer
from core.domain.rebates import RebateMovement
from core.ports import UnitOfWork
from core.services import _common as c

# Entries of documents with an open item or stock movement are corrected by documents
# (credit note, return order), never by reversing the journal entry alone.
REVERSIBLE = ("rebate accrual",)


def put_customers(uow: UnitOfWork, customers: list[Customer]) -> int:
    with uow:
        for cust in customers:
            exponent(cust.currency)
            if cust.parent_account and cust.parent_account != cust.account:
                parent = uow.customers.get(cust.parent_account) or next(
                    (x for x in customers if x.account == cust.parent_account), None
                )
                if parent is None:
                    raise NotFound("Parent customer", cust.parent_account)
                if parent.currency != cust.currency:
                    raise RuleViolation(
                        "PARENT_CURRENCY",
                        f"Customer {cust.account} and its payer {parent.account} must share "
                        "a currency.",
                    )
            uow.customers.put(cust)
        uow.commit()
        return len(customers)


def put_items(uow: UnitOfWork, items: list[Item]) -> int:
    with uow:
        for item in items:
            uow.items.put(item)
        uow.commit()
        return len(items)


def close_period(uow: UnitOfWork, cmd: ClosePeriod) -> None:
    if not 1 <= cmd.month <= 12:
        raise RuleViolation("PERIOD", f"Month {cmd.month} does not exist.")
    with uow:
        uow.periods.close(cmd.year, cmd.month)
        uow.emit(PeriodClosed(cmd.year, cmd.month))
        uow.commit()


def reverse_entry(uow: UnitOfWork, cmd: ReverseEntry) -> JournalEntry:
    with uow:
        if prev := c.replayed(uow, "reverse_entry", cmd.idempotency_key):
            found = uow.journal.get(prev)
            assert found is not None
            return found
        entry = uow.journal.get(cmd.entry_number)
        if entry is None:
            raise NotFound("Journal entry", cmd.entry_number)
        if entry.source_type not in REVERSIBLE or entry.reverses:
            raise InvalidState(
                f"Entry {entry.number} posts a {entry.source_type}; correct it with a credit "
                "note or a "
                "returned order so the open items and stock follow."
            )
        if uow.journal.is_reversed(entry.number):
            raise InvalidState(f"Entry {entry.number} was already reversed.")
        day = c.on(uow, cmd.reversal_date)
        c.check_open(uow, day)
        reversal = entry.reversal(c.next_number(uow, "journal"), day, cmd.reason)
        uow.journal.add(reversal)
        if entry.source_type == "rebate accrual":
            amount = sum((ln.amount for ln in entry.lines if ln.amount > 0), Decimal(0))
            cust = entry.lines[0].customer
            uow.rebates.add_movement(
                RebateMovement(reversal.number, cust, entry.lines[0].currency, -amount, day)
            )
        uow.emit(EntryReversed(entry.number, reversal.number))
        c.remember(uow, "reverse_entry", cmd.idempotency_key, reversal.number)
        uow.commit()
        return reversal
