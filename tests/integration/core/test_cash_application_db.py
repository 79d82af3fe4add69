"""apply_remittance and the clerk's actions on SQLite and PostgreSQL: the same hand-computed
scenarios as in memory."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.db.uow import SqlUnitOfWork
from tests.unit.core.test_cash_application_memory import check_replay, check_scenario
from tests.unit.core.test_clerk_actions_memory import CHECKS


def test_remittance_applied(uow: SqlUnitOfWork) -> None:
    check_scenario(uow)


def test_replay_posts_nothing(uow: SqlUnitOfWork) -> None:
    check_replay(uow)


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_clerk_action(uow: SqlUnitOfWork, check: Callable[[SqlUnitOfWork], None]) -> None:
    check(uow)
