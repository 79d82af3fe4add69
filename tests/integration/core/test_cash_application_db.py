"""apply_remittance on SQLite and PostgreSQL: the same hand-computed scenario as in memory."""

from __future__ import annotations

from core.db.uow import SqlUnitOfWork
from tests.unit.core.test_cash_application_memory import check_replay, check_scenario


def test_remittance_applied(uow: SqlUnitOfWork) -> None:
    check_scenario(uow)


def test_replay_posts_nothing(uow: SqlUnitOfWork) -> None:
    check_replay(uow)
