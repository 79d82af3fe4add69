"""The small parts: TOML key lines, exact decimals, GTIN check digits, secrets, override paths."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from gateway.config.gateway_model import CashApplication, TaxCode
from gateway.config.gtin import check_digit, gtin_problem
from gateway.config.override_paths import OverridePath, parse_path
from gateway.config.secrets import is_secret_key, strip_secrets
from gateway.config.tomlfile import TomlSyntaxError, parse_toml

TOML = """\
top = 1
[a]
b = 2
"c.d" = 3
e.f = 4
inline = { x = 1, y = 2 }
text = \"\"\"
g = 5
\"\"\"
[[list]]
k = 1
[[list]]
k = 2
"""


def test_key_lines() -> None:
    lines = parse_toml(TOML).lines
    assert lines[("top",)] == 1
    assert lines[("a",)] == 2
    assert lines[("a", "b")] == 3
    assert lines[("a", "c.d")] == 4
    assert lines[("a", "e", "f")] == 5
    assert lines[("a", "inline", "y")] == 6
    assert ("a", "g") not in lines  # inside a multi-line string
    assert lines[("list", 1, "k")] == 13


def test_line_of_falls_back_to_the_enclosing_key() -> None:
    document = parse_toml(TOML)
    assert document.line_of(("a", "missing")) == 2
    assert document.line_of(("nowhere",)) is None


def test_toml_floats_are_exact_decimals() -> None:
    data = parse_toml("rate = 0.1\ntotal = 1e2\n").data
    assert data["rate"] == Decimal("0.1") and isinstance(data["rate"], Decimal)
    assert data["total"] == Decimal("1E+2")


def test_syntax_error_has_a_line() -> None:
    with pytest.raises(TomlSyntaxError) as raised:
        parse_toml("a = 1\nb = \n")
    assert raised.value.line == 2


def test_binary_floats_are_refused_by_the_models() -> None:
    with pytest.raises(ValidationError, match="binary floats"):
        CashApplication.model_validate({"penny_difference": 0.01})
    assert CashApplication.model_validate({"penny_difference": "0.01"}).penny_difference == (
        Decimal("0.01")
    )
    with pytest.raises(ValidationError, match="finite"):
        TaxCode.model_validate({"rate": Decimal("NaN"), "category": "S"})


@pytest.mark.parametrize(
    ("body", "digit"),
    [("01234567890", 5), ("400638133393", 1), ("629104150021", 3), ("9501101020917"[:-1], 7)],
)
def test_gtin_check_digits(body: str, digit: int) -> None:
    # 4006381333931 and 9501101020917 are GS1's own examples; 012345678905 the classic UPC-A.
    assert check_digit(body) == digit
    assert gtin_problem(body + str(digit)) is None
    assert gtin_problem(body + str((digit + 1) % 10)) is not None


def test_gtin_shapes() -> None:
    assert "digits only" in (gtin_problem("01234567890A") or "")
    assert "8, 12, 13 or 14" in (gtin_problem("1234567") or "")
    assert gtin_problem("96385074") is None  # GTIN-8


def test_secret_keys() -> None:
    assert all(map(is_secret_key, ["password", "smtp_password", "secret", "api_key", "token"]))
    assert not any(map(is_secret_key, ["password_env", "username", "key_file", "tokens_env"]))
    data = {"a": {"password": "x", "password_env": "X"}, "b": [{"secret": "y"}]}
    assert strip_secrets(data) == [("a", "password"), ("b", 0, "secret")]
    assert data == {"a": {"password_env": "X"}, "b": [{}]}


def test_override_paths() -> None:
    assert parse_path("REF[DP]02") == OverridePath("REF", "DP", 2)
    assert parse_path("BEG03") == OverridePath("BEG", "", 3)
    assert parse_path("N1[ST]04") == OverridePath("N1", "ST", 4)
    for bad in ("REF02x", "ref02", "REF[DP]2", "REF[]02", "REF[DP]00"):
        assert isinstance(parse_path(bad), str), bad


@given(
    st.sampled_from([7, 11, 12, 13]).flatmap(
        lambda n: st.text("0123456789", min_size=n, max_size=n)
    )
)
def test_exactly_one_check_digit_makes_a_gtin(body: str) -> None:
    valid = [d for d in "0123456789" if gtin_problem(body + d) is None]
    assert valid == [str(check_digit(body))]
