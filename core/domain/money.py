"""Money: a Decimal amount quantised to the ISO 4217 minor-unit exponent of its currency.

``Money.of`` is the one constructor that takes raw input (str, int or Decimal; never float) and
rounds half-up to the currency's exponent. ``quantize`` does the same for bare Decimal amounts
kept on document lines whose header carries the currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.domain.errors import RuleViolation

# ISO 4217 minor-unit exponents of the currencies the ledger accepts.
EXPONENTS: dict[str, int] = {
    "AUD": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2, "CNY": 2, "CZK": 2, "DKK": 2, "EUR": 2,
    "GBP": 2, "HKD": 2, "HUF": 2, "INR": 2, "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MXN": 2,
    "NOK": 2, "NZD": 2, "OMR": 3, "PLN": 2, "SEK": 2, "SGD": 2, "TND": 3, "USD": 2, "ZAR": 2,
}  # fmt: skip

Number = Decimal | int | str


def exponent(currency: str) -> int:
    """The ISO 4217 exponent of ``currency``; refuses an unknown code."""
    try:
        return EXPONENTS[currency]
    except KeyError:
        raise RuleViolation(
            "CURRENCY", f"Currency {currency!r} is not an ISO 4217 code the ledger knows."
        ) from None


def to_decimal(value: Number) -> Decimal:
    """Read a str, int or Decimal as Decimal; floats are refused (they are not exact)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"amounts must be Decimal, int or str, not {type(value).__name__}")
    try:
        result = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise RuleViolation("AMOUNT", f"{value!r} is not a number.") from None
    if not result.is_finite():
        raise RuleViolation("AMOUNT", f"{value!r} is not a finite number.")
    return result


_QUANTUM = {code: Decimal(1).scaleb(-e) for code, e in EXPONENTS.items()}


def quantum(currency: str) -> Decimal:
    """One minor unit of ``currency`` (``0.01`` for USD); refuses an unknown code. Loops that
    round many amounts of one document look it up once and round with ``round_to``."""
    return _QUANTUM.get(currency) or Decimal(1).scaleb(-exponent(currency))


def round_to(value: Decimal, unit: Decimal) -> Decimal:
    """Decimal ``value`` rounded half-up to ``unit`` (a ``quantum``): ``quantize`` without the
    currency lookup and the input check."""
    return value.quantize(unit, ROUND_HALF_UP)


def quantize(value: Number, currency: str) -> Decimal:
    """``value`` rounded half-up to the exponent of ``currency``."""
    unit = _QUANTUM.get(currency) or Decimal(1).scaleb(-exponent(currency))
    number = value if type(value) is Decimal else to_decimal(value)
    return number.quantize(unit, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An exact amount in one currency. Build it with ``Money.of``."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if self.amount != quantize(self.amount, self.currency) or (
            self.amount.as_tuple().exponent != -exponent(self.currency)
        ):
            raise ValueError(f"{self.amount} is not quantised to {self.currency}; use Money.of")

    @classmethod
    def of(cls, value: Number, currency: str) -> Money:
        return cls(quantize(value, currency), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls.of(0, currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise RuleViolation(
                "CURRENCY_MIX", f"Cannot combine {self.currency} and {other.currency} amounts."
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def times(self, factor: Number) -> Money:
        """This amount multiplied by ``factor``, rounded half-up to the currency."""
        return Money.of(self.amount * to_decimal(factor), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
