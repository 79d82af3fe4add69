"""A first run on SQLite creates the database file's folder."""

from __future__ import annotations


def test_a_new_sqlite_database_gets_its_folder(tmp_path: object) -> None:
    from pathlib import Path

    from core.db.engine import make_engine

    folder = Path(str(tmp_path)) / "var" / "deeper"
    engine = make_engine(f"sqlite:///{folder / 'o2c.sqlite3'}")
    with engine.connect():
        pass
    engine.dispose()
    assert (folder / "o2c.sqlite3").exists()
