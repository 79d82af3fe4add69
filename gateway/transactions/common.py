"""Helpers shared by the transaction set modules: numbers, dates, locations, MAP_ problems.

X12 numeric types: ``R`` carries its decimal point (``12.50``), ``Nn`` has ``n`` implied
decimals (``N2`` ``28566`` is 285.66). Money stays Decimal from the first character read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from gateway.digits import is_digits
from gateway.x12.problems import Location, Problem, error, warning
from gateway.x12.segment import Segment


def where(segment: Segment, position: int | None = None, element: int | None = None) -> Location:
    """The location of ``segment`` (and an element) for a problem."""
    return Location(
        segment.offset, segment.line, segment.index, segment.tag, position, element=element
    )


def map_error(code: str, message: str, segment: Segment, element: int | None = None) -> Problem:
    return error(code, message, where(segment, element=element))


def map_warning(code: str, message: str, segment: Segment, element: int | None = None) -> Problem:
    return warning(code, message, where(segment, element=element))


def decimal_r(text: str) -> Decimal | None:
    """An X12 ``R`` value as Decimal; None when empty or not a number."""
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def decimal_n(text: str, places: int) -> Decimal | None:
    """An X12 ``Nn`` value (``places`` implied decimals) as Decimal."""
    if not text or not is_digits(text.lstrip("-")):
        return None
    return Decimal(text).scaleb(-places)


def implied(value: Decimal, places: int = 2) -> str:
    """``value`` written as an X12 ``Nn`` number: 285.66 with 2 places is ``28566``."""
    scaled = value.scaleb(places).quantize(Decimal(1))
    return str(int(scaled))


def x12_date(text: str) -> date | None:
    """CCYYMMDD (or YYMMDD, read as 20YY) to a date; None when invalid."""
    if not is_digits(text) or len(text) not in (6, 8):
        return None
    year = int(text[:4]) if len(text) == 8 else 2000 + int(text[:2])
    try:
        return date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError:
        return None


def r_text(value: Decimal) -> str:
    """A Decimal written as an X12 ``R`` value: no exponent, no trailing zeros past 2 places."""
    text = format(value.normalize(), "f")
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0")
        text = f"{whole}.{fraction.ljust(2, '0')}" if fraction else whole
    return text


@dataclass(frozen=True, slots=True)
class Party:
    """An N1 loop: role (N101), name, ID qualifier and ID, address lines."""

    role: str
    name: str = ""
    id_qualifier: str = ""
    id: str = ""
    address: tuple[str, ...] = ()
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
