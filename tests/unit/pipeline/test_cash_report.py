"""The cash-application report's arithmetic (gateway/pipeline/cash_report.py), on figures
written the way the 820 posting writes them."""

from __future__ import annotations

import json
from decimal import Decimal as D

from gateway.pipeline.cash_report import RemittanceFigures, as_detail, build_report, figures
from gateway.store.records import SetRow


def set_row(row_id: int, fig: RemittanceFigures | None) -> SetRow:
    detail = json.dumps(as_detail(fig)) if fig else ""
    return SetRow(row_id, 1, "820", "0001", "posted", "TRN", "PAY", detail)


FULL = RemittanceFigures(1, "PAY-1", D("300.00"), 3, 3, D("300.00"), D("0.00"), D("0"))
PART = RemittanceFigures(2, "PAY-2", D("150.00"), 2, 1, D("100.00"), D("50.00"), D("25.00"))


def test_figures_survive_the_set_detail() -> None:
    assert figures(set_row(1, FULL)) == FULL
    assert figures(set_row(2, PART)) == PART
    assert figures(set_row(3, None)) is None  # a rejected 820 keeps no figures


def test_rates_count_lines_and_whole_payments() -> None:
    report = build_report(
        [FULL, PART],
        unapplied_now=D("50.00"),
        open_exceptions=1,
        open_deductions={"DED-1": D("25.00"), "DED-2": D("5.00")},
        denied=["DED-2", "DED-9"],
    )
    assert (report.lines, report.auto_lines, report.line_rate) == (5, 4, D("80.00"))
    assert (report.payments, report.payments_auto, report.payment_rate) == (2, 1, D("50.00"))
    assert (report.received, report.applied_auto, report.deductions_taken) == (
        D("450.00"),
        D("400.00"),
        D("25.00"),
    )
    work = report.as_dict()["manual_work"]
    assert work == {
        "unapplied_cash": "50.00",
        "open_remittance_exceptions": 1,
        "deductions_to_decide": 1,  # DED-2 was denied; DED-9 is no longer open
        "deductions_to_decide_amount": "25.00",
        "deductions_denied_still_open": 1,
    }


def test_no_remittances_no_division() -> None:
    report = build_report([], unapplied_now=D(0), open_exceptions=0, open_deductions={}, denied=())
    assert report.line_rate == report.payment_rate == D(0)
