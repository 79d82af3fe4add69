"""A column's values joined into one text for ``string_to_array(text, chr(31), chr(30))``:
split back (as the server splits it) they are the texts ``COPY`` would send; values with no
such text leave the column to psycopg's own array adaptation (None)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from typing import Any

import pytest

from core.db.pg_pipeline import NULL, SEP, joined


def _split(text: str) -> list[str | None]:
    """What ``string_to_array(text, chr(31), chr(30))`` gives for a text that is not empty."""
    return [None if part == NULL else part for part in text.split(SEP)]


@pytest.mark.parametrize(
    ("values", "texts"),
    [
        (["a", "", "b c"], ["a", "", "b c"]),
        (["x", None, ""], ["x", None, ""]),
        ([D("1.50"), D("1E+3"), D("-0.000001"), 7], ["1.50", "1E+3", "-0.000001", "7"]),
        ([date(2026, 3, 10), None], ["2026-03-10", None]),
        ([True, False], ["t", "f"]),
        ([3, 0, -2], ["3", "0", "-2"]),
    ],
)
def test_split_back_gives_each_value_text(values: list[Any], texts: list[str | None]) -> None:
    text = joined(values)
    assert text is not None
    assert _split(text) == texts


@pytest.mark.parametrize(
    "values",
    [
        [""],  # would split into no element
        ["a", f"b{SEP}c"],  # a separator inside a value
        ["a", f"{NULL}"],  # a text that would read as NULL
        ["a", 1],  # text and number mixed
        [datetime(2026, 3, 10, 12, 0), date(2026, 3, 10)],  # a datetime is not a date's text
        [None, None],  # no value to know the kind by
        [1.5],  # a float: never an amount
    ],
)
def test_values_without_such_a_text_are_left_to_the_driver(values: list[Any]) -> None:
    assert joined(values) is None


def test_one_empty_text_among_others_is_kept() -> None:
    assert joined(["", "a"]) == f"{SEP}a"
