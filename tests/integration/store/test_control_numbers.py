"""Control numbers from the database: consecutive, per partner pair, never given twice, even to
concurrent workers, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine

from gateway.store.control_numbers import DbControlNumbers


def take(engine: Engine, kind: str = "interchange", pair: tuple[str, str] = ("US", "THEM")) -> int:
    with engine.begin() as conn:
        return DbControlNumbers(conn).next(kind, *pair)  # type: ignore[arg-type]


def test_consecutive_per_kind_and_pair(store_engine: Engine) -> None:
    assert [take(store_engine) for _ in range(3)] == [1, 2, 3]
    assert take(store_engine, "group") == 1
    assert take(store_engine, pair=("US", "OTHER")) == 1
    assert take(store_engine) == 4


def test_a_rolled_back_number_is_not_lost_to_a_commit(store_engine: Engine) -> None:
    assert take(store_engine) == 1
    conn = store_engine.connect()
    transaction = conn.begin()
    assert DbControlNumbers(conn).next("interchange", "US", "THEM") == 2
    transaction.rollback()
    conn.close()
    assert take(store_engine) == 2  # nothing was sent with 2: it is given again


def test_wraps_after_nine_digits(store_engine: Engine) -> None:
    from sqlalchemy import update

    from gateway.store.tables import control_numbers

    take(store_engine)
    with store_engine.begin() as conn:
        conn.execute(update(control_numbers).values(next_value=999_999_999))
    assert take(store_engine) == 999_999_999
    assert take(store_engine) == 1


def test_concurrent_workers_never_get_the_same_number(store_engine: Engine) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        values = list(pool.map(lambda _: take(store_engine), range(60)))
    assert sorted(values) == list(range(1, 61))
