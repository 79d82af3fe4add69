"""Gap-free number sequences written back at commit: several counters moved in one transaction
(one statement on PostgreSQL) continue where it left them, and a rollback gives the numbers
back."""

from __future__ import annotations

from core.db.uow import SqlUnitOfWork


def _take(uow: SqlUnitOfWork, counts: dict[str, int]) -> dict[str, list[int]]:
    return {name: [uow.sequences.next(name) for _ in range(n)] for name, n in counts.items()}


def test_counters_moved_together_continue_after_commit(uow: SqlUnitOfWork) -> None:
    with uow:
        assert _take(uow, {"alpha": 3, "beta": 1}) == {"alpha": [1, 2, 3], "beta": [1]}
        uow.commit()
    with uow:
        taken = _take(uow, {"alpha": 2, "beta": 4, "gamma": 1})
        uow.commit()
    assert taken == {"alpha": [4, 5], "beta": [2, 3, 4, 5], "gamma": [1]}
    with uow:
        taken = _take(uow, {"beta": 1, "alpha": 1, "gamma": 2})
        uow.commit()
    assert taken == {"beta": [6], "alpha": [6], "gamma": [2, 3]}


def test_rolled_back_counters_give_their_numbers_back(uow: SqlUnitOfWork) -> None:
    with uow:
        _take(uow, {"alpha": 2, "beta": 2})
        uow.commit()
    with uow:
        _take(uow, {"alpha": 5, "beta": 5})  # no commit: rolled back at the end of the block
    with uow:
        assert _take(uow, {"beta": 1, "alpha": 1}) == {"beta": [3], "alpha": [3]}
