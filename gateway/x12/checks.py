"""Field-format checks of the ISA, GS and ST headers (X12.5 and X12.6, versions 00200-00801).

Pure functions from a header to the problems in it, each mapped to its TA1 note code (ISA),
functional group code (GS) or transaction set code (ST).
"""

from __future__ import annotations

from datetime import date, time

from gateway.digits import is_digits
from gateway.x12.problems import Location, Problem, ak5, ak9, error, ta1, warning
from gateway.x12.records import GroupHeader, InterchangeHeader, SetHeader

#: Interchange ID qualifiers (X12 element I05).
ID_QUALIFIERS = frozenset(
    [f"{n:02d}" for n in range(1, 39) if n not in (5, 6)] + ["AM", "NR", "SA", "SN", "ZZ"]
)
AUTHORIZATION_QUALIFIERS = frozenset({"00", "01", "02", "03", "04", "05", "06"})
SECURITY_QUALIFIERS = frozenset({"00", "01"})
USAGE_INDICATORS = frozenset({"P", "T", "I"})
LOWEST_VERSION, HIGHEST_VERSION = 200, 801
_FIRST_REPETITION_VERSION = 402


def _valid_date(text: str, century: bool) -> bool:
    size = 8 if century else 6
    if len(text) != size or not is_digits(text):
        return False
    year = int(text[:4]) if century else 2000 + int(text[:2])
    try:
        date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError:
        return False
    return True


def _valid_time(text: str) -> bool:
    if len(text) not in (4, 6, 7, 8) or not is_digits(text):
        return False
    seconds = int(text[4:6]) if len(text) >= 6 else 0
    try:
        time(int(text[:2]), int(text[2:4]), seconds)
    except ValueError:
        return False
    return True


def check_isa(isa: InterchangeHeader, where: Location) -> list[Problem]:
    """Problems in ISA01..ISA15 (ISA16 and the separators are checked when scanning)."""
    found: list[Problem] = []

    def bad(code: str, element: int, message: str, note: str) -> None:
        loc = Location(where.offset, where.line, where.segment_index, "ISA", element=element)
        found.append(error(code, message, loc, ta1(note)))

    if isa.authorization_qualifier not in AUTHORIZATION_QUALIFIERS:
        bad("ENV_ISA01", 1, f"ISA01 {isa.authorization_qualifier!r} is not a qualifier", "010")
    if isa.security_qualifier not in SECURITY_QUALIFIERS:
        bad("ENV_ISA03", 3, f"ISA03 {isa.security_qualifier!r} is not a qualifier", "012")
    if isa.sender_qualifier not in ID_QUALIFIERS:
        bad("ENV_ISA05", 5, f"ISA05 {isa.sender_qualifier!r} is not an ID qualifier", "005")
    if not isa.sender_id:
        bad("ENV_ISA06", 6, "ISA06 (interchange sender ID) is blank", "006")
    if isa.receiver_qualifier not in ID_QUALIFIERS:
        bad("ENV_ISA07", 7, f"ISA07 {isa.receiver_qualifier!r} is not an ID qualifier", "007")
    if not isa.receiver_id:
        bad("ENV_ISA08", 8, "ISA08 (interchange receiver ID) is blank", "008")
    if not _valid_date(isa.date, century=False):
        bad("ENV_ISA09", 9, f"ISA09 {isa.date!r} is not a date (YYMMDD)", "014")
    if len(isa.time) != 4 or not _valid_time(isa.time):
        bad("ENV_ISA10", 10, f"ISA10 {isa.time!r} is not a time (HHMM)", "015")
    version_ok = (
        len(isa.version) == 5
        and is_digits(isa.version)
        and LOWEST_VERSION <= int(isa.version) <= HIGHEST_VERSION
    )
    if not version_ok:
        bad("ENV_ISA12", 12, f"ISA12 {isa.version!r} is not a version from 00200 to 00801", "017")
    elif int(isa.version) < _FIRST_REPETITION_VERSION and isa.standards_id != "U":
        bad(
            "ENV_ISA11",
            11,
            f"ISA11 must be 'U' before version 00402, not {isa.standards_id!r}",
            "016",
        )
    if len(isa.control_number) != 9 or not is_digits(isa.control_number):
        bad("ENV_ISA13", 13, f"ISA13 {isa.control_number!r} is not a 9-digit number", "018")
    if isa.ack_requested not in ("0", "1"):
        bad("ENV_ISA14", 14, f"ISA14 {isa.ack_requested!r} must be 0 or 1", "019")
    if isa.usage not in USAGE_INDICATORS:
        bad("ENV_ISA15", 15, f"ISA15 {isa.usage!r} must be P (production) or T (test)", "020")
    if version_ok and int(isa.version) >= _FIRST_REPETITION_VERSION and isa.standards_id.isalnum():
        loc = Location(where.offset, where.line, where.segment_index, "ISA", element=11)
        found.append(
            warning(
                "SYN_ISA11_NOT_SEPARATOR",
                f"ISA11 is {isa.standards_id!r}, a letter or digit, so this interchange has no "
                "repetition separator",
                loc,
            )
        )
    return found


