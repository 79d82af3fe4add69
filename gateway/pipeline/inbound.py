"""The inbound flow: receive → archive → parse and validate → acknowledge → map → post.

``receive`` archives the bytes (write-once, fsynced) and commits a file row before anything
else; the same bytes again are recorded as a duplicate and not processed. ``process`` reads the
file back from the archive and handles it one transaction set at a time, committing as it goes:
the interchange, group and set rows; each set's posting (the ledger's own unit of work, with an
idempotency key, then the set's status); the acknowledgement queued for the partner's channel;
and the file's final status. A run that dies half way is simply run again (``process`` starts
by forgetting the unfinished parse): postings are idempotent and acknowledgements are queued
once per interchange. Every failure is an exception-queue row with its code, sentence,
location and the archive hash. Invariant: every archived file ends posted, rejected,
duplicate or ignored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from gateway.config.partner_model import PartnerSettings
from gateway.jobs.lease import leased
from gateway.logs import context
from gateway.pipeline.ack855 import queue_855
from gateway.pipeline.acks_out import queue_acknowledgement
from gateway.pipeline.context import Gateway
from gateway.pipeline.faults import checkpoint
from gateway.pipeline.post import Posted, post_850, post_ack
from gateway.pipeline.remit import post_820
from gateway.store import repository as store
from gateway.store.records import FILE_FINAL, FileRow
from gateway.store.types import Connection
from gateway.x12.envelope import (
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    TransactionSet,
    read_envelopes,
)
from gateway.x12.errors import X12ReadError
from gateway.x12.outcomes import OutcomeBuilder
from gateway.x12.problems import Problem
from gateway.x12.records import InterchangeHeader

log = logging.getLogger("o2c.inbound")


@dataclass
class FileResult:
    """What became of one file: its row, final status, and what happened to its sets."""

    file_id: int
    sha256: str
    status: str
    partner_id: str = ""
    sets: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    exceptions: int = 0
    acks: int = 0


def receive(
    gw: Gateway, data: bytes, *, name: str = "", channel: str = "", partner_hint: str = ""
) -> FileResult:
    """Archive ``data``, record it, and process it (unless the same bytes came before)."""
    accepted = accept(gw, data, name=name, channel=channel, partner_hint=partner_hint)
    if isinstance(accepted, FileResult):
        return accepted
    return process(gw, accepted)


def accept(
    gw: Gateway, data: bytes, *, name: str = "", channel: str = "", partner_hint: str = ""
) -> int | FileResult:
    """Archive ``data`` (fsynced) and commit its file row: the file id to process, or the
    result for bytes already received and finished (a duplicate). After this returns, the
    remote copy may be moved away: nothing is lost."""
    entry = gw.archive.store(data)
    now = gw.clock()
    with gw.engine.begin() as conn:
        first = store.first_file_with_hash(conn, entry.sha256)
        if first is None:
            file_id = store.add_file(
                conn,
                sha256=entry.sha256,
                size=entry.size,
                direction="in",
                now=now,
                channel=channel,
                name=name,
                partner_id=partner_hint,
            )
        elif first.status not in FILE_FINAL:
            # the same delivery fetched again before it was acknowledged: finish that one
            file_id = first.id
        else:
            return _duplicate(conn, gw, entry.sha256, entry.size, name, channel, first)
    log.info("archived %s as file %d (%s, %d bytes)", name, file_id, entry.sha256[:12], entry.size)
    checkpoint("archived")
    return file_id


def _duplicate(
    conn: Connection, gw: Gateway, sha256: str, size: int, name: str, channel: str, first: FileRow
) -> FileResult:
    """Record bytes that were already received and finished: not processed again."""
    now = gw.clock()
    file_id = store.add_file(
        conn,
        sha256=sha256,
        size=size,
        direction="in",
        now=now,
        channel=channel,
        name=name,
        partner_id=first.partner_id,
        status="duplicate",
        duplicate_of=first.id,
    )
    store.open_exception(
        conn,
        code="RCV_DUPLICATE_FILE",
        now=now,
        partner_id=first.partner_id,
        file_id=file_id,
        archive_hash=sha256,
        evidence={"first_file": first.id},
        message=f"{name or 'this file'} has the same content as file {first.id} "
        f"({first.name or first.sha256[:12]}), received "
        f"{first.received_at.strftime('%Y-%m-%d %H:%M')}; it was not processed again",
    )
    log.info("duplicate file %s (%s) of file %d", name, sha256[:12], first.id)
    return FileResult(file_id, sha256, "duplicate", first.partner_id, exceptions=1)


def resume(gw: Gateway) -> list[FileResult]:
    """Finish every inbound file a crash left between stages (archived, not yet final)."""
    with gw.engine.begin() as conn:
        waiting = store.files(conn, statuses=["archived"], direction="in")
    return [process(gw, row.id) for row in sorted(waiting, key=lambda r: r.id)]


def process(gw: Gateway, file_id: int) -> FileResult:
    """Parse, acknowledge, map and post an archived file; safe to run again after a crash.
    One worker at a time processes a file (a lease): another one gets its current status."""
    with leased(gw, f"file:{file_id}", timedelta(minutes=30)) as mine:
        if not mine:
            with gw.engine.begin() as conn:
                row = store.get_file(conn, file_id)
            status = row.status if row else "unknown"
            return FileResult(file_id, row.sha256 if row else "", status)
        return _process(gw, file_id)


def _process(gw: Gateway, file_id: int) -> FileResult:
    with gw.engine.begin() as conn:
        row = store.get_file(conn, file_id)
        if row is None:
            raise LookupError(f"no file {file_id}")
        store.reset_file(conn, file_id)
    data = gw.archive.read(row.sha256)
    run = _Run(gw, file_id, row.sha256, row.partner_id)
    try:
        for event in read_envelopes(data):
            run.handle(event)
    except X12ReadError as exc:
        run.reject_file("RCV_NOT_X12", f"{row.name or 'the file'} is not X12: {exc.message}")
    status = run.final_status()
    checkpoint("acked")
    with gw.engine.begin() as conn:
        store.set_file_status(conn, file_id, status, partner_id=run.partner_id or row.partner_id)
    log.info(
        "file %d %s: %s (%d sets, %d exceptions)",
        file_id,
        row.name,
        status,
        len(run.result.sets),
        run.result.exceptions,
    )
    run.result.status = status
    run.result.partner_id = run.partner_id
    return run.result


class _Run:
    """One pass over one file's events."""

    def __init__(self, gw: Gateway, file_id: int, sha256: str, partner_hint: str) -> None:
        self.gw = gw
        self.file_id = file_id
        self.sha256 = sha256
        self.partner_id = partner_hint
        self.partner: PartnerSettings | None = None
        self.interchange_id: int | None = None
        self.group_id: int | None = None
        self.skip = False  # the interchange is not processed (unknown partner, duplicate)
        self.outcomes = OutcomeBuilder()
        self.header: InterchangeHeader | None = None
        self.statuses: list[str] = []
        self.result = FileResult(file_id, sha256, "archived")

    # -- exceptions --------------------------------------------------------------------------

    def exception(
        self,
        code: str,
        message: str,
        *,
        problem: Problem | None = None,
        set_row_id: int | None = None,
        business_key: str = "",
        evidence: dict[str, object] | None = None,
    ) -> None:
        with self.gw.engine.begin() as conn:
            store.open_exception(
                conn,
                code=code,
                message=message,
                now=self.gw.clock(),
                partner_id=self.partner_id,
                file_id=self.file_id,
                set_row_id=set_row_id,
                archive_hash=self.sha256,
                problem=problem,
                business_key=business_key,
                evidence=evidence,
            )
        self.result.exceptions += 1
        log.warning(
            "%s: %s (o2c exceptions list --open)",
            code,
            message,
            extra=context(
                partner=self.partner_id,
                file_hash=self.sha256[:12],
                isa13=self.header.control_number if self.header else "",
                key=business_key,
                code=code,
            ),
        )

    def reject_file(self, code: str, message: str) -> None:
        self.exception(code, message)
        self.statuses.append("rejected")

    # -- events ------------------------------------------------------------------------------

    def handle(self, event: object) -> None:
        if isinstance(event, InterchangeStart):
            self.start_interchange(event)
        elif isinstance(event, TransactionSet):
            self.handle_set(event)
            return
        elif isinstance(event, GroupStart) and not self.skip and self.interchange_id:
            with self.gw.engine.begin() as conn:
                self.group_id = store.add_group(
                    conn,
                    interchange_id=self.interchange_id,
                    functional_id=event.header.functional_id,
                    control_number=event.header.control_number,
                    version=event.header.version,
                    status="received",
                )
        elif isinstance(event, GroupEnd):
            for problem in (p for p in event.problems if p.is_error):
                self.exception(problem.code, problem.message, problem=problem)
        elif isinstance(event, InterchangeEnd):
            self.end_interchange(event)
            return
        self.outcomes.feed(event)  # type: ignore[arg-type]

    def start_interchange(self, event: InterchangeStart) -> None:
        header = event.header
        self.header, self.skip, self.group_id = header, False, None
        config = self.gw.config
        partner = config.partner_by_isa(header.sender_qualifier, header.sender_id)
        sender = f"{header.sender_qualifier}:{header.sender_id}"
        receiver = f"{header.receiver_qualifier}:{header.receiver_id}"
        if partner is None:
            self.skip = True
            self.reject_file(
                "RCV_UNKNOWN_PARTNER",
                f"interchange {header.control_number} comes "
                f"from {sender}, which is no configured partner (add it under "
                "config/partners/)",
            )
            return
        self.partner, self.partner_id = partner, partner.id
        ids = config.ids(partner.id)
        if (header.receiver_qualifier, header.receiver_id) != (
            ids.our_isa_qualifier,
            ids.our_isa_id,
        ):
            self.skip = True
            self.reject_file(
                "RCV_NOT_FOR_US",
                f"interchange {header.control_number} from "
                f"{partner.id} is addressed to {receiver}, not to us "
                f"({ids.our_isa_qualifier}:{ids.our_isa_id})",
            )
            return
        now = self.gw.clock()
        since = now - timedelta(days=partner.x12.duplicate_window_days)
        with self.gw.engine.begin() as conn:
            first = store.earlier_interchange(
                conn,
                sender=sender,
                receiver=receiver,
                control_number=header.control_number,
                since=since,
                file_id=self.file_id,
            )
            status = "duplicate" if first is not None else "received"
            self.interchange_id = store.add_interchange(
                conn,
                file_id=self.file_id,
                direction="in",
                sender=sender,
                receiver=receiver,
                control_number=header.control_number,
                version=header.version,
                status=status,
                now=now,
                duplicate_of=first,
            )
        if first is not None:
            self.skip = True
            self.statuses.append("duplicate")
            self.exception(
                "RCV_DUPLICATE",
                f"interchange {header.control_number} from "
                f"{partner.id} was already received (interchange row {first}) within "
                f"the {partner.x12.duplicate_window_days}-day window; not processed "
                "again",
                evidence={"first_interchange": first},
            )

    def handle_set(self, event: TransactionSet) -> None:
        if self.skip or self.group_id is None or self.partner is None:
            self.outcomes.feed(event)
            return
        problems = self.gw.validator(event)
        self.outcomes.feed(event, problems)
        every = [*event.problems, *problems]
        errors = [p for p in every if p.is_error]
        first, last = event.segments[0].index, event.segments[-1].index
        with self.gw.engine.begin() as conn:
            set_row = store.add_set(
                conn,
                group_id=self.group_id,
                set_id=event.header.set_id,
                control_number=event.header.control_number,
                status="rejected" if errors else "validated",
                first_segment=first,
                last_segment=last,
            )
        checkpoint("parsed")
        if errors:
            self.finish_set(event, set_row, Posted("rejected", problems=tuple(errors)))
            return
        posted = self.post(event)
        checkpoint("posted")
        self.finish_set(event, set_row, posted)
        partner = self.partner
        if event.header.set_id == "850" and partner is not None and partner.documents.send_855:
            queue_855(self.gw, partner, posted, f"855:{self.set_key(event)}")

    def set_key(self, event: TransactionSet) -> str:
        """Where the set stands: partner, ISA13, GS06, ST02 (the idempotency key of its posting)."""
        assert self.partner is not None and self.header is not None
        group = event.group
        return (
            f"{self.partner.id}/{self.header.control_number}/"
            f"{group.control_number if group else ''}/{event.header.control_number}"
        )

    def post(self, event: TransactionSet) -> Posted:
        assert self.partner is not None and self.header is not None
        set_id = event.header.set_id
        key = self.set_key(event)
        if set_id == "850":
            return post_850(self.gw, event, self.gw.config.mapping(self.partner.id), key)
        if set_id == "820":
            return post_820(self.gw, event, self.gw.config.mapping(self.partner.id), key)
        if set_id in ("997", "999"):
            with self.gw.engine.begin() as conn:
                return post_ack(conn, self.gw, event, self.partner.id)
        return Posted("ignored", note=f"transaction set {set_id} is not processed inbound")

    def finish_set(self, event: TransactionSet, set_row: int, posted: Posted) -> None:
        with self.gw.engine.begin() as conn:
            store.update_set(
                conn,
                set_row,
                status=posted.status,
                business_key=posted.business_key[:64],
                document=",".join(posted.documents)[:64],
                detail=posted.detail,
            )
        for problem, evidence in posted.line_exceptions:
            self.exception(
                problem.code,
                f"{event.header.set_id} {event.header.control_number}: {problem.message}",
                problem=problem,
                set_row_id=set_row,
                business_key=posted.business_key,
                evidence=evidence,
            )
        errors = [p for p in posted.problems if p.is_error]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.exception(
                first.code,
                f"{event.header.set_id} {event.header.control_number}: {first.message}{more}",
                problem=first,
                set_row_id=set_row,
                business_key=posted.business_key,
                evidence={"problems": [p.to_dict() for p in errors[:50]], **posted.evidence},
            )
        self.statuses.append(posted.status)
        self.result.sets.append(
            (event.header.set_id, event.header.control_number, posted.status, posted.documents)
        )
        log.info(
            "set %s %s: %s %s",
            event.header.set_id,
            event.header.control_number,
            posted.status,
            " ".join(posted.documents) or posted.note,
            extra=context(
                partner=self.partner_id,
                file_hash=self.sha256[:12],
                isa13=self.header.control_number if self.header else "",
                gs06=event.group.control_number if event.group else "",
                st02=event.header.control_number,
                key=posted.business_key,
            ),
        )

    def end_interchange(self, event: InterchangeEnd) -> None:
        outcome = self.outcomes.feed(event)
        errors = [p for p in event.problems if p.is_error]
        for problem in errors:
            self.exception(problem.code, problem.message, problem=problem)
        if errors and not self.skip:
            self.statuses.append("rejected")
        if outcome is None or self.partner is None or self.skip:
            return
        if queue_acknowledgement(self.gw, self.partner, outcome, self.sha256):
            self.result.acks += 1
        checkpoint("queued")

    def final_status(self) -> str:
        found = set(self.statuses)
        if "posted" in found:
            return "posted"
        if "rejected" in found:
            return "rejected"
        if "duplicate" in found:
            return "duplicate"
        return "ignored"
