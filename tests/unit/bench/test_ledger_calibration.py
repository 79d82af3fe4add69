"""The ledger benchmark's calibration: raw journal-line rows shaped like the ledger's table."""

from __future__ import annotations

from decimal import Decimal

from bench.ledger import journal_line_rows, raw_sqlite_rate
from core.db import tables


def test_rows_have_the_journal_line_columns_and_stored_amounts() -> None:
    sqlite_rows = journal_line_rows(14, sqlite=True)
    pg_rows = journal_line_rows(14, sqlite=False)
    assert all(len(r) == len(tables.journal_lines.c) for r in sqlite_rows)
    # seven lines to an entry, numbered from 1: the primary key never repeats
    assert len({(r[0], r[1]) for r in sqlite_rows}) == 14
    assert [r[1] for r in sqlite_rows[:8]] == [1, 2, 3, 4, 5, 6, 7, 1]
    # the same amount, as integer millionths for SQLite and a Decimal for PostgreSQL
    assert all(type(r[4]) is int for r in sqlite_rows)
    assert all(Decimal(s[4]).scaleb(-6) == p[4] for s, p in zip(sqlite_rows, pg_rows, strict=True))


def test_raw_sqlite_rate_is_a_positive_rate() -> None:
    assert raw_sqlite_rate(700) > 0
