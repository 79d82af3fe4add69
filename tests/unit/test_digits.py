"""``is_digits``: ASCII digits only, at least one."""

from __future__ import annotations

import pytest

from gateway.digits import is_digits


@pytest.mark.parametrize("text", ["0", "00401", "123456789"])
def test_ascii_digits_are_digits(text: str) -> None:
    assert is_digits(text)
    int(text)


@pytest.mark.parametrize("text", ["", "²0401", "12³", "٣٤", "１２", "-1", "1.0", " 1", "1a"])
def test_anything_else_is_not(text: str) -> None:
    assert text.isdigit() or not is_digits(text)
    assert not is_digits(text)
