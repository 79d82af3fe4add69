"""Our validator and pyx12's x12n_document (the reference) agree on which files are accepted.

Both use the same maps (schemas/x12). Files pyx12 cannot read at all (BOM, ISA not 106
characters, ISA12 other than 00401/00501, no map for GS08) are left out; every difference on the
rest is listed below with the reason.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gateway.cli.x12 import validate_file
from gateway.x12.validator import Validator
from tests.conftest import FIXTURES, SHARED
from tests.unit.x12.test_maps import _validate

#: file name -> why pyx12 and we disagree. Ours is the right reading in each case.
KNOWN_DIFFERENCES = {
    # pyx12 silently ignores data after the last IEA; we report it (TA1 024).
    "ENV_DATA_OUTSIDE_INTERCHANGE.edi": "pyx12 drops trailing data without a word",
    # pyx12 accepts an ISA06/ISA08 of spaces; a blank interchange ID cannot be routed.
    "ENV_ISA06.edi": "pyx12 accepts a blank ISA06",
    "ENV_ISA08.edi": "pyx12 accepts a blank ISA08",
    # pyx12 picks the map by GS01 and never compares ST01 with it.
    "ENV_ST01.edi": "pyx12 validates ST01 '85' against the 850 map without noticing",
    "SYN_SET_NOT_SUPPORTED.edi": "pyx12 validates an 860 against the 850 map",
    # pyx12 does not count repetitions of simple elements.
    "SYN_TOO_MANY_REPETITIONS.edi": "pyx12 misses REF02 repeated with '^' in 00501",
    # Our tolerance, by decision: a final segment without terminator is read with a warning.
    "SYN_MISSING_TERMINATOR.edi": "pyx12 reports 023 premature end of file",
    # Our tolerance, by decision: IEA01 = 1 on a TA1-only interchange is a warning.
    "ta1_5010_accepted.edi": "pyx12 reports 021 for IEA01 = 1 with no groups",
}


def corpus() -> list[Path]:
    files = sorted((FIXTURES / "x12").glob("*/*.edi"))
    files += sorted((SHARED / "samples" / "x12").glob("*.edi"))
    return files


def pyx12_outcome(path: Path) -> bool | None:
    """pyx12's verdict, or None when pyx12 cannot read or route the file."""
    logging.disable(logging.CRITICAL)
    try:
        outcome = _validate(path)
    except Exception:  # pyx12 raises EngineError, UnicodeDecodeError, ... on what it cannot read
        return None
    finally:
        logging.disable(logging.NOTSET)
    return outcome.valid if outcome.read else None


def test_both_validators_agree_except_where_explained() -> None:
    validator = Validator()
    compared, differences = 0, {}
    for path in corpus():
        reference = pyx12_outcome(path)
        if reference is None:
            continue
        compared += 1
        ours = validate_file(str(path), validator).status == "valid"
        if ours != reference:
            differences[path.name] = (ours, reference)
    assert compared >= 60, f"only {compared} files could be compared"
    assert set(differences) == set(KNOWN_DIFFERENCES), differences


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_known_difference_is_still_there(name: str) -> None:
    found = [p for p in corpus() if p.name == name]
    if not found:
        pytest.skip(f"{name} is a shared sample and ../shared is absent")
    assert pyx12_outcome(found[0]) is not None
