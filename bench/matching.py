"""Cash-application throughput: remittance lines matched against open invoices.

The pure part (index build + ``match_indexed`` for every remittance) runs on generated data with
known truth (tests/support/remittances.py): by default about 100,000 remittance lines against
about 1,000,000 open items. With ``--post N`` the first N remittances also go end to end through
``apply_remittances`` on a fresh ledger (``--db sqlite``, ``postgresql`` or ``both``),
``--batch`` remittances per unit of work, seeded with those payers' customers and open items.
The generated book is moved out of the garbage collector's way (``gc.freeze``) before timing,
as a long-running worker would do with its open-item index. Prints one table.

    python bench/matching.py
    python bench/matching.py --lines 10000 --items 100000 --post 2000 --batch 200 --db both
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.databases import bench_database, pg_answers
from core import services as s
from core.clock import FixedClock
from core.db.engine import make_engine
from core.db.migrate import upgrade
from core.db.uow import SqlUnitOfWork
from core.domain.commands import ApplyRemittance
from core.domain.matching import match_indexed
from core.domain.matching_index import OpenItemIndex
from core.domain.remittance import MatchSettings, MatchStatus
from gateway.pipeline.cash_report import RemittanceFigures, build_report, figures_of_match
from tests.support.remittances import Book, Case, generate

LINES_PER_REMITTANCE = 2.16  # what the generator's mix averages
ITEMS_PER_REMITTANCE_BEYOND_DISTRACTORS = 2.5


def build(lines: int, items: int, seed: int) -> Book:
    remittances = max(1, round(lines / LINES_PER_REMITTANCE))
    distractors = max(0, round(items / remittances - ITEMS_PER_REMITTANCE_BEYOND_DISTRACTORS))
    return generate(seed=seed, remittances=remittances, distractors=distractors)


def match_all(book: Book, settings: MatchSettings) -> tuple[float, float, int, int, int]:
    """(index seconds, match seconds, lines, auto, wrong)."""
    start = time.perf_counter()
    index = OpenItemIndex.build(book.items, settings.prefixes)
    built = time.perf_counter()
    lines = auto = wrong = 0
    for case in book.cases:
        result = match_indexed(
            case.remittance, index, book.accounts_of(case.remittance.payer_account), settings
        )
        by_line = {d.line_index: d for d in result.decisions}
        for truth in case.truths:
            d = by_line[truth.line_index]
            lines += 1
            if d.status is MatchStatus.AUTO:
                auto += 1
                posted = sorted(a.item_number for a in d.allocations)
                wrong += not truth.auto or posted != sorted(truth.items)
    done = time.perf_counter()
    return built - start, done - built, lines, auto, wrong


def post_all(
    book: Book, cases: Sequence[Case], batch: int, url: str
) -> tuple[float, int, int, list[RemittanceFigures]]:
    """(seconds, lines, seeded items, figures per remittance) for ``cases`` through
    apply_remittances on the empty database at ``url``."""
    payers = {c.remittance.payer_account for c in cases}
    customers = [c for c in book.customers if c.account in payers or c.parent_account in payers]
    accounts = {c.account for c in customers}
    items = [i for i in book.items if i.customer_account in accounts]
    engine = make_engine(url)
    try:
        upgrade(engine)
        uow = SqlUnitOfWork(engine, clock=FixedClock(date(2026, 3, 10)))
        s.put_customers(uow, customers)
        with uow:
            for item in items:
                uow.open_items.add(item)
            uow.commit()
        start = time.perf_counter()
        done = []
        for first in range(0, len(cases), batch):
            cmds = [
                ApplyRemittance(c.remittance, idempotency_key=f"bench-{c.remittance.trace}")
                for c in cases[first : first + batch]
            ]
            done.extend(s.apply_remittances(uow, cmds))
        seconds = time.perf_counter() - start
    finally:
        engine.dispose()
    figs = [
        figures_of_match(n, a.payment.number, c.remittance.payment_amount, a.result)
        for n, (c, a) in enumerate(zip(cases, done, strict=True))
        if a.result is not None
    ]
    return seconds, sum(len(c.truths) for c in cases), len(items), figs


def row(stage: str, items: int, lines: int, seconds: float) -> str:
    rate = f"{lines / seconds:12,.0f}" if seconds and lines else f"{'':>12}"
    return f"{stage:<34} {items:>10,} {lines:>9,} {seconds:>9.2f} {rate}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=820)
    parser.add_argument("--post", type=int, default=0, help="remittances to post end to end")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    start = time.perf_counter()
    book = build(args.lines, args.items, args.seed)
    generated = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # the generated book lives to the end: keep the collector from rescanning it
    settings = MatchSettings()
    index_s, match_s, lines, auto, wrong = match_all(book, settings)
    items = len(book.items)
    print(f"{'stage':<34} {'items':>10} {'lines':>9} {'seconds':>9} {'lines/s':>12}")
    print(row("generate (not measured)", items, lines, generated))
    print(row("index build", items, 0, index_s))
    print(row("match", items, lines, match_s))
    print(row("pure total (index + match)", items, lines, index_s + match_s))
    for db in ("sqlite", "postgresql") if args.post else ():
        if args.db not in (db, "both"):
            continue
        if db == "postgresql" and not pg_answers():
            print("postgresql: no server on 127.0.0.1:5432, skipped")
            continue
        with bench_database(db) as url:
            seconds, posted_lines, seeded, figs = post_all(
                book, book.cases[: args.post], args.batch, url
            )
        print(row(f"post via {db} (batch {args.batch})", seeded, posted_lines, seconds))
        report = build_report(
            figs, unapplied_now=Decimal(0), open_exceptions=0, open_deductions={}, denied=()
        )
        print(
            f"cash-application report ({db}): lines auto {report.line_rate}%,"
            f" payments applied by themselves {report.payment_rate}%"
        )
    print(f"auto {auto:,} of {lines:,} lines ({auto / lines:.2%}), wrong matches {wrong}")


if __name__ == "__main__":
    main()
