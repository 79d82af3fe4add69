"""The outbound flow, first half: ledger events → the partner's document → validated →
enveloped with the next control numbers → archived → queued for the partner's channel.

Packing slips become 856 ship notices (when the partner takes them); invoices and credit notes
become 810s or UBL 2.1 documents, as the partner file says. A document that fails our own
validation is not queued: it becomes an ``OUT_`` exception. Events are marked handled only
after their documents are queued, and queueing is keyed by the document, so a crash or a
second worker never queues a document twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core import services
from core.domain.documents import Invoice, PackingSlip
from core.domain.events import PublishedEvent
from core.domain.orders import SalesOrder
from core.domain.parties import Customer
from gateway.config.partner_model import PartnerSettings
from gateway.pipeline.context import Gateway
from gateway.pipeline.documents import invoice_notice, ship_notice, ubl_document
from gateway.pipeline.envelope_out import apply_overrides, envelope
from gateway.pipeline.outbound_docs import (
    our_party,
    payment_means,
    ship_to,
    tax_infos,
    ubl_buyer,
    ubl_seller,
)
from gateway.store import repository as store
from gateway.store.control_numbers import DbControlNumbers
from gateway.store.types import Connection
from gateway.transactions import ts810, ts856
from gateway.transactions.consistency import check_810, check_856
from gateway.transactions.gs1 import sscc
from gateway.ubl import builder
from gateway.ubl.validate import Validator as UblValidator
from gateway.x12.control_numbers import ControlNumbers, MemoryControlNumbers
from gateway.x12.envelope import read_envelopes
from gateway.x12.report import summarize

log = logging.getLogger("o2c.outbound")


@dataclass(frozen=True)
class Distributed:
    event: str
    document: str
    partner_id: str
    kind: str  # 856, 810, UBL, or "" when nothing is due
    outcome: str  # queued, already queued, invalid, not a partner, not wanted


@dataclass
class _Docs:
    customer: Customer | None = None
    order: SalesOrder | None = None
    slip: PackingSlip | None = None
    invoice: Invoice | None = None


def _load(gw: Gateway, event: PublishedEvent) -> _Docs:
    docs = _Docs()
    uow = gw.ledger()
    with uow:
        payload = event.payload
        if event.name == "PackingSlipPosted":
            docs.slip = uow.packing_slips.get(payload["packing_slip"])
            docs.order = uow.orders.get(payload["order_number"])
        elif event.name in ("InvoicePosted", "CreditNotePosted"):
            number = payload.get("invoice_number") or payload.get("credit_note", "")
            docs.invoice = uow.invoices.get(number)
            if docs.invoice is not None and docs.invoice.order_number:
                docs.order = uow.orders.get(docs.invoice.order_number)
            if docs.invoice is not None and docs.invoice.packing_slips:
                docs.slip = uow.packing_slips.get(docs.invoice.packing_slips[-1])
        account = (
            docs.order.customer_account
            if docs.order
            else docs.invoice.customer_account
            if docs.invoice
            else ""
        )
        docs.customer = uow.customers.get(account) if account else None
    return docs


def partner_for(gw: Gateway, docs: _Docs) -> PartnerSettings | None:
    accounts = {
        a
        for a in (
            docs.order.customer_account if docs.order else "",
            docs.order.invoice_account if docs.order else "",
            docs.invoice.customer_account if docs.invoice else "",
        )
        if a
    }
    return gw.config.partner_of(accounts)


def distribute(gw: Gateway, limit: int = 100) -> list[Distributed]:
    """Turn the ledger's pending events into queued documents; returns what became of each."""
    uow = gw.ledger()
    with uow:
        events = services.pending_events(uow, limit=limit)
    results = [_handle(gw, event) for event in events]
    if events:
        uow = gw.ledger()
        with uow:
            services.mark_published(uow, [e.id for e in events])
            uow.commit()
    return results


def _handle(gw: Gateway, event: PublishedEvent) -> Distributed:
    docs = _load(gw, event)
    number = (
        docs.slip.number
        if event.name == "PackingSlipPosted" and docs.slip
        else docs.invoice.number
        if docs.invoice
        else ""
    )
    partner = partner_for(gw, docs)
    if partner is None or not number:
        return Distributed(event.name, number, "", "", "not a partner")
    if event.name == "PackingSlipPosted":
        if not partner.documents.send_856 or docs.slip is None or docs.slip.is_receipt:
            return Distributed(event.name, number, partner.id, "", "not wanted")
        return _queue_856(gw, partner, docs, number)
    if event.name == "OrderPlaced":
        return Distributed(event.name, number, partner.id, "", "not wanted")
    if partner.documents.invoice_format == "ubl":
        return _queue_ubl(gw, partner, docs, number)
    return _queue_810(gw, partner, docs, number)


