"""GTIN (GS1 General Specifications §7.9): lengths 8, 12, 13 and 14, mod-10 check digit."""

from __future__ import annotations

from gateway.digits import is_digits

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 check digit of ``body`` (the digits before it): weights 3,1,3,... from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin_problem(value: str) -> str | None:
    """Why ``value`` is not a GTIN, or None when it is one."""
    if not is_digits(value):
        return f"GTIN {value!r} must be digits only"
    if len(value) not in GTIN_LENGTHS:
        return f"GTIN {value!r} has {len(value)} digits; a GTIN has 8, 12, 13 or 14"
    expected = check_digit(value[:-1])
    if int(value[-1]) != expected:
        body = value[:-1]
        return f"GTIN {value} has check digit {value[-1]}; the check digit of {body} is {expected}"
    return None
