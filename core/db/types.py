"""Column types: exact decimal amounts on SQLite and PostgreSQL, JSON text for small value lists.

``Amount`` is NUMERIC(24, 6) on PostgreSQL. SQLite has no exact decimal type (its NUMERIC
affinity stores REAL), so there the value is kept as a 64-bit integer of millionths; ``SUM`` over
such a column stays exact and is scaled back by the same type. Values with more than six decimals
are refused, never rounded silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass
from datetime import date
from decimal import Context, Decimal, Inexact
from functools import cache
from itertools import repeat
from json.encoder import encode_basestring_ascii
from operator import is_
from typing import Any

from sqlalchemy import BigInteger, Dialect, Numeric, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

from core.domain.events import Event, field_names

SCALE = 6
_FACTOR = 10**SCALE
_DFACTOR = Decimal(_FACTOR)
_EXACT = Context(prec=60, traps=[Inexact])
# value types a column may mix and still bind through one lookup per distinct value (never bool:
# True == 1 would share the entry of 1)
_PLAIN_SQLITE: frozenset[type] = frozenset({Decimal, int, type(None)})
_PLAIN_PG: frozenset[type] = frozenset({Decimal, type(None)})  # bound as they are


def one_object(values: Sequence[Any]) -> bool:
    """True when ``values`` is not empty and every value is the first one (the same object): such a
    column is bound once."""
    return bool(values) and all(map(is_, values, repeat(values[0])))


class Amount(TypeDecorator[Decimal]):
    impl = Numeric(24, SCALE)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(24, SCALE, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal | int):
            raise TypeError(f"amounts must be Decimal, not {type(value).__name__}")
        scaled = Decimal(value).scaleb(SCALE)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {SCALE} decimals")
        if dialect.name == "sqlite":
            return int(scaled)
        return Decimal(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        """A fast path of ``process_bind_param`` for multi-row inserts (same rules)."""
        sqlite = dialect.name == "sqlite"

        def process(value: Any) -> Any:
            if value is None:
                return None
            kind = type(value)
            if kind is int:
                return value * _FACTOR if sqlite else Decimal(value)
            if kind is not Decimal and not isinstance(value, Decimal):
                raise TypeError(f"amounts must be Decimal, not {kind.__name__}")
            if not value:
                return 0 if sqlite else value
            try:
                exact = _EXACT.multiply(value, _DFACTOR)
            except Inexact:
                raise ValueError(f"{value} has too many digits to store exactly") from None
            scaled = int(exact)
            if scaled != exact:
                raise ValueError(f"{value} has more than {SCALE} decimals")
            return scaled if sqlite else value

        return process

    def column_processor(self, dialect: Dialect) -> Callable[[Sequence[Any]], Sequence[Any]]:
        """Bind values for a whole column of a multi-row insert, same rules as ``bind_processor``.

        A column repeats few distinct amounts (prices, quantities, rates), so each distinct value
        is checked and scaled once and the column is mapped in C. A column of at most a few
        numbers by its first values (a batch's quantities, or prices held as equal objects) is
        bound once per number, found by equality (``_few_numbers``: comparisons in C that stop at
        identity, no ``str`` or hash of a new Decimal); one that repeats more numbers as a few
        objects by hashing (a Decimal caches its hash), and one whose first values repeat
        numbers as new objects by text (``_repeated_texts``). A column of mostly new, distinct
        Decimals (computed amounts) is scaled and checked a whole column at a time in C
        (``_millionths``), with no search for distinct values; one of mostly new objects of
        mixed types is bound once per distinct text (a new Decimal's first hash costs about
        twice its ``str``; equal text is the same number: ``3`` and ``Decimal(3)``). Equal
        values bind to the same stored number whatever their exponent or type (``3`` and
        ``3.00`` are both 3 000 000 millionths on SQLite); on PostgreSQL the Decimals themselves
        are sent (the column is returned as it is, checked). A column of one object (a zero, a
        rate, a shared price) is bound once without the type scan. Anything unusual (other
        types, a value refused) goes value by value through ``bind_processor``: same result,
        same error.
        """
        one = self.bind_processor(dialect)
        sqlite = dialect.name == "sqlite"
        plain = _PLAIN_SQLITE if sqlite else _PLAIN_PG

        def process(values: Sequence[Any]) -> Sequence[Any]:
            if one_object(values):
                bound = one(values[0])  # refused as the value-by-value path refuses it
                return [bound] * len(values)
            kinds = set(map(type, values))
            if kinds <= plain:
                try:
                    few = _few_numbers(values)
                    if few is not None:  # a few numbers (new objects or not): bound once each
                        distinct, at = few
                        checked = [one(v) for v in distinct]
                        if not sqlite:
                            return values
                        if at is None:
                            return [checked[0]] * len(values)
                        return list(map(checked.__getitem__, at))
                    if _shared(values):  # objects repeated, more than a few numbers
                        bound = {v: one(v) for v in set(values)}
                        return list(map(bound.__getitem__, values)) if sqlite else values
                    keys = _repeated_texts(values)
                    if keys is None:  # mostly distinct Decimals: scaled a column at a time
                        if kinds == _DECIMAL_ONLY and (scaled := _millionths(values)) is not None:
                            return scaled if sqlite else values
                        keys = list(map(str, values))
                    by_text = {k: one(v) for k, v in dict(zip(keys, values, strict=True)).items()}
                    return list(map(by_text.__getitem__, keys)) if sqlite else values
                except (ArithmeticError, ValueError, TypeError):
                    pass  # bind value by value below, so the first bad one raises
            return list(map(one, values))

        return process

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-SCALE)
        return Decimal(value)


_DECIMAL_ONLY: frozenset[type] = frozenset({Decimal})


def _millionths(values: Sequence[Decimal]) -> list[int] | None:
    """Each Decimal of ``values`` as its integer of millionths, scaled exactly and compared
    in maps run in C (no Python call per value): what ``bind_processor`` gives each on SQLite.
    None when one of them is no such number (more than six decimals, more digits than an
    exact scaling keeps, NaN, infinite): the caller then binds value by value, so the first
    bad value raises its own error. A scaled value is whole when rounding it to an integer
    signals no ``Inexact`` (``to_integral_exact``, trapped): the same test as ``int(x) == x``
    without converting the int back to a Decimal (about 30 against 220 ns a value)."""
    try:
        exact = list(map(_EXACT.multiply, values, repeat(_DFACTOR)))
        scaled = list(map(int, exact))
        list(map(_EXACT.to_integral_exact, exact))  # raises Inexact for a fraction left
    except (ArithmeticError, ValueError):
        return None
    return scaled


_SAMPLE = 64


def _repeated_texts(values: Sequence[Any]) -> list[str] | None:
    """The text of each value when the first values of a column repeat a few numbers (the
    quantities of a batch's lines: new Decimals, but mostly equal), else None. Such a column
    binds once per distinct text (a ``str`` per value, about a third of what ``_millionths``
    costs a value); one of mostly distinct amounts does not repeat and is scaled whole."""
    texts = list(map(str, values[:_SAMPLE]))
    if len(set(texts)) * 4 > len(texts):
        return None
    return texts + list(map(str, values[_SAMPLE:])) if len(values) > _SAMPLE else texts


_FEW = 4


def _few_numbers(values: Sequence[Any]) -> tuple[list[Any], list[int] | None] | None:
    """The distinct numbers of a column of Decimals, ints and None that holds at most ``_FEW``
    (by its first values), and the position of each value's number among them (None when there
    is one number); else None. Found by equality in C (``list.count``, ``list.index``: identity
    first, then a comparison of about 200 instructions), with no ``str`` (about 1,000) or hash
    (more) of a new Decimal. Equal numbers bind alike whatever their exponent or type (3,
    ``Decimal("3.00")``: 3,000,000 millionths on SQLite; the same check on PostgreSQL), so each
    distinct number is bound once. A NaN equals no other object (a signalling one's comparison
    raises) and is refused when bound: its column goes value by value, as before."""
    distinct: list[Any] = []
    for v in values[:_SAMPLE]:
        if v not in distinct:
            if len(distinct) == _FEW:
                return None
            distinct.append(v)
    if len(distinct) == 1:
        return (distinct, None) if values.count(distinct[0]) == len(values) else None
    try:
        return distinct, list(map(distinct.index, values))
    except ValueError:  # a number the first values did not have
        return None


def _shared(values: Sequence[Any]) -> bool:
    """True when the first values of a column are mostly repeated objects (prices, rates and
    quantities copied from one item or command), False when most are new (computed amounts)."""
    sample = values[:_SAMPLE]
    return len(set(map(id, sample))) * 4 <= len(sample) * 3


def _default(obj: object) -> object:
    if isinstance(obj, Decimal | date):
        return str(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    raise TypeError(f"cannot store {type(obj).__name__} as JSON")


@cache
def _encoder() -> json.JSONEncoder:
    """The encoder ``json.dumps(default=_default, sort_keys=True)`` would build on every call."""
    return json.JSONEncoder(default=_default, sort_keys=True)


def dumps(value: object) -> str:
    return _encoder().encode(value)


def dumps_strings(value: Mapping[str, str]) -> str:
    """``dumps`` of a flat mapping of strings to strings (an event payload), the same text
    without the encoder's per-call set-up: keys sorted, ``", "`` and ``": "`` separators,
    ASCII escapes."""
    quote = encode_basestring_ascii
    return "{" + ", ".join([f"{quote(k)}: {quote(v)}" for k, v in sorted(value.items())]) + "}"


# event class -> the function writing its payload text, made on first use
_EVENT_WRITERS: dict[type[Event], Callable[[Event], str]] = {}


def dumps_event(event: Event) -> str:
    """``dumps_strings(event.payload())`` without the payload dict, the sort and the key escapes
    per event: the same text, written by a function made once per event class
    (``_event_writer``)."""
    cls = type(event)
    write = _EVENT_WRITERS.get(cls)
    if write is None:
        write = _EVENT_WRITERS[cls] = _event_writer(cls)
    return write(event)


def _event_writer(cls: type[Event]) -> Callable[[Event], str]:
    """The payload text of events of ``cls``: each field's ``str``, quoted, after its key, fields
    in name order, filled into one ``%`` template of the keys (no list, no join, no
    concatenation per field: about 6,400 instructions for a payment's five fields, where the
    loop over the fields took 14,500). A class with its own ``payload`` is written as it says."""
    if cls.payload is not Event.payload:
        return lambda event: dumps_strings(event.payload())
    names = sorted(field_names(cls))  # identifiers: no quote, no '%' to escape
    write: Callable[[Event], str] = _writer("event", [f"event.{n}" for n in names], names)
    write.__qualname__ = f"dumps_event.<{cls.__qualname__}>"
    return write


def _writer(params: str, values: Sequence[str], names: Sequence[str]) -> Any:
    """A function of ``params`` returning the payload text of the fields ``names`` (sorted),
    whose values are the expressions ``values``: each value's ``str``, quoted, after its key,
    filled into one ``%`` template. The template is written into the source as a constant:
    Python compiles a constant's ``%s`` formatting as an f-string would be (no tuple, no parsing
    of the template per call), about 1,800 instructions fewer an event than a template held
    in a variable."""
    template = "{" + ", ".join(f"{encode_basestring_ascii(n)}: %s" for n in names) + "}"
    quoted = "".join(f"quote(text({v})), " for v in values)
    head = f"{params}, " if params else ""
    source = f"def write({head}quote=_QUOTE, text=str):\n    return {template!r} % ({quoted})\n"
    scope: dict[str, Any] = {"_QUOTE": encode_basestring_ascii}
    exec(source, scope)
    return scope["write"]


# event class -> the function writing the payload text of its field values, made on first use
_VALUES_WRITERS: dict[type[Event], Callable[..., str]] = {}


def dumps_event_values(cls: type[Event]) -> Callable[..., str]:
    """The function taking the field values of an event of ``cls`` (positionally, in field
    order) and returning ``dumps_event`` of that event, without making the event: the same
    text (tests/unit/core/test_posting_rows.py)."""
    write = _VALUES_WRITERS.get(cls)
    if write is None:
        write = _VALUES_WRITERS[cls] = _values_writer(cls)
    return write


def _values_writer(cls: type[Event]) -> Callable[..., str]:
    fields_in_order = field_names(cls)
    if cls.payload is not Event.payload:
        return lambda *values: dumps_strings(cls(*values).payload())
    # the parameters are named v0, v1 ... (a field may be named like a parameter of ``write``)
    param = {n: f"v{i}" for i, n in enumerate(fields_in_order)}
    names = sorted(fields_in_order)
    write: Callable[..., str] = _writer(
        ", ".join(param[n] for n in fields_in_order), [param[n] for n in names], names
    )
    write.__qualname__ = f"dumps_event_values.<{cls.__qualname__}>"
    return write


def rebuild(raw: list[dict[str, Any]] | None, cls: type[Any]) -> tuple[Any, ...]:
    """Rebuild a tuple of flat dataclasses from JSON dicts; Decimal fields come back exact."""
    if not raw:
        return ()
    kinds = {f.name: str(f.type) for f in fields(cls)}
    return tuple(
        cls(
            **{
                k: Decimal(v) if "Decimal" in kinds[k] and v is not None else v
                for k, v in row.items()
            }
        )
        for row in raw
    )


_EMPTY_JSON: dict[type, str] = {list: "[]", tuple: "[]", dict: "{}"}  # dumps of an empty one


def _json(value: Any) -> str | None:
    """``dumps`` of one value of a JSON column (None stays NULL), without the encoder for the
    common shapes: an empty list, tuple or dict, and a list of strings (packing slip numbers)."""
    if value is None:
        return None
    kind = type(value)
    if not value and kind in _EMPTY_JSON:
        return _EMPTY_JSON[kind]
    if kind is list and all(type(v) is str for v in value):
        return "[" + ", ".join(map(encode_basestring_ascii, value)) + "]"
    return dumps(value)


class JsonText(TypeDecorator[Any]):
    """JSON kept as text (portable across SQLite and PostgreSQL, exact decimals as strings)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else dumps(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)

    def column_processor(self, dialect: Dialect) -> Callable[[Sequence[Any]], Sequence[Any]]:
        """Bind values for a whole column of a multi-row insert (same as ``bind_processor``)."""

        def process(values: Sequence[Any]) -> Sequence[Any]:
            if all(map(is_, values, repeat(None))):
                return values  # nothing to encode: the column is left as it is
            return list(map(_json, values))

        return process
