"""Moving files: poll the inbound channels into the pipeline, send the outbound queue.

Polling takes a file only when its channel says it is ready (stable across two listings, or
its done-marker is there), hands it to ``receive`` (which archives and commits first), and only
then tells the channel to move it to its processed folder. Mail from senders no partner lists
is quarantined and becomes an ``RCV_UNKNOWN_SENDER`` exception.

Sending claims queued documents (so two workers never send the same one), sends each over the
partner's channel (a customer statement to the customer's e-mail addresses), and records the
receipt; a failure is retried with backoff (1, 2, 4, 8... minutes) and after ``MAX_ATTEMPTS``
becomes an ``SND_FAILED`` exception. A document is marked ``sending`` while it is out; one found
``sending`` after a crash goes back to the queue. Over folders and SFTP the resend finds the file
already there under its unique name and counts it as delivered; over e-mail the document may arrive
twice in that narrow window, never not at all.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from gateway.channels.base import OutboundChannel, Receipt, SendMetadata
from gateway.channels.errors import ChannelError, TargetExistsError
from gateway.pipeline import statements
from gateway.pipeline.context import Gateway
from gateway.pipeline.faults import checkpoint
from gateway.pipeline.inbound import FileResult, accept, process, receive
from gateway.store import repository as store
from gateway.store.records import OutboundRow

log = logging.getLogger("o2c.transport")
MAX_ATTEMPTS = 5
STUCK_AFTER = timedelta(minutes=30)
CONTENT_TYPES = {"UBL": "application/xml"}


@dataclass
class PollResult:
    channel: str
    files: list[FileResult] = field(default_factory=list)
    quarantined: int = 0
    error: str = ""


def inbound_channels(gw: Gateway) -> list[str]:
    """The inbound channel names of the configured partners, in order, each once."""
    return list(dict.fromkeys(p.channels.inbound for p in gw.config.partners.values()))


def poll(gw: Gateway, name: str, settle: float = 0.0) -> PollResult:
    """One pass over inbound channel ``name``; ``settle`` seconds between two listings lets a
    single pass see which files are stable (a long-running worker keeps the channel instead)."""
    result = PollResult(name)
    try:
        mailbox = gw.channels.mailbox(name)
        if mailbox is not None:
            with mailbox:
                _poll_mail(gw, name, mailbox, result)
            return result
        channel = gw.channels.inbound(name)
        if channel is None:
            result.error = f"channel {name} cannot receive"
            return result
        try:
            ready = channel.list_ready()
            if settle > 0:
                time.sleep(settle)
                ready = channel.list_ready()
            for remote in ready:
                data = channel.fetch(remote.name)
                accepted = accept(gw, data, name=remote.name, channel=name)
                channel.acknowledge(remote.name)  # only after the archive commit
                if isinstance(accepted, FileResult):
                    result.files.append(accepted)
                    continue
                try:
                    result.files.append(process(gw, accepted))
                except Exception:  # archived and recorded: resume finishes it
                    log.exception(
                        "processing %s from %s failed; it is archived and will be resumed",
                        remote.name,
                        name,
                    )
        finally:
            channel.close()
    except ChannelError as exc:
        result.error = str(exc)
        _channel_exception(gw, "RCV_CHANNEL", f"polling channel {name} failed: {exc}")
    return result


def _poll_mail(gw: Gateway, name: str, mailbox: object, result: PollResult) -> None:
    from gateway.channels.email_in import ImapChannel

    assert isinstance(mailbox, ImapChannel)
    batch = mailbox.poll()
    for message in batch.documents:
        partner = gw.config.partner_by_sender(name, message.sender)
        for attachment in message.attachments:
            result.files.append(
                receive(
                    gw,
                    attachment.data,
                    name=attachment.filename,
                    channel=name,
                    partner_hint=partner.id if partner else "",
                )
            )
        mailbox.acknowledge(message.uid)
    for stranger in batch.quarantined:
        entry = gw.archive.store(stranger.raw)
        with gw.engine.begin() as conn:
            store.open_exception(
                conn,
                code="RCV_UNKNOWN_SENDER",
                now=gw.clock(),
                archive_hash=entry.sha256,
                message=f"mail from {stranger.sender} ({stranger.subject!r}) on channel {name} "
                f"was quarantined: {stranger.reason}. If the sender is a partner, add the "
                "address to its [email] allowed_senders and replay",
                evidence={"message_id": stranger.message_id, "sender": stranger.sender},
            )
        mailbox.quarantine(stranger.uid)
        result.quarantined += 1


def _channel_exception(
    gw: Gateway, code: str, message: str, partner_id: str = "", business_key: str = ""
) -> None:
    with gw.engine.begin() as conn:
        store.open_exception(
            conn,
            code=code,
            message=message,
            now=gw.clock(),
            partner_id=partner_id,
            business_key=business_key,
        )
    log.warning("%s: %s", code, message)


@dataclass(frozen=True)
class SendResult:
    outbound_id: int
    kind: str
    partner_id: str
    name: str
    state: str
    detail: str = ""


def send_queued(gw: Gateway, limit: int = 50) -> list[SendResult]:
    """One pass over the outbound queue."""
    now = gw.clock()
    with gw.engine.begin() as conn:
        for row in store.outbound(conn, states=["sending"]):
            if row.next_attempt_at is not None and now - _aware(row.next_attempt_at) > STUCK_AFTER:
                store.update_outbound(conn, row.id, now=now, state="queued")
        rows = store.claim_outbound(conn, worker=gw.worker, now=now, limit=limit)
        for row in rows:
            store.update_outbound(conn, row.id, now=now, state="sending", next_attempt_at=now)
    return [_send(gw, row) for row in rows]


def _aware(value: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _channel(gw: Gateway, row: OutboundRow) -> tuple[OutboundChannel, SendMetadata]:
    """Where a queued document goes, and how it is labelled: a statement to the customer's
    e-mail addresses, every other document over its partner's channel."""
    if row.kind == statements.KIND:
        recipients = statements.recipients_of(gw, row.business_key)
        if not recipients:
            raise ChannelError(
                f"customer {row.business_key} has no e-mail address in data/customers.csv"
            )
        channel = gw.channels.mail_to(row.channel, recipients)
        as_of = statements.as_of_of(row.source)
        metadata = SendMetadata(
            "text/plain; charset=utf-8",
            f"Statement of account {row.business_key} as of {as_of}",
            f"Your statement of account {row.business_key} from "
            f"{gw.config.gateway.identity.name} as of {as_of} is attached.\n",
        )
    else:
        partner = gw.config.partners.get(row.partner_id)
        if partner is None:
            raise ChannelError(f"partner {row.partner_id} is not configured any more")
        channel = gw.channels.outbound(row.channel, partner)
        metadata = SendMetadata(
            CONTENT_TYPES.get(row.kind, "application/EDI-X12"), f"{row.kind} {row.business_key}"
        )
    if channel is None:
        raise ChannelError(f"channel {row.channel} cannot send")
    return channel, metadata


