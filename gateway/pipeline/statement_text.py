"""A customer statement of account as plain text, the document that ``email_statements`` sends.

Pure: it lays out what the ledger reports (``core.services.statement`` and ``aging`` for one
customer and as-of date) for a person reading it in a mail client. The lines are the ledger's
statement: every document and settlement adjustment up to the as-of date, in date order, with
the running balance and what is still open of each; the aging summary groups the open amount
by days past due. Amounts are printed exactly as the ledger holds them (Decimal, the currency's
minor unit), with thousands separators.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.money import quantize
from core.domain.reports import StatementLine

_KINDS = {
    "invoice": "Invoice",
    "credit note": "Credit note",
    "payment": "Payment",
    "prepayment": "Prepayment",
    "deduction": "Deduction",
    "write-off": "Write-off",
    "discount/write-off": "Discount/write-off",
    "overpayment write-off": "Overpayment write-off",
}


@dataclass(frozen=True, slots=True)
class StatementData:
    """Everything printed on one customer's statement."""

    supplier: str
    """Our name and address, one line."""
    account: str
    customer: str
    currency: str
    terms: str
    as_of: date
    lines: tuple[StatementLine, ...]
    aging_labels: tuple[str, ...]
    aging: tuple[Decimal, ...]
    """Open amount per aging bucket (same order as the labels), in the customer's currency."""

    @property
    def balance(self) -> Decimal:
        """What the customer owes on the as-of date (the last running balance)."""
        return self.lines[-1].balance if self.lines else quantize(0, self.currency)

    @property
    def settled(self) -> bool:
        """Nothing owed and nothing open: a statement would tell the customer nothing."""
        return not self.balance and not any(line.open_amount for line in self.lines)


def money(amount: Decimal) -> str:
    """``1234.5`` -> ``1,234.50``: separators, the exponent the ledger stored, minus in front."""
    return f"{amount:,}"


def render(data: StatementData) -> str:
    """The statement as text lines of at most 100 characters, ending with a newline."""
    out = [
        "STATEMENT OF ACCOUNT",
        "",
        f"From:     {data.supplier}",
        f"To:       {data.customer} (account {data.account})",
        f"As of:    {data.as_of.isoformat()}",
        f"Currency: {data.currency}    Terms: {data.terms}",
        "",
    ]
    rows = [
        (
            line.on.isoformat(),
            line.document,
            _KINDS.get(line.kind, line.kind),
            money(line.amount),
            money(line.balance),
            money(line.open_amount) if line.open_amount else "",
        )
        for line in data.lines
    ]
    out += _table(("Date", "Document", "Kind", "Amount", "Balance", "Open"), rows, left=3)
    if not rows:
        out.append("No documents up to this date.")
    out += ["", f"Balance due: {money(data.balance)} {data.currency}", ""]
    if any(data.aging):
        out.append("Open amounts by days past due:")
        out += _table(
            (*data.aging_labels, "Total"),
            [(*map(money, data.aging), money(quantize(sum(data.aging), data.currency)))],
            left=0,
        )
        out.append("")
    out.append(
        "Please tell us about any item you do not recognise, and quote the document number "
        "with your payment."
    )
    return "\n".join(out) + "\n"


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], left: int) -> list[str]:
    """Columns as wide as their widest cell; the first ``left`` (text) aligned left, the rest
    (money) right."""
    widths = [max(len(cell) for cell in column) for column in zip(head, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(w) if i < left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(head), *(line(row) for row in rows)]