def check_gs(gs: GroupHeader, where: Location) -> list[Problem]:
    """Problems in GS01..GS08."""
    found: list[Problem] = []

    def bad(code: str, element: int, message: str, x12: str, level: str = "TA1") -> None:
        loc = Location(where.offset, where.line, where.segment_index, "GS", element=element)
        found.append(error(code, message, loc, ta1(x12) if level == "TA1" else ak9(x12)))

    if len(gs.functional_id) != 2 or not gs.functional_id.isalpha():
        bad("ENV_GS01", 1, f"GS01 {gs.functional_id!r} is not a functional identifier", "024")
    for element, value, name in ((2, gs.sender, "sender"), (3, gs.receiver, "receiver")):
        if not 2 <= len(value) <= 15:
            bad(
                f"ENV_GS0{element}",
                element,
                f"GS0{element} (application {name} code) must have 2 to 15 characters",
                "024",
            )
    century = not (is_digits(gs.version[:6]) and int(gs.version[:6]) < 4010)
    if not _valid_date(gs.date, century):
        shape = "CCYYMMDD" if century else "YYMMDD"
        bad("ENV_GS04", 4, f"GS04 {gs.date!r} is not a date ({shape})", "024")
    if not _valid_time(gs.time):
        bad("ENV_GS05", 5, f"GS05 {gs.time!r} is not a time (HHMM[SS[d..]])", "024")
    if not (1 <= len(gs.control_number) <= 9 and is_digits(gs.control_number)):
        bad("ENV_GS06", 6, f"GS06 {gs.control_number!r} is not a 1- to 9-digit number", "6", "AK9")
    if gs.agency not in ("X", "T"):
        bad("ENV_GS07", 7, f"GS07 {gs.agency!r} must be X (ASC X12)", "024")
    if not gs.version:
        bad("ENV_GS08", 8, "GS08 (version) is missing", "2", "AK9")
    return found


def check_st(st: SetHeader, where: Location) -> list[Problem]:
    """Problems in ST01 and ST02."""
    found: list[Problem] = []
    if len(st.set_id) != 3 or not is_digits(st.set_id):
        loc = Location(where.offset, where.line, where.segment_index, "ST", 1, element=1)
        found.append(
            error("ENV_ST01", f"ST01 {st.set_id!r} is not a transaction set ID", loc, ak5("6"))
        )
    if not 4 <= len(st.control_number) <= 9:
        loc = Location(where.offset, where.line, where.segment_index, "ST", 1, element=2)
        found.append(
            error(
                "ENV_ST02",
                f"ST02 {st.control_number!r} must have 4 to 9 characters",
                loc,
                ak5("7"),
            )
        )
    return found
