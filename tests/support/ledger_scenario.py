"""The whole order-to-cash cycle with figures computed by hand, shared by the unit test (in memory)
and the integration tests (SQLite, PostgreSQL).

Customer C1 pays on 2/10 net 30 and is taxed at STD 8.25 %. Items: WID 10.00 (cost 6.00, 100 on
hand), GAD 25.00 (cost 15.00, 50 on hand).

SO-000001 (PO-777): WID 30, GAD 4 with a 10 % promo allowance, header freight 20.00 (exempt).
  PS-000001 on 01-05 ships WID 20, GAD 4: cost 20x6 + 4x15 = 180.00
  INV-000001 on 01-05: WID 200.00 tax 16.50; GAD 100.00 - 10.00 = 90.00 tax 7.425 -> 7.43;
                        freight 20.00; net 310.00, tax 23.93, total 333.93;
                        discount 2 % = 6.6786 -> 6.68 until 01-15, due 02-04
  PS-000002 on 01-08 ships WID 10: cost 60.00
  INV-000002 on 01-08: WID 100.00 tax 8.25, total 108.25 (freight only on the first invoice)
  CN-000001 on 01-09 credits INV-000002 line 1 qty 2: 20.00 + 1.65 = 21.65, settled against it:
                        INV-000002 open 108.25 - 21.65 = 86.60
SO-000002: WID 5 = 50.00 tax 4.125 -> 4.13, total 54.13
  PAY-000001 on 01-06: prepayment 60.00 for SO-000002 (Cr Customer prepayments)
  PS-000003 + INV-000003 on 01-09: prepayment settles 54.13 automatically; 5.87 stays prepaid
PAY-000002 on 01-14: 312.25 for INV-000001 in full, reason DAMAGED: discount 6.68 (in time),
  remainder 333.93 - 312.25 - 6.68 = 15.00 > 10.00 tolerance -> deduction DED-000001 15.00
PAY-000003 on 01-20: 86.58 for INV-000002 in full: penny difference 0.02 written off
Rebate 1 % of January net 310 + 100 + 50 - 20 = 440.00 -> 4.40 accrued, paid as CN-000002.

Trial balance (debit positive):
  1100 bank 312.25 + 60.00 + 86.58 = 458.83
  1200 AR   333.93 + 108.25 + 54.13 - 21.65 - 312.25 - 6.68 - 15.00 - 54.13 - 86.58 - 0.02
            - 4.40 = -4.40 (the unpaid rebate credit note)
  1210 deductions 15.00; 1400 inventory -(180 + 60 + 30) = -270.00; 5000 COGS 270.00
  2200 tax -(23.93 + 8.25 + 4.13 - 1.65) = -34.66; 2300 prepayments -60.00 + 54.13 = -5.87
  2400 rebate provision -4.40 + 4.40 = 0; 4000 revenue -(300 + 100 + 50 - 20) = -430.00
  4100 allowances 10.00; 4200 charges -20.00; 4900 penny 0.02; 6100 discounts 6.68;
  6300 rebates 4.40
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core import services as s
from core.domain.catalog import Item
from core.domain.charges import AllowanceCharge
from core.domain.commands import (
    AccrueRebate,
    Application,
    InvoiceOrder,
    IssueCreditNote,
    OrderLineInput,
    PayRebate,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
    SetRebateAgreement,
)
from core.domain.parties import Customer, PaymentTerms
from core.ports import UnitOfWork

EXPECTED_TRIAL_BALANCE = {
    "1100": D("458.83"),
    "1200": D("-4.40"),
    "1210": D("15.00"),
    "1400": D("-270.00"),
    "2200": D("-34.66"),
    "2300": D("-5.87"),
    "2400": D("0.00"),
    "4000": D("-430.00"),
    "4100": D("10.00"),
    "4200": D("-20.00"),
    "4900": D("0.02"),
    "5000": D("270.00"),
    "6100": D("6.68"),
    "6300": D("4.40"),
}


def master_data(uow: UnitOfWork) -> None:
    s.put_customers(
        uow,
        [Customer("C1", "Acme Stores", "USD", PaymentTerms.parse("2/10 net 30"), tax_code="STD")],
    )
    s.put_items(
        uow,
        [
            Item(
                "WID",
                "Widget",
                D("10.00"),
                D("6.00"),
                "EA",
                D(100),
                "00012345600012",
                {"CA": D(12)},
            ),
            Item("GAD", "Gadget", D("25.00"), D("15.00"), "EA", D(50)),
        ],
    )


def run(uow: UnitOfWork) -> None:
    master_data(uow)
    promo = AllowanceCharge(False, "promo", percent=D(10))
    freight = AllowanceCharge(True, "freight", amount=D("20.00"), tax_code="EXEMPT")
    so1 = s.place_order(
        uow,
        PlaceOrder(
            "C1",
            (
                OrderLineInput("WID", D(30), external_line_ref="1"),
                OrderLineInput("GAD", D(4), external_line_ref="2", allowances=(promo,)),
            ),
            po_number="PO-777",
            external_refs={"ISA13": "000000905", "ST02": "0001"},
            charges=(freight,),
            order_date=date(2026, 1, 5),
            idempotency_key="850-set-1",
        ),
    )
    s.post_packing_slip(uow, PostPackingSlip(so1.number, {1: D(20), 2: D(4)}, date(2026, 1, 5)))
    s.invoice_order(uow, InvoiceOrder(so1.number, date(2026, 1, 5)))
    s.post_packing_slip(uow, PostPackingSlip(so1.number, None, date(2026, 1, 8)))
    s.invoice_order(uow, InvoiceOrder(so1.number, date(2026, 1, 8)))
    s.issue_credit_note(uow, IssueCreditNote("INV-000002", {1: D(2)}, credit_date=date(2026, 1, 9)))
    so2 = s.place_order(
        uow, PlaceOrder("C1", (OrderLineInput("WID", D(5)),), order_date=date(2026, 1, 6))
    )
    s.record_payment(
        uow, RecordPayment("C1", D("60.00"), "WIRE-1", date(2026, 1, 6), prepay_order=so2.number)
    )
    s.post_packing_slip(uow, PostPackingSlip(so2.number, None, date(2026, 1, 9)))
    s.invoice_order(uow, InvoiceOrder(so2.number, date(2026, 1, 9)))
    s.record_payment(
        uow,
        RecordPayment(
            "C1",
            D("312.25"),
            "CHK-100",
            date(2026, 1, 14),
            (Application("INV-000001", D("312.25"), True, "DAMAGED"),),
        ),
    )
    s.record_payment(
        uow,
        RecordPayment(
            "C1",
            D("86.58"),
            "CHK-101",
            date(2026, 1, 20),
            (Application("INV-000002", D("86.58"), True),),
        ),
    )
    s.set_rebate_agreement(uow, SetRebateAgreement("C1", D(1)))
    s.accrue_rebate(uow, AccrueRebate("C1", date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 31)))
    s.pay_rebate(uow, PayRebate("C1", payout_date=date(2026, 1, 31)))
