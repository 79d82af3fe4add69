"""Reference normalisation for remittance matching (rules NORMALISED_REFERENCE,
EMBEDDED_REFERENCE and NEAR_REFERENCE).

``reference_key`` folds what payers change when they copy our document numbers: case, spaces,
punctuation, a leading prefix such as ``INV-`` or ``Invoice No.`` and leading zeros
(``INV-000123``, ``inv 123``, ``#00123`` all give ``123``). ``digit_runs`` finds candidate keys
inside a longer text (``PAYMENT FOR 000123 STORE 7``). ``near_keys`` lists the keys one slip
away (two adjacent digits swapped, one digit dropped or one added); they are only ever
suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=64)
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Leading prefixes (one or more, longest tried first) followed by a digit."""
    if not prefixes:
        return re.compile(r"(?!)")
    choice = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"^(?:{choice})+(?=\d)")


@lru_cache(maxsize=64)
def key_function(prefixes: tuple[str, ...]) -> Callable[[str], str]:
    """``reference_key`` with these ``prefixes`` as a function of the text alone (the index
    folds a million numbers with it: the prefixes' rule worked out once)."""
    pattern, sub_not_alnum = _prefix_pattern(prefixes), _NOT_ALNUM.sub
    # the first letters of the prefixes (None when one is empty: any text may match); the one
    # prefix when there is only one and it does not start with a digit (then stripping it
    # needs no pattern: after its repeats comes a digit, or nothing matches)
    first = None if "" in prefixes else frozenset(p[0] for p in prefixes)
    single = prefixes[0] if len(prefixes) == 1 and prefixes[0][:1].isalpha() else ""
    size = len(single)

    def fold(text: str) -> str:
        head, dash, tail = text.partition("-")
        folded = ""
        if dash and tail.isdigit():
            if head.isalpha() and head.isupper():  # our own INV-000123
                if head in prefixes:
                    return tail.lstrip("0") or "0"
                if not head.startswith(prefixes):
                    return head + tail
            if tail.isascii() and head.isascii() and head.isalnum():  # one dash: PO12-345
                folded = head.upper() + tail
        if not folded:
            upper = text.upper()
            folded = upper.replace("-", "") if dash else upper
            if not (folded.isascii() and folded.isalnum()):  # else already only [0-9A-Z]
                folded = sub_not_alnum("", upper)
        if first is None or folded[:1] in first:  # a prefix may start the text
            if single:
                pos = 0
                while folded.startswith(single, pos):
                    pos += size
                if pos and folded[pos : pos + 1].isdigit():
                    folded = folded[pos:]
            else:
                folded = pattern.sub("", folded, count=1)
        if folded[:1] == "0":
            return folded.lstrip("0") or "0"
        return folded

    return fold


@lru_cache(maxsize=64)
def keys_function(prefixes: tuple[str, ...]) -> Callable[[Iterable[str]], list[str]]:
    """``key_function(prefixes)`` of many texts at once, as a list (an index folds every item's
    number or order references). The shapes of our own documents' numbers are folded inline,
    each as the first steps of ``key_function`` fold it: a prefix, a dash and digits
    (``INV-000123``: the digits without leading zeros); other upper-case letters, a dash and
    digits (``SO-000123``: without the dash); and, for a lone prefix of ASCII upper-case letters,
    that prefix, digits not starting with 0, a dash and digits, all ASCII (``PO123-456``: the
    digits). Every other text goes through ``key_function``."""
    fold = key_function(prefixes)
    own = frozenset(p for p in prefixes if p.isalpha() and p.isupper())  # INV-000123
    single = prefixes[0] if len(prefixes) == 1 else ""
    if not (single.isascii() and single.isalpha() and single.isupper()):
        single = ""  # no PO123-456 shortcut
    size = len(single)

    def fold_all(texts: Iterable[str]) -> list[str]:
        keys: list[str] = []
        add = keys.append
        for text in texts:
            head, _, tail = text.partition("-")
            if tail.isdigit():  # a dash and digits
                if head in own:
                    add(tail.lstrip("0") or "0")
                    continue
                if head.isalpha() and head.isupper():
                    if not head.startswith(prefixes):
                        add(head + tail)
                        continue
                elif (
                    single
                    and head.startswith(single)
                    and (digits := head[size:]).isdigit()
                    and digits[0] != "0"
                    and text.isascii()
                ):
                    add(digits + tail)
                    continue
            add(fold(text))
        return keys

    return fold_all


def reference_key(text: str, prefixes: tuple[str, ...]) -> str:
    """``text`` upper-cased, only letters and digits, without leading ``prefixes`` (longer
    ones listed first; stripped only if a digit follows them: ``Invoice No. 12`` gives ``12``)
    and without leading zeros."""
    return key_function(prefixes)(text)


def may_fold_to(text: str, key: str) -> bool:
    """False only when ``reference_key(text, ...)`` cannot be ``key`` (not empty), whatever the
    prefixes: a key is always a tail of the text's letters and digits upper-cased, so its last
    character is the text's last one when that is an ASCII letter or digit."""
    last = text[-1:]
    return not (last.isascii() and last.isalnum()) or last.upper() == key[-1:]


def digit_runs(text: str, min_digits: int) -> list[str]:
    """Distinct digit runs of ``text`` with at least ``min_digits`` digits, as keys."""
    keys: list[str] = []
    for run in _DIGITS.findall(text):
        key = run.lstrip("0") or "0"
        if len(run) >= min_digits and key not in keys:
            keys.append(key)
    return keys


def near_keys(key: str) -> list[str]:
    """Digit keys one slip from ``key``: adjacent transposition, one digit dropped, one added."""
    if not key.isdigit():
        return []
    found: set[str] = set()
    for i in range(len(key) - 1):
        if key[i] != key[i + 1]:
            found.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    for i in range(len(key)):
        found.add(key[:i] + key[i + 1 :])
    for i in range(len(key) + 1):
        for digit in "0123456789":
            found.add(key[:i] + digit + key[i:])
    keys = {k.lstrip("0") for k in found}
    keys.discard("")
    keys.discard(key)
    return sorted(keys)
