"""Benchmark the X12 reader: our tokenizer and envelope reader next to pyx12's X12Reader.

Run from a checkout: ``python bench/x12.py [--orders N] [--lines N]``. It writes a corpus of
850 purchase orders to a temporary folder and prints segments per second for each reader on the
same file, in the same run, with the peak memory each one adds (tracemalloc).
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


def measure(func: Callable[[Path], int], path: Path, memory: bool) -> tuple[int, float, float]:
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    count = func(path)
    elapsed = time.perf_counter() - start
    peak = 0.0
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return count, elapsed, peak


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


if __name__ == "__main__":
    main()