def _send(gw: Gateway, row: OutboundRow) -> SendResult:
    now = gw.clock()
    try:
        channel, metadata = _channel(gw, row)
        data = gw.archive.read(row.sha256)
        try:
            receipt = channel.send(row.name, data, metadata)
        except TargetExistsError:
            # Our file names carry our own control number: the file there is this document,
            # delivered by a run that died before recording it.
            receipt = Receipt(row.name, 0)
        finally:
            channel.close()
        checkpoint("sent")
    except ChannelError as exc:
        return _failed(gw, row, str(exc))
    state = "awaiting_ack" if row.ack_deadline is not None else "sent"
    with gw.engine.begin() as conn:
        store.update_outbound(
            conn,
            row.id,
            now=now,
            state=state,
            attempts=row.attempts + 1,
            receipt=(receipt.message_id or receipt.remote_name)[:255],
            last_error="",
        )
        if row.file_id is not None:
            store.set_file_status(conn, row.file_id, "sent", partner_id=row.partner_id)
    log.info(
        "sent %s %s to %s as %s", row.kind, row.business_key, row.partner_id, receipt.remote_name
    )
    return SendResult(row.id, row.kind, row.partner_id, row.name, state, receipt.remote_name)


def _failed(gw: Gateway, row: OutboundRow, error: str) -> SendResult:
    now = gw.clock()
    attempts = row.attempts + 1
    with gw.engine.begin() as conn:
        if attempts >= MAX_ATTEMPTS:
            store.update_outbound(
                conn, row.id, now=now, state="failed", attempts=attempts, last_error=error[:2000]
            )
            store.open_exception(
                conn,
                code="SND_FAILED",
                now=now,
                partner_id=row.partner_id,
                file_id=row.file_id,
                archive_hash=row.sha256,
                business_key=row.business_key,
                message=f"{row.kind} {row.business_key} ({row.name}) could not be sent over "
                f"{row.channel} after {attempts} attempts: {error}. Fix the channel, then "
                "replay the exception to queue it again",
            )
            state = "failed"
        else:
            retry = now + timedelta(minutes=2 ** (attempts - 1))
            store.update_outbound(
                conn,
                row.id,
                now=now,
                state="queued",
                attempts=attempts,
                next_attempt_at=retry,
                last_error=error[:2000],
            )
            state = "queued"
    log.warning(
        "sending %s %s to %s failed (attempt %d): %s",
        row.kind,
        row.business_key,
        row.partner_id,
        attempts,
        error,
    )
    return SendResult(row.id, row.kind, row.partner_id, row.name, state, error)
