"""Columns whose values are equal but not the same objects (``core/db/bulk.py``): on SQLite a text
or NULL column whose values all equal the first, and an ``Amount`` column whose bound integers
are all equal, are bound once per statement like a column of one object. The stored rows must be
those SQLAlchemy's own executemany stores, value by value through the types' bind processing,
on SQLite and on PostgreSQL (which writes with ``COPY`` and is not grouped)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, insert, select

from core.db.bulk import _all_equal, _binds_as_first, _one_number, bulk_insert
from core.db.types import Amount

META = MetaData()
EQUALS = Table(
    "bulk_equal_columns",
    META,
    Column("n", Integer, primary_key=True),
    Column("name", String(20)),
    Column("note", String(20)),
    Column("amount", Amount),
    Column("other", Amount),
)
NAMES = ("n", "name", "note", "amount", "other")

# one number written with other exponents (and as an int): equal values, new objects each time
_TEXTS = ["2.5", "2.50", "2.500000", "3", "3.00", "-0", "0.00", "0"]


def _amount(text: str) -> Decimal | int:
    return int(text) if text in ("3", "0") and len(text) == 1 else Decimal(text)


def _text(word: str) -> str:
    return "".join(list(word))  # a new object for each row, equal to the others


@st.composite
def _rows(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    count = draw(st.integers(1, 140))
    # per column: one word (equal new strings), None, or a few words
    name_pool = draw(st.lists(st.sampled_from(["same", "other", ""]), min_size=1, max_size=2))
    note_none = draw(st.booleans())
    amount_pool = draw(st.lists(st.sampled_from(_TEXTS), min_size=1, max_size=3))
    other_none = draw(st.booleans())
    rows = []
    for n in range(count):
        name = _text(name_pool[draw(st.integers(0, len(name_pool) - 1))])
        note = None if note_none else _text("x")
        amount = _amount(amount_pool[draw(st.integers(0, len(amount_pool) - 1))])
        other = None if other_none else _amount("2.5" if n % 2 else "2.50")
        rows.append((n, name, note, amount, other))
    return rows


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(EQUALS).order_by(EQUALS.c.n))]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_rows())
def test_equal_values_are_stored_as_sqlalchemy_stores_them(
    engine: Engine, rows: list[tuple[Any, ...]]
) -> None:
    META.drop_all(engine)
    META.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(insert(EQUALS), [dict(zip(NAMES, row, strict=True)) for row in rows])
        expected = _stored(engine)
        with engine.begin() as conn:
            conn.execute(EQUALS.delete())
            bulk_insert(conn, EQUALS, NAMES, rows)
        assert _stored(engine) == expected
    finally:
        META.drop_all(engine)


class _Text(str):
    """A str subclass: equal to the str of its text, and bound as that text."""


def test_text_and_null_columns_compare_by_value_others_by_identity() -> None:
    assert _binds_as_first([_text("a"), _text("a"), _Text("a")])
    assert not _binds_as_first([_text("a"), _text("b"), _text("a")])
    assert _binds_as_first([None, None, None])
    assert not _binds_as_first([None, "None", None])
    # other kinds: the same object only (1 and 1.0 and True are equal and bind apart)
    one = 10**20
    assert _binds_as_first([one, one])
    assert not _binds_as_first([one, 10**20 + 0 * len(NAMES)])
    assert not _binds_as_first([1, 1.0, True])
    assert not _binds_as_first([Decimal("2.5"), Decimal("2.50")])


def test_all_equal_looks_at_every_value() -> None:
    assert _all_equal([3, 3, 3])
    assert not _all_equal([3, 4, 3])
    assert not _all_equal([3, 3, 4])
    assert _all_equal([None])


def test_an_amount_column_of_one_number_needs_decimals_or_ints() -> None:
    one = Decimal("2.5")
    assert _one_number([one] * 9)
    assert _one_number([one, Decimal("2.50"), one, Decimal("2.5000"), one])
    assert not _one_number([Decimal(1), True, Decimal(1), Decimal(1), Decimal(1)])
    assert not _one_number([one, 2.5, one, one, one])  # a float: refused value by value
    assert not _one_number([one, Decimal(3), one, one, one])
    assert not _one_number([one, one, Decimal("2.5"), one, Decimal("2.5")])  # last not the first


def test_a_bool_among_one_number_is_refused(engine: Engine) -> None:
    """A column whose first, middle and last values are one object and whose other values equal
    it: a bool among them is refused as value-by-value binding refuses it (no single binding)."""
    one = Decimal(1)
    rows = [(n, "a", None, True if n == 3 else one, None) for n in range(9)]
    META.drop_all(engine)
    META.create_all(engine)
    try:
        refused = pytest.raises(TypeError, match="amounts must be Decimal, not bool")
        with refused, engine.begin() as conn:
            bulk_insert(conn, EQUALS, NAMES, rows)
    finally:
        META.drop_all(engine)
