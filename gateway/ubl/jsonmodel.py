"""The model as JSON: for ``o2c ubl render FILE.json`` and for fixtures.

Decimals are written as strings (never floats), dates as ISO 8601, enums by value, tuples as
lists; fields at their default are left out. Reading checks every type and raises
:class:`~gateway.ubl.errors.BuildError` naming the offending field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from gateway.ubl.errors import BuildError
from gateway.ubl.model import Document


def to_json(value: Any) -> Any:
    """A JSON-ready structure for a model object."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.default is dataclasses.MISSING or getattr(value, f.name) != f.default
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


def document_from_json(data: Any) -> Document:
    """A Document from the structure :func:`to_json` writes."""
    result = _convert(data, Document, "document")
    assert isinstance(result, Document)
    return result


def _convert(data: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if data is None:
            return None
        return _convert(data, args[0], where)
    if origin is tuple:
        if not isinstance(data, list):
            raise BuildError(f"{where}: expected a list")
        item = typing.get_args(hint)[0]
        return tuple(_convert(v, item, f"{where}[{i}]") for i, v in enumerate(data))
    if dataclasses.is_dataclass(hint):
        return _dataclass(data, hint, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(data)
        except ValueError as exc:
            raise BuildError(f"{where}: {data!r} is not one of {[e.value for e in hint]}") from exc
    if hint is Decimal:
        if isinstance(data, bool) or not isinstance(data, str | int):
            raise BuildError(f"{where}: expected a decimal string, got {data!r}")
        try:
            return Decimal(str(data))
        except InvalidOperation as exc:
            raise BuildError(f"{where}: {data!r} is not a decimal") from exc
    if hint is date:
        try:
            return date.fromisoformat(data)
        except (TypeError, ValueError) as exc:
            raise BuildError(f"{where}: {data!r} is not an ISO date") from exc
    if hint in (str, bool) and isinstance(data, hint):
        return data
    raise BuildError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {data!r}")


def _dataclass(data: Any, cls: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise BuildError(f"{where}: expected an object")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise BuildError(f"{where}: unknown field(s) {sorted(unknown)}")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(data[f.name], hints[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise BuildError(f"{where}: missing field {f.name!r}")
    return cls(**kwargs)
