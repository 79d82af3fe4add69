"""Compiled element checkers: generated Python functions per segment definition and length.

``Checkers(spec, component, repetition)`` is callable on a segment's elements and returns True
only when ``elements.check_segment`` would find nothing in them. For each number of elements it
meets, it writes and compiles the source of one function: the elements are unpacked into local
names, and the definition's positions, lengths and separators are written in as constants (code
lists are bound as globals), so a clean segment costs one call of straight-line tests. Most
segments of a file are clean, and for those this is all the element checking there is.

Whenever a function cannot be sure (a composite or a repeated element holds data, a value fails
its quick test and ``check_value`` finds fault with it, a required element is missing) it
returns False, and the caller runs ``check_segment``, which gives the findings; so findings are
those of ``check_segment`` whatever the checker says. The quick tests are those of
``check_segment`` itself (for AN, ID, N0, N, R and DT values); for N1..N9 a run of decimal
digits of a fitting length; values of other types go to ``check_value``.
"""

from __future__ import annotations

from collections.abc import Callable

from gateway.digits import is_digits
from gateway.x12.elements import GOOD_DATES, check_value
from gateway.x12.specs import CompositeSpec, ElementSpec, SegmentSpec, SyntaxRule

Checker = Callable[[list[str]], bool]


def _unsure(elements: list[str]) -> bool:
    """The checker for a length the definition never accepts (too many, a required one short)."""
    return False


class Checkers(dict[int, Checker]):
    """The checkers of one definition by number of elements (the ID counts), made on first use.

    Call it with a segment's elements; or index it by ``len(elements)`` and call what you get
    (one call less). Lengths over the definition's are not kept: their checker says False.
    """

    def __init__(self, spec: SegmentSpec, component: str, repetition: str | None) -> None:
        super().__init__()
        self.spec = spec
        self.component = component
        self.repetition = repetition

    def __missing__(self, count: int) -> Checker:
        checker = compile_checker(self.spec, self.component, self.repetition, count)
        if count <= len(self.spec.elements) + 1:
            self[count] = checker
        return checker

    def __call__(self, elements: list[str]) -> bool:
        return self[len(elements)](elements)


def compile_checker(
    spec: SegmentSpec, component: str, repetition: str | None, count: int
) -> Checker:
    """The checker of ``spec`` for segments of ``count`` elements, with these separators."""
    made = checker_source(spec, component, repetition, count)
    if made is None:
        return _unsure
    source, names = made
    namespace: dict[str, object] = {"check_value": check_value, "GOOD_DATES": GOOD_DATES, **names}
    exec(compile(source, f"<x12 checker {spec.tag}/{count}>", "exec"), namespace)
    checker = namespace["check"]
    assert callable(checker)
    return checker


def checker_source(
    spec: SegmentSpec, component: str, repetition: str | None, count: int
) -> tuple[str, dict[str, object]] | None:
    """The source of the checker of ``spec`` for ``count`` elements and the globals it needs.

    None when ``check_segment`` finds fault with every segment of that length.
    """
    if count - 1 > len(spec.elements) or count < 1:
        return None  # too many elements (AK4 3)
    required = [d.position for d in spec.elements if d.usage == "R"]
    if any(p >= count for p in required):
        return None  # a required element is missing (AK4 1)
    names: dict[str, object] = {}
    delimiters = [d for d in (repetition, component) if d]
    lines = ["def check(e):", f"    {', '.join(f'e{p}' for p in range(count))}, = e"]
    for p in required:
        lines += [f"    if not e{p}:", "        return False"]
    for rule in spec.syntax:
        broken = _broken(rule, count)
        if broken is not None:
            lines += [f"    if {broken}:", "        return False"]
    for definition in sorted(spec.elements, key=lambda d: d.position):
        p = definition.position
        if not 1 <= p < count:
            continue
        if isinstance(definition, CompositeSpec):
            lines += [f"    if e{p}:", "        return False"]
            continue
        names[f"D{p}"] = definition
        if definition.codes is not None:
            names[f"C{p}"] = definition.codes
        quick = _quick(definition, f"e{p}", f"C{p}", delimiters)
        held = [f"{d!r} in e{p}" for d in delimiters]
        slow = " or ".join([*held, f"check_value(D{p}, e{p}) is not None"])
        condition = f"e{p} and not ({quick})" if quick else f"e{p}"
        lines += [f"    if {condition}:", f"        if {slow}:", "            return False"]
    lines.append("    return True")
    return "\n".join(lines) + "\n", names


def _quick(definition: ElementSpec, v: str, codes: str, delimiters: list[str]) -> str | None:
    """A test of the value named ``v`` that passes only if it is fine and holds no delimiter."""
    kind, low, high = definition.data_type, definition.min_length, definition.max_length
    fits = _fits(f"len({v})", low, high)
    excluded: list[str]  # delimiters the test itself lets through
    if kind in ("AN", "ID"):
        if kind == "ID" and definition.codes is not None:
            test = f"{v} in {codes} and {fits}"
            excluded = [d for d in delimiters if any(d in code for code in definition.codes)]
        else:
            test, excluded = fits, delimiters
    elif kind in ("N0", "N"):
        test = f"{v}.isascii() and {v}.isdigit() and {fits}"
        excluded = [d for d in delimiters if is_digits(d)]
    elif kind[:1] == "N" and is_digits(kind[1:]):
        test = f"{v}.isascii() and {v}.isdecimal() and {fits}"
        excluded = [d for d in delimiters if d.isdecimal()]
    elif kind == "R":
        digits = f'(d := {v}.replace(".", "", 1)).isascii() and d.isdigit()'
        test = f"{digits} and {_fits('len(d)', low, high)}"
        excluded = [d for d in delimiters if is_digits(d) or d == "."]
    elif kind == "DT":
        test = f"{v} in GOOD_DATES and {fits}"
        excluded = [d for d in delimiters if is_digits(d)]
    else:
        return None
    return " and ".join([*(f"{d!r} not in {v}" for d in excluded), test])


def _fits(size: str, low: int, high: int) -> str:
    """A test that ``size`` lies from ``low`` to ``high``, for a value known not to be empty."""
    if low == high:
        return f"{size} == {low}"
    if low <= 1:
        return f"{size} <= {high}"
    return f"{low} <= {size} <= {high}"


def _broken(rule: SyntaxRule, count: int) -> str | None:
    """An expression true when ``rule`` is broken by a segment of ``count`` elements.

    None when it cannot be: as in ``check_segment``, a rule other than R whose first position
    lies past the segment's end is never broken. Positions past the end are absent (``False``);
    the others are there when their value is not empty (true).
    """
    positions = rule.positions
    if rule.kind != "R" and positions[0] >= count:
        return None
    present = [f"e{p}" if p < count else "False" for p in positions]  # a value is there
    head, rest = present[0], present[1:]
    if rule.kind == "R":
        return f"not ({' or '.join(present)})"
    if rule.kind == "P":  # some but not all
        return f"({' or '.join(present)}) and not ({' and '.join(present)})"
    if rule.kind == "C":
        return f"{head} and not ({' and '.join(rest)})" if rest else None
    if rule.kind == "L":
        return f"{head} and not ({' or '.join(rest)})" if rest else head
    counted = [f"bool({v})" for v in present if v != "False"]  # E: more than one there
    return f"{' + '.join(counted)} > 1" if len(counted) > 1 else None
