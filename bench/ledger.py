"""Ledger throughput: orders per second through order -> packing slip -> invoice -> payment.

Each order has ``--lines`` lines; ``--batch`` orders run in one unit of work (one commit), by
either path (``--path``, default both, a row each): ``one``, the one-by-one path the gateway
uses, four service calls per order (``place_order``, ``post_packing_slip``, ``invoice_order``,
``record_payment``); ``batch``, the four batch services once per unit of work
(``place_orders``, ``post_packing_slips``, ``invoice_orders``, ``record_payments``), which post
the same. Runs on a fresh SQLite file (WAL) and
on a fresh PostgreSQL database at ``--pg`` (skipped with a note when the server does not answer).
Prints one row per database: wall seconds, and this process's CPU seconds over the same span
(steadier than wall time on a shared machine; PostgreSQL's own work is not in it).

Below the table, a calibration line per database measures what this machine's driver does without
the ledger: journal-line rows (the columns, primary key and index of ``journal_lines``, amounts
in the form each database stores) built beforehand and written raw, ``--calibration-rows`` of
them in batches of ``BATCH_ROWS`` with a commit each: one ``executemany`` per batch into a fresh
WAL SQLite file (``synchronous=NORMAL`` as the ledger's engine sets it), ``COPY ... FROM STDIN``
into a fresh PostgreSQL database; best of three, wall clock, not part of the ledger rows' times.
Issue 4 asks for 2,000 orders/s on SQLite where the driver wrote 300,000 journal lines/s
(PostgreSQL's COPY 120,000/s), so the SQLite line also prints that target scaled to this
machine (2,000 x measured rate / 300,000) next to the orders/s the ledger reached (the batch
path first: the issue's target is for orders fed in batches).

The process runs with the garbage-collector settings a deployed gateway has (``o2c run`` calls
``gateway.runtime_tuning.tune_gc`` once started); ``--gc both`` adds rows with Python's default
settings first, ``--gc default`` gives only those.

    python bench/ledger.py --orders 2000 --lines 20 --batch 200
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.databases import PG_SERVER, bench_database, pg_answers
from core import services as s
from core.clock import FixedClock
from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import upgrade
from core.db.uow import SqlUnitOfWork
from core.domain.catalog import Item
from core.domain.commands import (
    Application,
    InvoiceOrder,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
)
from core.domain.documents import Invoice
from core.domain.parties import Customer, PaymentTerms
from gateway.runtime_tuning import tune_gc

DAY = date(2026, 1, 5)

# issue 4: the target and the raw driver rates of the machine it was measured on
TARGET_ORDERS_PER_S = 2000
ISSUE_RAW_ROWS_PER_S = {"sqlite": 300_000, "postgresql": 120_000}
BATCH_ROWS = 10_000  # raw rows per executemany / COPY and commit in the calibration

_JOURNAL_LINES_DDL = (
    "CREATE TABLE journal_lines (entry_number VARCHAR(64) NOT NULL, line_no INTEGER NOT NULL, "
    "account VARCHAR(20) NOT NULL, currency VARCHAR(3) NOT NULL, amount {amount} NOT NULL, "
    "customer VARCHAR(64) NOT NULL, text VARCHAR(200) NOT NULL, "
    "PRIMARY KEY (entry_number, line_no)){suffix}",
    "CREATE INDEX ix_cal_account_currency ON journal_lines (account, currency)",
)
_COLUMNS = "entry_number, line_no, account, currency, amount, customer, text"


def journal_line_rows(count: int, sqlite: bool) -> list[tuple[object, ...]]:
    """``count`` rows shaped like the ledger's journal lines, 7 to an entry; the amount as the
    database stores it (integer millionths on SQLite, a Decimal for PostgreSQL)."""
    accounts = ("1200", "4000", "2200", "5000", "1300", "1000", "7000")
    rows = []
    for n in range(count):
        entry, line = divmod(n, 7)
        amount = Decimal(f"{(n % 997) + 1}.{n % 100:02d}")
        rows.append(
            (
                f"JE-{entry:09d}",
                line + 1,
                accounts[line],
                "USD",
                int(amount * 1_000_000) if sqlite else amount,
                "C1",
                f"Invoice INV-{entry:09d}",
            )
        )
    return rows


def _batches(rows: list[tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    return [rows[i : i + BATCH_ROWS] for i in range(0, len(rows), BATCH_ROWS)]


def raw_sqlite_rate(count: int) -> float:
    """Journal-line rows per second written by ``executemany`` into a fresh WAL SQLite file."""
    rows = journal_line_rows(count, sqlite=True)
    best = float("inf")
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            conn = sqlite3.connect(Path(tmp) / "raw.sqlite", isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                ddl, index = _JOURNAL_LINES_DDL
                conn.execute(ddl.format(amount="BIGINT", suffix=" WITHOUT ROWID"))
                conn.execute(index)
                sql = f"INSERT INTO journal_lines ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                started = time.perf_counter()
                for part in _batches(rows):
                    conn.execute("BEGIN IMMEDIATE")
                    conn.executemany(sql, part)
                    conn.execute("COMMIT")
                best = min(best, time.perf_counter() - started)
            finally:
                conn.close()
    return count / best


def raw_postgresql_rate(url: str, count: int) -> float:
    """Journal-line rows per second written by ``COPY ... FROM STDIN`` into a fresh table."""
    import psycopg

    rows = journal_line_rows(count, sqlite=False)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    best = float("inf")
    with psycopg.connect(dsn) as conn:
        for _ in range(3):
            ddl, index = _JOURNAL_LINES_DDL
            conn.execute("DROP TABLE IF EXISTS journal_lines")
            conn.execute(ddl.format(amount="NUMERIC(24, 6)", suffix=""))
            conn.execute(index)
            conn.commit()
            started = time.perf_counter()
            for part in _batches(rows):
                with (
                    conn.cursor() as cur,
                    cur.copy(f"COPY journal_lines ({_COLUMNS}) FROM STDIN") as copy,
                ):
                    for row in part:
                        copy.write_row(row)
                conn.commit()
            best = min(best, time.perf_counter() - started)
    return count / best


def place(order_lines: tuple[OrderLineInput, ...], n: int) -> PlaceOrder:
    return PlaceOrder("C1", order_lines, f"PO-{n}", idempotency_key=f"850:{n}")


def payment(inv: Invoice, n: int) -> RecordPayment:
    return RecordPayment("C1", inv.total, f"CHK-{n}", apply=(Application(inv.number),))


def run(url: str, orders: int, lines: int, batch: int, path: str) -> tuple[float, float, int]:
    """Wall and CPU seconds of the timed orders, and the journal lines they wrote; ``path`` is
    ``one`` (the four calls per order) or ``batch`` (the four batch calls per unit of work)."""
    engine = make_engine(url)
    upgrade(engine)
    uow = SqlUnitOfWork(engine, clock=FixedClock(DAY))
    s.put_customers(
        uow, [Customer("C1", "Bench", "USD", PaymentTerms.parse("2/10 net 30"), tax_code="STD")]
    )
    s.put_items(
        uow,
        [
            Item(
                f"SKU{i:03d}", f"Item {i}", Decimal("9.99"), Decimal("4.10"), on_hand=Decimal(10**9)
            )
            for i in range(lines)
        ],
    )
    order_lines = tuple(OrderLineInput(f"SKU{i:03d}", Decimal(3)) for i in range(lines))
    started, cpu_started = time.perf_counter(), time.process_time()
    for first in range(0, orders, batch):
        numbers = range(first, min(first + batch, orders))
        with uow:
            if path == "one":
                for n in numbers:
                    order = s.place_order(uow, place(order_lines, n))
                    s.post_packing_slip(uow, PostPackingSlip(order.number))
                    inv = s.invoice_order(uow, InvoiceOrder(order.number))
                    s.record_payment(uow, payment(inv, n))
            else:
                placed = s.place_orders(uow, [place(order_lines, n) for n in numbers])
                s.post_packing_slips(uow, [PostPackingSlip(o.number) for o in placed])
                invoices = s.invoice_orders(uow, [InvoiceOrder(o.number) for o in placed])
                s.record_payments(
                    uow, [payment(inv, n) for inv, n in zip(invoices, numbers, strict=True)]
                )
            uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    with engine.connect() as conn:
        journal_lines = int(
            conn.execute(select(func.count()).select_from(tables.journal_lines)).scalar() or 0
        )
    engine.dispose()
    return seconds, cpu, journal_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--path",
        choices=["one", "batch", "both"],
        default="both",
        help="one-by-one service calls, the batch services, or a row of each",
    )
    parser.add_argument("--pg", default=PG_SERVER)
    parser.add_argument(
        "--calibration-rows",
        type=int,
        default=50_000,
        help="raw journal-line rows written to calibrate the machine (0: no calibration)",
    )
    parser.add_argument(
        "--gc",
        choices=["gateway", "default", "both"],
        default="gateway",
        help="collector settings: the gateway's (tune_gc), Python's default, or both",
    )
    args = parser.parse_args()
    databases = [db for db in ("sqlite", "postgresql") if args.db in (db, "both")]
    if "postgresql" in databases and not pg_answers():
        print("postgresql: no server on 127.0.0.1:5432, skipped")
        databases.remove("postgresql")
    paths = [p for p in ("one", "batch") if args.path in (p, "both")]
    rows: list[Row] = []
    # Python's defaults first: the gateway's settings freeze the process's objects for good.
    for settings in ("default", "gateway"):
        if args.gc not in (settings, "both"):
            continue
        if settings == "gateway":
            tune_gc()
        for db in databases:
            for path in paths:
                with bench_database(db, args.pg) as url:
                    seconds, cpu, jl = run(url, args.orders, args.lines, args.batch, path)
                rows.append(Row(db, settings, path, seconds, cpu, jl))
    print(
        f"{'database':<12}{'gc':<9}{'path':<7}{'orders':>7}{'lines':>7}{'batch':>7}"
        f"{'seconds':>9}{'cpu s':>7}{'orders/s':>10}{'journal lines/s':>17}"
    )
    for r in rows:
        print(
            f"{r.db:<12}{r.gc:<9}{r.path:<7}{args.orders:>7}{args.lines:>7}{args.batch:>7}"
            f"{r.seconds:>9.2f}{r.cpu:>7.2f}{args.orders / r.seconds:>10.1f}"
            f"{r.journal_lines / r.seconds:>17.0f}"
        )
    if args.calibration_rows > 0:
        print_calibration(databases, rows, args.orders, args.calibration_rows, args.pg)
    if args.gc != "default":
        print(f"gc gateway: runtime_tuning.tune_gc as in o2c run, thresholds {gc.get_threshold()}")


class Row(NamedTuple):
    db: str
    gc: str
    path: str
    seconds: float
    cpu: float
    journal_lines: int


def print_calibration(
    databases: list[str],
    rows: list[Row],
    orders: int,
    count: int,
    pg_server: str,
) -> None:
    """The raw driver rate of each database on this machine, and issue 4's target scaled to it."""
    print(f"calibration: {count} raw journal-line rows, batches of {BATCH_ROWS}, best of 3")
    for db in databases:
        if db == "sqlite":
            rate, how = raw_sqlite_rate(count), "executemany"
        else:
            with bench_database(db, pg_server) as url:
                rate, how = raw_postgresql_rate(url, count), "COPY"
        issue = ISSUE_RAW_ROWS_PER_S[db]
        line = (
            f"{db:<12}{how:<12}{rate:>10,.0f} rows/s ({rate / issue:.2f} x the issue's {issue:,})"
        )
        if db == "sqlite":
            target = TARGET_ORDERS_PER_S * rate / issue
            # the issue's target is for orders fed in batches: the batch rows first
            mine = sorted((r for r in rows if r.db == db), key=lambda r: r.path != "batch")
            line += f"; target here {target:,.0f} orders/s, achieved " + ", ".join(
                f"{orders / r.seconds:,.0f} ({orders / r.seconds / target:.0%}, {r.path} path)"
                for r in mine
            )
        print(line)


if __name__ == "__main__":
    main()
