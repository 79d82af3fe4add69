"""The demo: a workspace with the example configuration, the partners' SFTP servers and
mailboxes stood in for by local folders, and the real pipeline and jobs run over it.

Both example partners send purchase orders; the gateway acknowledges them (997, 999, 855),
posts the orders, ships and invoices them, and sends 856s, 810s and UBL invoices; bigbox then
pays by 820 remittance (one short pay explained by a deduction, one payment for two invoices,
one under a mistyped invoice number that waits for a clerk);
two deliberately broken files land in the exception queue.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from core import services
from core.domain.commands import InvoiceOrder, PostPackingSlip
from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.demo.documents import Paid, purchase_order, remittance
from gateway.pipeline.context import Gateway
from gateway.pipeline.master_data import load_master_data
from gateway.pipeline.outbound import distribute
from gateway.pipeline.transport import poll, send_queued
from gateway.store import migrate as store_migrate
from gateway.store import repository as store

EXAMPLES = Path(__file__).resolve().parents[2]
ORDERS = {"bigbox": 6, "northwind": 3}


@dataclass
class Summary:
    documents_in: Counter[str] = field(default_factory=Counter)
    documents_out: Counter[str] = field(default_factory=Counter)
    orders: int = 0
    packing_slips: int = 0
    invoices: int = 0
    invoiced: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    exceptions: Counter[str] = field(default_factory=Counter)


def workspace(root: Path) -> Path:
    """Copy the example configuration into ``root`` and put every partner on local folders."""
    shutil.copytree(EXAMPLES / "config", root / "config", dirs_exist_ok=True)
    shutil.copytree(EXAMPLES / "mappings", root / "mappings", dirs_exist_ok=True)
    gateway_toml = root / "config" / "gateway.toml"
    extra = []
    for partner in ORDERS:
        base = root / "partners" / partner
        for name in ("to-us", "from-us", "taken"):
            (base / name).mkdir(parents=True, exist_ok=True)
        extra.append(f"""
