"""``keys_function`` (many texts folded at once, our own numbers' shapes inline) gives what
``key_function`` gives text by text: random texts over letters that fold, and texts built in
the shapes it folds inline (``INV-000123``, ``SO-000123``, ``PO123-456``) with the variations
that must not take the shortcut (other cases, leading zeros, non-ASCII digits, repeated or
partial prefixes), for several prefix sets."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.domain.references import key_function, keys_function

PREFIX_SETS = [
    ("INVOICE", "INV", "IN", "NO", "NR"),
    ("PO",),
    (),
    ("NON", "NO"),
    ("",),
    ("", "INV"),
    ("1A",),
    ("P",),
    ("INV",),
    ("NO.",),
    ("Po",),
    ("P\u00c9",),
]
TEXT = st.text(alphabet="0123456789INVOPRSC-. #/_invoprs\u00c9\u00e9\u00b2\u017f\ufb00\u0663\u212a")
HEAD = st.sampled_from(
    ["INV", "INVOICE", "IN", "NO", "NR", "SO", "PO", "POPO", "P", "INVX", "inv", "So", "", "\u00c9"]
)
DIGITS = st.text(alphabet="0123456789\u0663\u00b2", min_size=0, max_size=5)
SHAPED = st.builds(lambda h, d, t: f"{h}{d}-{t}", HEAD, DIGITS, DIGITS) | st.builds(
    lambda h, t: f"{h}-{t}", HEAD, DIGITS
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(TEXT | SHAPED, max_size=12))
@example(["INV-000123", "SO-000123", "PO123-456", "PO0123-4", "POPO1-2", "PO-12", "INV-000"])
@example(["PO\u06631-2", "NO-\u0663", "NON-12", "SO12-3", "PO1-\u00b2", "INV-0\u00b2"])
def test_keys_function_folds_as_key_function(texts: list[str]) -> None:
    for prefixes in PREFIX_SETS:
        one = key_function(prefixes)
        assert keys_function(prefixes)(texts) == [one(t) for t in texts], prefixes
