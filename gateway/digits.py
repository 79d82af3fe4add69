"""Digit checks for numbers received from partners (X12 counts, versions, dates and control
numbers, GTINs, lease files).

``str.isdigit`` is true for every Unicode digit: superscripts such as ``²`` (which ``int``
refuses, so a check followed by ``int`` would raise) and the digits of other scripts (which
``int`` reads as numbers). X12's character sets and GS1 codes have only ``0`` to ``9``.
"""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """``text`` is one or more of the ASCII digits ``0`` to ``9``."""
    return text.isascii() and text.isdigit()
