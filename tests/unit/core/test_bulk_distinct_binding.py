"""Date and boolean columns of a multi-row insert are bound once per distinct value: the same
values as the type's processor one value at a time, and the same errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Boolean, Date
from sqlalchemy.dialects import sqlite

from core.db.bulk import _distinct, _each

DIALECT = sqlite.dialect()
D1, D2 = date(2026, 1, 5), date(2026, 2, 4)


def _counting(p: Callable[[Any], Any]) -> tuple[Callable[[Any], Any], list[Any]]:
    calls: list[Any] = []

    def counted(value: Any) -> Any:
        calls.append(value)
        return p(value)

    return counted, calls


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (Date(), [D1, D2, None, D1, date(2026, 1, 5), D2] * 50),
        (Boolean(), [False, True, None, False] * 50),
    ],
)
def test_distinct_values_bind_once_and_alike(kind: Any, values: list[Any]) -> None:
    p = kind._cached_bind_processor(DIALECT)
    counted, calls = _counting(p)
    assert _distinct(counted, values) == _each(p, values) == [p(v) for v in values]
    assert len(calls) == len(set(values))  # one call per distinct value


def test_a_datetime_binds_value_by_value() -> None:
    # a datetime equal to no date, but a date subclass: it keeps its own processor's result
    p = Date()._cached_bind_processor(DIALECT)
    values = [D1, datetime(2026, 1, 5, 10, 30), D1]
    counted, calls = _counting(p)
    assert _distinct(counted, values) == [p(v) for v in values]
    assert len(calls) == len(values)


def test_a_value_of_another_type_raises_as_before() -> None:
    p = Date()._cached_bind_processor(DIALECT)
    with pytest.raises(TypeError, match="SQLite Date type only accepts"):
        _distinct(p, [D1, "2026-01-05", D1])


def test_date_and_boolean_columns_take_the_distinct_path() -> None:
    from core.db import bulk, tables

    todo = dict(bulk._columns(tables.packing_slips, ("ship_date", "is_receipt"), DIALECT))
    assert todo[0].func is _distinct  # type: ignore[attr-defined]
    assert todo[1].func is _distinct  # type: ignore[attr-defined]
