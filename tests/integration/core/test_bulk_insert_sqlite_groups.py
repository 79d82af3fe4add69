"""SQLite multi-row inserts (``core/db/bulk.py``): rows written in groups of several to a
statement arrive exactly as given, in order, whatever the batch size; a bad row still fails. An
``Amount`` column whose values are, row for row, the objects of a column bound before takes that
column's bound values: the rows are stored the same, and a refused value is still refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Column, Date, Engine, Integer, MetaData, String, Table, select
from sqlalchemy.exc import IntegrityError, ProgrammingError

from core.db.bulk import SQLITE_PARAMS, SQLITE_ROWS, _bound_before, bulk_insert, sqlite_groups
from core.db.engine import make_engine
from core.db.types import Amount

META = MetaData()
THINGS = Table(
    "things",
    META,
    Column("n", Integer, primary_key=True),
    Column("name", String(20), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("day", Date),
)
NAMES = ("n", "name", "amount", "day")
NAMED = Table("named", META, Column("n", Integer, primary_key=True), Column("name", String(20)))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'bulk.sqlite'}")
    META.create_all(engine)
    yield engine
    engine.dispose()


def _rows(count: int) -> list[tuple[object, ...]]:
    return [
        (n, f"row {n}", Decimal(n) / 8, date(2026, 1, 1 + n % 28) if n % 3 else None)
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3, 4, 5, 16, 17, 20, 49, 50, 51, 137, 401])
def test_every_row_arrives_as_given(engine: Engine, count: int) -> None:
    rows = _rows(count)
    with engine.begin() as conn:
        bulk_insert(conn, THINGS, NAMES, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(THINGS).order_by(THINGS.c.n)).all()
    assert [tuple(r) for r in stored] == rows


def _shared_rows(count: int, which: str) -> list[tuple[object, ...]]:
    """Rows where some columns hold one object throughout (bound once per statement)."""
    name, amount, day = "same", Decimal("2.50"), None
    rows = []
    for n in range(count):
        row = [n, f"row {n}", Decimal(n) / 8, date(2026, 1, 1 + n % 28)]
        if "name" in which:
            row[1] = name
        if "amount" in which:
            row[2] = amount
        if "day" in which:
            row[3] = day
        rows.append(tuple(row))
    return rows


@pytest.mark.parametrize("which", ["name", "day", "name amount", "name amount day"])
@pytest.mark.parametrize("count", [2, 3, 5, 17, 50, 51, 137])
def test_columns_of_one_value_arrive_as_given(engine: Engine, which: str, count: int) -> None:
    rows = _shared_rows(count, which)
    with engine.begin() as conn:
        bulk_insert(conn, THINGS, NAMES, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(THINGS).order_by(THINGS.c.n)).all()
    assert [tuple(r) for r in stored] == rows


def test_every_column_of_one_value(engine: Engine) -> None:
    with engine.begin() as conn:
        bulk_insert(conn, NAMED, ("name",), [("x",)] * 120)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(select(NAMED).order_by(NAMED.c.n))] == [
            (n, "x") for n in range(1, 121)
        ]


@pytest.mark.parametrize("shared", [0, 1, 5])
@pytest.mark.parametrize("width", [1, 3, 7, 19, 25, 1000])
def test_groups_cover_the_rows_within_the_limits(width: int, shared: int) -> None:
    for count in range(260):
        groups = sqlite_groups(count, width, shared)
        assert sum(size * times for size, times in groups) == count
        assert all(size <= SQLITE_ROWS for size, _ in groups)
        assert all(
            shared + size * width <= max(SQLITE_PARAMS, shared + width) for size, _ in groups
        )
        assert len(groups) <= 4


@pytest.mark.parametrize("shared", ["", "name day"], ids=["plain", "shared columns"])
def test_a_duplicate_inside_a_group_fails_the_insert(engine: Engine, shared: str) -> None:
    rows = _shared_rows(60, shared) if shared else _rows(60)
    rows[30] = (29, *rows[30][1:])  # the key of the row before it
    with (
        pytest.raises(IntegrityError, match=r"UNIQUE constraint failed: things\.n"),
        engine.begin() as conn,
    ):
        bulk_insert(conn, THINGS, NAMES, rows)
    with engine.connect() as conn:
        assert conn.execute(select(THINGS)).all() == []


def test_rows_of_the_wrong_width_are_refused_not_shifted(engine: Engine) -> None:
    # plain columns (nothing to bind): one row short and one long, the total count right, so
    # values run together in one statement would land in the wrong columns without an error
    rows: list[tuple[object, ...]] = [(n, f"row {n}") for n in range(10)]
    rows[1], rows[2] = (1,), (2, "row 2", "row 3?")  # in the same group of four
    with pytest.raises(ProgrammingError, match="bindings"), engine.begin() as conn:
        bulk_insert(conn, NAMED, ("n", "name"), rows)
    with engine.connect() as conn:
        assert conn.execute(select(NAMED)).all() == []


PAIRS = Table(
    "pairs",
    META,
    Column("n", Integer, primary_key=True),
    Column("first", Amount, nullable=False),
    Column("second", Amount, nullable=False),
    Column("third", Amount, nullable=False),
)
PAIR_NAMES = ("n", "first", "second", "third")


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
    with engine.begin() as conn:  # written and read back in one transaction
        bulk_insert(conn, PAIRS, PAIR_NAMES, rows)
        assert [tuple(r) for r in conn.execute(select(PAIRS).order_by(PAIRS.c.n))] == rows


def test_a_refused_value_is_refused_in_the_first_column(engine: Engine) -> None:
    bad = Decimal("0.0000001")
    with pytest.raises(ValueError, match="1E-7 has more than 6 decimals"), engine.begin() as conn:
        bulk_insert(conn, PAIRS, PAIR_NAMES, [(1, bad, bad, Decimal(1)), (2, bad, bad, Decimal(2))])
    with engine.connect() as conn:
        assert conn.execute(select(PAIRS)).all() == []


@pytest.mark.parametrize("count", [2, 51])
def test_refusals_come_in_column_order_with_columns_of_one_object(
    engine: Engine, count: int
) -> None:
    """A column of one object is bound before the others are laid out, but still in its turn:
    a varying column before it refuses its own bad value first, and a column of one bad
    object refuses before a varying column after it."""
    one_bad, row_bad = Decimal("0.0000002"), Decimal("0.0000001")
    varying = [Decimal(n) + 0 for n in range(count - 1)] + [row_bad]
    rows = [(n, varying[n], one_bad, Decimal(1)) for n in range(count)]
    with pytest.raises(ValueError, match="1E-7 has more than"), engine.begin() as conn:
        bulk_insert(conn, PAIRS, PAIR_NAMES, rows)
    rows = [(n, Decimal(1), one_bad, varying[n]) for n in range(count)]
    with pytest.raises(ValueError, match="2E-7 has more than"), engine.begin() as conn:
        bulk_insert(conn, PAIRS, PAIR_NAMES, rows)
    with engine.connect() as conn:
        assert conn.execute(select(PAIRS)).all() == []
