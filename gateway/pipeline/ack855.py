"""Queue the 855 purchase order acknowledgment for partners that want one.

Built from the parsed 850 and what became of it: every line accepted as sent (IA) when the
order was placed or changed, every line rejected (IR, BAK02 RJ) when it was refused; enveloped
with our control numbers, validated against our 855 map, archived and queued once per 850.
"""

from __future__ import annotations

import logging

from gateway.config.partner_model import PartnerSettings
from gateway.pipeline.context import Gateway
from gateway.pipeline.envelope_out import envelope
from gateway.pipeline.post import Posted
from gateway.store import repository as store
from gateway.store.control_numbers import DbControlNumbers
from gateway.transactions.consistency import check_855
from gateway.transactions.ts855 import LineAnswer, render_855
from gateway.x12.envelope import read_envelopes
from gateway.x12.report import summarize

log = logging.getLogger("o2c.outbound")


def answers_for(posted: Posted) -> list[LineAnswer]:
    assert posted.order is not None
    accepted = posted.status == "posted"
    return [
        LineAnswer(
            line.line_number,
            "IA" if accepted else "IR",
            line.quantity if accepted else line.quantity * 0,
            line.unit,
        )
        for line in posted.order.lines
    ]


def queue_855(gw: Gateway, partner: PartnerSettings, posted: Posted, source: str) -> str:
    """Queue the 855 answering ``posted``'s 850; returns queued, already queued or invalid."""
    if posted.order is None or posted.status == "ignored":
        return "not due"
    order = posted.order
    now = gw.clock()
    answers = answers_for(posted)
    body = render_855(order, answers, now.date())
    inconsistent = check_855(answers, {ln.line_number: ln.quantity for ln in order.lines})
    with gw.engine.begin() as conn:
        out = envelope(gw.config, partner, "855", body, DbControlNumbers(conn), now)
        problems = inconsistent + [
            p.message
            for r in summarize(read_envelopes(out.data), gw.validator)
            for p in r.all_problems()
            if p.is_error
        ]
        if problems:
            conn.rollback()
            with gw.engine.begin() as other:
                store.open_exception(
                    other,
                    code="OUT_INVALID",
                    now=now,
                    partner_id=partner.id,
                    business_key=order.po_number,
                    message=f"the 855 for PO {order.po_number} fails validation and was not "
                    f"sent: {problems[0]}",
                )
            return "invalid"
        entry = gw.archive.store(out.data)
        name = f"855_{partner.id}_{order.po_number}_{out.interchange_control}.edi"
        queued = store.queue_file(
            conn,
            sha256=entry.sha256,
            size=entry.size,
            partner_id=partner.id,
            kind="855",
            source=source,
            now=now,
            name=name,
            channel=partner.channels.outbound,
            business_key=order.po_number,
            interchange_control=out.interchange_control,
            group_control=out.group_control,
        )
        if queued is None:
            conn.rollback()
            return "already queued"
    log.info("queued 855 for PO %s to %s", order.po_number, partner.id)
    return "queued"
