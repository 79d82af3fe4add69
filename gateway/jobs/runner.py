"""The job functions: each takes the wired gateway and returns a one-line summary."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from gateway.jobs.lease import leased
from gateway.pipeline.context import Gateway
from gateway.pipeline.inbound import resume
from gateway.pipeline.outbound import distribute
from gateway.pipeline.rematch import rematch_remittances
from gateway.pipeline.statements import queue_statements
from gateway.pipeline.transport import inbound_channels, poll, send_queued
from gateway.store import repository as store

log = logging.getLogger("o2c.jobs")


def poll_channels(gw: Gateway) -> str:
    finished = len(resume(gw))
    files, errors = 0, 0
    for name in inbound_channels(gw):
        with leased(gw, f"poll:{name}") as mine:
            if not mine:
                continue
            # a first pass lists twice, a second apart, to see which files are stable
            result = poll(gw, name, settle=0.0 if gw.channels.listed_before(name) else 1.0)
            files += len(result.files)
            errors += bool(result.error)
    return f"{files} file(s) received, {finished} resumed, {errors} channel error(s)"


def retry_sends(gw: Gateway) -> str:
    results = send_queued(gw)
    sent = sum(1 for r in results if r.state in ("sent", "awaiting_ack"))
    return f"{sent} of {len(results)} document(s) sent"


def distribute_invoices(gw: Gateway) -> str:
    with leased(gw, "distribute") as mine:
        if not mine:
            return "another worker is distributing"
        results = distribute(gw)
    queued = sum(1 for r in results if r.outcome == "queued")
    return f"{len(results)} event(s), {queued} document(s) queued"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def reconcile_acks(gw: Gateway) -> str:
    """Documents still awaiting their 997/999 after the partner's deadline become overdue."""
    now = gw.clock()
    overdue = 0
    with leased(gw, "reconcile_acks") as mine:
        if not mine:
            return "another worker is reconciling"
        with gw.engine.begin() as conn:
            for row in store.outbound(conn, states=["awaiting_ack"]):
                if row.ack_deadline is None or _aware(row.ack_deadline) > now:
                    continue
                store.update_outbound(conn, row.id, now=now, state="overdue")
                store.open_exception(
                    conn,
                    code="ACK_OVERDUE",
                    now=now,
                    partner_id=row.partner_id,
                    file_id=row.file_id,
                    archive_hash=row.sha256,
                    business_key=row.business_key,
                    message=f"no acknowledgement from {row.partner_id} for {row.kind} "
                    f"{row.business_key} (interchange {row.interchange_control}, group "
                    f"{row.group_control}) by {_aware(row.ack_deadline):%Y-%m-%d %H:%M} UTC; ask "
                    "the partner whether it arrived, and resend if not",
                )
                overdue += 1
    return f"{overdue} acknowledgement(s) overdue"


def match_remittances(gw: Gateway) -> str:
    """Remittance lines left on account are matched again against today's open items."""
    with leased(gw, "match_remittances") as mine:
        if not mine:
            return "another worker is matching"
        outcomes = rematch_remittances(gw)
    lines = sum(o.lines_matched for o in outcomes)
    errors = [o for o in outcomes if o.error]
    for o in errors:
        log.warning("remittance %s (%s) not matched again: %s", o.set_row_id, o.payment, o.error)
    return (
        f"{len(outcomes)} remittance(s) with open lines, {lines} line(s) matched now, "
        f"{len(errors)} error(s)"
    )


def purge_archive(gw: Gateway) -> str:
    """Remove archived files older than the retention that no recent row still refers to."""
    days = gw.config.gateway.archive.retention_days
    cutoff = gw.clock() - timedelta(days=days)
    with leased(gw, "purge_archive") as mine:
        if not mine:
            return "another worker is purging"
        with gw.engine.begin() as conn:
            keep = {
                row.sha256
                for row in store.files(conn, limit=10**9)
                if _aware(row.received_at) >= cutoff
            }
            keep |= {row.archive_hash for row in store.exceptions(conn, only_open=True)}
        result = gw.archive.purge(cutoff, keep)
    return f"{len(result.removed)} archived file(s) past {days} days removed"


def email_statements(gw: Gateway) -> str:
    """Queue today's statement of every customer with an e-mail address ([statements])."""
    if gw.config.gateway.statements is None:
        return "no [statements] in gateway.toml: nothing to send"
    with leased(gw, "email_statements") as mine:
        if not mine:
            return "another worker is queuing statements"
        outcomes = queue_statements(gw, gw.clock().date())
    counts = Counter(o.outcome for o in outcomes)
    return (
        f"{counts['queued']} statement(s) queued, {counts['already queued']} already queued, "
        f"{counts['settled']} settled, {counts['no e-mail']} customer(s) without e-mail"
    )


Job = Callable[[Gateway], str]
JOBS: dict[str, Job] = {
    "poll_channels": poll_channels,
    "retry_sends": retry_sends,
    "distribute_invoices": distribute_invoices,
    "reconcile_acks": reconcile_acks,
    "match_remittances": match_remittances,
    "purge_archive": purge_archive,
    "email_statements": email_statements,
}
