"""The hand-computed cycle (tests/support/ledger_scenario.py) stored in SQLite and PostgreSQL:
the same figures as in memory, read back exactly, plus what only a database shows (outbox rows,
Alembic revision)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from sqlalchemy import func, select

from core import services as s
from core.db import tables
from core.db.migrate import current
from core.db.uow import SqlUnitOfWork
from core.domain.orders import OrderStatus
from tests.support import ledger_scenario


def test_cycle_trial_balance_and_documents(uow: SqlUnitOfWork) -> None:
    ledger_scenario.run(uow)
    tb = {r.account: r.balance for r in s.trial_balance(uow)}
    assert tb == ledger_scenario.EXPECTED_TRIAL_BALANCE
    with uow:
        inv = uow.invoices.get("INV-000001")
        order = uow.orders.get("SO-000001")
        wid = uow.items.get("WID")
    assert inv is not None and order is not None and wid is not None
    assert (inv.net_total, inv.tax_total, inv.total, inv.cash_discount) == (
        D("310.00"),
        D("23.93"),
        D("333.93"),
        D("6.68"),
    )
    assert [ln.tax_amount for ln in inv.lines] == [D("16.50"), D("7.43")]
    assert inv.charges[0].amount == D("20.00") and inv.lines[1].allowances[0].amount == D("10.00")
    assert order.status is OrderStatus.INVOICED and order.external_refs["ISA13"] == "000000905"
    assert wid.on_hand == D(65)


def test_cycle_reports(uow: SqlUnitOfWork) -> None:
    ledger_scenario.run(uow)
    opened = {it.number: amount for it, amount in s.open_items(uow, "C1", date(2026, 1, 31))}
    assert opened == {"DED-000001": D("15.00"), "PAY-000001": D("-5.87"), "CN-000002": D("-4.40")}
    _, rows = s.aging(uow, "C1", date(2026, 1, 10))
    assert rows[0].total == D("414.66")
    t = s.trace(uow, "000000905")  # the ISA13 the gateway stored on the order
    assert [o.number for o in t.orders] == ["SO-000001"]
    assert {e.source_number for e in t.entries} >= {
        "INV-000001",
        "PS-000001",
        "STL-000003",
    }  # STL-3: discount + deduction


def test_outbox_and_migration_revision(uow: SqlUnitOfWork) -> None:
    ledger_scenario.run(uow)
    with uow.engine.connect() as conn:
        names = list(
            conn.execute(select(tables.outbox.c.name).order_by(tables.outbox.c.id)).scalars()
        )
        assert conn.execute(select(func.count()).select_from(tables.outbox)).scalar() == len(names)
    assert names[0] == "OrderPlaced" and names.count("InvoicePosted") == 3
    assert current(uow.engine) == "0006"
