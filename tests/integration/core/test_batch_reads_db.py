"""The reads a batch of remittances makes at once, on SQLite and PostgreSQL and in memory:
``Customers.get_many`` (the customers that exist, as ``get`` returns them one by one),
``Customers.child_accounts`` (the accounts ``children_of`` returns) and
``Idempotency.get_many`` (the stored results of the keys a command has seen, including keys
remembered earlier in the same transaction)."""

from __future__ import annotations

from decimal import Decimal

from core import services as s
from core.db.uow import SqlUnitOfWork
from core.domain.parties import Address, Customer
from core.memory import MemoryUnitOfWork
from core.ports import UnitOfWork

CUSTOMERS = [
    Customer("P1", "Payer one", "USD", credit_limit=Decimal("500.00")),
    Customer("P1-S0", "Store", "USD", parent_account="P1"),
    Customer("P2", "Payer two", "EUR"),
    Customer(
        "P3",
        "Payer \u00fc",
        "JPY",
        credit_limit=Decimal("70000"),
        on_hold=True,
        bill_to=Address("Bill", "1 Main St", "Town", "RG", "12345", "DE"),
        ship_to=Address(city="Elsewhere"),
        tax_code="STD",
    ),
]


def _customers_read_at_once_are_those_read_one_by_one(uow: UnitOfWork) -> None:
    s.put_customers(uow, CUSTOMERS)
    asked = ["P2", "nobody", "P1-S0", "P1", "P2", "P3"]
    with uow:
        many = uow.customers.get_many(asked)
    with uow:
        one = {a: c for a in asked if (c := uow.customers.get(a)) is not None}
    assert many == one
    assert sorted(many) == ["P1", "P1-S0", "P2", "P3"]
    assert many["P3"] == CUSTOMERS[3]
    with uow:
        stores = uow.customers.children_of(["P2", "P1", "nobody"])
        pairs = uow.customers.child_accounts(["P2", "P1", "nobody"])
    assert pairs == [(c.parent_account, c.account) for c in stores] == [("P1", "P1-S0")]
    with uow:  # kept in the transaction: a later get returns the same customer
        many = uow.customers.get_many(["P1"])
        assert uow.customers.get("P1") == many["P1"]
        assert uow.customers.get_many([]) == {}


def _keys_read_at_once(uow: UnitOfWork) -> None:
    with uow:
        uow.idempotency.add("apply_remittance", "k1", "PAY-000001")
        uow.idempotency.add("record_payment", "k2", "PAY-000002")
        uow.commit()
    with uow:
        uow.idempotency.add("apply_remittance", "k3", "PAY-000003")  # not yet written
        found = uow.idempotency.get_many("apply_remittance", ["k1", "k2", "k3", "k4", "k1"])
        assert found == {"k1": "PAY-000001", "k3": "PAY-000003"}
        assert uow.idempotency.get_many("record_payment", ["k2"]) == {"k2": "PAY-000002"}
        assert uow.idempotency.get_many("apply_remittance", []) == {}


def test_customers_get_many(uow: SqlUnitOfWork) -> None:
    _customers_read_at_once_are_those_read_one_by_one(uow)


def test_idempotency_get_many(uow: SqlUnitOfWork) -> None:
    _keys_read_at_once(uow)


def test_get_many_in_memory() -> None:
    _customers_read_at_once_are_those_read_one_by_one(MemoryUnitOfWork())
    _keys_read_at_once(MemoryUnitOfWork())


def test_idempotency_get_many_of_many_keys(uow: SqlUnitOfWork) -> None:
    """More keys than one chunk of a statement, half of them stored: each stored one found
    with its result, nothing else."""
    with uow:
        for n in range(0, 1_200, 2):
            uow.idempotency.add("apply_remittance", f"k{n}", f"PAY-{n:06d}")
        uow.commit()
    with uow:
        found = uow.idempotency.get_many("apply_remittance", [f"k{n}" for n in range(1_200)])
    assert found == {f"k{n}": f"PAY-{n:06d}" for n in range(0, 1_200, 2)}
