"""The AR clerk's cash-application commands on the demo's workspace (SQLite, real pipeline).

The demo's bigbox pays one invoice under a number with two digits swapped (left as an
RMT_NEAR_REFERENCE exception with the right invoice as candidate) and short-pays another with an
ADX deduction that exceeds the write-off tolerance (a deduction item). The clerk applies the
first by hand, and decides the deduction; the report follows each step.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.cli import demo_env, run


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return demo_env(tmp_path_factory, "clerk")


def test_clerk_works_the_remittance_queue_down_to_nothing(workspace: dict[str, str]) -> None:
    env = workspace
    report = run(env, "report", "cash-application", "--json")
    assert report["payments"] == 5 and report["lines"] == 6
    assert report["lines_auto_matched"] == 5 and report["payments_auto_applied"] == 4
    work = report["manual_work"]
    assert work["open_remittance_exceptions"] == 1 and work["deductions_to_decide"] == 1

    rows = run(env, "remittances", "list", "--json")
    (waiting,) = [r for r in rows if r["open_exceptions"]]
    shown = run(env, "remittances", "show", str(waiting["id"]), "--json")
    (exc,) = shown["exceptions"]
    assert exc["code"] == "RMT_NEAR_REFERENCE"
    (candidate,) = exc["evidence"]["candidates"]
    invoice = candidate["items"][0]
    assert invoice != exc["evidence"]["reference"]

    # more than the payment holds is refused, and nothing moves
    too_much = Decimal(waiting["unapplied"]) + Decimal("0.01")
    out = run(
        env, "remittances", "apply", str(waiting["id"]), "--invoice", f"{invoice}={too_much}",
        code=1,
    )  # fmt: skip
    assert "unapplied" in out
    applied = run(
        env, "remittances", "apply", str(waiting["id"]),
        "--invoice", f"{invoice}={waiting['unapplied']}", "--json",
    )  # fmt: skip
    assert applied["unapplied"] == "0.00" and applied["exceptions_resolved"] == [exc["id"]]
    assert [s["invoice"] for s in applied["settlements"]] == [invoice]
    open_items = run(env, "report", "open-items", "--json")
    assert invoice not in {i["number"] for i in open_items}

    (deduction,) = run(env, "deductions", "list", "--json")
    assert deduction["state"] == "to decide" and Decimal(deduction["open"]) > 0
    run(env, "deductions", "resolve", deduction["number"], "--deny", "--reason", "no claim")
    (denied,) = run(env, "deductions", "list", "--json")
    assert denied["state"] == "denied"
    report = run(env, "report", "cash-application", "--json")
    assert report["manual_work"] == {
        "unapplied_cash": "0",
        "open_remittance_exceptions": 0,
        "deductions_to_decide": 0,
        "deductions_to_decide_amount": "0",
        "deductions_denied_still_open": 1,
    }
    # the customer then agrees to a credit note after all
    done = run(env, "deductions", "resolve", deduction["number"], "--credit-note", "--json")
    assert done["action"] == "credit-note" and done["document"].startswith("CN-")
    assert run(env, "deductions", "list", "--json") == []
    tb = {
        r["account"]: Decimal(r["balance"]) for r in run(env, "report", "trial-balance", "--json")
    }
    assert tb.get("1210", Decimal(0)) == 0 and tb["4100"] == Decimal(deduction["open"])
    assert sum(tb.values()) == 0


def test_resolve_needs_exactly_one_decision(workspace: dict[str, str]) -> None:
    out = run(workspace, "deductions", "resolve", "DED-000001", code=1)
    assert "exactly one" in out
    out = run(workspace, "deductions", "resolve", "INV-000001", "--deny", code=1)
    assert "not a deduction item" in out
