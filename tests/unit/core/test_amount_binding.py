"""Amount binding for multi-row inserts: the column-at-a-time path gives exactly what the
per-value bind processor gives, and refuses the same values with the same error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from core.db.types import _EXACT, Amount, _millionths

DIALECTS = [sqlite.dialect(), postgresql.psycopg.dialect()]  # type: ignore[attr-defined]


def _new(text: str) -> Decimal:
    return Decimal(text) + 0  # a new object per call, as a computed quantity is


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    "values",
    [
        [Decimal("9.99"), Decimal("-0.01"), Decimal(0), Decimal("-0"), Decimal("123456.123456")],
        [Decimal("3"), 3, None, Decimal("1E+3")],  # ints and None mixed in
        [Decimal("3"), Decimal("3.00"), Decimal("3.000000"), Decimal("9.99")] * 3,  # repeats
        [Decimal("12345678901234567.5")],
        # mostly new objects (bound by text): equal text, equal number, any exponent
        [Decimal(n) / 4 for n in range(200)] + [3, Decimal("3"), Decimal("3.00"), None, -0],
        [Decimal("-0"), Decimal("0.00"), *(Decimal(f"{n}.{n:02d}") for n in range(99))],
    ],
)
def test_column_binding_equals_per_value_binding(dialect: object, values: list[object]) -> None:
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    expected = [one(v) for v in values]
    got = column(values)
    assert got == expected
    assert [type(v) for v in got] == [type(v) for v in expected]


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
def test_new_objects_refuse_like_per_value(dialect: object) -> None:
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    values = [Decimal(n) / 8 for n in range(100)] + [Decimal("1.0000001"), Decimal("NaN")]
    with pytest.raises(ValueError, match=r"1\.0000001 has more than 6 decimals"):
        column(values)


def test_sqlite_column_is_integer_millionths() -> None:
    # 9.99 -> 9 990 000 millionths; -0.01 -> -10 000
    column = Amount().column_processor(sqlite.dialect())
    assert column([Decimal("9.99"), Decimal("-0.01")]) == [9_990_000, -10_000]


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (Decimal("0.0000001"), ValueError),  # seven decimals
        (Decimal("1" * 61 + ".5"), ValueError),  # more digits than an exact scaling keeps
        (1.5, TypeError),  # floats are refused
        (True, TypeError),  # never taken for the 1 beside it
        (Decimal("sNaN"), ValueError),  # not hashable: refused value by value
    ],
)
def test_column_binding_refuses_like_per_value(
    dialect: object, bad: object, error: type[Exception]
) -> None:
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    with pytest.raises(error):
        column([Decimal("1.00"), Decimal(1), bad])


_NINE = Decimal("9.99")


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    "values",
    [[_NINE] * 50, [Decimal(0)] * 7, [None] * 5, [3] * 4, [Decimal("-0")] * 3, [_NINE]],
    ids=["price", "zero", "none", "int", "minus-zero", "single"],
)
def test_a_column_of_one_object_binds_as_per_value(dialect: object, values: list[object]) -> None:
    _binds_as_per_value(dialect, values)


def _binds_as_per_value(dialect: object, values: list[object]) -> None:
    """The column binds to what binding value by value gives, the same types too."""
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    got = column(values)
    assert list(got) == [one(v) for v in values]
    assert [type(v) for v in got] == [type(one(v)) for v in values]


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    ("bad", "error"),
    [(Decimal("0.0000001"), ValueError), (1.5, TypeError), (True, TypeError)],
)
def test_a_column_of_one_bad_object_refuses_like_per_value(
    dialect: object, bad: object, error: type[Exception]
) -> None:
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    with pytest.raises(error) as expected:
        one(bad)
    with pytest.raises(error) as got:
        column([bad] * 6)
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    "values",
    [
        # new Decimals only (scaled a column at a time): signs, zeros, exponents of every size
        [Decimal(n) / 8 for n in range(-40, 40)],
        [Decimal(f"{n}.{n % 100:02d}") for n in range(-300, 300)] + [Decimal("-0.00")],
        [Decimal("1E+3"), Decimal("0E-100"), Decimal("-0E+5"), Decimal("123456.123456")]
        + [Decimal(n).scaleb(-6) for n in range(100)],
        [Decimal("9" * 40 + ".5"), *(Decimal(n) for n in range(70))],  # 41 digits: still exact
    ],
)
def test_new_decimals_bind_as_per_value(dialect: object, values: list[object]) -> None:
    _binds_as_per_value(dialect, values)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (Decimal("2.0000001"), ValueError, r"2\.0000001 has more than 6 decimals"),
        (Decimal("1" * 61 + ".5"), ValueError, "too many digits"),
        (Decimal("Infinity"), OverflowError, None),
        (Decimal("NaN"), ValueError, None),
        (Decimal("sNaN"), ValueError, None),
    ],
)
@pytest.mark.parametrize("repeating", [False, True], ids=["distinct", "repeating"])
def test_new_decimals_refuse_like_per_value(
    dialect: object, bad: Decimal, error: type[Exception], message: str | None, repeating: bool
) -> None:
    """Refused alike after new Decimals of many numbers (scaled whole) and after new Decimals
    repeating one number (bound by text)."""
    one = Amount().bind_processor(dialect)  # type: ignore[arg-type]
    column = Amount().column_processor(dialect)  # type: ignore[arg-type]
    with pytest.raises(error, match=message) as expected:
        one(bad)
    lead = [_new("3") for _ in range(80)] if repeating else [Decimal(n) / 8 for n in range(100)]
    values = [*lead, bad, Decimal("3.0000001"), _new("3")]
    with pytest.raises(error, match=message) as got:
        column(values)
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
@pytest.mark.parametrize(
    "values",
    [
        # new Decimals repeating a few numbers (bound once per distinct text): quantities
        [_new("3") for _ in range(100)],
        [_new(t) for _ in range(40) for t in ("3", "3.00", "-0", "0.00", "12.5")],
        # repeats in the first values, distinct ones after them: still exact
        [_new("2") for _ in range(70)] + [Decimal(n) / 8 for n in range(100)],
        [_new("1E+3"), _new("1000"), _new("0E-100")] * 30,
        [_new("3"), _new("3"), _new("3"), _new("3"), _new("9.5")],  # shorter than the sample
    ],
)
def test_new_decimals_repeating_bind_as_per_value(dialect: object, values: list[object]) -> None:
    _binds_as_per_value(dialect, values)


def _millionths_by_comparison(values: list[Decimal]) -> list[int] | None:
    """The former whole-number test of ``_millionths``: each scaled value against its int."""
    try:
        exact = [_EXACT.multiply(v, Decimal(10**6)) for v in values]
        scaled = [int(x) for x in exact]
    except (ArithmeticError, ValueError):
        return None
    return scaled if all(s == x for s, x in zip(scaled, exact, strict=True)) else None


@given(
    st.lists(
        st.decimals(allow_nan=True, allow_infinity=True, places=None)
        | st.builds(Decimal, st.integers(-(10**30), 10**30)).map(lambda d: d.scaleb(-7)),
        min_size=1,
        max_size=5,
    )
)
def test_millionths_accepts_what_the_int_comparison_accepts(values: list[Decimal]) -> None:
    assert _millionths(values) == _millionths_by_comparison(values)


@pytest.mark.parametrize(
    "value",
    ["1.0000000", "-0.0000000", "0E-30", "1E+40", "1.0000005", "-2.00000010", "5E-7", "12.5E-7"],
)
def test_millionths_whole_or_refused(value: str) -> None:
    assert _millionths([Decimal(value)]) == _millionths_by_comparison([Decimal(value)])
