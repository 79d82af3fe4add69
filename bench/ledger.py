"""Ledger throughput: orders per second through order -> packing slip -> invoice -> payment.

Each order has ``--lines`` lines and goes through the one-by-one path the gateway uses: four
service calls (``place_order``, ``post_packing_slip``, ``invoice_order``, ``record_payment``);
``--batch`` orders run in one unit of work (one commit). Runs on a fresh SQLite file (WAL) and
on a fresh PostgreSQL database at ``--pg`` (skipped with a note when the server does not answer).
Prints one row per database: wall seconds, and this process's CPU seconds over the same span
(steadier than wall time on a shared machine; PostgreSQL's own work is not in it).

The process runs with the garbage-collector settings a deployed gateway has (``o2c run`` calls
``gateway.runtime_tuning.tune_gc`` once started); ``--gc both`` adds rows with Python's default
settings first, ``--gc default`` gives only those.

    python bench/ledger.py --orders 2000 --lines 20 --batch 200
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

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
from core.domain.parties import Customer, PaymentTerms
from gateway.runtime_tuning import tune_gc

DAY = date(2026, 1, 5)


def run(url: str, orders: int, lines: int, batch: int) -> tuple[float, float, int]:
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
        with uow:
            for n in range(first, min(first + batch, orders)):
                order = s.place_order(
                    uow, PlaceOrder("C1", order_lines, f"PO-{n}", idempotency_key=f"850:{n}")
                )
                s.post_packing_slip(uow, PostPackingSlip(order.number))
                inv = s.invoice_order(uow, InvoiceOrder(order.number))
                s.record_payment(
                    uow,
                    RecordPayment("C1", inv.total, f"CHK-{n}", apply=(Application(inv.number),)),
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
    parser.add_argument("--pg", default=PG_SERVER)
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
    rows = []
    # Python's defaults first: the gateway's settings freeze the process's objects for good.
    for settings in ("default", "gateway"):
        if args.gc not in (settings, "both"):
            continue
        if settings == "gateway":
            tune_gc()
        for db in databases:
            with bench_database(db, args.pg) as url:
                seconds, cpu, jl = run(url, args.orders, args.lines, args.batch)
            rows.append((db, settings, seconds, cpu, jl))
    print(
        f"{'database':<12}{'gc':<9}{'orders':>7}{'lines':>7}{'batch':>7}{'seconds':>9}"
        f"{'cpu s':>7}{'orders/s':>10}{'journal lines/s':>17}"
    )
    for db, settings, seconds, cpu, jl in rows:
        print(
            f"{db:<12}{settings:<9}{args.orders:>7}{args.lines:>7}{args.batch:>7}{seconds:>9.2f}"
            f"{cpu:>7.2f}{args.orders / seconds:>10.1f}{jl / seconds:>17.0f}"
        )
    if args.gc != "default":
        print(f"gc gateway: runtime_tuning.tune_gc as in o2c run, thresholds {gc.get_threshold()}")


if __name__ == "__main__":
    main()
