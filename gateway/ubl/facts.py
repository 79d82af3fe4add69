"""Facts read from a UBL Invoice/CreditNote tree once, for the rule checks.

The EN 16931 and Peppol rules look at the same few dozen values (line amounts, VAT categories,
allowances, totals); collecting them in one pass over the tree with precompiled Clark paths keeps
rule checking well under a millisecond for a 20-line invoice. Values are kept as written (text)
and as ``Decimal`` when they are valid ``xs:decimal`` lexical forms.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from lxml import etree

from gateway.ubl.ns import CAC, CBC

C = "{" + CAC + "}"
B = "{" + CBC + "}"
#: The document totals (BG-22, cac:LegalMonetaryTotal), in their schema order.
TOTAL_AMOUNTS = (
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
)
_DECIMAL = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")


@functools.lru_cache(maxsize=4096)
def dec(text: str | None) -> Decimal | None:
    """``xs:decimal(text)``, or None when absent or not a decimal lexical form.

    Cached: documents repeat the same rates, prices and amounts, and Decimals are immutable.
    """
    if text is None or not _DECIMAL.match(text):
        return None
    return Decimal(text.strip())


def xround2(value: Decimal) -> Decimal:
    """XPath ``round(x * 100) div 100``: halves rounded towards positive infinity."""
    return (value * 100 + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR) / 100


def xround(value: Decimal) -> Decimal:
    """XPath ``round(x)``."""
    return (value + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR)


def decimals(text: str | None) -> int:
    """``string-length(substring-after(x, '.'))``: digits after the decimal point as written."""
    if text is None:
        return 0
    return len(text.strip().partition(".")[2])


def xs_boolean(text: str) -> bool | None:
    """An ``xs:boolean`` lexical form (true, false, 1, 0), or None when it is not one."""
    return {"true": True, "1": True, "false": False, "0": False}.get(text.strip())


def norm(text: str | None) -> str:
    """XPath ``normalize-space``."""
    return " ".join(text.split()) if text else ""


def text_of(element: etree._Element, path: str) -> str | None:
    """Text of the first element at ``path`` ('' when present but empty), None when absent."""
    node = find_path(element, path)
    if node is None:
        return None
    return node.text or ""


@functools.lru_cache(maxsize=1024)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("/"))


def find_path(element: etree._Element, path: str) -> etree._Element | None:
    """The element at a ``/``-separated path of Clark names, following first children only.

    Faster than ``find`` (which runs ElementPath in Python); the rules only need first matches.
    """
    node = element
    for tag in _steps(path):
        found = next(node.iterchildren(tag), None)
        if found is None:
            return None
        node = found
    return node


@dataclass(frozen=True, slots=True)
class VatCategory:
    """A TaxCategory / ClassifiedTaxCategory whose TaxScheme is VAT."""

    code: str
    percent_text: str | None
    percent: Decimal | None
    has_exemption: bool


def first_children(element: etree._Element) -> dict[object, etree._Element]:
    """The first child of each tag (one pass over the children; cheaper than many finds)."""
    found: dict[object, etree._Element] = {}
    for child in element:
        found.setdefault(child.tag, child)
    return found


def _text(children: dict[object, etree._Element], tag: str) -> str | None:
    node = children.get(tag)
    return None if node is None else (node.text or "")


_ID = B + "ID"
_PERCENT = B + "Percent"
_TAX_SCHEME = C + "TaxScheme"
_EXEMPTIONS = (B + "TaxExemptionReason", B + "TaxExemptionReasonCode")


def vat_category(parent: etree._Element, tag: str) -> VatCategory | None:
    """The first ``tag`` child with TaxScheme/ID = VAT, or None."""
    return _first_vat([child for child in parent if child.tag == tag])


def _first_vat(nodes: list[etree._Element]) -> VatCategory | None:
    for node in nodes:
        code: str | None = None
        percent_text: str | None = None
        is_vat = has_exemption = False
        for child in node:
            t = child.tag
            if t == _ID:
                code = code if code is not None else child.text or ""
            elif t == _PERCENT:
                percent_text = percent_text if percent_text is not None else child.text or ""
            elif t == _TAX_SCHEME:
                for scheme_child in child:
                    if scheme_child.tag == _ID:
                        is_vat = is_vat or norm(scheme_child.text).upper() == "VAT"
                        break
            elif t in _EXEMPTIONS:
                has_exemption = True
        if is_vat:
            return _vat(norm(code), percent_text, has_exemption)
    return None


@functools.lru_cache(maxsize=256)
def _vat(code: str, percent_text: str | None, has_exemption: bool) -> VatCategory:
    """One shared (immutable) VatCategory per distinct category as written."""
    return VatCategory(code, percent_text, dec(percent_text), has_exemption)


@dataclass(slots=True)
class AllowanceFact:
    """A document- or line-level AllowanceCharge."""

    path: str
    is_charge: bool | None
    amount_text: str | None
    amount: Decimal | None
    base_text: str | None
    has_reason: bool
    category: VatCategory | None


@dataclass(slots=True)
class LineFact:
    """An InvoiceLine or CreditNoteLine."""

    path: str
    element: etree._Element
    id_text: str | None
    quantity: etree._Element | None
    net_text: str | None
    net: Decimal | None
    name_text: str | None
    price_text: str | None
    gross_base_text: str | None
    category: VatCategory | None
    allowances: tuple[AllowanceFact, ...]
    standard_ids: tuple[etree._Element, ...]
    classifications: tuple[etree._Element, ...]
    periods: tuple[etree._Element, ...]
    properties: tuple[etree._Element, ...]


@dataclass(slots=True)
class SubtotalFact:
    """A TaxTotal/TaxSubtotal."""

    path: str
    taxable_text: str | None
    taxable: Decimal | None
    tax_text: str | None
    tax: Decimal | None
    category: VatCategory | None


@dataclass(slots=True)
class Facts:
    """Everything the rule checks read, collected once."""

    root: etree._Element
    root_name: str
    currency: str
    lines: list[LineFact] = field(default_factory=list)
    allowances: list[AllowanceFact] = field(default_factory=list)
    subtotals: list[SubtotalFact] = field(default_factory=list)
    tax_totals: list[etree._Element] = field(default_factory=list)

    def used_categories(self) -> set[str]:
        """VAT category codes used on lines and document allowances/charges."""
        used = {f.category.code for f in self.lines if f.category is not None}
        used.update(a.category.code for a in self.allowances if a.category is not None)
        return used


def _allowance(node: etree._Element, path: str) -> AllowanceFact:
    indicator = norm(text_of(node, B + "ChargeIndicator"))
    amount_text = text_of(node, B + "Amount")
    return AllowanceFact(
        path=path,
        is_charge=xs_boolean(indicator),
        amount_text=amount_text,
        amount=dec(amount_text),
        base_text=text_of(node, B + "BaseAmount"),
        has_reason=node.find(B + "AllowanceChargeReason") is not None
        or node.find(B + "AllowanceChargeReasonCode") is not None,
        category=vat_category(node, C + "TaxCategory"),
    )


def collect(root: etree._Element) -> Facts:
    """Read the facts of a UBL root element (Invoice or CreditNote)."""
    root_name = etree.QName(root).localname
    facts = Facts(root, root_name, norm(text_of(root, B + "DocumentCurrencyCode")))
    line_tag = C + ("InvoiceLine" if root_name == "Invoice" else "CreditNoteLine")
    line_name = "cac:" + line_tag[len(C) :]
    for i, ac in enumerate(root.iterfind(C + "AllowanceCharge"), 1):
        facts.allowances.append(_allowance(ac, f"/{root_name}/cac:AllowanceCharge[{i}]"))
    for t, total in enumerate(root.iterfind(C + "TaxTotal"), 1):
        facts.tax_totals.append(total)
        for s, sub in enumerate(total.iterfind(C + "TaxSubtotal"), 1):
            taxable_text = text_of(sub, B + "TaxableAmount")
            tax_text = text_of(sub, B + "TaxAmount")
            facts.subtotals.append(
                SubtotalFact(
                    path=f"/{root_name}/cac:TaxTotal[{t}]/cac:TaxSubtotal[{s}]",
                    taxable_text=taxable_text,
                    taxable=dec(taxable_text),
                    tax_text=tax_text,
                    tax=dec(tax_text),
                    category=vat_category(sub, C + "TaxCategory"),
                )
            )
    qty_tag = B + ("InvoicedQuantity" if root_name == "Invoice" else "CreditedQuantity")
    for i, line in enumerate(root.iterfind(line_tag), 1):
        facts.lines.append(_line(line, f"/{root_name}/{line_name}[{i}]", qty_tag))
    return facts


_LINE_ID = B + "ID"
_NET = B + "LineExtensionAmount"
_ITEM = C + "Item"
_PRICE = C + "Price"
_AC = C + "AllowanceCharge"
_NAME = B + "Name"
_PRICE_AMOUNT = B + "PriceAmount"
_STD = C + "StandardItemIdentification"
_CLASS = C + "CommodityClassification"
_PERIOD = C + "InvoicePeriod"
_CLASSIFIED = C + "ClassifiedTaxCategory"
_PROPERTY = C + "AdditionalItemProperty"


def _line(line: etree._Element, path: str, qty_tag: str) -> LineFact:
    id_text = net_text = name_text = price_text = gross_base_text = None
    quantity = item = None
    allowances: list[AllowanceFact] = []
    periods: list[etree._Element] = []
    for child in line:
        t = child.tag
        if t == _LINE_ID and id_text is None:
            id_text = child.text or ""
        elif t == qty_tag and quantity is None:
            quantity = child
        elif t == _NET and net_text is None:
            net_text = child.text or ""
        elif t == _AC:
            allowances.append(
                _allowance(child, f"{path}/cac:AllowanceCharge[{len(allowances) + 1}]")
            )
        elif t == _PERIOD:
            periods.append(child)
        elif t == _ITEM and item is None:
            item = child
        elif t == _PRICE and price_text is None:
            price_text = text_of(child, _PRICE_AMOUNT)
            gross = next(child.iterchildren(_AC), None)
            gross_base_text = None if gross is None else text_of(gross, B + "BaseAmount")
    standard_ids: list[etree._Element] = []
    classifications: list[etree._Element] = []
    classified: list[etree._Element] = []
    properties: list[etree._Element] = []
    if item is not None:
        for child in item:
            t = child.tag
            if t == _CLASSIFIED:
                classified.append(child)
            elif t == _NAME and name_text is None:
                name_text = child.text or ""
            elif t == _STD:
                standard_ids.extend(child.iterchildren(_LINE_ID))
            elif t == _CLASS:
                classifications.extend(child.iterchildren(B + "ItemClassificationCode"))
            elif t == _PROPERTY:
                properties.append(child)
    return LineFact(
        path=path,
        element=line,
        id_text=id_text,
        quantity=quantity,
        net_text=net_text,
        net=dec(net_text),
        name_text=name_text,
        price_text=price_text,
        gross_base_text=gross_base_text,
        category=_first_vat(classified),
        allowances=tuple(allowances),
        standard_ids=tuple(standard_ids),
        classifications=tuple(classifications),
        periods=tuple(periods),
        properties=tuple(properties),
    )


def _grandchildren(
    element: etree._Element | None, child: str, grandchild: str
) -> tuple[etree._Element, ...]:
    if element is None:
        return ()
    return tuple(g for c in element.iterchildren(child) for g in c.iterchildren(grandchild))
