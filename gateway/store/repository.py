"""Reading and writing the gateway store, one function per question, on a caller's connection.

Transactions belong to the caller (the pipeline commits after each stage). Claiming work for
several workers uses ``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite has one writer at a time
(its engine begins every transaction with ``BEGIN IMMEDIATE``), which serialises the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from gateway.store import tables as t
from gateway.store.records import DecisionRow, ExceptionRow, FileRow, OutboundRow, SetRow
from gateway.x12.problems import Problem


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _row(cls: Any, row: Any) -> Any:
    return cls(**{name: row._mapping[name] for name in cls.__dataclass_fields__})


# -- files ---------------------------------------------------------------------------------------


def add_file(
    conn: Connection,
    *,
    sha256: str,
    size: int,
    direction: str,
    now: datetime,
    channel: str = "",
    name: str = "",
    partner_id: str = "",
    status: str = "archived",
    duplicate_of: int | None = None,
) -> int:
    result = conn.execute(
        insert(t.files).values(
            sha256=sha256,
            size=size,
            direction=direction,
            channel=channel,
            name=name,
            partner_id=partner_id,
            received_at=now,
            status=status,
            duplicate_of=duplicate_of,
            note="",
        )
    )
    return _new_id(result)


def get_file(conn: Connection, file_id: int) -> FileRow | None:
    row = conn.execute(select(t.files).where(t.files.c.id == file_id)).first()
    return None if row is None else _row(FileRow, row)


def first_file_with_hash(conn: Connection, sha256: str, direction: str = "in") -> FileRow | None:
    row = conn.execute(
        select(t.files)
        .where((t.files.c.sha256 == sha256) & (t.files.c.direction == direction))
        .order_by(t.files.c.id)
        .limit(1)
    ).first()
    return None if row is None else _row(FileRow, row)


def set_file_status(
    conn: Connection, file_id: int, status: str, note: str = "", partner_id: str | None = None
) -> None:
    values: dict[str, Any] = {"status": status, "note": note}
    if partner_id is not None:
        values["partner_id"] = partner_id
    conn.execute(update(t.files).where(t.files.c.id == file_id).values(**values))


def files(
    conn: Connection,
    statuses: Iterable[str] | None = None,
    direction: str | None = None,
    limit: int = 1000,
) -> list[FileRow]:
    query = select(t.files).order_by(t.files.c.id.desc()).limit(limit)
    if statuses is not None:
        query = query.where(t.files.c.status.in_(list(statuses)))
    if direction is not None:
        query = query.where(t.files.c.direction == direction)
    return [_row(FileRow, row) for row in conn.execute(query)]


def claim_files(
    conn: Connection, statuses: Iterable[str], worker: str, limit: int = 10
) -> list[FileRow]:
    """Inbound files in ``statuses`` nobody holds, locked for this transaction."""
    query = (
        select(t.files)
        .where(t.files.c.status.in_(list(statuses)) & (t.files.c.direction == "in"))
        .order_by(t.files.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = [_row(FileRow, row) for row in conn.execute(query)]
    if rows:
        conn.execute(
            update(t.files).where(t.files.c.id.in_([r.id for r in rows])).values(claimed_by=worker)
        )
    return rows


# -- interchanges, groups, sets ------------------------------------------------------------------


def add_interchange(
    conn: Connection,
    *,
    file_id: int,
    direction: str,
    sender: str,
    receiver: str,
    control_number: str,
    version: str,
    status: str,
    now: datetime,
    duplicate_of: int | None = None,
) -> int:
    result = conn.execute(
        insert(t.interchanges).values(
            file_id=file_id,
            direction=direction,
            sender=sender,
            receiver=receiver,
            control_number=control_number,
            version=version,
            status=status,
            created_at=now,
            duplicate_of=duplicate_of,
        )
    )
    return _new_id(result)


def earlier_interchange(
    conn: Connection,
    *,
    sender: str,
    receiver: str,
    control_number: str,
    since: datetime,
    file_id: int,
) -> int | None:
    """An inbound interchange with the same envelope key received since ``since`` (a resend)."""
    c = t.interchanges.c
    row = conn.execute(
        select(c.id)
        .where(
            and_(
                c.sender == sender,
                c.receiver == receiver,
                c.control_number == control_number,
                c.direction == "in",
                c.created_at >= since,
                c.file_id != file_id,
                c.status != "duplicate",
            )
        )
        .order_by(c.id)
        .limit(1)
    ).first()
    return None if row is None else int(row[0])


def add_group(
    conn: Connection,
    *,
    interchange_id: int,
    functional_id: str,
    control_number: str,
    version: str,
    status: str,
) -> int:
    result = conn.execute(
        insert(t.groups).values(
            interchange_id=interchange_id,
            functional_id=functional_id,
            control_number=control_number,
            version=version,
            status=status,
        )
    )
    return _new_id(result)


def add_set(
    conn: Connection,
    *,
    group_id: int,
    set_id: str,
    control_number: str,
    status: str,
    first_segment: int,
    last_segment: int,
    business_key: str = "",
) -> int:
    result = conn.execute(
        insert(t.sets).values(
            group_id=group_id,
            set_id=set_id,
            control_number=control_number,
            status=status,
            first_segment=first_segment,
            last_segment=last_segment,
            business_key=business_key,
            document="",
            detail="",
        )
    )
    return _new_id(result)


def update_set(
    conn: Connection,
    set_row_id: int,
    *,
    status: str,
    business_key: str | None = None,
    document: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    values: dict[str, Any] = {"status": status}
    if detail:
        values["detail"] = json.dumps(detail, default=str, sort_keys=True)
    if business_key is not None:
        values["business_key"] = business_key
    if document is not None:
        values["document"] = document
    conn.execute(update(t.sets).where(t.sets.c.id == set_row_id).values(**values))


def sets_of_file(conn: Connection, file_id: int) -> list[SetRow]:
    s, g, i = t.sets, t.groups, t.interchanges
    query = (
        select(s)
        .join(g, g.c.id == s.c.group_id)
        .join(i, i.c.id == g.c.interchange_id)
        .where(i.c.file_id == file_id)
        .order_by(s.c.id)
    )
    return [_row(SetRow, row) for row in conn.execute(query)]


# -- exceptions ----------------------------------------------------------------------------------


def open_exception(
    conn: Connection,
    *,
    code: str,
    message: str,
    now: datetime,
    partner_id: str = "",
    file_id: int | None = None,
    set_row_id: int | None = None,
    archive_hash: str = "",
    problem: Problem | None = None,
    business_key: str = "",
    evidence: Mapping[str, Any] | None = None,
) -> int:
    where = problem.location if problem is not None else None
    result = conn.execute(
        insert(t.exceptions).values(
            code=code,
            message=message,
            partner_id=partner_id,
            file_id=file_id,
            set_row_id=set_row_id,
            archive_hash=archive_hash,
            segment=(where.segment_tag or "") if where else "",
            segment_index=where.segment_index if where else None,
            element=where.element if where else None,
            line=where.line if where else None,
            business_key=business_key,
            evidence=json.dumps(evidence, default=str, sort_keys=True) if evidence else "",
            state="open",
            created_at=now,
            updated_at=now,
            updated_by="",
            note="",
        )
    )
    return _new_id(result)


def exceptions(
    conn: Connection, *, only_open: bool = False, file_id: int | None = None, limit: int = 500
) -> list[ExceptionRow]:
    query = select(t.exceptions).order_by(t.exceptions.c.id.desc()).limit(limit)
    if only_open:
        query = query.where(t.exceptions.c.state == "open")
    if file_id is not None:
        query = query.where(t.exceptions.c.file_id == file_id)
    return [_row(ExceptionRow, row) for row in conn.execute(query)]


def open_exceptions_of_stage(conn: Connection, stage: str) -> list[ExceptionRow]:
    """Open exceptions whose code starts with ``stage`` (``RMT``, ``ACK``, ...), oldest first."""
    e = t.exceptions.c
    query = select(t.exceptions).where(e.state == "open", e.code.startswith(f"{stage}_"))
    return [_row(ExceptionRow, row) for row in conn.execute(query.order_by(e.id))]


def get_exception(conn: Connection, exception_id: int) -> ExceptionRow | None:
    row = conn.execute(select(t.exceptions).where(t.exceptions.c.id == exception_id)).first()
    return None if row is None else _row(ExceptionRow, row)


def set_exception_state(
    conn: Connection, exception_id: int, state: str, *, by: str, note: str, now: datetime
) -> None:
    conn.execute(
        update(t.exceptions)
        .where(t.exceptions.c.id == exception_id)
        .values(state=state, updated_by=by, note=note, updated_at=now)
    )


# -- outbound ------------------------------------------------------------------------------------


def enqueue(
    conn: Connection,
    *,
    partner_id: str,
    kind: str,
    source: str,
    now: datetime,
    business_key: str = "",
    file_id: int | None = None,
    sha256: str = "",
    name: str = "",
    channel: str = "",
    interchange_control: str = "",
    group_control: str = "",
    ack_deadline: datetime | None = None,
) -> int | None:
    """Queue a document to send; None when ``source`` was queued for this kind already."""
    exists = conn.execute(
        select(t.outbound.c.id).where((t.outbound.c.source == source) & (t.outbound.c.kind == kind))
    ).first()
    if exists is not None:
        return None
    result = conn.execute(
        insert(t.outbound).values(
            partner_id=partner_id,
            kind=kind,
            business_key=business_key,
            source=source,
            file_id=file_id,
            sha256=sha256,
            name=name,
            channel=channel,
            state="queued",
            attempts=0,
            next_attempt_at=now,
            last_error="",
            receipt="",
            interchange_control=interchange_control,
            group_control=group_control,
            ack_deadline=ack_deadline,
            created_at=now,
            updated_at=now,
        )
    )
    return _new_id(result)


def queue_file(
    conn: Connection,
    *,
    sha256: str,
    size: int,
    partner_id: str,
    kind: str,
    source: str,
    now: datetime,
    name: str,
    channel: str,
    business_key: str = "",
    interchange_control: str = "",
    group_control: str = "",
    ack_deadline: datetime | None = None,
) -> int | None:
    """Record an archived outbound file and queue it to send; None when ``source`` was queued
    for this kind already (the caller rolls its transaction back)."""
    file_id = add_file(
        conn,
        sha256=sha256,
        size=size,
        direction="out",
        now=now,
        channel=channel,
        name=name,
        partner_id=partner_id,
        status="queued",
    )
    return enqueue(
        conn,
        partner_id=partner_id,
        kind=kind,
        source=source,
        now=now,
        business_key=business_key,
        file_id=file_id,
        sha256=sha256,
        name=name,
        channel=channel,
        interchange_control=interchange_control,
        group_control=group_control,
        ack_deadline=ack_deadline,
    )


def claim_outbound(
    conn: Connection, *, worker: str, now: datetime, limit: int = 20
) -> list[OutboundRow]:
    """Queued documents due for a (re)try, locked for this transaction."""
    o = t.outbound.c
    query = (
        select(t.outbound)
        .where((o.state == "queued") & (o.next_attempt_at <= now))
        .order_by(o.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = [_row(OutboundRow, row) for row in conn.execute(query)]
    if rows:
        conn.execute(
            update(t.outbound).where(o.id.in_([r.id for r in rows])).values(claimed_by=worker)
        )
    return rows


def outbound(
    conn: Connection, *, states: Iterable[str] | None = None, limit: int = 500
) -> list[OutboundRow]:
    query = select(t.outbound).order_by(t.outbound.c.id.desc()).limit(limit)
    if states is not None:
        query = query.where(t.outbound.c.state.in_(list(states)))
    return [_row(OutboundRow, row) for row in conn.execute(query)]


def update_outbound(conn: Connection, outbound_id: int, *, now: datetime, **values: Any) -> None:
    conn.execute(
        update(t.outbound).where(t.outbound.c.id == outbound_id).values(updated_at=now, **values)
    )


def awaiting_ack(conn: Connection, *, partner_id: str, group_control: str) -> OutboundRow | None:
    o = t.outbound.c
    row = conn.execute(
        select(t.outbound).where(
            (o.partner_id == partner_id)
            & (o.group_control == group_control)
            & (o.state == "awaiting_ack")
        )
    ).first()
    return None if row is None else _row(OutboundRow, row)


def reset_file(conn: Connection, file_id: int) -> None:
    """Forget the parse of an inbound file (its interchanges, groups, sets and the open
    exceptions about it) so a crashed run can be done again from the archive."""
    from sqlalchemy import delete

    i, g, s = t.interchanges, t.groups, t.sets
    interchange_ids = select(i.c.id).where(i.c.file_id == file_id)
    group_ids = select(g.c.id).where(g.c.interchange_id.in_(interchange_ids))
    set_ids = select(s.c.id).where(s.c.group_id.in_(group_ids))
    conn.execute(
        delete(t.exceptions).where(
            (t.exceptions.c.state == "open")
            & ((t.exceptions.c.file_id == file_id) | t.exceptions.c.set_row_id.in_(set_ids))
        )
    )
    # exceptions already worked (replayed, resolved, dismissed) stay, detached from the sets
    conn.execute(
        update(t.exceptions).where(t.exceptions.c.set_row_id.in_(set_ids)).values(set_row_id=None)
    )
    conn.execute(delete(s).where(s.c.group_id.in_(group_ids)))
    conn.execute(delete(g).where(g.c.interchange_id.in_(interchange_ids)))
    conn.execute(delete(i).where(i.c.file_id == file_id))


# -- leases --------------------------------------------------------------------------------------


def take_lease(conn: Connection, key: str, holder: str, now: datetime, until: datetime) -> bool:
    """Hold ``key`` until ``until`` unless another holder has it; True when it is ours."""
    from sqlalchemy.exc import IntegrityError

    c = t.leases.c
    taken = conn.execute(
        update(t.leases)
        .where((c.key == key) & ((c.expires_at < now) | (c.holder == holder)))
        .values(holder=holder, expires_at=until)
    )
    if taken.rowcount:
        return True
    try:
        with conn.begin_nested():
            conn.execute(insert(t.leases).values(key=key, holder=holder, expires_at=until))
    except IntegrityError:
        return False
    return True


def release_lease(conn: Connection, key: str, holder: str, now: datetime) -> None:
    c = t.leases.c
    conn.execute(
        update(t.leases).where((c.key == key) & (c.holder == holder)).values(expires_at=now)
    )


def lease_holder(conn: Connection, key: str) -> tuple[str, datetime] | None:
    row = conn.execute(
        select(t.leases.c.holder, t.leases.c.expires_at).where(t.leases.c.key == key)
    ).first()
    return None if row is None else (str(row[0]), row[1])


def steal_lease(conn: Connection, key: str, old: str, holder: str, until: datetime) -> bool:
    """Take ``key`` from ``old`` (a holder known to be gone); False if it changed hands."""
    c = t.leases.c
    result = conn.execute(
        update(t.leases)
        .where((c.key == key) & (c.holder == old))
        .values(holder=holder, expires_at=until)
    )
    return bool(result.rowcount)


def sets_of_kind(conn: Connection, set_id: str, limit: int = 10_000) -> list[SetRow]:
    query = select(t.sets).where(t.sets.c.set_id == set_id).order_by(t.sets.c.id.desc())
    return [_row(SetRow, row) for row in conn.execute(query.limit(limit))]


# -- clerk decisions -----------------------------------------------------------------------------


def add_decision(
    conn: Connection,
    *,
    subject: str,
    kind: str,
    action: str,
    now: datetime,
    reason: str = "",
    document: str = "",
    by: str = "",
) -> int:
    result = conn.execute(
        insert(t.decisions).values(
            subject=subject,
            kind=kind,
            action=action,
            reason=reason,
            document=document,
            decided_by=by,
            decided_at=now,
        )
    )
    return _new_id(result)


def decisions(
    conn: Connection, *, kind: str, subjects: Sequence[str] | None = None
) -> list[DecisionRow]:
    """Decisions of ``kind``, oldest first (the last one of a subject is the one in force)."""
    query = select(t.decisions).where(t.decisions.c.kind == kind).order_by(t.decisions.c.id)
    if subjects is not None:
        query = query.where(t.decisions.c.subject.in_(list(subjects)))
    return [_row(DecisionRow, row) for row in conn.execute(query)]


def get_set(conn: Connection, set_row_id: int) -> SetRow | None:
    row = conn.execute(select(t.sets).where(t.sets.c.id == set_row_id)).first()
    return None if row is None else _row(SetRow, row)


def exceptions_of_set(conn: Connection, set_row_id: int) -> list[ExceptionRow]:
    query = select(t.exceptions).where(t.exceptions.c.set_row_id == set_row_id)
    return [_row(ExceptionRow, row) for row in conn.execute(query.order_by(t.exceptions.c.id))]
