"""Cash-application throughput: remittance lines matched against open invoices.

The pure part (index build + ``match_indexed`` for every remittance) runs on generated data with
known truth (tests/support/remittances.py): by default about 100,000 remittance lines against
about 1,000,000 open items. Then, end to end, the remittances go through ``apply_remittances``
on a fresh ledger (``--db sqlite``, ``postgresql`` or ``both``), ``--batch`` remittances per
unit of work: all of them by default, the first N with ``--post N`` (0: none). The ledger is
seeded first with the customers and open items of those payers (all of the book's items by
default; on PostgreSQL the two tables are then analyzed, as after any bulk load; not timed).
The timed part is every ``apply_remittances`` call: reading the payers and their open items
from the database, matching, and writing the payments, settlements, deduction
items, open-item updates, journal entries, events and idempotency keys, committed per batch. The
rows it wrote are counted afterwards. The collector runs with the gateway worker's settings
(``gateway.runtime_tuning.tune_gc``, as ``o2c run`` sets them): the generated book is frozen
before timing, and so are the results the bench keeps for its report, after each batch
(a worker would not keep them; kept and rescanned by every full collection they cost about a
quarter more at full size). Prints one table; "cpu s" is the process's CPU time of the stage
(the wall clock is noisy on a shared machine).

The issue measures its target against a yardstick: a bare dictionary match of this size (a dict
of every item by number, then one look-up per remittance line) takes 0.4 s on its machine and the
whole run should take under 10 s, 25 times that. The table has the yardstick measured on the
machine it runs on (the best of three runs), and each end-to-end row says how many times the
yardstick it took.

    python bench/matching.py                      # 100k lines, 1M items, end to end on SQLite
    python bench/matching.py --db both
    python bench/matching.py --lines 10000 --items 100000 --post 2000 --batch 200 --db both
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, Table, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.databases import bench_database, pg_answers
from core import services as s
from core.clock import FixedClock
from core.db import tables as t
from core.db.engine import make_engine
from core.db.migrate import upgrade
from core.db.uow import SqlUnitOfWork
from core.domain.commands import ApplyRemittance
from core.domain.matching import match_indexed
from core.domain.matching_index import OpenItemIndex
from core.domain.parties import Customer
from core.domain.receivables import ItemKind, OpenItem
from core.domain.remittance import MatchSettings, MatchStatus
from core.services.cash_application import RemittanceApplied
from gateway.pipeline.cash_report import RemittanceFigures, build_report, figures_of_match
from gateway.runtime_tuning import tune_gc
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


ISSUE_BARE_SECONDS = 0.4  # issue 8: "a bare dictionary match of that size takes 0.4 s here"
ISSUE_TARGET_SECONDS = 10.0  # ... "target under 10 s end to end including the postings"


BARE_RUNS = 3


def bare_match(book: Book, runs: int = BARE_RUNS) -> tuple[float, int]:
    """The issue's yardstick on this machine: a dictionary of every item by number, built, then
    every remittance line's reference looked up in it. (seconds, references found); the
    seconds are the best of ``runs``, as for any short timing on a shared machine (one run
    moved between 0.4 and 0.7 s), so the target scaled from it is the strictest of them."""
    best, found = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        by_number = {i.number: i for i in book.items}
        found = sum(ln.reference in by_number for c in book.cases for ln in c.remittance.lines)
        best = min(best, time.perf_counter() - start)
        del by_number
    return best, found


def scaled_target(bare_seconds: float) -> float:
    """The issue's 10 s, scaled by how long the bare match takes here against its 0.4 s."""
    return ISSUE_TARGET_SECONDS * bare_seconds / ISSUE_BARE_SECONDS


@dataclass
class Posted:
    """What an end-to-end run did: wall and CPU seconds of the timed part, lines posted, items
    seeded, rows written by table, and the figures per remittance."""

    seconds: float
    cpu: float
    lines: int
    seeded: int
    seed_seconds: float
    rows: dict[str, int]
    figures: list[RemittanceFigures]


SEED_CHUNK = 100_000


def seed(uow: SqlUnitOfWork, customers: list[Customer], items: list[OpenItem]) -> None:
    """The customers, then the open items a transaction per ``SEED_CHUNK``."""
    s.put_customers(uow, customers)
    for first in range(0, len(items), SEED_CHUNK):
        with uow:
            for item in items[first : first + SEED_CHUNK]:
                uow.open_items.add(item)
            uow.commit()


SEEDED_TABLES = ("customers", "open_items")


