"""Use cases of the ledger, each one unit of work (see ``core.ports.UnitOfWork``).

Writes: ``place_order``, ``confirm_order``, ``pick_order``, ``cancel_order``,
``create_quotation``, ``move_quotation``, ``post_packing_slip``, ``invoice_order``,
``invoice_all_shipped``, ``free_text_invoice``, ``issue_credit_note``, ``record_payment``,
``settle``, ``write_off``, ``apply_remittance``, ``apply_remittances``, ``apply_payment``,
``rematch_payment``, ``accept_deduction``,
``place_orders``, ``post_packing_slips``, ``invoice_orders``, ``record_payments`` (batches),
``set_rebate_agreement``, ``accrue_rebate``, ``pay_rebate``, ``put_customers``, ``put_items``,
``close_period``, ``reverse_entry``. Reads: ``open_items``, ``open_deductions``, ``aging``,
``statement``, ``trial_balance``, ``trace``.
"""

from core.services.admin import close_period, put_customers, put_items, reverse_entry
from core.services.batches import (
    invoice_orders,
    place_orders,
    post_packing_slips,
    record_payments,
)
from core.services.cash_application import (
    apply_payment,
    apply_remittance,
    apply_remittances,
    rematch_payment,
)
from core.services.deductions import accept_deduction, open_deductions
from core.services.invoicing import (
    free_text_invoice,
    invoice_all_shipped,
    invoice_order,
    issue_credit_note,
)
from core.services.orders import (
    cancel_order,
    change_order,
    confirm_order,
    create_quotation,
    move_quotation,
    pick_order,
    place_order,
)
from core.services.outbox import mark_published, pending_events
from core.services.rebates import accrue_rebate, pay_rebate, set_rebate_agreement
from core.services.reports import aging, open_items, statement, trace, trial_balance
from core.services.settlement import record_payment, settle, write_off
from core.services.shipping import post_packing_slip

__all__ = [
    "accept_deduction",
    "accrue_rebate",
    "aging",
    "apply_payment",
    "apply_remittance",
    "apply_remittances",
    "cancel_order",
    "change_order",
    "close_period",
    "confirm_order",
    "create_quotation",
    "free_text_invoice",
    "invoice_all_shipped",
    "invoice_order",
    "invoice_orders",
    "issue_credit_note",
    "mark_published",
    "move_quotation",
    "open_deductions",
    "open_items",
    "pay_rebate",
    "pending_events",
    "pick_order",
    "place_order",
    "place_orders",
    "post_packing_slip",
    "post_packing_slips",
    "put_customers",
    "put_items",
    "record_payment",
    "record_payments",
    "rematch_payment",
    "reverse_entry",
    "set_rebate_agreement",
    "settle",
    "statement",
    "trace",
    "trial_balance",
    "write_off",
]
