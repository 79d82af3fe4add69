"""Generate realistic X12 850 corpora for benchmarks (X12 004010 VICS layout)."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "BLUE",
    "RED",
    "GREEN",
    "STEEL",
    "OAK",
    "COTTON",
    "LARGE",
    "SMALL",
    "WIDGET",
    "GADGET",
    "BOLT",
    "SHIRT",
    "LAMP",
    "CHAIR",
    "CABLE",
    "MUG",
    "BOTTLE",
    "BRUSH",
    "FILTER",
    "PANEL",
]


def catalog(size: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """``size`` items: (UPC, vendor SKU, unit price, description)."""
    items = []
    for n in range(size):
        upc = f"0{rng.randint(10**10, 10**11 - 1)}"
        price = f"{rng.randint(100, 99999) / 100:.2f}"
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
        items.append((upc, f"SKU-{n:05d}", price, f"{words} {rng.randint(1, 99)} CM"))
    return items


def purchase_order(
    number: int, lines: int, rng: random.Random, items: list[tuple[str, str, str, str]]
) -> list[str]:
    """The segments of one 850 (ST..SE) with ``lines`` PO1 lines drawn from ``items``."""
    body = [
        f"BEG*00*SA*45{number:08d}**20261118",
        "CUR*BY*USD",
        f"REF*DP*{rng.randint(1, 99):03d}",
        "REF*IA*77123",
        "PER*BD*JANE BUYER*TE*5555550100",
        "ITD*01*3*2**10**30",
        "DTM*010*20261125",
        "DTM*001*20261210",
        "TD5****M*BEST WAY",
        f"N1*ST*DC {rng.randint(1000, 9999)}*92*{rng.randint(1000, 9999)}",
        "N3*1200 DISTRIBUTION WAY",
        "N4*COLUMBUS*OH*43215*US",
    ]
    hash_total = 0
    for line in range(1, lines + 1):
        quantity = rng.randint(1, 500)
        hash_total += quantity
        price = f"{rng.randint(100, 99999) / 100:.2f}"
        upc = f"0123456{rng.randint(0, 99999):05d}"
        body.append(
            f"PO1*{line}*{quantity}*EA*{price}**UP*{upc}*VN*SKU-{line:04d}*IN*{884400 + line}"
        )
        body.append(f"PID*F****ITEM DESCRIPTION NUMBER {line}")
        body.append("PO4*12*1*EA")
    body.append(f"CTT*{lines}*{hash_total}")
    control = f"{number:04d}"
    return [f"ST*850*{control}", *body, f"SE*{len(body) + 2}*{control}"]


def write_corpus(path: Path, orders: int, lines: int, per_group: int = 1000, seed: int = 7) -> int:
    """Write one interchange of ``orders`` 850s; returns the number of segments written."""
    rng = random.Random(seed)
    items = catalog(5_000, rng)
    count = 0
    with path.open("w", encoding="ascii", newline="") as out:
        isa = (
            "ISA*00*          *00*          *08*9254110060     *ZZ*O2CSUPPLIER    "
            "*261118*0930*U*00401*000000812*0*P*>~\n"
        )
        out.write(isa)
        count += 1
        groups = (orders + per_group - 1) // per_group
        for g in range(groups):
            out.write(f"GS*PO*9254110060*O2CSUPPLIER*20261118*0930*{g + 1}*X*004010~\n")
            in_group = min(per_group, orders - g * per_group)
            for n in range(in_group):
                segments = purchase_order(g * per_group + n + 1, lines, rng, items)
                out.write("~\n".join(segments) + "~\n")
                count += len(segments)
            out.write(f"GE*{in_group}*{g + 1}~\n")
            count += 2
        out.write(f"IEA*{groups}*000000812~\n")
        count += 1
    return count