def analyze_seeded(engine: Engine) -> None:
    """On PostgreSQL, the statistics of the tables just seeded (``ANALYZE``), as PostgreSQL's
    manual asks after a bulk load and as autovacuum keeps them on a ledger that grew by use.
    Without them the planner guessed a batch's accounts (about 1,300) at 89,000 open items
    instead of 13,000 and read them by a parallel scan of the whole table (190 to 310 ms a
    batch at full size, against 37 to 54 ms through ``ix_open_items_customer_account``), and
    scanned the customer table for the payers and their stores (32 to 40 ms against 1 to
    7 ms). Autovacuum analyzes the table some time after the seeding, so a run without this
    had such plans for its first batches or for all of them. SQLite is left as it is: its
    planner uses the indexes without statistics."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        conn.execute(text(f"ANALYZE {', '.join(SEEDED_TABLES)}"))


def written(engine: Engine) -> dict[str, int]:
    """Rows of the ledger after the run: payments and deduction items among the open items,
    settlements, journal entries, outbox events."""
    kind = t.open_items.c.kind

    def count(table: Table, *where: Any) -> Select[tuple[int]]:
        return select(func.count()).select_from(table).where(*where)

    queries = {
        "payments": count(t.open_items, kind == ItemKind.PAYMENT.value),
        "deductions": count(t.open_items, kind == ItemKind.DEDUCTION.value),
        "settlements": count(t.settlements),
        "journal_entries": count(t.journal_entries),
        "outbox": count(t.outbox),
    }
    with engine.connect() as conn:
        return {name: conn.execute(q).scalar_one() for name, q in queries.items()}


def post_all(book: Book, cases: Sequence[Case], batch: int, url: str) -> Posted:
    """``cases`` through apply_remittances on the empty database at ``url``."""
    payers = {c.remittance.payer_account for c in cases}
    customers = [c for c in book.customers if c.account in payers or c.parent_account in payers]
    accounts = {c.account for c in customers}
    items = [i for i in book.items if i.customer_account in accounts]
    engine = make_engine(url)
    try:
        upgrade(engine)
        uow = SqlUnitOfWork(engine, clock=FixedClock(date(2026, 3, 10)))
        start = time.perf_counter()
        seed(uow, customers, items)
        analyze_seeded(engine)
        seeded = time.perf_counter() - start
        done: list[RemittanceApplied] = []
        seconds = cpu = 0.0
        for first in range(0, len(cases), batch):
            cmds = [
                ApplyRemittance(c.remittance, idempotency_key=f"bench-{c.remittance.trace}")
                for c in cases[first : first + batch]
            ]
            wall, used = time.perf_counter(), time.process_time()
            done.extend(s.apply_remittances(uow, cmds))
            seconds += time.perf_counter() - wall
            cpu += time.process_time() - used
            gc.freeze()  # the results kept for the report: out of the collector's way, untimed
        gc.unfreeze()
        rows = written(engine)
    finally:
        engine.dispose()
    figs = [
        figures_of_match(n, a.payment.number, c.remittance.payment_amount, a.result)
        for n, (c, a) in enumerate(zip(cases, done, strict=True))
        if a.result is not None
    ]
    lines = sum(len(c.truths) for c in cases)
    return Posted(seconds, cpu, lines, len(items), seeded, rows, figs)


def row(stage: str, items: int, lines: int, seconds: float, cpu: float | None = None) -> str:
    rate = f"{lines / seconds:12,.0f}" if seconds and lines else f"{'':>12}"
    used = f"{cpu:9.2f}" if cpu is not None else f"{'':>9}"
    return f"{stage:<40} {items:>10,} {lines:>9,} {seconds:>9.2f} {used} {rate}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=820)
    parser.add_argument(
        "--post", type=int, default=None, help="remittances to post end to end (default: all)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    start = time.perf_counter()
    book = build(args.lines, args.items, args.seed)
    generated = time.perf_counter() - start
    # the collector as the gateway's worker sets it (o2c run): what is alive now, the generated
    # book included, is frozen, and young passes are rarer
    settings_gc = tune_gc()
    settings = MatchSettings()
    bare_s, bare_found = bare_match(book)
    cpu = time.process_time()
    index_s, match_s, lines, auto, wrong = match_all(book, settings)
    cpu = time.process_time() - cpu
    items = len(book.items)
    cases = book.cases if args.post is None else book.cases[: args.post]
    print(f"{'stage':<40} {'items':>10} {'lines':>9} {'seconds':>9} {'cpu s':>9} {'lines/s':>12}")
    print(row("generate (not timed)", items, lines, generated))
    print(row(f"yardstick: bare dict match (best of {BARE_RUNS})", items, lines, bare_s))
    print(row("index build (by number)", items, 0, index_s))
    print(row("match (other maps built on first use)", items, lines, match_s))
    print(row("pure total (index + match)", items, lines, index_s + match_s, cpu))
    for db in ("sqlite", "postgresql") if cases else ():
        if args.db not in (db, "both"):
            continue
        if db == "postgresql" and not pg_answers():
            print("postgresql: no server on 127.0.0.1:5432, skipped")
            continue
        with bench_database(db) as url:
            run = post_all(book, cases, args.batch, url)
        print(row(f"seed {db} (not timed)", run.seeded, 0, run.seed_seconds))
        stage = f"end to end {db} (batch {args.batch})"
        print(row(stage, run.seeded, run.lines, run.seconds, run.cpu))
        goal = scaled_target(bare_s)
        print(
            f"  {db}: {run.seconds:.1f} s is {run.seconds / bare_s:.0f} times the bare match"
            f" (issue: under {ISSUE_TARGET_SECONDS / ISSUE_BARE_SECONDS:.0f} times, i.e."
            f" {ISSUE_TARGET_SECONDS:.0f} s where it takes {ISSUE_BARE_SECONDS} s;"
            f" here {goal:.1f} s)"
        )
        report = build_report(
            run.figures, unapplied_now=Decimal(0), open_exceptions=0, open_deductions={}, denied=()
        )
        print(
            f"  {db}: {len(run.figures):,} remittances; written "
            + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in run.rows.items())
            + f"; lines auto {report.line_rate}%, payments applied by themselves"
            f" {report.payment_rate}%"
        )
    print(f"bare match: {bare_found:,} of {lines:,} references are item numbers")
    print(f"auto {auto:,} of {lines:,} lines ({auto / lines:.2%}), wrong matches {wrong}")
    print(f"gc: runtime_tuning.tune_gc as in o2c run, thresholds {settings_gc.thresholds}")


if __name__ == "__main__":
    main()
