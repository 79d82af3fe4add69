"""Benchmark: UBL 2.1 invoices built, XSD-checked and rule-checked per second.

Run from a checkout: ``python bench/ubl.py [--lines 20] [--count 2000]``. Prints a table of
step, invoices, seconds and invoices/s for: rendering the XML, building (render + parse to a
tree), the XSD fast pass (lxml), our EN 16931 and Peppol rules, and the whole outbound pipeline
(build + XSD + rules), plus the xmlschema report path for comparison on a few documents.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.ubl.builder import build, render
from gateway.ubl.example import STANDARD_25, example_invoice
from gateway.ubl.model import Document, Line
from gateway.ubl.rules_en16931 import check_en16931
from gateway.ubl.rules_peppol import check_peppol
from gateway.ubl.schema import _xmlschema_schema, xsd_valid
from gateway.ubl.validate import validate_root


def invoice(lines: int, number: int) -> Document:
    """An invoice with ``lines`` lines at 3-decimal prices (rounded once per line)."""
    return replace(
        example_invoice(f"BENCH-{number}"),
        lines=tuple(
            Line(
                id=str(i),
                quantity=Decimal(i),
                unit="EA",
                unit_price=Decimal("3.125"),
                item_name=f"Item {i}",
                tax=STANDARD_25,
                seller_item_id=f"SKU-{i}",
                gtin="07300010000011",
            )
            for i in range(1, lines + 1)
        ),
    )


def timed(count: int, step: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(count):
        step(i)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    docs = [invoice(args.lines, n) for n in range(args.count)]
    roots = [build(d) for d in docs]
    xsd_valid(roots[0])  # load the XSD outside the timings
    check = validate_root(roots[0])
    assert check.valid, check.problems

    def pipeline(i: int) -> None:
        report = validate_root(build(docs[i]))
        if not report.valid:
            raise SystemExit(f"invalid: {report.problems}")

    steps: list[tuple[str, int, Callable[[int], object]]] = [
        ("render XML bytes", args.count, lambda i: render(docs[i])),
        ("build (render + parse)", args.count, lambda i: build(docs[i])),
        ("XSD fast pass (lxml)", args.count, lambda i: xsd_valid(roots[i])),
        ("EN 16931 rules", args.count, lambda i: check_en16931(roots[i])),
        ("Peppol rules", args.count, lambda i: check_peppol(roots[i])),
        ("build + XSD + rules", args.count, pipeline),
    ]
    schema = _xmlschema_schema()
    few = min(args.count, 50)
    steps.append(("xmlschema (report path)", few, lambda i: schema.is_valid(roots[i])))
    print(f"{args.lines}-line invoices\n")
    print(f"{'step':<26} {'invoices':>9} {'seconds':>9} {'invoices/s':>11}")
    for name, count, step in steps:
        seconds = timed(count, step)
        print(f"{name:<26} {count:>9} {seconds:>9.3f} {count / seconds:>11.0f}")


if __name__ == "__main__":
    main()
