"""GS1 identifiers: the mod-10 check digit, GTIN checks and SSCC-18 serial shipping codes.

An SSCC is 18 digits: an extension digit, the GS1 company prefix, a serial reference filling
the rest to 17 digits, and a check digit. On labels and in MAN*GM it is often written with its
application identifier ``00`` in front (20 digits). GS1 forbids reusing an SSCC for a year;
the serial comes from a database sequence that never repeats.
"""

from __future__ import annotations

from gateway.digits import is_digits


def check_digit(digits: str) -> str:
    """The GS1 mod-10 check digit of ``digits`` (all but the check digit itself)."""
    if not is_digits(digits):
        raise ValueError(f"{digits!r} is not all digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def valid_gtin(code: str) -> bool:
    """True for a GTIN-8, -12 (UPC-A), -13 or -14 with the right check digit."""
    return is_digits(code) and len(code) in (8, 12, 13, 14) and check_digit(code[:-1]) == code[-1]


def sscc(company_prefix: str, serial: int, extension: int = 0) -> str:
    """The 18-digit SSCC for ``serial`` under ``company_prefix``."""
    if not is_digits(company_prefix) or not 6 <= len(company_prefix) <= 12:
        raise ValueError(f"GS1 company prefix {company_prefix!r} must be 6 to 12 digits")
    if not 0 <= extension <= 9:
        raise ValueError("the SSCC extension digit is 0 to 9")
    width = 16 - len(company_prefix)
    if not 0 <= serial < 10**width:
        raise ValueError(f"serial {serial} does not fit in {width} digits after the prefix")
    body = f"{extension}{company_prefix}{serial:0{width}d}"
    return body + check_digit(body)
