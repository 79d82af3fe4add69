"""Posting rules: which accounts each business event debits and credits.

==================  ==========================================================================
event               lines (Dr positive / Cr negative)
==================  ==========================================================================
packing slip        Dr COGS / Cr Inventory at standard cost (accounting currency)
return receipt      Dr Inventory / Cr COGS
invoice             Dr AR total / Cr revenue per line amount / Dr allowances / Cr charges /
                    Cr sales tax payable per tax code
credit note         the invoice lines mirrored (Dr revenue, Dr tax / Cr AR)
payment             Dr Bank / Cr AR (a prepayment: Cr Customer prepayments)
settlement          Dr cash discount, Dr underpayment (or penny) write-off, Dr deductions /
                    Cr AR; excess written off Dr AR / Cr overpayment (or penny); a prepayment
                    applied to an invoice moves Dr Customer prepayments / Cr AR
rebate accrual      Dr Customer rebates / Cr Rebate provision
rebate payout       a credit note: Dr Rebate provision / Cr AR
==================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import repeat
from operator import is_, neg

from core.domain.documents import Invoice, InvoiceLine, PackingSlip
from core.domain.journal import ChartOfAccounts, JournalLine, make_journal_line
from core.domain.receivables import OpenItem, Settlement
from core.domain.settings import LedgerSettings

Lines = tuple[JournalLine, ...]
ZERO = Decimal(0)


def packing_slip_lines(slip: PackingSlip, chart: ChartOfAccounts) -> Lines:
    """Dr COGS / Cr Inventory at the slip's cost (mirrored for a receipt), summed per account
    with zero sums dropped: nothing when the cost is zero or both roles name one account (the
    two amounts cancel), else each amount added to a zero, as a sum per account makes it."""
    cost = slip.cost_total
    cogs, inventory = chart.for_role("cogs"), chart.for_role("inventory")
    if not cost or cogs == inventory:
        return ()
    sign = -1 if slip.is_receipt else 1
    cur, who = slip.currency, slip.customer_account
    return (
        make_journal_line(cogs, cur, ZERO + sign * cost, who, ""),
        make_journal_line(inventory, cur, ZERO + -sign * cost, who, ""),
    )


def invoice_lines(inv: Invoice, settings: LedgerSettings) -> Lines:
    """Dr AR total / Cr revenue per account / Dr allowances / Cr charges / Cr tax per account
    (mirrored for a credit note), summed per account."""
    chart = settings.chart
    sums: dict[str, Decimal] = {chart.for_role("ar"): inv.total}
    get = sums.get

    def add(account: str, amount: Decimal) -> None:
        sums[account] = get(account, ZERO) + amount

    allowances, charges = chart.for_role("allowances"), chart.for_role("charges")
    lines = inv.lines
    if lines and _one_account(lines):
        first = lines[0]
        acct, to_tax = first.account, settings.tax_account(first.tax_code)
        if len({*sums, acct, allowances, charges, to_tax}) == 5:
            # every key its own: each sum is the loop's own fold, a column at a time
            # the columns by comprehensions: their attribute loads are specialised to the slots
            # (an ``attrgetter`` looks each name up on the type)
            sums[acct] = sum(map(neg, [ln.line_amount for ln in lines]), ZERO)
            sums[allowances] = _fold([ln.allowance_amount for ln in lines], False)
            sums[charges] = _fold([ln.charge_amount for ln in lines], True)
            sums[to_tax] = sum(map(neg, [ln.tax_amount for ln in lines]), ZERO)
            lines = ()
    tax_accounts: dict[str, str] = {}  # tax code -> account, looked up once per code
    for ln in lines:  # add() inlined: this loop runs for every invoice line
        sums[ln.account] = get(ln.account, ZERO) + -ln.line_amount
        sums[allowances] = get(allowances, ZERO) + ln.allowance_amount
        sums[charges] = get(charges, ZERO) + -ln.charge_amount
        tax_acct = tax_accounts.get(ln.tax_code)
        if tax_acct is None:
            tax_acct = tax_accounts[ln.tax_code] = settings.tax_account(ln.tax_code)
        sums[tax_acct] = get(tax_acct, ZERO) + -ln.tax_amount
    for ac in inv.charges:
        add(charges if ac.is_charge else allowances, -ac.signed)
        tax = ac.tax_amount if ac.is_charge else -ac.tax_amount
        add(settings.tax_account(ac.tax_code or "EXEMPT"), -tax)
    sign = -1 if inv.is_credit else 1
    cur, who = inv.currency, inv.customer_account
    return tuple(
        make_journal_line(acct, cur, sign * amount, who, "")
        for acct, amount in sums.items()
        if amount
    )


def _fold(values: list[Decimal], negated: bool) -> Decimal:
    """``sum(values, ZERO)``, or of the values negated: a line's allowance and charge are mostly
    one zero object throughout. Then the fold ends where its first step does: adding a zero ``t``
    to the zero ``ZERO + t`` keeps its exponent (the smaller of the two) and its sign (that of
    two zeros of one sign, else the rounding's, as the first step had), so one addition gives
    the same digits."""
    first = values[0]
    if not first and all(map(is_, values, repeat(first))):
        return ZERO + (-first if negated else first)
    return sum(map(neg, values), ZERO) if negated else sum(values, ZERO)


def _one_account(lines: Sequence[InvoiceLine]) -> bool:
    """True when every line posts to the first line's account with its tax code."""
    first = lines[0]
    acct, code = first.account, first.tax_code
    return all(ln.account == acct and ln.tax_code == code for ln in lines)


def payment_amounts(item: OpenItem, bank: str) -> tuple[tuple[str, Decimal], ...]:
    """A payment's entry as (account, amount) pairs in the item's currency for its customer:
    Dr ``bank`` / Cr the item's account (AR, or Customer prepayments) at the amount paid; the
    two always balance."""
    amount = -item.amount  # payments are credit items
    return ((bank, amount), (item.account, -amount))


def settlement_lines(
    stl: Settlement,
    debit: OpenItem,
    credit: OpenItem,
    deduction_account: str,
    chart: ChartOfAccounts,
) -> Lines:
    """The settlement's pairs of lines (moved cash, discount, write-off, deduction, overpayment
    written off) summed by account, in the order each account first appears, zero sums left
    out: ``summarise`` of those lines, without making a line per pair."""
    small = "penny" if stl.reason == "PENNY" else "underpayment"
    return settlement_lines_to(
        stl,
        debit,
        credit,
        chart.for_role("cash_discount"),
        chart.for_role(small),
        deduction_account,
        chart.for_role("overpayment"),
    )


def settlement_lines_to(
    stl: Settlement,
    debit: OpenItem,
    credit: OpenItem,
    discount_account: str,
    small_account: str,
    deduction_account: str,
    overpayment_account: str,
) -> Lines:
    """``settlement_lines`` with the chart's accounts given (``small_account``: the penny
    account for a ``PENNY`` settlement, else the underpayment one). Each pair adds its amount
    to the debited account's sum, then its negation to the credited one's, in this order.
    Cash moved within one control account with nothing split off (most settlements) sums to
    nothing on every account: no lines, without the sums."""
    dr_acct, cr_acct = debit.account, credit.account
    if cr_acct == dr_acct and not (
        stl.discount or stl.write_off or stl.deduction or stl.overpay_write_off
    ):
        return ()
    pairs = [
        (discount_account, dr_acct, stl.discount),
        (small_account, dr_acct, stl.write_off),
        (deduction_account, dr_acct, stl.deduction),
        (cr_acct, overpayment_account, stl.overpay_write_off),
    ]
    if cr_acct != dr_acct:
        pairs.insert(0, (cr_acct, dr_acct, stl.amount))
    sums: dict[str, Decimal] = {}
    get = sums.get
    for debited, credited, amount in pairs:
        sums[debited] = get(debited, ZERO) + amount
        sums[credited] = get(credited, ZERO) + -amount
    cur, who = stl.currency, stl.customer_account
    return tuple(make_journal_line(a, cur, amount, who, "") for a, amount in sums.items() if amount)


def rebate_accrual_lines(
    customer: str, currency: str, amount: Decimal, chart: ChartOfAccounts
) -> Lines:
    return (
        JournalLine(chart.for_role("rebate_expense"), currency, amount, customer),
        JournalLine(chart.for_role("rebate_provision"), currency, -amount, customer),
    )