def _deadline(partner: PartnerSettings, now: datetime) -> datetime | None:
    if partner.acks.expected == "none":
        return None
    return now + timedelta(hours=partner.acks.deadline_hours)


def _x12_problems(gw: Gateway, data: bytes) -> list[str]:
    return [
        f"{p.code}: {p.message}"
        for report in summarize(read_envelopes(data), gw.validator)
        for p in report.all_problems()
        if p.is_error
    ]


def _store(
    gw: Gateway,
    conn: Connection,
    partner: PartnerSettings,
    kind: str,
    number: str,
    data: bytes,
    name: str,
    controls: tuple[str, str] = ("", ""),
) -> str:
    now = gw.clock()
    entry = gw.archive.store(data)
    queued = store.queue_file(
        conn,
        sha256=entry.sha256,
        size=entry.size,
        partner_id=partner.id,
        kind=kind,
        source=f"{kind}:{number}",
        now=now,
        name=name,
        channel=partner.channels.outbound,
        business_key=number,
        interchange_control=controls[0],
        group_control=controls[1],
        ack_deadline=_deadline(partner, now) if kind in ("856", "810") else None,
    )
    if queued is None:
        conn.rollback()
        return "already queued"
    log.info("queued %s %s for %s as %s", kind, number, partner.id, name)
    return "queued"


def _invalid(
    gw: Gateway, partner: PartnerSettings, kind: str, number: str, problems: list[str]
) -> Distributed:
    with gw.engine.begin() as conn:
        store.open_exception(
            conn,
            code="OUT_INVALID",
            now=gw.clock(),
            partner_id=partner.id,
            business_key=number,
            evidence={"problems": problems[:50]},
            message=f"the {kind} for {number} fails validation and was not sent: "
            f"{problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
        )
    log.warning("%s %s for %s is invalid: %s", kind, number, partner.id, problems[0])
    return Distributed("", number, partner.id, kind, "invalid")


@dataclass(frozen=True)
class Rendered:
    """A partner document ready to queue: bytes, file name, controls, or the problems."""

    kind: str
    number: str
    data: bytes
    name: str
    controls: tuple[str, str] = ("", "")
    problems: tuple[str, ...] = ()


def render_856(
    gw: Gateway, partner: PartnerSettings, docs: _Docs, number: str, numbers: ControlNumbers
) -> Rendered:
    assert docs.slip is not None and docs.order is not None
    config = gw.config
    mapping = config.mapping(partner.id)
    prefix = config.gateway.identity.gs1_company_prefix or "0000000"
    name_ = docs.customer.name if docs.customer else partner.name
    serials = [sscc(prefix, numbers.next("sscc", prefix, "")) for _ in docs.slip.lines]
    notice = ship_notice(
        docs.slip,
        docs.order,
        mapping,
        ship_to(mapping, docs.order.external_refs, name_),
        our_party(config, "SF"),
        serials,
        gw.clock().time(),
    )
    body = apply_overrides(
        "856", ts856.render_856(notice, mapping, partner.documents.asn_structure), mapping.overrides
    )
    ordered = {ln.external_line_ref or str(ln.line_no): ln.quantity for ln in docs.order.lines}
    inconsistent = check_856(notice, ordered)
    out = envelope(config, partner, "856", body, numbers, gw.clock())
    return Rendered(
        "856",
        number,
        out.data,
        f"856_{partner.id}_{number}_{out.interchange_control}.edi",
        (out.interchange_control, out.group_control),
        tuple(inconsistent + _x12_problems(gw, out.data)),
    )


