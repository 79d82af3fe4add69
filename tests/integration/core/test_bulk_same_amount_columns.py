"""``core/db/bulk.py``: an ``Amount`` column whose values are, row for row, the objects of a
column bound before takes that column's bound values; the stored rows are the same as when each
column is bound on its own, and a refused value is still refused."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, select

from core.db.bulk import _bound_before, bulk_insert
from core.db.engine import make_engine
from core.db.types import Amount

META = MetaData()
PAIRS = Table(
    "pairs",
    META,
    Column("n", Integer, primary_key=True),
    Column("first", Amount, nullable=False),
    Column("second", Amount, nullable=False),
    Column("third", Amount, nullable=False),
)
NAMES = ("n", "first", "second", "third")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'pairs.sqlite'}")
    META.create_all(engine)
    yield engine
    engine.dispose()


def test_only_the_same_objects_row_for_row_share_a_binding() -> None:
    a, b = [Decimal(3) - 0, Decimal("1.5") + 0], [Decimal(7), Decimal(8)]
    done: list[tuple[list[Decimal], list[int]]] = [(b, [7, 8]), (a, [3, 15])]
    assert _bound_before(tuple(a), done) == [3, 15]
    assert _bound_before([Decimal(3) - 0, a[1]], done) is None  # equal, not the same object
    assert _bound_before(a[:1], done) is None
    assert _bound_before(a, []) is None


@pytest.mark.parametrize("count", [1, 2, 50, 137])
def test_rows_stored_as_given(engine: Engine, count: int) -> None:
    rows = []
    for n in range(count):
        q = Decimal(n) / 8 - 0  # a new object per row, repeated in the next column
        rows.append((n, q, q, Decimal(n) / 8 + 0))  # the third: equal values, other objects
    with engine.begin() as conn:
        bulk_insert(conn, PAIRS, NAMES, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(PAIRS).order_by(PAIRS.c.n)).all()
    assert [tuple(r) for r in stored] == rows


def test_a_refused_value_is_refused_in_the_first_column(engine: Engine) -> None:
    bad = Decimal("0.0000001")
    with pytest.raises(ValueError, match="1E-7 has more than 6 decimals"), engine.begin() as conn:
        bulk_insert(conn, PAIRS, NAMES, [(1, bad, bad, Decimal(1)), (2, bad, bad, Decimal(2))])
    with engine.connect() as conn:
        assert conn.execute(select(PAIRS)).all() == []
