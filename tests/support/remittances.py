"""A generator of open invoices and remittances with known truth, for the cash-application
tests and the benchmark.

Every remittance line is made by one scenario that knows what the payer meant: which items the
line pays and whether a careful matcher may post it on its own. Clean scenarios (exact number,
normalised references, PO numbers, a PO's invoices together, cash discount in time, ADX
deductions, overpayment, a parent paying for its stores, our number inside a longer text, a
payment without lines that adds up to a unique set) must post; traps must not: a discount taken
late, a transposed digit, an unknown invoice, a payment that two invoices of the same amount
could explain, a reference that two invoices share after normalisation with the same amount,
an item on a store's own account. Traps that can be resolved safely (two invoices of the same
amount with the line naming one; a shared normalised reference told apart by the amount) are
clean scenarios with a trap inside.

Each payer has its own invoices plus distractors (other open invoices, and other customers'
items whose numbers fold to the same key) so a match has to be earned.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.domain.parties import Customer, PaymentTerms
from core.domain.receivables import ItemKind, OpenItem
from core.domain.remittance import AdjustmentInput, RemittanceInput, RemittanceLineInput

PAY_DATE = date(2026, 3, 10)
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Truth:
    """What the payer meant by one line (``line_index`` None: a payment without lines)."""

    scenario: str
    line_index: int | None
    auto: bool  # a careful matcher may post it unattended
    items: tuple[str, ...]  # the items the payer pays (empty: none of ours)


@dataclass(frozen=True, slots=True)
class Case:
    remittance: RemittanceInput
    truths: tuple[Truth, ...]


@dataclass
class Book:
    customers: list[Customer] = field(default_factory=list)
    items: list[OpenItem] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)

    _children: dict[str, set[str]] = field(default_factory=dict)

    def accounts_of(self, payer: str) -> frozenset[str]:
        """The payer and its stores (the customers are indexed on first use)."""
        if not self._children:
            for c in self.customers:
                self._children.setdefault(c.parent_account or "", set()).add(c.account)
        return frozenset({payer, *self._children.get(payer, ())})


Line = tuple[RemittanceLineInput, Truth]


class _Gen:
    def __init__(self, seed: int, distractors: int) -> None:
        self.rng = random.Random(seed)
        self.book = Book()
        self.seq = 0
        self.distractors = distractors

    def amount(self, low: int = 5_000, high: int = 500_000) -> Decimal:
        return Decimal(self.rng.randint(low, high)) * CENT

    def invoice(
        self,
        account: str,
        amount: Decimal | None = None,
        *,
        discount: str = "",  # "in_time", "late" or ""
        po: str = "",
        number: str = "",
    ) -> OpenItem:
        self.seq += 1
        total = amount if amount is not None else self.amount()
        doc = PAY_DATE - timedelta(days=self.rng.randint(1, 8) if discount != "late" else 25)
        disc_date, cash_discount = None, Decimal(0)
        if discount:
            disc_date = doc + timedelta(days=10)
            cash_discount = (total * Decimal("0.02")).quantize(CENT)
        item = OpenItem(
            number or f"INV-{self.seq:06d}", ItemKind.INVOICE, account, "USD", "1200", doc,
            doc + timedelta(days=30), total, total, disc_date, cash_discount,
            f"SO-{self.seq:06d}", po or f"PO{self.seq}-{self.rng.randint(100, 999)}",
        )  # fmt: skip
        self.book.items.append(item)
        return item

    def payer(self, n: int, stores: int = 0) -> str:
        account = f"C{n:05d}"
        self.book.customers.append(Customer(account, f"Payer {n}", "USD", PaymentTerms(30)))
        for k in range(stores):
            self.book.customers.append(
                Customer(f"{account}-S{k}", f"Store {k}", "USD", parent_account=account)
            )
        for _ in range(self.distractors):
            self.invoice(account)
        return account


def _line(
    item: OpenItem, ref: str | None = None, paid: Decimal | None = None
) -> RemittanceLineInput:
    cash = item.open_amount if paid is None else paid
    return RemittanceLineInput("IV", item.number if ref is None else ref, cash, item.amount)


def _variant(rng: random.Random, number: str) -> str:
    digits = number.split("-")[1]
    short = digits.lstrip("0")
    return rng.choice(
        [f"inv {short}", f"#{digits}", f"INV{digits}", f"Invoice No. {short}", digits,
         f"inv-{short.zfill(5)}", f" {number.lower()} "]
    )  # fmt: skip


# Scenarios: each makes its items on ``payer`` and returns the line with its truth.


def exact(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    return _line(item), Truth("exact", 0, True, (item.number,))


def normalised(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    return _line(item, _variant(g.rng, item.number)), Truth("normalised", 0, True, (item.number,))


def po_number(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    line = RemittanceLineInput("PO", item.reference, item.open_amount)
    return line, Truth("po", 0, True, (item.number,))


def po_all_invoices(g: _Gen, payer: str) -> Line:
    po = f"PO-{g.rng.randint(10**6, 10**7)}"
    items = [g.invoice(payer, po=po) for _ in range(g.rng.randint(2, 3))]
    paid = sum((i.open_amount for i in items), Decimal(0))
    line = RemittanceLineInput("PO", po, paid)
    return line, Truth("po_all", 0, True, tuple(i.number for i in items))


def discount_in_time(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer, discount="in_time")
    paid = item.open_amount - item.cash_discount
    line = RemittanceLineInput("IV", item.number, paid, item.amount, item.cash_discount)
    return line, Truth("discount_in_time", 0, True, (item.number,))


def adx_deduction(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    taken = g.amount(300, 3_000) if g.rng.random() < 0.8 else g.amount(100, 900)
    reason = g.rng.choice(["11", "12", "22", "54", "55", "59", "72"])
    adx = (AdjustmentInput(-taken, reason, f"DM{g.rng.randint(1000, 9999)}"),)
    line = RemittanceLineInput("IV", item.number, item.open_amount - taken, item.amount, None, adx)
    return line, Truth("adx", 0, True, (item.number,))


def overpayment(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    return _line(item, paid=item.open_amount + g.amount(100, 5_000)), Truth(
        "overpay", 0, True, (item.number,)
    )


def parent_for_store(g: _Gen, payer: str) -> Line:
    """A store's order is invoiced to (and paid by) the parent; the parent cites the store's PO."""
    item = g.invoice(payer, po=f"{payer}-S0-PO{g.rng.randint(100, 999)}")
    line = RemittanceLineInput("PO", item.reference, item.open_amount)
    return line, Truth("parent_for_store", 0, True, (item.number,))


def embedded(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    ref = f"PMT {item.number.split('-')[1]} STORE {g.rng.randint(1, 99)}"
    return _line(item, ref), Truth("embedded", 0, True, (item.number,))


def same_amount_named(g: _Gen, payer: str) -> Line:
    """Trap resolved: two invoices of one amount, the line names one of them."""
    first = g.invoice(payer)
    g.invoice(payer, first.amount)
    return _line(first), Truth("same_amount_named", 0, True, (first.number,))


def collision_by_amount(g: _Gen, payer: str) -> Line:
    """Trap resolved: our INV-0000nn and a legacy 'nn' fold to one key; the amount decides."""
    ours = g.invoice(payer)
    g.invoice(payer, number=ours.number.split("-")[1].lstrip("0") + "-")
    ref = ours.number.split("-")[1].lstrip("0")
    return _line(ours, ref), Truth("collision_by_amount", 0, True, (ours.number,))


def late_discount(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer, discount="late")
    paid = item.open_amount - item.cash_discount
    line = RemittanceLineInput("IV", item.number, paid, item.amount, item.cash_discount)
    return line, Truth("late_discount", 0, False, (item.number,))


def transposed(g: _Gen, payer: str) -> Line:
    item = g.invoice(payer)
    digits = item.number.split("-")[1].lstrip("0")
    if len(digits) < 2 or digits[-1] == digits[-2]:
        ref = digits[:-1]  # a dropped digit instead
    else:
        ref = digits[:-2] + digits[-1] + digits[-2]
    return _line(item, ref), Truth("transposed", 0, False, (item.number,))


def unknown(g: _Gen, payer: str) -> Line:
    line = RemittanceLineInput("IV", f"X{g.rng.randint(10**7, 10**8)}Z", g.amount())
    return line, Truth("unknown", 0, False, ())


def collision_same_amount(g: _Gen, payer: str) -> Line:
    """Trap: a reference that two invoices of the same amount share after normalisation."""
    ours = g.invoice(payer)
    g.invoice(payer, ours.amount, number=ours.number.split("-")[1].lstrip("0") + "/")
    ref = ours.number.split("-")[1].lstrip("0")
    return _line(ours, ref), Truth("collision_same_amount", 0, False, (ours.number,))


def store_account_item(g: _Gen, payer: str) -> Line:
    """Trap: a legacy invoice kept on the store's own account (not the payer's)."""
    item = g.invoice(f"{payer}-S0")
    return _line(item), Truth("store_account_item", 0, False, (item.number,))


CLEAN: list[tuple[Callable[[_Gen, str], Line], int]] = [
    (exact, 300), (normalised, 160), (po_number, 90), (po_all_invoices, 40),
    (discount_in_time, 120), (adx_deduction, 80), (overpayment, 25), (parent_for_store, 40),
    (embedded, 30), (same_amount_named, 20), (collision_by_amount, 15),
]  # fmt: skip
TRAPS: list[tuple[Callable[[_Gen, str], Line], int]] = [
    (late_discount, 8), (transposed, 8), (unknown, 8), (collision_same_amount, 5),
    (store_account_item, 4),
]  # fmt: skip


def _with_lines(g: _Gen, payer: str) -> Case:
    makers, weights = zip(*(CLEAN + TRAPS), strict=True)
    lines: list[RemittanceLineInput] = []
    truths: list[Truth] = []
    for n in range(g.rng.choice([1, 1, 2, 3, 4])):
        make = g.rng.choices(makers, weights)[0]
        line, truth = make(g, payer)
        lines.append(line)
        truths.append(Truth(truth.scenario, n, truth.auto, truth.items))
    total = sum((ln.amount_paid for ln in lines), Decimal(0))
    remittance = RemittanceInput(total, PAY_DATE, f"TRN{g.seq}", payer, tuple(lines), "USD")
    return Case(remittance, tuple(truths))


def _without_lines(g: _Gen, payer: str) -> Case:
    """A bank payment with no remittance detail: it pays 1-3 invoices of the payer in full;
    one time in four a twin of the same amount makes it ambiguous."""
    paid = [g.invoice(payer) for _ in range(g.rng.randint(1, 3))]
    twin = g.rng.random() < 0.25
    if twin:
        g.invoice(payer, paid[0].amount)
    total = sum((i.open_amount for i in paid), Decimal(0))
    truth = Truth(
        "subset_twin" if twin else "subset", None, not twin, tuple(i.number for i in paid)
    )
    return Case(RemittanceInput(total, PAY_DATE, f"TRN{g.seq}", payer, (), "USD"), (truth,))


def _foreign_twins(g: _Gen) -> None:
    """Other customers' items whose numbers fold to the keys of ours: to be ignored."""
    ours = [i.number for i in g.book.items if i.number.startswith("INV-")]
    for number in g.rng.sample(ours, min(len(ours), max(1, len(ours) // 20))):
        g.invoice("C99999", number=f"inv{number.split('-')[1]}")


def generate(
    seed: int = 820, remittances: int = 1_000, distractors: int = 3, bare_share: float = 0.05
) -> Book:
    """A book of customers, open items and remittances with their truth."""
    g = _Gen(seed, distractors)
    for n in range(remittances):
        payer = g.payer(n, stores=1)
        make = _without_lines if g.rng.random() < bare_share else _with_lines
        g.book.cases.append(make(g, payer))
    g.book.customers.append(Customer("C99999", "Someone else", "USD"))
    _foreign_twins(g)
    return g.book
