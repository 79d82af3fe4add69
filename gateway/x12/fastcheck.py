"""Compiled element checkers: one generated Python function per segment definition.

``compile_checker(spec, component, repetition)`` writes the source of a function of a segment's
elements that returns True only when ``elements.check_segment`` would find nothing in them, with
the definition's positions, lengths and delimiters written in as constants and its code lists
bound as globals. Most segments of a file are clean, and for those this one call is all the
element checking there is. Whenever the function cannot be sure (a composite or a repeated
element holds data, a value fails its quick test and ``check_value`` finds fault with it) it
returns False, and the caller runs ``check_segment``, which gives the findings; so findings are
those of ``check_segment`` whatever the checker says.

The quick tests are those of ``check_segment`` itself (for AN, ID, N0, N, R and DT values); for
N1..N9 a run of decimal digits of a fitting length; values of other types go to ``check_value``.
"""

from __future__ import annotations

from collections.abc import Callable

from gateway.x12.elements import GOOD_DATES, check_value
from gateway.x12.specs import CompositeSpec, ElementSpec, SegmentSpec, SyntaxRule

Checker = Callable[[list[str]], bool]


def compile_checker(spec: SegmentSpec, component: str, repetition: str | None) -> Checker:
    """The checker of ``spec`` for an interchange with these component/repetition separators."""
    source, names = checker_source(spec, component, repetition)
    namespace: dict[str, object] = {"check_value": check_value, "GOOD_DATES": GOOD_DATES, **names}
    exec(compile(source, f"<x12 checker {spec.tag}>", "exec"), namespace)
    checker = namespace["check"]
    assert callable(checker)
    return checker


def checker_source(
    spec: SegmentSpec, component: str, repetition: str | None
) -> tuple[str, dict[str, object]]:
    """The Python source of the checker of ``spec`` and the globals it needs."""
    names: dict[str, object] = {}
    delimiters = [d for d in (repetition, component) if d]
    size = max((d.position for d in spec.elements), default=0) + 1
    by_position: list[ElementSpec | CompositeSpec | None] = [None] * size
    for element in spec.elements:
        by_position[element.position] = element
    lines = ["def check(e):", "    n = len(e)", f"    if n > {len(spec.elements) + 1}:"]
    lines.append("        return False")
    for p in (d.position for d in spec.elements if d.usage == "R"):
        lines += [f"    if n <= {p} or not e[{p}]:", "        return False"]
    rules: dict[int, list[SyntaxRule]] = {}
    for rule in spec.syntax:
        if rule.kind != "R" and 1 <= rule.positions[0] < size:
            rules.setdefault(rule.positions[0], []).append(rule)
        else:  # R can be broken whatever the segment's length: checked first
            lines += [f"    if {_broken(rule)}:", "        return False"]
    for p in range(1, size):
        definition = by_position[p]
        if definition is None and p not in rules:
            continue
        # Past the segment's end nothing is left to check: what is required was checked above,
        # and a rule other than R whose first position is missing cannot be broken.
        lines += [f"    if n <= {p}:", "        return True"]
        for rule in rules.get(p, []):
            lines += [f"    if {_broken(rule, p)}:", "        return False"]
        if definition is None:
            continue
        if isinstance(definition, CompositeSpec):
            lines += [f"    if e[{p}]:", "        return False"]
            continue
        names[f"D{p}"] = definition
        if definition.codes is not None:
            names[f"C{p}"] = definition.codes
        quick = _quick(definition, f"C{p}", delimiters)
        held = " or ".join(f"{d!r} in v" for d in delimiters)
        slow = f"{held} or check_value(D{p}, v) is not None" if held else None
        slow = slow or f"check_value(D{p}, v) is not None"
        lines.append(f"    v = e[{p}]")
        condition = f"v and not ({quick})" if quick else "v"
        lines += [f"    if {condition}:", f"        if {slow}:", "            return False"]
    lines.append("    return True")
    return "\n".join(lines) + "\n", names


def _quick(definition: ElementSpec, codes: str, delimiters: list[str]) -> str | None:
    """A test of value ``v`` that passes only if the value is fine and holds no delimiter."""
    kind, low, high = definition.data_type, definition.min_length, definition.max_length
    fits = f"len(v) == {low}" if low == high else f"{low} <= len(v) <= {high}"
    excluded: list[str]  # delimiters the test itself lets through
    if kind in ("AN", "ID"):
        if kind == "ID" and definition.codes is not None:
            test = f"v in {codes} and {fits}"
            excluded = [d for d in delimiters if any(d in code for code in definition.codes)]
        else:
            test, excluded = fits, delimiters
    elif kind in ("N0", "N"):
        test = f"v.isdigit() and {fits}"
        excluded = [d for d in delimiters if d.isdigit()]
    elif kind[:1] == "N" and kind[1:].isdigit():
        test = f"v.isdecimal() and {fits}"
        excluded = [d for d in delimiters if d.isdecimal()]
    elif kind == "R":
        test = f'(d := v.replace(".", "", 1)).isdigit() and {low} <= len(d) <= {high}'
        excluded = [d for d in delimiters if d.isdigit() or d == "."]
    elif kind == "DT":
        test = f"v in GOOD_DATES and {fits}"
        excluded = [d for d in delimiters if d.isdigit()]
    else:
        return None
    return " and ".join([*(f"{d!r} not in v" for d in excluded), test])


def _broken(rule: SyntaxRule, reached: int = 0) -> str:
    """An expression of ``n`` and ``e`` that is true when ``rule`` is broken.

    ``reached``: the segment is known to have element ``reached`` (``n > reached``). As in
    ``check_segment``, a rule other than R whose first position lies past the segment's end is
    never broken.
    """
    positions = rule.positions
    first, rest = positions[0], positions[1:]
    present = [
        f'e[{p}] != ""' if p <= reached else f'(n > {p} and e[{p}] != "")' for p in positions
    ]
    there = " + ".join(f"({p})" if p[0] != "(" else p for p in present)
    head = present[0] if first <= reached else f'n > {first} and e[{first}] != ""'
    guard = "" if first <= reached else f"n > {first} and "
    if rule.kind == "R":
        return f"not ({' or '.join(present)})"
    if rule.kind == "P":
        return f"{guard}0 < {there} < {len(positions)}"
    if rule.kind == "C":
        return f"{head} and not ({' and '.join(present[1:])})" if rest else "False"
    if rule.kind == "L":
        return f"{head} and not ({' or '.join(present[1:])})" if rest else head
    return f"{guard}{there} > 1"  # E
