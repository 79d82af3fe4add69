"""A clerk's cash-application actions on the ledger: manual apply of unapplied money
(``apply_payment``) and deciding deduction items (``accept_deduction``, ``write_off``).

Starts from the scenario of tests/support/cash_application_scenario.py after remittance TRN-1
only: PAY-000001 has 50.00 unapplied (the line for unknown INV-000099), INV-000004 (120.00) is
open, and deduction DED-000001 (25.00, reason 11) is open.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.commands import (
    AcceptDeduction,
    Application,
    ApplyPayment,
    ApplyRemittance,
    FreeTextInvoice,
    FreeTextLine,
    WriteOff,
)
from core.domain.errors import RuleViolation
from core.domain.parties import Customer
from core.memory import MemoryUnitOfWork
from core.ports import UnitOfWork
from tests.support import cash_application_scenario as scenario


def after_first_remittance(uow: UnitOfWork) -> UnitOfWork:
    scenario.invoices(uow)
    s.apply_remittance(uow, ApplyRemittance(scenario.TRN1, idempotency_key="820-TRN-1"))
    return uow


def open_amounts(uow: UnitOfWork) -> dict[str, D]:
    with uow:
        return {i.number: i.open_amount for i in uow.open_items.query()}


def balances(uow: UnitOfWork) -> dict[str, D]:
    return {r.account: r.balance for r in s.trial_balance(uow)}


def check_manual_apply_settles_the_unapplied_money_on_the_chosen_invoice(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    done = s.apply_payment(
        uow, ApplyPayment("PAY-000001", (Application("INV-000004", D("50.00")),))
    )
    assert [(x.debit_item, x.credit_item, x.amount) for x in done] == [
        ("INV-000004", "PAY-000001", D("50.00"))
    ]
    items = open_amounts(uow)
    assert items["PAY-000001"] == D("0.00") and items["INV-000004"] == D("70.00")
    assert sum(balances(uow).values()) == 0


def check_manual_apply_refuses_more_than_is_unapplied_and_changes_nothing(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    before = open_amounts(uow)
    with pytest.raises(RuleViolation) as err:
        s.apply_payment(uow, ApplyPayment("PAY-000001", (Application("INV-000004", D("50.01")),)))
    assert err.value.code == "OVER_APPLY"
    assert open_amounts(uow) == before


def check_manual_apply_refuses_an_invoice_of_another_customer(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    s.put_customers(uow, [Customer("Q9", "Other", "USD", scenario.TERMS)])
    other = s.free_text_invoice(
        uow, FreeTextInvoice("Q9", (FreeTextLine("4000", D("80.00"), "Other"),))
    )
    with pytest.raises(RuleViolation) as err:
        s.apply_payment(uow, ApplyPayment("PAY-000001", (Application(other.number, D("10")),)))
    assert err.value.code == "APPLY_TARGET"
    assert open_amounts(uow)["PAY-000001"] == D("-50.00")


def check_manual_apply_is_idempotent_by_key(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    cmd = ApplyPayment(
        "PAY-000001", (Application("INV-000004", D("20.00")),), idempotency_key="clerk-1"
    )
    s.apply_payment(uow, cmd)
    s.apply_payment(uow, cmd)
    assert open_amounts(uow)["INV-000004"] == D("100.00")


def check_accepting_a_deduction_issues_a_credit_note_that_settles_it(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    assert [d.number for d in s.open_deductions(uow)] == ["DED-000001"]
    note = s.accept_deduction(uow, AcceptDeduction("DED-000001", "promotion agreed"))
    assert note.total == D("25.00") and note.is_credit
    assert open_amounts(uow)["DED-000001"] == D("0.00")
    assert s.open_deductions(uow) == []
    tb = balances(uow)
    assert tb["4100"] == D("25.00")  # sales allowances carry the accepted claim
    assert tb.get("1210", D(0)) == D("0.00")  # customer deductions cleared
    assert sum(tb.values()) == 0


def check_writing_off_a_deduction_moves_it_to_underpayments(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    s.write_off(uow, WriteOff("DED-000001", "11"))
    tb = balances(uow)
    assert tb["6200"] == D("25.00") and tb.get("1210", D(0)) == D("0.00")
    assert s.open_deductions(uow) == []


def check_only_deduction_items_can_be_accepted(base: UnitOfWork) -> None:
    uow = after_first_remittance(base)
    with pytest.raises(RuleViolation) as err:
        s.accept_deduction(uow, AcceptDeduction("INV-000004"))
    assert err.value.code == "DEDUCTION"


CHECKS = [
    check_manual_apply_settles_the_unapplied_money_on_the_chosen_invoice,
    check_manual_apply_refuses_more_than_is_unapplied_and_changes_nothing,
    check_manual_apply_refuses_an_invoice_of_another_customer,
    check_manual_apply_is_idempotent_by_key,
    check_accepting_a_deduction_issues_a_credit_note_that_settles_it,
    check_writing_off_a_deduction_moves_it_to_underpayments,
    check_only_deduction_items_can_be_accepted,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_clerk_action_in_memory(check) -> None:  # type: ignore[no-untyped-def]
    check(MemoryUnitOfWork())
