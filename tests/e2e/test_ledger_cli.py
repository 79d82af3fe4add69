"""The ``o2c`` ledger commands as a clerk runs them, on a SQLite file (the default
./o2c.sqlite) and on PostgreSQL: import master data, then the cycle of
tests/support/ledger_scenario.py typed by hand (without the allowance, charge and rebate),
checked against hand-computed figures; plus refusals, idempotency and every other command."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gateway.cli import main
from tests.support.databases import BACKENDS, empty_database
from tests.support.ledger_scenario import EXPECTED_TRIAL_BALANCE

CUSTOMERS = (
    "account,name,currency,payment_terms,credit_limit,tax_code\n"
    "C1,Acme Stores,USD,2/10 net 30,0,STD\n"
)
ITEMS = (
    "sku,description,uom,unit_price,unit_cost,on_hand,gtin,conversions\n"
    "WID,Widget,EA,10.00,6.00,100,00012345600012,CA=12\nGAD,Gadget,EA,25.00,15.00,50,,\n"
)


@pytest.fixture(params=BACKENDS)
def o2c(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.chdir(tmp_path)
    if request.param == "sqlite":
        monkeypatch.delenv("O2C_DATABASE_URL", raising=False)  # default: ./o2c.sqlite
    else:
        monkeypatch.setenv("O2C_DATABASE_URL", empty_database(request, "postgresql", tmp_path))
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> Result:
        result = runner.invoke(main, list(args))
        assert result.exit_code == code, (args, result.output, result.stderr if code == 0 else "")
        return result

    (tmp_path / "customers.csv").write_text(CUSTOMERS)
    (tmp_path / "items.csv").write_text(ITEMS)
    run("db", "upgrade")
    run("customers", "import", "customers.csv")
    run("catalog", "import", "items.csv")
    return run


def test_whole_cycle_by_hand(o2c) -> None:  # type: ignore[no-untyped-def]
    run = o2c
    out = run(
        "orders",
        "create",
        "--customer",
        "C1",
        "--po",
        "PO-777",
        "--line",
        "WID=30",
        "--line",
        "GAD=4",
        "--ref",
        "ISA13=000000905",
        "--date",
        "2026-01-05",
        "--json",
    )
    assert json.loads(out.output)["number"] == "SO-000001"
    # the promo allowance and the freight charge have no command; credit them by hand instead:
    # invoice 1 is then WID 200 + GAD 100 = 300 net, tax 16.50 + 8.25 = 24.75, total 324.75
    run("ship", "SO-000001", "--line", "1=20", "--line", "2=4", "--date", "2026-01-05")
    inv1 = json.loads(run("invoice", "SO-000001", "--date", "2026-01-05", "--json").output)[0]
    assert (inv1["total"], inv1["cash_discount"], inv1["due_date"]) == (
        "324.75",
        "6.50",
        "2026-02-04",
    )
    run("ship", "SO-000001", "--date", "2026-01-08")
    run("invoice", "--all-shipped", "--date", "2026-01-08")  # INV-000002: 100 + 8.25 = 108.25
    run("credit-note", "INV-000002", "--line", "1=2", "--date", "2026-01-09")  # 20 + 1.65 = 21.65
    run("orders", "create", "--customer", "C1", "--line", "WID=5", "--date", "2026-01-06")
    run(
        "payment",
        "record",
        "--customer",
        "C1",
        "--amount",
        "60",
        "--ref",
        "WIRE-1",
        "--prepay",
        "SO-000002",
        "--date",
        "2026-01-06",
    )
    run("ship", "SO-000002", "--date", "2026-01-09")
    run("invoice", "SO-000002", "--date", "2026-01-09")  # 54.13, settled from the prepayment
    # 324.75 - 6.50 discount - 15.00 short (DAMAGED, a deduction) = 303.25
    pay = json.loads(
        run(
            "payment",
            "record",
            "--customer",
            "C1",
            "--amount",
            "303.25",
            "--ref",
            "CHK-100",
            "--apply",
            "INV-000001=303.25",
            "--in-full",
            "--reason",
            "DAMAGED",
            "--date",
            "2026-01-14",
            "--json",
        ).output
    )
    assert [(x["discount"], x["deduction"]) for x in pay["settlements"]] == [("6.50", "15.00")]
    run(
        "payment",
        "record",
        "--customer",
        "C1",
        "--amount",
        "86.58",
        "--ref",
        "CHK-101",
        "--apply",
        "INV-000002=86.58",
        "--in-full",
        "--date",
        "2026-01-20",
    )

    tb = {
        r["account"]: D(r["balance"])
        for r in json.loads(run("report", "trial-balance", "--json").output)
    }
    expected = dict(EXPECTED_TRIAL_BALANCE)
    # no allowance or charge here and no rebate; by hand:
    # bank 303.25 + 60.00 + 86.58 = 449.83; tax 24.75 + 8.25 + 4.13 - 1.65 = 35.48;
    # AR 324.75 + 108.25 + 54.13 - 21.65 - 303.25 - 6.50 - 15.00 - 54.13 - 86.58 - 0.02 = 0
    expected.update(
        {
            "1100": D("449.83"),
            "1200": D(0),
            "2200": D("-35.48"),
            "4000": D("-430.00"),
            "6100": D("6.50"),
            "2400": D(0),
            "6300": D(0),
        }
    )
    del expected["4100"], expected["4200"]
    assert {k: v for k, v in tb.items() if v} == {k: v for k, v in expected.items() if v}

    opened = json.loads(
        run("report", "open-items", "--customer", "C1", "--as-of", "2026-01-31", "--json").output
    )
    assert {(x["number"], x["open_amount"]) for x in opened} == {
        ("DED-000001", "15.00"),
        ("PAY-000001", "-5.87"),
    }
    traced = json.loads(run("trace", "000000905", "--json").output)
    assert [o["number"] for o in traced["orders"]] == ["SO-000001"]
    assert {i["number"] for i in traced["items"]} >= {"PAY-000002", "PAY-000003", "DED-000001"}
    assert "CHK-100" in run("trace", "CHK-100").output
    aging = json.loads(run("report", "aging", "--as-of", "2026-03-10", "--json").output)
    assert aging[0]["buckets"]["31-60"] == "15.00" and aging[0]["buckets"]["61-90"] == "-5.87"
    statement = json.loads(
        run("report", "statement", "--customer", "C1", "--as-of", "2026-01-31", "--json").output
    )
    assert statement[-1]["balance"] == "9.13"  # 15.00 deduction still owed - 5.87 prepaid


def test_rule_violations_exit_1_with_a_sentence(o2c) -> None:  # type: ignore[no-untyped-def]
    run = o2c
    run("orders", "create", "--customer", "C1", "--line", "WID=3", "--date", "2026-01-05")
    bad = run("ship", "SO-000001", "--line", "1=4", code=1)
    assert "error: Order SO-000001 line 1: 4 exceeds the 3 still open." in bad.output
    assert (
        "Customer NOPE does not exist."
        in run("orders", "create", "--customer", "NOPE", "--line", "WID=1", code=1).output
    )
    assert (
        "is not supported"
        in run(
            "orders", "create", "--customer", "C1", "--type", "journal", "--line", "WID=1", code=1
        ).output
    )
    assert "nothing shipped" in run("invoice", "SO-000001", code=1).output
    run("period", "close", "2026-01")
    assert "2026-01 is closed" in run("ship", "SO-000001", "--date", "2026-01-20", code=1).output


def test_idempotency_key_on_the_command_line(o2c) -> None:  # type: ignore[no-untyped-def]
    run = o2c
    args = (
        "orders",
        "create",
        "--customer",
        "C1",
        "--line",
        "WID=1",
        "--key",
        "850:ISA000000905:ST0001",
        "--json",
    )
    first, second = json.loads(run(*args).output), json.loads(run(*args).output)
    assert first["number"] == second["number"] == "SO-000001"
    assert len(json.loads(run("orders", "list", "--json").output)) == 1


def test_bad_csv_reports_every_problem_and_imports_nothing(o2c, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.csv").write_text(
        "account,name,currency,payment_terms,credit_limit\nC9,,USD,net 30,0\nC10,Ten,XXX,soon,abc\n"
    )
    out = o2c("customers", "import", "bad.csv", code=1).output
    assert "bad.csv:2: NAME" in out and "bad.csv:3: CURRENCY" in out and "bad.csv:3: TERMS" in out
    assert "4 problem(s)" in out
    listed = json.loads(o2c("customers", "list", "--json").output)
    assert [c["account"] for c in listed] == ["C1"]


def test_database_without_tables_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["orders", "list", "--db", f"sqlite:///{tmp_path / 'empty.sqlite'}"]
    )
    assert result.exit_code == 1 and "run `o2c db upgrade` first" in result.output


def test_settle_rebate_and_reversal_commands(o2c) -> None:  # type: ignore[no-untyped-def]
    run = o2c
    run(
        "invoice",
        "free-text",
        "--customer",
        "C1",
        "--line",
        "4000=200.00:Consulting",
        "--tax",
        "EXEMPT",
        "--date",
        "2026-01-05",
    )
    run(
        "payment",
        "record",
        "--customer",
        "C1",
        "--amount",
        "150",
        "--ref",
        "WIRE-7",
        "--date",
        "2026-01-06",
    )
    stl = json.loads(
        run("settle", "INV-000001", "PAY-000001", "--date", "2026-01-06", "--json").output
    )
    assert (stl["amount"], stl["discount"]) == ("150.00", "0.00")  # 4 % of 200 would need 196 paid
    run("rebate", "set", "--customer", "C1", "--percent", "1.5")
    accrual = json.loads(
        run(
            "rebate",
            "accrue",
            "--customer",
            "C1",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--date",
            "2026-01-31",
            "--json",
        ).output
    )
    assert accrual["lines"][0]["amount"] == "3.00"  # 1.5 % of 200.00
    run("journal", "reverse", accrual["number"], "--date", "2026-02-01")
    assert "already reversed" in run("journal", "reverse", accrual["number"], code=1).output


def test_quotation_to_order(o2c) -> None:  # type: ignore[no-untyped-def]
    run = o2c
    quote = json.loads(
        run("quotations", "create", "--customer", "C1", "--line", "WID=1/CA", "--json").output
    )
    run("quotations", "move", quote["number"], "send")
    moved = json.loads(run("quotations", "move", quote["number"], "confirm", "--json").output)
    assert (moved["status"], moved["order_number"]) == ("Confirmed", "SO-000001")
    order = json.loads(run("orders", "show", "SO-000001", "--json").output)
    assert (order["document_status"], order["lines"][0]["unit_price"]) == ("Confirmation", "120.00")
    assert "cannot become Lost" in run("quotations", "move", quote["number"], "lose", code=1).output


def test_every_ledger_command_takes_db_and_json() -> None:
    import click

    from gateway.cli.ledger import COMMANDS

    def leaves(cmd: click.Command, path: str) -> list[tuple[str, click.Command]]:
        if isinstance(cmd, click.Group):
            return [
                leaf for name, sub in cmd.commands.items() for leaf in leaves(sub, f"{path} {name}")
            ]
        return [(path, cmd)]

    found = [leaf for cmd in COMMANDS for leaf in leaves(cmd, cmd.name or "")]
    assert len(found) >= 30
    for path, cmd in found:
        options = {opt for p in cmd.params for opt in getattr(p, "opts", [])}
        assert {"--db", "--json"} <= options, path