[channels.demo-{partner}]             # stands in for {partner}'s SFTP server or mailbox
kind = "local"
inbound = "../partners/{partner}/to-us"
outbound = "../partners/{partner}/from-us"
processed = "../partners/{partner}/taken"
stability = "stable_polls"
""")
        file = root / "config" / "partners" / f"{partner}.toml"
        file.write_text(
            re.sub(
                r'^(inbound|outbound) = "[^"]+"',
                rf'\1 = "demo-{partner}"',
                file.read_text(),
                flags=re.M,
            )
        )
    gateway_toml.write_text(gateway_toml.read_text() + "".join(extra))
    return root


def open_gateway(root: Path) -> Gateway:
    config = load_config(root / "config", env={})
    gw = build_gateway(config, f"sqlite:///{root / 'var' / 'o2c.sqlite3'}", worker="demo")
    from core.db.migrate import upgrade

    upgrade(gw.engine)
    store_migrate.upgrade(gw.engine)
    load_master_data(gw)
    return gw


def drop(root: Path, partner: str, name: str, data: bytes) -> None:
    (root / "partners" / partner / "to-us" / name).write_bytes(data)


def receive_all(gw: Gateway) -> list[str]:
    statuses = []
    for partner in ORDERS:
        result = poll(gw, f"demo-{partner}", settle=0.05)
        statuses += [f.status for f in result.files]
    return statuses


def ship_and_invoice(gw: Gateway) -> list[str]:
    uow = gw.ledger()
    with uow:
        open_orders = [o.number for o in uow.orders.query(status="Open")]
    invoices = []
    for number in open_orders:
        services.post_packing_slip(gw.ledger(), PostPackingSlip(number))
        invoices.append(services.invoice_order(gw.ledger(), InvoiceOrder(number)).number)
    return invoices


def remittances(gw: Gateway, root: Path, now: datetime) -> None:
    """bigbox pays its invoices: most in full, one short by a deduction, two in one payment,
    and one under an invoice number with two digits swapped."""
    uow = gw.ledger()
    with uow:
        mine = [i for i in uow.open_items.query("C-1001", only_open=True) if i.amount > 0]
    mine.sort(key=lambda item: item.number)
    payments: list[list[Paid]] = []
    for n, item in enumerate(mine):
        if n == 1 and item.open_amount > 40:
            payments.append(
                [
                    Paid(
                        item.number,
                        item.open_amount,
                        item.open_amount - 40,
                        deduction=Decimal(40),
                        reason="59",
                    )
                ]
            )
        elif n == len(mine) - 1 and n > 4:
            # a typing slip on the partner's side: two digits swapped, left to a clerk
            slip = item.number[:-2] + item.number[-1] + item.number[-2]
            payments.append([Paid(slip, item.open_amount, item.open_amount)])
        elif n == 2 and len(mine) > 3:
            other = mine[3]
            payments.append(
                [
                    Paid(item.number, item.open_amount, item.open_amount),
                    Paid(other.number, other.open_amount, other.open_amount),
                ]
            )
        elif n != 3:
            payments.append([Paid(item.number, item.open_amount, item.open_amount)])
    for n, paid in enumerate(payments):
        drop(
            root,
            "bigbox",
            f"820-{n:02d}.edi",
            remittance(gw.config, "bigbox", n, paid, now.date(), now),
        )


def broken_files(root: Path, gw: Gateway, rng: random.Random, now: datetime) -> None:
    _, good = purchase_order(gw.config, "bigbox", 90, rng, now)
    drop(root, "bigbox", "850-bad-code.edi", good.replace(b"BEG*00*", b"BEG*99*"))
    _, other = purchase_order(gw.config, "bigbox", 91, rng, now)
    unknown = re.sub(rb"(PO1\*1\*\d+\*\w+\*[\d.]+\*)\*[^~]*", rb"\1*IN*999999", other, count=1)
    drop(root, "bigbox", "850-unknown-item.edi", unknown)


def summarize(gw: Gateway) -> Summary:
    summary = Summary()
    with gw.engine.begin() as conn:
        for received in store.files(conn, direction="in", limit=10_000):
            summary.documents_in[received.name.split("-")[0].split(".")[0]] += 1
        for sent in store.outbound(conn, limit=10_000):
            summary.documents_out[sent.kind] += 1
        for problem in store.exceptions(conn, only_open=True, limit=10_000):
            summary.exceptions[problem.code] += 1
    uow = gw.ledger()
    with uow:
        summary.orders = len(uow.orders.query())
        invoices = [i for o in uow.orders.query() for i in uow.invoices.for_order(o.number)]
        summary.invoices = len(invoices)
        summary.invoiced = sum((i.total for i in invoices), Decimal(0))
        summary.packing_slips = sum(
            len(uow.packing_slips.for_order(o.number)) for o in uow.orders.query()
        )
        paid = [i for i in uow.open_items.query(only_open=False) if i.amount < 0]
        summary.paid = -sum((i.amount for i in paid), Decimal(0))
    return summary


STEPS = (
    "purchase orders from both partners",
    "receive, acknowledge and post",
    "send the acknowledgements",
    "ship and invoice every order",
    "856s, 810s and UBL invoices out",
    "remittances and two broken files",
    "receive remittances and exceptions",
)


def run(root: Path, advance: object = None, seed: int = 2026) -> Summary:
    """Run every step in ``root``; ``advance(step)`` is called after each one."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    workspace(root)
    gw = open_gateway(root)

    def done(step: str) -> None:
        if callable(advance):
            advance(step)

    try:
        for partner, count in ORDERS.items():
            for n in range(count):
                po, data = purchase_order(gw.config, partner, n, rng, now)
                drop(root, partner, f"850-{po}.edi", data)
        done(STEPS[0])
        receive_all(gw)
        done(STEPS[1])
        send_queued(gw)
        done(STEPS[2])
        ship_and_invoice(gw)
        done(STEPS[3])
        distribute(gw)
        send_queued(gw)
        done(STEPS[4])
        remittances(gw, root, now)
        broken_files(root, gw, rng, now)
        done(STEPS[5])
        receive_all(gw)
        send_queued(gw)
        done(STEPS[6])
        return summarize(gw)
    finally:
        gw.engine.dispose()
