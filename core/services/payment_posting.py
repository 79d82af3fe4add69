"""The payments of a batch of remittances, posted with what stays fixed looked up once.

``PaymentPoster.pay`` does what ``record_payment`` (a payment, no prepayment order, no
idempotency key of its own) followed by ``settle_items`` for each application does, inside the
caller's unit of work: the same checks in the same order and with the same errors, the same
numbers taken from the same sequences in the same order, the same open items, settlements,
journal entries and events. What a unit of work does not change while it posts payments is
looked up once per poster instead of once or twice per settlement: the chart's accounts for
the roles, the tolerances, whether a month is open (periods are closed only by
``close_period``, never while remittances are applied). The matcher's allocations are applied
as they are, without a command and an ``Application`` each.

``apply_remittances`` uses one poster per batch; tests/support/remittance_batches.py compares
its ledger (entries, lines, events, numbers) with ``apply_remittance`` one by one.
``settle_items`` is a poster of one settlement and ``record_payment`` makes its payment item
through ``PaymentPoster.payment``, so a payment's and a settlement's postings have one
implementation each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from core.domain.errors import NotFound, RuleViolation
from core.domain.events import DeductionOpened, PaymentRecorded, SettlementPosted
from core.domain.journal import JournalEntry, JournalLine
from core.domain.money import quantize
from core.domain.posting import payment_amounts, settlement_lines_to
from core.domain.receivables import (
    ZERO,
    ItemKind,
    OpenItem,
    Settlement,
    make_settlement,
    settlement_split,
)
from core.domain.remittance import Allocation
from core.domain.settings import Tolerances
from core.ports import PostingRows, SettlementValues, UnitOfWork
from core.services import _common as c

_PAYMENT, _PREPAYMENT = ItemKind.PAYMENT, ItemKind.PREPAYMENT
_DEDUCTION = ItemKind.DEDUCTION
# ``_common.next_number``'s text of each sequence the poster takes from (``%06d`` writes an
# int as ``:06d`` does), filled with the number: no prefix look-up and format spec per number
_NUMBER = {
    name: f"{c.PREFIXES[name]}-%06d" for name in ("payment", "settlement", "deduction", "journal")
}


class PaymentPoster:
    """Posts payments and their settlements in one unit of work (see the module)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        chart = uow.settings.chart
        self.chart = chart
        self.tolerances: Tolerances = uow.settings.tolerances
        self._roles: dict[str, str] = {}  # role -> account, each looked up where first needed
        self._open: set[tuple[int, int]] = set()  # months found open
        self._zeros: dict[str, Decimal] = {}  # currency -> quantize(ZERO, currency), one object
        self._lines_roles: dict[bool, tuple[str, str, str, str]] = {}  # PENNY? -> accounts
        self._next = uow.sequences.next

    def _number(self, sequence: str) -> str:
        """``_common.next_number(uow, sequence)``."""
        return _NUMBER[sequence] % self._next(sequence)

    def _role(self, role: str) -> str:
        """The chart's account for ``role`` (its error where ``settle_items`` would raise it)."""
        found = self._roles.get(role)
        if found is None:
            found = self._roles[role] = self.chart.for_role(role)
        return found

    def _settlement_roles(self, reason: str) -> tuple[str, str, str, str]:
        """The accounts ``settlement_lines_to`` takes after the items (cash discount, penny or
        underpayment, deductions, overpayment), kept once all four are found: until then
        looked up on every settlement in the order ``settlement_lines`` looks them up, so a
        missing role raises where and as there (deductions first)."""
        penny = reason == "PENNY"
        found = self._lines_roles.get(penny)
        if found is None:
            role = self._role
            deductions = role("deductions")
            discount = role("cash_discount")
            small = role("penny" if penny else "underpayment")
            found = self._lines_roles[penny] = (discount, small, deductions, role("overpayment"))
        return found

    def _check_open(self, day: date) -> None:
        month = (day.year, day.month)
        if month not in self._open:
            c.check_open(self.uow, day)
            self._open.add(month)

    def _zero(self, currency: str) -> Decimal:
        """``quantize(ZERO, currency)``, one shared object per currency: a part the split left
        at ``ZERO`` is stored as it (the same value and exponent: a Decimal never changes), so
        a column of them is bound once per distinct value at flush instead of once per row.
        An unknown currency fails here as ``quantize`` of the amount would."""
        zero = self._zeros.get(currency)
        if zero is None:
            zero = self._zeros[currency] = quantize(ZERO, currency)
        return zero

    def _post(
        self, day: date, source_type: str, source_number: str, lines: Sequence[JournalLine],
        text: str,
    ) -> None:  # fmt: skip
        """``_common.post`` (nothing when there are no lines)."""
        if not lines:
            return
        self._check_open(day)
        uow = self.uow
        number = self._number("journal")
        uow.journal.add(JournalEntry(number, day, source_type, source_number, tuple(lines), text))

    def payment(
        self,
        customer: str,
        amount: Decimal,
        reference: str,
        payment_date: date | None,
        currency: str | None,
        prepay_order: str | None = None,
    ) -> OpenItem:
        """The payment item of ``record_payment`` (a prepayment of ``prepay_order`` when given),
        added with its entry (Dr Bank / Cr AR or Customer prepayments) and its event."""
        return self._payment(
            self.uow.posting_rows(), customer, amount, reference, payment_date, currency,
            prepay_order,
        )  # fmt: skip

    def _payment(
        self, rows: PostingRows, customer: str, amount: Decimal, reference: str,
        payment_date: date | None, currency: str | None, prepay_order: str | None,
    ) -> OpenItem:  # fmt: skip
        """``payment``, its entry (``payment_amounts``: it always balances) and event put to
        ``rows``."""
        uow = self.uow
        cust = c.customer(uow, customer)
        payer = c.customer(uow, cust.invoice_account)
        currency = currency or payer.currency
        paid = quantize(amount, currency)
        if paid <= 0:
            raise RuleViolation("AMOUNT", f"A payment must be positive, not {amount}.")
        day = payment_date or uow.clock.today()
        kind, account, order_number = _PAYMENT, self._role("ar"), ""
        if prepay_order:
            order = c.order(uow, prepay_order)
            if order.invoice_account != payer.account:
                raise RuleViolation(
                    "PREPAY_ORDER",
                    f"Order {order.number} is billed to {order.invoice_account}, "
                    f"not {payer.account}.",
                )
            kind, account, order_number = _PREPAYMENT, self._role("prepayments"), order.number
        number = self._number("payment")
        who = payer.account
        # every field positional (a quicker call): the defaults of the fields not given before
        item = OpenItem(
            number, kind, who, currency, account, day, day, -paid, -paid, None, ZERO,
            order_number, reference, "", 0,
        )  # fmt: skip
        uow.open_items.add(item)
        lines = payment_amounts(item, self._role("bank"))
        self._check_open(day)
        journal = self._number("journal")
        rows.entry(journal, day, kind.value, number, reference, currency, who, lines)
        rows.event(PaymentRecorded, number, who, reference, currency, paid)
        return item

    def pay(
        self,
        customer: str,
        amount: Decimal,
        reference: str,
        payment_date: date | None,
        allocations: Sequence[Allocation],
        currency: str | None,
    ) -> OpenItem:
        """``record_payment`` of ``RecordPayment(customer, amount, reference, payment_date,
        (one Application per allocation), currency=currency)``: the payment item. The payment
        and all its settlements put their rows to one ``posting_rows`` (nothing flushes while
        a payment is posted)."""
        rows = self.uow.posting_rows()
        item = self._payment(rows, customer, amount, reference, payment_date, currency, None)
        if allocations:
            get, day, settle = self.uow.open_items.get, item.doc_date, self._settle
            for a in allocations:
                debit = get(a.item_number)
                if debit is None:
                    raise NotFound("Open item", a.item_number)
                settle(rows, debit, item, day, a.consumed, a.in_full, a.reason, a.deduct)
        return item

    def settle(
        self, debit: OpenItem, credit: OpenItem, day: date, requested: Decimal | None,
        in_full: bool, reason: str, deduct: bool,
    ) -> Settlement:  # fmt: skip
        """``settle_items(uow, debit, credit, day, requested=..., in_full=..., reason=...,
        deduct=...)``."""
        rows = self.uow.posting_rows()
        values = self._settle(rows, debit, credit, day, requested, in_full, reason, deduct)
        return make_settlement(*values)

    def _settle(
        self, rows: PostingRows, debit: OpenItem, credit: OpenItem, day: date,
        requested: Decimal | None, in_full: bool, reason: str, deduct: bool,
    ) -> SettlementValues:  # fmt: skip
        """``settle``, the settlement and its events put to ``rows`` (its entry, when it has
        one, through ``uow.journal``): the settlement's values."""
        self._check_open(day)
        uow = self.uow
        amount, disc, write_off, over, deducted, why = settlement_split(
            debit, credit, day, self.tolerances, requested, in_full, reason, deduct
        )
        cur = debit.currency
        deduction_item = ""
        if deducted:
            deduction_item = self._number("deduction")
            deduction = OpenItem(
                deduction_item, _DEDUCTION, debit.customer_account, cur,
                self._role("deductions"), day, day, deducted, deducted, None, ZERO,
                debit.order_number, debit.number, why, 0,
            )  # fmt: skip
            uow.open_items.add(deduction)
            rows.event(DeductionOpened, deduction_item, debit.number, why, deducted)
        # each part rounded to the currency, a part left at ZERO the currency's shared zero
        # (the number first, then the rounding, as the arguments were evaluated before)
        number = self._number("settlement")
        zero = self._zero(cur)
        applied = zero if amount is ZERO else quantize(amount, cur)
        discount = zero if disc is ZERO else quantize(disc, cur)
        written_off = zero if write_off is ZERO else quantize(write_off, cur)
        over_written_off = zero if over is ZERO else quantize(over, cur)
        deduction_part = zero if deducted is ZERO else quantize(deducted, cur)
        values: SettlementValues = (
            number, day, debit.customer_account, cur, debit.number, credit.number, applied,
            discount, written_off, over_written_off, deduction_part, deduction_item, why,
        )  # fmt: skip
        # the settlement's reductions (``debit_reduction``, ``credit_reduction``); with
        # nothing split off each is its amount (the zero parts are zeros of the amount's
        # exponent, and the amount is positive: adding them changes no digit, no exponent
        # and no sign)
        if disc is ZERO and write_off is ZERO and deducted is ZERO:
            debit.open_amount -= applied
        else:
            debit.open_amount -= applied + discount + written_off + deduction_part
        credit.open_amount += applied if over is ZERO else applied + over_written_off
        uow.open_items.save(debit)
        uow.open_items.save(credit)
        rows.settlement(values)
        roles = self._settlement_roles(why)
        # ``settlement_lines_to``'s own test for no lines (cash moved within one control
        # account, nothing split off), without making the settlement
        if debit.account != credit.account or (
            discount or written_off or deduction_part or over_written_off
        ):
            lines = settlement_lines_to(make_settlement(*values), debit, credit, *roles)
            self._post(day, "settlement", number, lines, f"{credit.number} -> {debit.number}")
        rows.event(SettlementPosted, number, debit.number, credit.number, applied)
        return values
