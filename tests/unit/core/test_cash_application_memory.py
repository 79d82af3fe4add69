"""apply_remittance on the in-memory unit of work (tests/support/cash_application_scenario.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from core import services as s
from core.domain.commands import ApplyRemittance
from core.domain.remittance import MatchStatus, RemittanceLineInput
from core.memory import MemoryUnitOfWork
from core.ports import UnitOfWork
from tests.support import cash_application_scenario as scenario


def check_scenario(uow: UnitOfWork) -> None:
    first, second = scenario.run(uow)
    assert first.result is not None and second.result is not None
    assert [d.code for d in first.result.decisions] == [
        "RMT_MATCHED",
        "RMT_MATCHED",
        "RMT_MATCHED",
        "RMT_UNKNOWN_INVOICE",
    ]
    assert first.payment.number == "PAY-000001" and first.payment.open_amount == D("-50.00")
    assert first.result.on_account == D("50.00")
    with uow:
        stl = {x.debit_item: x for x in uow.settlements.query("P1")}
        ded = uow.open_items.get("DED-000001")
        items = {i.number: i.open_amount for i in uow.open_items.query("P1")}
    assert (stl["INV-000001"].amount, stl["INV-000001"].discount) == (D("490.00"), D("10.00"))
    assert (stl["INV-000002"].amount, stl["INV-000002"].discount) == (D("171.00"), D("4.00"))
    assert (stl["INV-000002"].deduction, stl["INV-000002"].reason) == (D("25.00"), "11")
    assert (stl["INV-000003"].amount, stl["INV-000003"].discount) == (D("294.00"), D("6.00"))
    assert ded is not None and (ded.open_amount, ded.reason) == (D("25.00"), "11")
    # what the matcher predicted is what the ledger posted
    for a in first.result.allocations + second.result.allocations:
        x = stl[a.item_number]
        assert (x.amount, x.discount, x.write_off, x.deduction) == (
            a.cash, a.discount, a.write_off, a.deduction,
        )  # fmt: skip
    (rest,) = second.result.decisions
    assert (rest.status, rest.rule, rest.allocations[0].item_number) == (
        MatchStatus.AUTO,
        "SUBSET_SUM",
        "INV-000004",
    )
    assert items["INV-000001"] == items["INV-000003"] == items["INV-000004"] == 0
    assert {r.account: r.balance for r in s.trial_balance(uow)} == scenario.EXPECTED_TRIAL_BALANCE


def check_replay(uow: UnitOfWork) -> None:
    scenario.run(uow)
    with uow:
        entries = len(uow.journal.balances())
        settlements = len(uow.settlements.query())
    again = s.apply_remittance(uow, ApplyRemittance(scenario.TRN1, idempotency_key="820-TRN-1"))
    assert again.replayed and again.result is None and again.payment.number == "PAY-000001"
    with uow:
        assert len(uow.settlements.query()) == settlements
        assert len(uow.journal.balances()) == entries
    assert {r.account: r.balance for r in s.trial_balance(uow)} == scenario.EXPECTED_TRIAL_BALANCE


def test_remittance_applied_in_memory() -> None:
    check_scenario(MemoryUnitOfWork())


def test_replay_posts_nothing_in_memory() -> None:
    check_replay(MemoryUnitOfWork())


def test_a_store_named_as_payer_pays_on_its_parents_account() -> None:
    uow = MemoryUnitOfWork()
    scenario.invoices(uow)
    store_pays = replace(
        scenario.TRN1,
        payer_account="S1",
        payment_amount=D("117.60"),
        lines=(RemittanceLineInput("IV", "INV-000004", D("117.60")),),
    )  # 120.00 - 2.40 discount in time on 01-12
    done = s.apply_remittance(uow, ApplyRemittance(store_pays))
    assert done.payment.customer_account == "P1" and done.payment.open_amount == 0
    with uow:
        (stl,) = uow.settlements.query("P1")
    assert (stl.debit_item, stl.amount, stl.discount) == ("INV-000004", D("117.60"), D("2.40"))
