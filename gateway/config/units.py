"""Units of measure the crosswalk may name: X12 data element 355 codes used in retail.

A unit crosswalk maps the partner's PO103/IT103/SN103 code to ours; both sides must be codes
from this list (a typo such as ``CSE`` would otherwise pass through to an order line). The list
covers the 355 codes retail guides use; extend it here when a partner needs another.
"""

from __future__ import annotations

X12_UNITS: frozenset[str] = frozenset(
    {
        "BG", "BO", "BX", "CA", "CS", "CH", "CT", "CY", "DZ", "EA", "FT", "GA", "GR", "GS", "IN",
        "KG", "KT", "LB", "LT", "ML", "MR", "OZ", "PC", "PF", "PK", "PL", "PR", "RL", "SF",
        "SH", "SY", "TN", "TS", "UN", "YD", "BD", "BE", "BL", "BN", "CN", "CQ", "CR", "DR",
        "FO", "GL", "JR", "LF", "LO", "P6", "PA", "PH", "QT", "RM", "SP", "ST", "TB", "TK",
        "TY", "UU",
    }
)  # fmt: skip


def unit_problem(code: str) -> str | None:
    """Why ``code`` is not a known unit code, or None."""
    if code in X12_UNITS:
        return None
    return f"unknown unit code {code!r} (X12 element 355 codes such as EA, CA, DZ, PK)"
