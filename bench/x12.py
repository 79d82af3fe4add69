"""Benchmark X12 reading and validation: ours next to pyx12 on the same 850 corpus, one run.

Run from a checkout: ``python bench/x12.py [--orders N] [--lines N]``. It writes a corpus of
850 purchase orders to a temporary folder and prints two tables:

1. reading: our tokenizer and envelope reader next to pyx12's X12Reader (segments/s);
2. validation and acknowledgement: our map validator plus 997 generation next to pyx12's
   x12n_document with the same maps (schemas/x12) writing its 997, on the same corpus (pyx12
   takes a minute or two), and ours on a tenth of the corpus to show that memory stays flat.
   Each run of ours starts from a fresh ``Validator``, so it includes loading the 850 map with
   pyx12's loader (a few hundredths of a second, which shows on the tenth).

Seconds are wall-clock; "cpu s" is this process's CPU time, the steadier figure when other
programs share the machine. Peak memory is measured with tracemalloc in a second pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import write_corpus
from gateway.x12.envelope import read_envelopes
from gateway.x12.tokenizer import Tokenizer


def ours_tokenizer(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in Tokenizer(stream))


def ours_envelopes(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for event in read_envelopes(stream):
            segments = getattr(event, "segments", None)
            if segments is not None:
                count += len(segments)
    return count


def pyx12_reader(path: Path) -> int:
    import pyx12.x12file

    with path.open("r", encoding="ascii") as stream:
        return sum(1 for _ in pyx12.x12file.X12Reader(stream))


def plain_split(path: Path) -> int:
    text = path.read_bytes().decode("latin-1")
    return sum(1 for seg in text.split("~") if seg.strip() and seg.strip().split("*"))


def ours_validate_and_ack(path: Path) -> int:
    from datetime import UTC, datetime

    from gateway.x12.acks import acknowledge
    from gateway.x12.control_numbers import MemoryControlNumbers
    from gateway.x12.outcomes import collect_outcomes
    from gateway.x12.validator import Validator

    validator, numbers, now = Validator(), MemoryControlNumbers(), datetime.now(UTC)
    count = 0

    def counting(transaction: object) -> list[object]:
        nonlocal count
        count += len(transaction.segments)  # type: ignore[attr-defined]
        return validator(transaction)  # type: ignore[arg-type]

    with path.open("rb") as stream:
        for outcome in collect_outcomes(read_envelopes(stream), counting):  # type: ignore[arg-type]
            acknowledge(outcome, numbers, now)
    return count


def pyx12_validate_and_ack(path: Path) -> int:
    import io
    import logging

    import pyx12.params
    import pyx12.x12n_document

    logging.disable(logging.CRITICAL)
    maps = Path(__file__).resolve().parents[1] / "schemas" / "x12"
    ack = io.StringIO()
    with path.open("r", encoding="ascii") as stream:
        pyx12.x12n_document.x12n_document(
            pyx12.params.params(), stream, ack, None, None, None, map_path=str(maps)
        )
    logging.disable(logging.NOTSET)
    return sum(1 for _ in path.read_text().split("~") if _.strip())


def measure(func: Callable[[Path], int], path: Path, memory: bool) -> tuple[int, float, float]:
    """Segments, wall seconds and peak MB (traced only when ``memory``) of one run."""
    count, elapsed, _, peak = measure_cpu(func, path, memory)
    return count, elapsed, peak


def measure_cpu(
    func: Callable[[Path], int], path: Path, memory: bool
) -> tuple[int, float, float, float]:
    """Segments, wall seconds, CPU seconds of this process and peak MB of one run.

    CPU time is the steadier figure on a busy machine: other processes do not count in it.
    """
    if memory:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    count = func(path)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = 0.0
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return count, elapsed, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--skip-pyx12", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.edi"
        segments = write_corpus(path, args.orders, args.lines)
        size = path.stat().st_size / 1e6
        print(
            f"corpus: {args.orders} purchase orders x {args.lines} lines, "
            f"{segments} segments, {size:.1f} MB"
        )
        rows = [
            ("plain str.split (floor)", plain_split),
            ("o2c tokenizer", ours_tokenizer),
            ("o2c envelope reader", ours_envelopes),
        ]
        if not args.skip_pyx12:
            rows.append(("pyx12 X12Reader", pyx12_reader))
        results = {}
        print(f"{'reader':<26}{'segments':>10}{'seconds':>9}{'segments/s':>13}{'peak MB':>9}")
        for name, func in rows:
            count, elapsed, _ = measure(func, path, memory=False)
            results[name] = count / elapsed
            print(f"{name:<26}{count:>10}{elapsed:>9.2f}{count / elapsed:>13,.0f}", end="")
            _, _, peak = measure(func, path, memory=True) if name.startswith("o2c") else (0, 0, 0)
            print(f"{peak:>9.1f}" if peak else f"{'-':>9}")
        if "pyx12 X12Reader" in results:
            ratio = results["o2c tokenizer"] / results["pyx12 X12Reader"]
            print(f"o2c tokenizer / pyx12 X12Reader: {ratio:.1f}x (target: at least 5x)")
        print()
        validation_table(Path(tmp), args)  # reuses corpus.edi


def validation_table(folder: Path, args: argparse.Namespace) -> None:
    """Validation + 997 on the same corpus for both engines; ours on a tenth of it for memory."""
    corpus = folder / "corpus.edi"
    tenth = folder / "tenth.edi"
    write_corpus(tenth, max(args.orders // 10, 1), args.lines)
    print(
        f"validation + 997 on the same corpus ({args.orders} purchase orders x {args.lines} lines)"
    )
    print(
        f"{'engine':<34}{'segments':>10}{'seconds':>9}{'segments/s':>13}{'cpu s':>7}"
        f"{'per cpu s':>12}{'peak MB':>9}"
    )
    rows = [("o2c validator + 997", ours_validate_and_ack, corpus)]
    if not args.skip_pyx12:
        rows.append(("pyx12 x12n_document + 997", pyx12_validate_and_ack, corpus))
    rows.append(("o2c validator + 997, 1/10 corpus", ours_validate_and_ack, tenth))
    rates = {}
    for name, func, path in rows:
        count, elapsed, cpu, _ = measure_cpu(func, path, memory=False)
        rates[name] = count / elapsed
        peak = measure(func, path, memory=True)[2] if name.startswith("o2c") else 0.0
        shown = f"{peak:>9.1f}" if peak else f"{'-':>9}"
        print(
            f"{name:<34}{count:>10}{elapsed:>9.2f}{count / elapsed:>13,.0f}{cpu:>7.2f}"
            f"{count / cpu:>12,.0f}{shown}"
        )
    if "pyx12 x12n_document + 997" in rates:
        ratio = rates["o2c validator + 997"] / rates["pyx12 x12n_document + 997"]
        print(f"o2c / pyx12 validation: {ratio:.0f}x (target: at least 30x and 300,000 segments/s)")
    else:
        rate = rates["o2c validator + 997"]
        print(f"o2c validator + 997: {rate:,.0f} segments/s (target: at least 300,000)")


if __name__ == "__main__":
    main()
