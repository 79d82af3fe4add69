"""A remittance applied to a real ledger, figures by hand; shared by the in-memory unit test
and the SQLite / PostgreSQL integration test.

Parent P1 pays for its store S1 on 2/10 net 30, tax exempt. Invoices dated 2026-01-05 (discount
until 01-15):
  INV-000001 free text 500.00, discount 10.00
  INV-000002 free text 200.00, discount  4.00
  INV-000003 S1's order SO-000001 (PO S1-PO-9): WID 30 x 10.00 = 300.00, billed to P1,
             discount 6.00
  INV-000004 free text 120.00, discount 2.40
Remittance TRN-1 from P1 on 01-12, 1005.00 = 490.00 + 171.00 + 294.00 + 50.00:
  'inv 1'       490.00 discount 10.00            -> cash 490.00 + discount 10.00
  'INV-000002'  171.00, ADX -25.00 reason 11     -> 200 - 171 - 25 = 4.00 = discount in time;
                                                    deduction DED-000001 25.00 (> 10.00) reason 11
  PO 'S1-PO-9'  294.00                           -> cash 294.00 + discount 6.00
  'INV-000099'   50.00                           -> unknown: stays on account
  PAY-000001 open: -1005.00 + 490.00 + 171.00 + 294.00 = -50.00
Payment TRN-2 without lines on 01-20 (after the discount date), 120.00 -> INV-000004 by
subset sum (the only open invoice left).
Trial balance: bank 1005.00 + 120.00 = 1125.00; discounts 10 + 4 + 6 = 20.00; deductions 25.00;
AR 500 + 200 + 300 + 120 - 1125 - 20 - 25 = -50.00; revenue -1120.00; inventory/COGS 180.00.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core import services as s
from core.domain.catalog import Item
from core.domain.commands import (
    ApplyRemittance,
    FreeTextInvoice,
    FreeTextLine,
    InvoiceOrder,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
)
from core.domain.parties import Customer, PaymentTerms
from core.domain.remittance import AdjustmentInput, RemittanceInput, RemittanceLineInput
from core.ports import UnitOfWork
from core.services.cash_application import RemittanceApplied

TERMS = PaymentTerms.parse("2/10 net 30")
TRN1 = RemittanceInput(
    D("1005.00"),
    date(2026, 1, 12),
    "TRN-1",
    "P1",
    (
        RemittanceLineInput("IV", "inv 1", D("490.00"), D("500.00"), D("10.00")),
        RemittanceLineInput(
            "IV",
            "INV-000002",
            D("171.00"),
            D("200.00"),
            D("4.00"),
            (AdjustmentInput(D("-25.00"), "11", "DM-7"),),
        ),
        RemittanceLineInput("PO", "S1-PO-9", D("294.00")),
        RemittanceLineInput("IV", "INV-000099", D("50.00")),
    ),
    "USD",
)
TRN2 = RemittanceInput(D("120.00"), date(2026, 1, 20), "TRN-2", "P1", (), "USD")
EXPECTED_TRIAL_BALANCE = {
    "1100": D("1125.00"),
    "1200": D("-50.00"),
    "1210": D("25.00"),
    "1400": D("-180.00"),
    "4000": D("-1120.00"),
    "5000": D("180.00"),
    "6100": D("20.00"),
}


def invoices(uow: UnitOfWork) -> None:
    s.put_customers(
        uow,
        [
            Customer("P1", "Parent Stores", "USD", TERMS),
            Customer("S1", "Store 1", "USD", TERMS, parent_account="P1"),
        ],
    )
    s.put_items(uow, [Item("WID", "Widget", D("10.00"), D("6.00"), on_hand=D(100))])
    for amount in ("500.00", "200.00"):
        s.free_text_invoice(
            uow, FreeTextInvoice("P1", (FreeTextLine("4000", D(amount), "Services"),))
        )
    order = s.place_order(
        uow, PlaceOrder("S1", (OrderLineInput("WID", D(30)),), po_number="S1-PO-9", confirm=True)
    )
    s.post_packing_slip(uow, PostPackingSlip(order.number))
    s.invoice_order(uow, InvoiceOrder(order.number))
    s.free_text_invoice(uow, FreeTextInvoice("P1", (FreeTextLine("4000", D("120.00"), "Fees"),)))


def run(uow: UnitOfWork) -> tuple[RemittanceApplied, RemittanceApplied]:
    invoices(uow)
    first = s.apply_remittance(uow, ApplyRemittance(TRN1, idempotency_key="820-TRN-1"))
    second = s.apply_remittance(uow, ApplyRemittance(TRN2, idempotency_key="820-TRN-2"))
    return first, second
