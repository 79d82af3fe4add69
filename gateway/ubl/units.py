"""Our unit codes mapped to UN/ECE Recommendation 20 (the code list BR-CL-23 checks).

Our units are the X12 unit-of-measure codes (data element 355) that orders and invoices carry.
Codes that are already Rec 20 codes and mean the same thing pass through (EA, BX, PR...). A unit
with neither a mapping nor a place in the common Rec 20 set below is refused with
:class:`~gateway.ubl.errors.BuildError` rather than written and rejected by the receiver
(``PCS`` is the classic: it is not a Rec 20 code). Partners with special units pass extra
mappings to :func:`rec20`.
"""

from __future__ import annotations

from collections.abc import Mapping

from gateway.ubl.errors import BuildError

#: X12 355 unit codes whose Rec 20 code differs, or which need a mapping to be unambiguous.
X12_TO_REC20: Mapping[str, str] = {
    "EA": "EA",  # each
    "PC": "H87",  # piece
    "PCS": "H87",
    "UN": "C62",  # unit
    "CA": "CS",  # case
    "CT": "CT",  # carton
    "BX": "BX",  # box
    "PK": "PK",  # pack
    "PL": "PF",  # pallet (lift)
    "DZ": "DZN",  # dozen
    "PR": "PR",  # pair
    "RL": "RO",  # roll
    "BG": "BG",  # bag
    "BO": "BO",  # bottle
    "LB": "LBR",  # pound
    "OZ": "ONZ",  # ounce
    "KG": "KGM",  # kilogram
    "GR": "GRM",  # gram
    "TN": "STN",  # short ton
    "FT": "FOT",  # foot
    "IN": "INH",  # inch
    "YD": "YRD",  # yard
    "MR": "MTR",  # metre
    "CM": "CMT",  # centimetre
    "SF": "FTK",  # square foot
    "GA": "GLL",  # US gallon
    "LT": "LTR",  # litre
    "ML": "MLT",  # millilitre
    "HR": "HUR",  # hour
    "DA": "DAY",  # day
    "WK": "WEE",  # week
    "MO": "MON",  # month
    "YR": "ANN",  # year
    "KH": "KWH",  # kilowatt hour
    "LO": "LO",  # lot
    "ST": "SET",  # set
}

#: Rec 20 codes accepted as given (a common subset of the 2,000+ codes in the Peppol list).
REC20_COMMON = frozenset(
    {
        "C62",
        "H87",
        "EA",
        "XPP",
        "SET",
        "PR",
        "DZN",
        "GRO",
        "LO",
        "XBX",
        "XCT",
        "XPK",
        "CS",
        "CT",
        "BX",
        "PK",
        "PF",
        "RO",
        "BG",
        "BO",
        "KGM",
        "GRM",
        "MGM",
        "TNE",
        "STN",
        "LBR",
        "ONZ",
        "MTR",
        "CMT",
        "MMT",
        "KMT",
        "FOT",
        "INH",
        "YRD",
        "MTK",
        "FTK",
        "MTQ",
        "LTR",
        "MLT",
        "GLL",
        "SEC",
        "MIN",
        "HUR",
        "DAY",
        "WEE",
        "MON",
        "ANN",
        "QAN",
        "KWH",
        "KWT",
        "MWH",
        "WTT",
        "E48",
        "ZZ",
        "1I",
        "LS",
        "P1",
    }
)


def rec20(unit: str, extra: Mapping[str, str] | None = None) -> str:
    """The Rec 20 code for one of our units (``extra`` mappings win over the built-in table)."""
    key = unit.strip().upper()
    if extra and key in extra:
        return extra[key]
    mapped = X12_TO_REC20.get(key)
    if mapped is not None:
        return mapped
    if key in REC20_COMMON:
        return key
    raise BuildError(
        f"unit {unit!r} has no UN/ECE Rec 20 code; add it to the partner's unit mapping"
    )
