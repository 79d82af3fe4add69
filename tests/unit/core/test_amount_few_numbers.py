"""Amount columns of a few numbers held as new objects (``types._few_numbers``): each distinct
number is bound once, found by equality rather than by text. The column must bind to exactly
what binding value by value gives (the same ints on SQLite, the values themselves on
PostgreSQL), and refuse what that refuses with the same error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from core.db.types import Amount, _few_numbers

DIALECTS = [sqlite.dialect(), postgresql.psycopg.dialect()]  # type: ignore[attr-defined]

# numbers written with several exponents and as ints (equal, bound alike), zeros of both signs,
# and values refused (seven decimals, NaN, infinity, a float, a bool)
_POOL = ["3", "3.00", "3.0000000", "-0", "0.00", "12.5", "1E+3", "1000", "9.99"]
_BAD = ["2.0000001", "NaN", "sNaN", "Infinity"]


def _value(token: str) -> object:
    if token == "int3":
        return 3
    if token == "none":
        return None
    if token == "float":
        return 3.0
    if token == "bool":
        return True
    return Decimal(token) + 0 if token not in _BAD else Decimal(token)  # a new object


def _outcome(fn: object, values: list[object]) -> object:
    try:
        return ("ok", list(fn(values)))  # type: ignore[operator]
    except Exception as exc:
        return (type(exc), str(exc))


@given(
    pool=st.lists(st.sampled_from([*_POOL, "int3", "none"]), min_size=1, max_size=6),
    picks=st.lists(st.integers(0, 5), min_size=1, max_size=150),
    tail=st.sampled_from(["", *_BAD, "float", "bool", "77.5"]),
    dialect=st.sampled_from(DIALECTS),
)
def test_a_few_numbers_bind_as_per_value(
    pool: list[str], picks: list[int], tail: str, dialect: object
) -> None:
    values = [_value(pool[i % len(pool)]) for i in picks]
    if tail:
        values.append(_value(tail))
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    expected = _outcome(lambda vs: [one(v) for v in vs], values)
    got = _outcome(column, values)
    assert got == expected
    if got[0] == "ok":
        assert [type(v) for v in got[1]] == [type(v) for v in expected[1]]  # type: ignore[index]


def test_a_few_numbers_are_found_by_equality() -> None:
    three, other = Decimal("3") + 0, Decimal("3.00") + 0
    found = _few_numbers([three, other, 3, None, other, three])
    assert found is not None
    distinct, at = found
    assert distinct == [three, None]
    assert at == [0, 0, 0, 1, 0, 0]
    assert _few_numbers([three] + [Decimal(3) + 0 for _ in range(200)]) == ([three], None)


@pytest.mark.parametrize(
    "values",
    [
        [Decimal(n) for n in range(5)] * 20,  # five numbers: more than a few
        [Decimal(1)] * 70 + [Decimal(2)],  # a number after the first values
        [Decimal(1), Decimal(2)] * 40 + [Decimal(7)],
    ],
)
@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
def test_more_numbers_take_the_other_paths(values: list[Decimal], dialect: object) -> None:
    """Repeated objects of many numbers (hashed), or numbers the first values lack."""
    assert _few_numbers(values) is None
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    assert list(column(values)) == [one(v) for v in values]
