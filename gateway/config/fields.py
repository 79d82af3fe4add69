"""Field types shared by the configuration models: exact decimals, environment-variable names.

Money and rates are :class:`~decimal.Decimal`. TOML files are parsed with ``parse_float=Decimal``
so numbers arrive exact; strings such as ``"12.50"`` are accepted too. A Python ``float`` (which
can only come from code, never from our TOML reader) is refused, as are NaN and infinities.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class Model(BaseModel):
    """Base of every configuration model: frozen, unknown keys are errors."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True
    )


def _exact_decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    if isinstance(value, float):
        raise ValueError(
            "binary floats are not accepted for money or rates; write the number in the TOML "
            'file or as a string ("12.50")'
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a decimal number") from None
    return value


def _finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number (not inf or nan)")
    return value


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("must not be negative")
    return value


#: An exact decimal number (money, rate, tolerance).
Dec = Annotated[Decimal, BeforeValidator(_exact_decimal), AfterValidator(_finite)]
#: An exact decimal number that is zero or more.
NonNegativeDec = Annotated[Dec, AfterValidator(_non_negative)]


def _env_name(value: str) -> str:
    if not _ENV_NAME.match(value):
        # The value is not repeated: it may be the secret itself, written here by mistake.
        raise ValueError(
            "this is not the name of an environment variable (upper-case letters, digits and "
            "_): put the secret in the environment and give the variable's name here"
        )
    return value


#: The NAME of an environment variable that holds a secret (never the secret itself).
EnvName = Annotated[str, AfterValidator(_env_name)]

#: A relative or absolute file path, resolved against the configuration directory.
FilePath = Annotated[str, Field(min_length=1)]
