"""What we acknowledge, ship and bill traces back to the 850 and never exceeds it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gateway.transactions.consistency import check_810, check_855, check_856
from gateway.transactions.ts810 import render_810
from gateway.transactions.ts855 import LineAnswer
from tests.unit.transactions.outbound_cases import GADGETS, INVOICE, MAPPING, NOTICE, WIDGETS

ORDERED = {"1": Decimal(24), "2": Decimal(6)}


def test_consistent_documents_pass() -> None:
    assert check_856(NOTICE, ORDERED) == []
    assert check_810(INVOICE, ORDERED, render_810(INVOICE, MAPPING)) == []
    assert check_855([LineAnswer("1", "IA", Decimal(24), "EA")], ORDERED) == []


def test_shipping_more_than_ordered_or_an_unknown_line() -> None:
    order = replace(
        NOTICE.orders[0],
        cartons=(),
        items=(replace(WIDGETS, quantity=Decimal(25)), replace(GADGETS, po_line="9")),
    )
    problems = check_856(replace(NOTICE, orders=(order,)), ORDERED)
    assert problems == [
        "856 ships 25 on line 1, more than the 24 ordered",
        "856 line 9 names no line of the 850",
    ]


def test_billing_more_than_shipped_and_a_wrong_tds() -> None:
    body = render_810(INVOICE, MAPPING)
    tds = next(row for row in body if row[0] == "TDS")
    tds[1] = "99999"
    problems = check_810(INVOICE, {"1": Decimal(20), "2": Decimal(6)}, body)
    assert problems == [
        "810 bills 24 on line 1, more than the 20 shipped",
        "810 TDS01 999.99 differs from its lines, charges and taxes, 641.34",
    ]


def test_855_answers_only_lines_of_the_850() -> None:
    assert check_855([LineAnswer("7", "IA", Decimal(1), "EA")], ORDERED) == [
        "855 line 7 answers no line of the 850"
    ]
