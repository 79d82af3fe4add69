"""``o2c statements preview|queue`` on the demo's workspace (SQLite, real pipeline)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.cli import demo_env, run


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return demo_env(tmp_path_factory, "statements")


def test_preview_prints_the_ledgers_statement(env: dict[str, str]) -> None:
    lines = run(env, "report", "statement", "--customer", "C-1001", "--json")
    balance = lines[-1]["balance"]
    text = run(env, "statements", "preview", "--customer", "C-1001")
    assert text.startswith("STATEMENT OF ACCOUNT\n")
    assert f"Balance due: {Decimal(balance):,} USD" in text
    for line in lines:
        assert line["document"] in text


def test_queue_once_per_customer_and_date(env: dict[str, str]) -> None:
    first = {o["account"]: o for o in run(env, "statements", "queue", "--json")}
    assert first["C-3001"]["outcome"] == "no e-mail"
    assert first["C-1001"]["outcome"] == "queued"
    again = run(env, "statements", "queue", "--customer", "C-1001", "--json")
    assert [(o["account"], o["outcome"]) for o in again] == [("C-1001", "already queued")]
    files = run(env, "files", "list", "--json")
    statements = [f for f in files if f["name"].startswith("statement-C-1001-")]
    assert [(f["direction"], f["status"]) for f in statements] == [("out", "queued")]


def test_unknown_customer_and_bad_date_are_refused(env: dict[str, str]) -> None:
    out = run(env, "statements", "preview", "--customer", "C-9999", code=1)
    assert "C-9999 is not in data/customers.csv" in out
    out = run(env, "statements", "queue", "--as-of", "2026-13-01", code=1)
    assert "not a date" in out
