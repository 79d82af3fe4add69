"""Small builders for X12 test input."""

from __future__ import annotations

ISA_4010 = (
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
    "*261121*1200*U*00401*000000001*0*P*>~"
)


def interchange(*body: str, isa: str = ISA_4010, end: str = "\n") -> bytes:
    """An 850 interchange around ``body`` segments (given without terminators), counts right."""
    segments = [
        isa.rstrip("~"),
        "GS*PO*SENDER*RECEIVER*20261121*1200*1*X*004010",
        "ST*850*0001",
        *body,
        f"SE*{len(body) + 2}*0001",
        "GE*1*1",
        "IEA*1*000000001",
    ]
    return "".join(s + "~" + end for s in segments).encode("latin-1")
