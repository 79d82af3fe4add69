"""The matching benchmark's seeding: on PostgreSQL the seeded tables get their statistics (as
after a bulk load), so the timed reads are planned on them; SQLite is left without any."""

from __future__ import annotations

from sqlalchemy import Engine, text

from bench.matching import SEEDED_TABLES, analyze_seeded, build, seed
from core.db.uow import SqlUnitOfWork


def test_seeded_tables_have_statistics_on_postgresql_only(
    engine: Engine, uow: SqlUnitOfWork
) -> None:
    book = build(lines=60, items=300, seed=3)
    seed(uow, book.customers, book.items)
    analyze_seeded(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            analyzed = conn.execute(
                text(
                    "SELECT DISTINCT tablename FROM pg_stats"
                    " WHERE schemaname = current_schema() AND tablename = ANY(:names)"
                ),
                {"names": list(SEEDED_TABLES)},
            ).scalars()
            assert sorted(analyzed) == sorted(SEEDED_TABLES)
        else:
            found = conn.execute(
                text("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
            ).scalars()
            assert list(found) == []