def render_810(
    gw: Gateway, partner: PartnerSettings, docs: _Docs, number: str, numbers: ControlNumbers
) -> Rendered:
    assert docs.invoice is not None
    config = gw.config
    mapping = config.mapping(partner.id)
    refs = docs.order.external_refs if docs.order else {}
    po_date = date.fromisoformat(refs["po_date"]) if refs.get("po_date") else None
    notice = invoice_notice(
        docs.invoice,
        mapping,
        our_party(config, "RE"),
        ship_to(mapping, refs, docs.customer.name if docs.customer else partner.name),
        po_date,
        docs.slip.ship_date if docs.slip else None,
        docs.customer.terms if docs.customer else None,
    )
    body = apply_overrides("810", ts810.render_810(notice, mapping), mapping.overrides)
    inconsistent: list[str] = []
    if docs.order is not None and not docs.invoice.is_credit:
        shipped = {ln.external_line_ref or str(ln.line_no): ln.shipped for ln in docs.order.lines}
        inconsistent = check_810(notice, shipped, body)
    out = envelope(config, partner, "810", body, numbers, gw.clock())
    return Rendered(
        "810",
        number,
        out.data,
        f"810_{partner.id}_{number}_{out.interchange_control}.edi",
        (out.interchange_control, out.group_control),
        tuple(inconsistent + _x12_problems(gw, out.data)),
    )


def render_ubl(gw: Gateway, partner: PartnerSettings | None, docs: _Docs, number: str) -> Rendered:
    assert docs.invoice is not None
    config = gw.config
    name_ = docs.customer.name if docs.customer else (partner.name if partner else "")
    buyer = ubl_buyer(config, partner, docs.invoice.customer_account, name_)
    document = ubl_document(
        docs.invoice, ubl_seller(config), buyer, tax_infos(config), payment_means(config)
    )
    report = UblValidator().validate(builder.build(document))
    problems = tuple(f"{p.rule_id}: {p.message}" for p in report.problems if p.severity == "error")
    return Rendered("UBL", number, builder.render(document), f"{number}.xml", problems=problems)


def _queue(
    gw: Gateway,
    partner: PartnerSettings,
    event: str,
    kind: str,
    number: str,
    make: Callable[[ControlNumbers], Rendered],
) -> Distributed:
    with gw.engine.begin() as conn:
        try:
            rendered = make(DbControlNumbers(conn))
        except LookupError as exc:  # something the document needs is not configured
            conn.rollback()
            return _invalid(gw, partner, kind, number, [str(exc)])
        if rendered.problems:
            conn.rollback()
            return _invalid(gw, partner, kind, number, list(rendered.problems))
        outcome = _store(
            gw, conn, partner, kind, number, rendered.data, rendered.name, rendered.controls
        )
    return Distributed(event, number, partner.id, kind, outcome)


def _queue_856(gw: Gateway, partner: PartnerSettings, docs: _Docs, number: str) -> Distributed:
    return _queue(
        gw,
        partner,
        "PackingSlipPosted",
        "856",
        number,
        lambda numbers: render_856(gw, partner, docs, number, numbers),
    )


def _queue_810(gw: Gateway, partner: PartnerSettings, docs: _Docs, number: str) -> Distributed:
    return _queue(
        gw,
        partner,
        "InvoicePosted",
        "810",
        number,
        lambda numbers: render_810(gw, partner, docs, number, numbers),
    )


def _queue_ubl(gw: Gateway, partner: PartnerSettings, docs: _Docs, number: str) -> Distributed:
    return _queue(
        gw,
        partner,
        "InvoicePosted",
        "UBL",
        number,
        lambda _numbers: render_ubl(gw, partner, docs, number),
    )


def preview(gw: Gateway, kind: str, number: str) -> Rendered:
    """What the partner would receive for packing slip or invoice ``number`` as ``kind``
    (856, 810 or UBL), with placeholder control numbers: nothing is allocated or queued."""
    uow = gw.ledger()
    with uow:
        if kind == "856":
            slip = uow.packing_slips.get(number)
            if slip is None:
                raise LookupError(f"there is no packing slip {number}")
            event = PublishedEvent(
                0, "PackingSlipPosted", {"packing_slip": number, "order_number": slip.order_number}
            )
        else:
            invoice = uow.invoices.get(number)
            if invoice is None:
                raise LookupError(f"there is no invoice or credit note {number}")
            event = PublishedEvent(0, "InvoicePosted", {"invoice_number": number})
    docs = _load(gw, event)
    partner = partner_for(gw, docs)
    numbers = MemoryControlNumbers()
    if kind == "UBL":
        return render_ubl(gw, partner, docs, number)
    if partner is None:
        raise LookupError(f"{number} belongs to no configured partner; an X12 {kind} needs one")
    if kind == "856":
        return render_856(gw, partner, docs, number, numbers)
    return render_810(gw, partner, docs, number, numbers)
