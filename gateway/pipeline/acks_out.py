"""Queue the acknowledgement of an inbound interchange for the partner's outbound channel.

The ack is written with our own control numbers (allocated from the database in the same
transaction that queues it), archived like every outbound file, and queued once per inbound
interchange (the queue's source key), so a replay never sends it twice.
"""

from __future__ import annotations

from gateway.config.partner_model import PartnerSettings
from gateway.pipeline.context import Gateway
from gateway.store import repository as store
from gateway.store.control_numbers import DbControlNumbers
from gateway.x12.acks import acknowledge
from gateway.x12.outcomes import InterchangeOutcome


def queue_acknowledgement(
    gw: Gateway, partner: PartnerSettings, outcome: InterchangeOutcome, sha256: str
) -> bool:
    """Queue the TA1/997/999 due for ``outcome``; False when none is due or it was queued."""
    source = f"ack:{sha256}:{outcome.header.control_number}"
    now = gw.clock()
    ending = "\n" if partner.x12.delimiters.newline else ""
    with gw.engine.begin() as conn:
        ack = acknowledge(outcome, DbControlNumbers(conn), now, ending)
        if ack is None:
            return False
        entry = gw.archive.store(ack.data)
        kind = "+".join(ack.kinds)
        name = f"{kind.replace('+', '_')}_{partner.id}_{ack.interchange_control_number}.edi"
        queued = store.queue_file(
            conn,
            sha256=entry.sha256,
            size=entry.size,
            partner_id=partner.id,
            kind=kind,
            source=source,
            now=now,
            name=name,
            channel=partner.channels.outbound,
            business_key=outcome.header.control_number,
            interchange_control=ack.interchange_control_number,
        )
        if queued is None:
            conn.rollback()
            return False
    return True
