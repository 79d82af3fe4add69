"""Post one accepted inbound transaction set to the ledger, or say why not.

850 → place, change or cancel orders (``map850``); 820 → the remittance is read and checked and
waits for cash application; 997/999 → reconcile the acknowledgement with what we sent; other
sets are ignored. Ledger refusals become ``LDG_`` problems. Every ledger call carries an
idempotency key derived from the set's place in its file, so a replay never posts twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from core import services
from core.domain.commands import ChangeOrder
from core.domain.errors import LedgerError, RuleViolation
from core.ports import UnitOfWork
from gateway.pipeline.context import Gateway
from gateway.store import repository as store
from gateway.store.types import Connection
from gateway.transactions.map850 import CatalogItem, map_850
from gateway.transactions.mapping import PartnerMapping
from gateway.transactions.overrides import apply_inbound
from gateway.transactions.ts850 import PurchaseOrder, parse_850
from gateway.x12.ack_reader import read_functional_ack
from gateway.x12.envelope import TransactionSet
from gateway.x12.problems import Location, Problem, error


@dataclass(frozen=True)
class Posted:
    """The end of one set: posted, rejected or ignored, the documents made, the problems."""

    status: str
    business_key: str = ""
    documents: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    note: str = ""
    evidence: dict[str, object] = field(default_factory=dict)
    order: PurchaseOrder | None = None  # the parsed 850, for its 855
    detail: dict[str, object] = field(default_factory=dict)  # kept with the set
    #: exceptions to open one by one (a remittance's unapplied lines), with their evidence
    line_exceptions: tuple[tuple[Problem, dict[str, object]], ...] = ()


def catalog_of(uow: UnitOfWork) -> dict[str, CatalogItem]:
    return {
        item.sku: CatalogItem(
            item.sku, item.unit_price, item.uom, frozenset({item.uom, *item.conversions})
        )
        for item in uow.items.all()
    }


def ledger_problem(exc: LedgerError) -> Problem:
    code = getattr(exc, "code", "ERROR")
    return error(f"LDG_{code}", str(exc), Location())


def post_850(gw: Gateway, transaction: TransactionSet, mapping: PartnerMapping, key: str) -> Posted:
    segments = apply_inbound(transaction.segments, "850", mapping.overrides)
    order, problems = parse_850(segments)
    if order is None:
        return Posted(
            "rejected",
            problems=(error("MAP_NO_BEG", "the 850 has no BEG segment", Location()), *problems),
        )
    if any(p.is_error for p in problems):
        return Posted("rejected", order.po_number, problems=tuple(problems), order=order)
    return replace(_post_order(gw, order, problems, mapping, key), order=order)


def _post_order(
    gw: Gateway, order: PurchaseOrder, problems: list[Problem], mapping: PartnerMapping, key: str
) -> Posted:
    uow = gw.ledger()
    try:
        with uow:
            catalog = catalog_of(uow)
        mapped = map_850(order, mapping, catalog, key)
        if not mapped.ok:
            return Posted("rejected", order.po_number, problems=(*problems, *mapped.problems))
        if mapped.action == "none":
            return Posted("ignored", order.po_number, note="BEG01 07: a duplicate, not posted")
        if mapped.action == "cancel":
            numbers = _orders_of(uow, order.po_number, mapping.customer_account)
            for number in numbers:
                services.cancel_order(uow, number)
            return Posted("posted", order.po_number, tuple(numbers), note="canceled")
        if mapped.action == "change":
            numbers = _orders_of(uow, order.po_number, mapping.customer_account)
            if len(numbers) != 1:
                raise RuleViolation(
                    "CHANGE",
                    f"PO {order.po_number} has {len(numbers)} open "
                    "orders; a change needs exactly one",
                )
            (command,) = mapped.commands
            changed = services.change_order(
                uow, ChangeOrder(numbers[0], command.lines, order.purpose == "replace", key)
            )
            return Posted("posted", order.po_number, (changed.number,), note="changed")
        made = [services.place_order(uow, command).number for command in mapped.commands]
        return Posted("posted", order.po_number, tuple(made), problems=tuple(problems))
    except LedgerError as exc:
        return Posted("rejected", order.po_number, problems=(ledger_problem(exc),))


def _orders_of(uow: UnitOfWork, po_number: str, customer: str) -> list[str]:
    with uow:
        orders = [uow.orders.get(number) for number in uow.orders.find(po_number)]
    found = []
    for order in orders:
        if (
            order is not None
            and order.po_number == po_number
            and customer in (order.customer_account, order.invoice_account)
        ):
            found.append(order.number)
    if not found:
        raise RuleViolation("NOT_FOUND", f"no order of customer {customer} has PO {po_number}")
    return found


def post_ack(conn: Connection, gw: Gateway, transaction: TransactionSet, partner_id: str) -> Posted:
    ack = read_functional_ack(transaction)
    if ack is None:
        return Posted(
            "rejected",
            problems=(
                error("ACK_UNREADABLE", "the acknowledgement has no AK1 or AK9", Location()),
            ),
        )
    waiting = store.awaiting_ack(
        conn, partner_id=partner_id, group_control=ack.group_control_number
    )
    if waiting is None:
        return Posted(
            "ignored",
            ack.group_control_number,
            note=f"{ack.kind} for group {ack.group_control_number}, nothing awaits it",
        )
    state = "accepted" if ack.status in ("A", "E") else "rejected"
    store.update_outbound(conn, waiting.id, now=gw.clock(), state=state)
    problems: tuple[Problem, ...] = ()
    if state == "rejected":
        problems = (
            error(
                "ACK_REJECTED",
                f"the partner's {ack.kind} rejects group "
                f"{ack.group_control_number} ({ack.status_name}; codes "
                f"{', '.join(ack.codes) or 'none'})",
                Location(),
            ),
        )
    return Posted("posted", ack.group_control_number, (str(waiting.id),), problems)
