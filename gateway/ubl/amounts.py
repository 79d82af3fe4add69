"""EN 16931 rounding and totals, computed the way the validators recompute them.

The rules (EN 16931-1 §6 and the CEN UBL Schematron 1.3.16):

1. Each line net amount BT-131 = quantity × net price / base quantity + line charges − line
   allowances, rounded once to 2 decimals.
2. Document totals come from those rounded line amounts: BT-106 = Σ BT-131 (BR-CO-10),
   BT-109 = BT-106 − BT-107 + BT-108 (BR-CO-13).
3. VAT is computed once per (category, rate) group from the group's taxable amount BT-116
   (Σ line nets + charges − allowances of the group, BR-S-08 and kin), never per line:
   BT-117 = round(BT-116 × rate / 100); BT-110 = Σ BT-117 (BR-CO-14).
4. BT-112 = BT-109 + BT-110 (BR-CO-15); BT-115 = BT-112 − BT-113 prepaid (BR-CO-16).

Rounding is ``ROUND_HALF_UP`` on ``Decimal``, which rounds halves away from zero, so a negative
half-cent rounds like its absolute value with the sign reapplied. It is applied only here, when
amounts are fixed for writing; the model keeps the ledger's exact values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gateway.ubl.model import AllowanceCharge, Document, Line, Tax, TaxCategory

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

GroupKey = tuple[str, Decimal | None]


def round2(value: Decimal) -> Decimal:
    """Round to 2 decimals, halves away from zero (EN 16931 amounts)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class TaxGroup:
    """One VAT breakdown group (BG-23): category, rate, taxable amount and VAT amount."""

    category: TaxCategory
    rate: Decimal | None
    taxable: Decimal
    tax: Decimal
    exemption_reason_code: str | None
    exemption_reason: str | None


@dataclass(frozen=True, slots=True)
class Totals:
    """Document totals (BG-22) and the VAT breakdown, all rounded to 2 decimals."""

    line_nets: tuple[Decimal, ...]
    line_extension: Decimal
    allowance_total: Decimal | None
    charge_total: Decimal | None
    tax_exclusive: Decimal
    tax_total: Decimal
    tax_inclusive: Decimal
    prepaid: Decimal | None
    payable: Decimal
    groups: tuple[TaxGroup, ...]


def line_net(line: Line) -> Decimal:
    """BT-131: quantity × price / base quantity + charges − allowances, rounded once."""
    gross = line.quantity * line.unit_price
    if line.base_quantity is not None and line.base_quantity != 1:
        gross = gross / line.base_quantity
    adjust = sum(
        (round2(ac.amount) if ac.is_charge else -round2(ac.amount))
        for ac in line.allowances_charges
    )
    return round2(gross + adjust)


def group_key(tax: Tax) -> GroupKey:
    """The (category, rate) a line or allowance belongs to; rates compare numerically."""
    rate = None if tax.rate is None else tax.rate.normalize()
    return (tax.category.value, rate)


_CATEGORY_ORDER = {c.value: i for i, c in enumerate(TaxCategory)}


def _sort_key(key: GroupKey) -> tuple[int, Decimal]:
    return (_CATEGORY_ORDER.get(key[0], 99), key[1] if key[1] is not None else Decimal(-1))


def tax_groups(
    lines: Iterable[tuple[Line, Decimal]], document_acs: Iterable[AllowanceCharge]
) -> tuple[TaxGroup, ...]:
    """The VAT breakdown: one group per (category, rate), VAT computed once per group."""
    taxable: dict[GroupKey, Decimal] = {}
    taxes: dict[GroupKey, Tax] = {}
    for line, net in lines:
        key = group_key(line.tax)
        taxable[key] = taxable.get(key, ZERO) + net
        _remember_reason(taxes, key, line.tax)
    for ac in document_acs:
        if ac.tax is None:
            continue
        key = group_key(ac.tax)
        amount = round2(ac.amount)
        taxable[key] = taxable.get(key, ZERO) + (amount if ac.is_charge else -amount)
        _remember_reason(taxes, key, ac.tax)
    groups = []
    for key in sorted(taxable, key=_sort_key):
        tax = taxes[key]
        base = taxable[key]
        vat = ZERO if tax.rate is None else round2(base * tax.rate / HUNDRED)
        groups.append(
            TaxGroup(
                category=tax.category,
                rate=tax.rate,
                taxable=base,
                tax=vat,
                exemption_reason_code=tax.exemption_reason_code,
                exemption_reason=tax.exemption_reason,
            )
        )
    return tuple(groups)


def _remember_reason(taxes: dict[GroupKey, Tax], key: GroupKey, tax: Tax) -> None:
    """Keep the first Tax of a group, preferring one that carries an exemption reason."""
    current = taxes.get(key)
    if current is None or (
        current.exemption_reason is None
        and current.exemption_reason_code is None
        and (tax.exemption_reason is not None or tax.exemption_reason_code is not None)
    ):
        taxes[key] = tax


def compute_totals(doc: Document) -> Totals:
    """All amounts of a document, rounded as EN 16931 expects (see the module docstring)."""
    nets = tuple(line_net(line) for line in doc.lines)
    line_extension = sum(nets, ZERO)
    allowances = [round2(ac.amount) for ac in doc.allowances_charges if not ac.is_charge]
    charges = [round2(ac.amount) for ac in doc.allowances_charges if ac.is_charge]
    allowance_total = sum(allowances, ZERO) if allowances else None
    charge_total = sum(charges, ZERO) if charges else None
    tax_exclusive = line_extension - (allowance_total or ZERO) + (charge_total or ZERO)
    groups = tax_groups(zip(doc.lines, nets, strict=True), doc.allowances_charges)
    tax_total = sum((g.tax for g in groups), ZERO)
    tax_inclusive = tax_exclusive + tax_total
    prepaid = None if doc.prepaid_amount is None else round2(doc.prepaid_amount)
    payable = tax_inclusive - (prepaid or ZERO)
    return Totals(
        line_nets=nets,
        line_extension=line_extension,
        allowance_total=allowance_total,
        charge_total=charge_total,
        tax_exclusive=tax_exclusive,
        tax_total=tax_total,
        tax_inclusive=tax_inclusive,
        prepaid=prepaid,
        payable=payable,
        groups=groups,
    )
