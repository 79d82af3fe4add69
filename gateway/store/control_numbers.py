"""Control numbers from the database: per (kind, sender, receiver), allocated in the caller's
transaction with one atomic ``UPDATE ... RETURNING``, so two workers never get the same value
and a rolled-back transaction gives its number back only if nothing else was committed with it.
Values wrap from 999,999,999 to 1 (nine digits, ISA13/GS06/ST02).
"""

from __future__ import annotations

from sqlalchemy import Connection, case, insert, select, update
from sqlalchemy.exc import IntegrityError

from gateway.store.tables import control_numbers
from gateway.x12.control_numbers import LIMITS, Kind


class DbControlNumbers:
    """``gateway.x12.control_numbers.ControlNumbers`` on a database connection."""

    def __init__(self, connection: Connection, start: int = 1) -> None:
        self.connection = connection
        self.start = start

    def next(self, kind: Kind, sender: str, receiver: str) -> int:
        table = control_numbers
        key = (table.c.kind == kind) & (table.c.sender == sender) & (table.c.receiver == receiver)
        limit = LIMITS[kind]
        statement = (
            update(table)
            .where(key)
            .values(next_value=case((table.c.next_value >= limit, 1), else_=table.c.next_value + 1))
            .returning(table.c.next_value)
        )
        for _ in range(2):
            row = self.connection.execute(statement).first()
            if row is not None:
                value = int(row[0]) - 1
                return limit if value == 0 else value
            try:
                with self.connection.begin_nested():
                    self.connection.execute(
                        insert(table).values(
                            kind=kind, sender=sender, receiver=receiver, next_value=self.start
                        )
                    )
            except IntegrityError:
                pass  # another worker created the row first: take the next value from it
        raise RuntimeError("could not allocate a control number")  # pragma: no cover

    def peek(self, kind: Kind, sender: str, receiver: str) -> int | None:
        """The value ``next`` would return, without taking it (for reports)."""
        table = control_numbers
        row = self.connection.execute(
            select(table.c.next_value).where(
                (table.c.kind == kind) & (table.c.sender == sender) & (table.c.receiver == receiver)
            )
        ).first()
        return None if row is None else int(row[0])
