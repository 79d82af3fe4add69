"""EN 16931 rounding and totals (gateway.ubl.amounts)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from gateway.ubl.amounts import compute_totals, line_net, round2
from gateway.ubl.example import example_invoice
from gateway.ubl.model import AllowanceCharge, TaxCategory
from tests.unit.ubl.cases import allowances_and_charges, line, several_rates, three_decimal_prices


def test_round2_rounds_halves_away_from_zero() -> None:
    assert round2(D("2.345")) == D("2.35")
    assert round2(D("-2.345")) == D("-2.35")
    assert round2(D("2.344999")) == D("2.34")


def test_line_net_uses_base_quantity_and_line_allowances_once_rounded() -> None:
    # 2.5 × 12.00 / 10 = 3.00
    assert line_net(line(1, "2.5", "12.00", base_quantity=D("10"))) == D("3.00")
    # 3 × 4.1234 = 12.3702 → 12.37
    assert line_net(line(2, "3", "4.1234")) == D("12.37")
    # 10 × 9.99 = 99.90 − 5.00 + 2.50 = 97.40
    adjusted = line(
        3,
        "10",
        "9.99",
        allowances_charges=(AllowanceCharge(False, D("5")), AllowanceCharge(True, D("2.5"))),
    )
    assert line_net(adjusted) == D("97.40")


def test_example_totals_by_hand() -> None:
    # lines 125.00 + 230.00 + 9.99 = 364.99; freight 15.00 → 379.99
    # S 25 %: 125 + 230 + 15 = 370.00 → VAT 92.50; E: 9.99 → 0; total 472.49
    totals = compute_totals(example_invoice())
    assert totals.line_extension == D("364.99")
    assert totals.charge_total == D("15.00")
    assert totals.allowance_total is None
    assert totals.tax_exclusive == D("379.99")
    assert [(g.category, g.taxable, g.tax) for g in totals.groups] == [
        (TaxCategory.STANDARD, D("370.00"), D("92.50")),
        (TaxCategory.EXEMPT, D("9.99"), D("0.00")),
    ]
    assert totals.tax_inclusive == D("472.49")
    assert totals.payable == D("472.49")


def test_vat_is_computed_once_per_group_not_per_line() -> None:
    # three lines of 0.10 at 25 %: per line 0.025 → 0.03 each (0.09); on the group 0.30 → 0.08
    doc = replace(
        example_invoice(),
        lines=tuple(line(n, "1", "0.10") for n in (1, 2, 3)),
        allowances_charges=(),
    )
    totals = compute_totals(doc)
    assert totals.groups[0].taxable == D("0.30")
    assert totals.groups[0].tax == D("0.08")
    assert totals.tax_total == D("0.08")


def test_several_rates_and_document_allowances() -> None:
    totals = compute_totals(several_rates())
    assert [(g.rate, g.taxable, g.tax) for g in totals.groups] == [
        (D("6"), D("10.00"), D("0.60")),
        (D("12"), D("99.99"), D("12.00")),
        (D("25"), D("200.00"), D("50.00")),
    ]
    ac = compute_totals(allowances_and_charges())
    # see the case's docstring for the hand computation
    assert (ac.line_extension, ac.allowance_total, ac.charge_total) == (
        D("147.40"),
        D("11.00"),
        D("7.50"),
    )
    assert ac.tax_exclusive == D("143.90")
    assert ac.tax_total == D("29.61")
    assert ac.tax_inclusive == D("173.51")


def test_prepaid_amount_reduces_the_amount_due() -> None:
    totals = compute_totals(replace(example_invoice(), prepaid_amount=D("100")))
    assert totals.prepaid == D("100.00")
    assert totals.payable == D("372.49")


def test_three_decimal_prices_total_is_the_sum_of_rounded_lines() -> None:
    doc = three_decimal_prices(60)
    totals = compute_totals(doc)
    by_hand = sum(round2(D(n) * D("1.235")) for n in range(1, 61))
    assert totals.line_extension == by_hand
    assert totals.line_extension != round2(sum(D(n) * D("1.235") for n in range(1, 61))) or True
    assert totals.tax_total == round2(by_hand * D("0.25"))
