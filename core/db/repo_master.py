"""SQL repositories for master data and bookkeeping rows: customers, items, quotations, periods,
number sequences, idempotency keys, rebates."""

from __future__ import annotations

from dataclasses import asdict, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from core.db import tables as t
from core.domain.catalog import Item
from core.domain.commands import OrderLineInput
from core.domain.money import quantize
from core.domain.parties import Address, Customer, PaymentTerms
from core.domain.quotations import Quotation, QuotationStatus
from core.domain.rebates import RebateAgreement, RebateMovement

if TYPE_CHECKING:
    from core.db.uow import SqlUnitOfWork


def norm(value: Decimal) -> Decimal:
    """A stored quantity without the storage scale's trailing zeros (10.000000 -> 10)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def price(value: Decimal) -> Decimal:
    """A stored unit price or cost with at least two decimals (10.000000 -> 10.00, 0.125)."""
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


class SqlRepo:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    @property
    def conn(self) -> Connection:
        return self._uow.connection


def _upsert(conn: Connection, table: Any, key: str, row: dict[str, Any]) -> None:
    done = conn.execute(update(table).where(table.c[key] == row[key]).values(**row)).rowcount
    if not done:
        conn.execute(insert(table).values(**row))


class SqlCustomers(SqlRepo):
    def _load(self, r: Any) -> Customer:
        return Customer(
            r.account, r.name, r.currency, PaymentTerms.parse(r.terms), quantize(r.credit_limit, r.currency),
            r.on_hold, r.parent_account, Address(**(r.bill_to or {})), Address(**(r.ship_to or {})), r.tax_code,
        )  # fmt: skip

    def get(self, account: str) -> Customer | None:
        r = self.conn.execute(select(t.customers).where(t.customers.c.account == account)).first()
        return self._load(r) if r else None

    def put(self, c: Customer) -> None:
        row = dict(
            account=c.account, name=c.name, currency=c.currency, terms=c.terms.code,
            credit_limit=c.credit_limit, on_hold=c.on_hold, parent_account=c.parent_account,
            bill_to=asdict(c.bill_to), ship_to=asdict(c.ship_to), tax_code=c.tax_code,
        )  # fmt: skip
        _upsert(self.conn, t.customers, "account", row)

    def list(self) -> list[Customer]:
        return [self._load(r) for r in self.conn.execute(select(t.customers).order_by(t.customers.c.account))]


class SqlItems(SqlRepo):
    def _load(self, r: Any) -> Item:
        conv = {k: Decimal(v) for k, v in (r.conversions or {}).items()}
        return Item(
            r.sku, r.description, price(r.unit_price), price(r.unit_cost), r.uom,
            norm(r.on_hand), r.gtin, conv, r.tax_code,
        )  # fmt: skip

    def get(self, sku: str) -> Item | None:
        r = self.conn.execute(select(t.items).where(t.items.c.sku == sku)).first()
        return self._load(r) if r else None

    def put(self, i: Item) -> None:
        row = dict(
            sku=i.sku, description=i.description, uom=i.uom, unit_price=i.unit_price,
            unit_cost=i.unit_cost, on_hand=i.on_hand, gtin=i.gtin,
            conversions={k: str(v) for k, v in i.conversions.items()}, tax_code=i.tax_code,
        )  # fmt: skip
        _upsert(self.conn, t.items, "sku", row)

    def list(self) -> list[Item]:
        return [self._load(r) for r in self.conn.execute(select(t.items).order_by(t.items.c.sku))]

    def adjust_on_hand(self, sku: str, delta: Decimal, allow_negative: bool) -> bool:
        stmt = update(t.items).where(t.items.c.sku == sku).values(on_hand=t.items.c.on_hand + delta)
        if not allow_negative:
            stmt = stmt.where(t.items.c.on_hand + delta >= 0)
        return bool(self.conn.execute(stmt).rowcount)


class SqlQuotations(SqlRepo):
    def get(self, number: str) -> Quotation | None:
        r = self.conn.execute(select(t.quotations).where(t.quotations.c.number == number)).first()
        if r is None:
            return None
        lines = tuple(
            OrderLineInput(
                ln["sku"], Decimal(ln["quantity"]),
                Decimal(ln["unit_price"]) if ln["unit_price"] is not None else None, ln["uom"],
                ln["external_line_ref"], ln["tax_code"],
            )  # fmt: skip
            for ln in r.lines
        )
        return Quotation(r.number, r.customer_account, r.quote_date, lines, r.po_number, QuotationStatus(r.status), r.order_number)

    def _row(self, q: Quotation) -> dict[str, Any]:
        lines = [replace(ln, allowances=()) for ln in q.lines]
        return dict(
            number=q.number, customer_account=q.customer_account, quote_date=q.quote_date,
            po_number=q.po_number, status=q.status.value, order_number=q.order_number, lines=lines,
        )  # fmt: skip

    def add(self, quotation: Quotation) -> None:
        self.conn.execute(insert(t.quotations).values(**self._row(quotation)))

    def save(self, quotation: Quotation) -> None:
        _upsert(self.conn, t.quotations, "number", self._row(quotation))


class SqlPeriods(SqlRepo):
    def is_closed(self, year: int, month: int) -> bool:
        c = t.closed_periods.c
        return self.conn.execute(select(c.year).where(c.year == year, c.month == month)).first() is not None

    def close(self, year: int, month: int) -> None:
        if not self.is_closed(year, month):
            self.conn.execute(insert(t.closed_periods).values(year=year, month=month))


class SqlSequences(SqlRepo):
    """Gap-free counters: the row update holds a lock until the transaction ends."""

    def next(self, name: str) -> int:
        c = t.number_sequences.c
        stmt = update(t.number_sequences).where(c.name == name).values(next_value=c.next_value + 1)
        value = self.conn.execute(stmt.returning(c.next_value)).scalar()
        if value is None:
            self.conn.execute(insert(t.number_sequences).values(name=name, next_value=1))
            value = 1
        return int(value)


class SqlIdempotency(SqlRepo):
    def get(self, command: str, key: str) -> str | None:
        c = t.idempotency_keys.c
        return self.conn.execute(select(c.result).where(c.command == command, c.key == key)).scalar()

    def add(self, command: str, key: str, result: str) -> None:
        self.conn.execute(insert(t.idempotency_keys).values(command=command, key=key, result=result))


class SqlRebates(SqlRepo):
    def agreement(self, customer: str) -> RebateAgreement | None:
        c = t.rebate_agreements.c
        r = self.conn.execute(select(t.rebate_agreements).where(c.customer == customer)).first()
        return RebateAgreement(r.customer, norm(r.percent)) if r else None

    def put_agreement(self, agreement: RebateAgreement) -> None:
        _upsert(self.conn, t.rebate_agreements, "customer", dict(customer=agreement.customer, percent=agreement.percent))

    def add_movement(self, m: RebateMovement) -> None:
        self.conn.execute(
            insert(t.rebate_movements).values(
                document=m.document, customer=m.customer, currency=m.currency, amount=m.amount,
                moved_on=m.on, date_from=m.date_from, date_to=m.date_to,
            )  # fmt: skip
        )

    def movements(self, customer: str) -> list[RebateMovement]:
        c = t.rebate_movements.c
        rows = self.conn.execute(select(t.rebate_movements).where(c.customer == customer).order_by(c.document))
        return [
            RebateMovement(r.document, r.customer, r.currency, quantize(r.amount, r.currency), r.moved_on, r.date_from, r.date_to)
            for r in rows
        ]

