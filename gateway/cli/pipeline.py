"""``o2c receive``, ``o2c files list|show``, ``o2c exceptions list|show|replay|resolve|dismiss``:
the inbound pipeline by hand, the history of files, and the exception queue for AR clerks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from gateway.cli.ledger_common import fail, json_option, print_json, table
from gateway.cli.runtime import gateway_options, open_gateway
from gateway.pipeline.context import Gateway
from gateway.pipeline.inbound import FileResult, process, receive, resume
from gateway.pipeline.outbound import distribute
from gateway.pipeline.transport import inbound_channels, poll, send_queued
from gateway.runtime_tuning import tune_gc
from gateway.scheduler import run_forever, run_once
from gateway.store import repository as store
from gateway.store.types import Connection
from gateway.x12.tokenizer import Tokenizer


def _gateway(config_dir: Path | None, mappings_dir: Path | None, db_url: str | None) -> Gateway:
    return open_gateway(config_dir, mappings_dir, db_url)


@contextmanager
def _connection(gw: Gateway) -> Iterator[Connection]:
    with gw.engine.begin() as conn:
        yield conn


def _result(result: FileResult) -> dict[str, object]:
    return {
        "file": result.file_id,
        "sha256": result.sha256,
        "status": result.status,
        "partner": result.partner_id,
        "sets": [
            {"set": s, "control_number": c, "status": st, "documents": list(d)}
            for s, c, st, d in result.sets
        ],
        "exceptions": result.exceptions,
        "acknowledgements_queued": result.acks,
    }


@click.command("receive")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--partner", default="", help="The partner the files come from (a hint).")
@gateway_options
@json_option
def receive_command(
    files: tuple[Path, ...],
    partner: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Archive and process inbound FILES as if a channel had delivered them."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    results = [
        receive(gw, path.read_bytes(), name=path.name, channel="cli", partner_hint=partner)
        for path in files
    ]
    gw.engine.dispose()
    if as_json:
        print_json([_result(r) for r in results])
        return
    for path, result in zip(files, results, strict=True):
        sets = ", ".join(
            f"{s} {c} {st}{' ' + ' '.join(d) if d else ''}" for s, c, st, d in result.sets
        )
        click.echo(
            f"{path.name}: {result.status} (file {result.file_id}"
            f"{', partner ' + result.partner_id if result.partner_id else ''})"
            f"{': ' + sets if sets else ''}"
            f"{f'; {result.exceptions} exception(s)' if result.exceptions else ''}"
            f"{f'; {result.acks} acknowledgement(s) queued' if result.acks else ''}"
        )


@click.group("files")
def files_group() -> None:
    """History of the files received and sent."""


@files_group.command("list")
@click.option("--status", "statuses", multiple=True, help="Only files in this status.")
@gateway_options
@json_option
def files_list(
    statuses: tuple[str, ...],
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Files, newest first, with their stage and status."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        rows = store.files(conn, statuses or None)
    if as_json:
        print_json([_row(r) for r in rows])
        return
    table(
        [
            [
                str(r.id),
                r.direction,
                r.status,
                r.partner_id,
                r.name,
                r.sha256[:12],
                r.received_at.strftime("%Y-%m-%d %H:%M"),
            ]
            for r in rows
        ],
        ["id", "dir", "status", "partner", "name", "sha256", "received"],
    )


def _row(row: object) -> dict[str, object]:
    return {name: getattr(row, name) for name in row.__dataclass_fields__}  # type: ignore[attr-defined]


@files_group.command("resume")
@gateway_options
@json_option
def files_resume(
    config_dir: Path | None, mappings_dir: Path | None, db_url: str | None, as_json: bool
) -> None:
    """Finish the inbound files a crash left between stages (also done by every poll)."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    results = resume(gw)
    if as_json:
        print_json([_result(r) for r in results])
        return
    for result in results:
        click.echo(f"file {result.file_id}: {result.status}")
    click.echo(f"{len(results)} file(s) resumed")


@files_group.command("show")
@click.argument("file_id", type=int)
@gateway_options
@json_option
def files_show(
    file_id: int,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """One file with its sets, their documents, and its exceptions (lineage)."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        row = store.get_file(conn, file_id)
        if row is None:
            fail(f"There is no file {file_id}.")
        sets = store.sets_of_file(conn, file_id)
        found = store.exceptions(conn, file_id=file_id)
    data = {
        "file": _row(row),
        "sets": [_row(s) for s in sets],
        "exceptions": [_row(e) for e in found],
    }
    if as_json:
        print_json(data)
        return
    click.echo(
        f"file {row.id} ({row.direction}) {row.name}: {row.status}, partner "
        f"{row.partner_id or '?'}, {row.size} bytes, sha256 {row.sha256}"
    )
    for s in sets:
        click.echo(f"  set {s.set_id} {s.control_number}: {s.status} {s.business_key} {s.document}")
    for e in found:
        click.echo(f"  exception {e.id} [{e.state}] {e.code}: {e.message}")


@click.group("exceptions")
def exceptions_group() -> None:
    """The exception queue: every rejection and failure, with what to do next."""


@exceptions_group.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only exceptions still open.")
@gateway_options
@json_option
def exceptions_list(
    only_open: bool,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Exceptions, newest first."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        rows = store.exceptions(conn, only_open=only_open)
    if as_json:
        print_json([_row(r) for r in rows])
        return
    table(
        [[str(r.id), r.state, r.code, r.partner_id, r.business_key, r.message[:80]] for r in rows],
        ["id", "state", "code", "partner", "key", "message"],
    )


@exceptions_group.command("show")
@click.argument("exception_id", type=int)
@click.option("--context", default=3, help="Segments to show around the one in error.")
@gateway_options
@json_option
def exceptions_show(
    exception_id: int,
    context: int,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """One exception with the raw segments around the error (read from the archive)."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        row = store.get_exception(conn, exception_id)
    if row is None:
        fail(f"There is no exception {exception_id}.")
    around = _segments_around(gw, row.archive_hash, row.segment_index, context)
    if as_json:
        print_json(
            {
                **_row(row),
                "evidence": json.loads(row.evidence) if row.evidence else None,
                "segments": [{"index": i, "line": ln, "text": t} for i, ln, t in around],
            }
        )
        return
    click.echo(f"exception {row.id} [{row.state}] {row.code} ({row.stage})")
    click.echo(f"  {row.message}")
    where = [
        f"partner {row.partner_id}" if row.partner_id else "",
        f"file {row.file_id}" if row.file_id else "",
        f"line {row.line}" if row.line else "",
        f"segment {row.segment} #{row.segment_index}" if row.segment else "",
        f"element {row.element:02d}" if row.element else "",
    ]
    click.echo("  at " + ", ".join(w for w in where if w))
    for index, line, text in around:
        mark = ">>" if index == row.segment_index else "  "
        click.echo(f"  {mark} {line:>5}  {text}")
    if row.note:
        click.echo(f"  note ({row.updated_by}): {row.note}")


def _segments_around(
    gw: Gateway, sha256: str, index: int | None, context: int
) -> list[tuple[int, int, str]]:
    if not sha256 or index is None:
        return []
    try:
        data = gw.archive.read(sha256)
    except Exception:  # an archive problem must not hide the exception itself
        return []
    found = []
    tokenizer = Tokenizer(data)
    for segment in tokenizer:
        if segment.index > index + context:
            break
        if segment.index >= index - context:
            sep = tokenizer.delimiters.element if tokenizer.delimiters else "*"
            found.append((segment.index, segment.line, sep.join(segment.elements)))
    return found


def _change_state(
    exception_id: int,
    state: str,
    note: str,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        row = store.get_exception(conn, exception_id)
        if row is None:
            fail(f"There is no exception {exception_id}.")
        if row.state != "open":
            fail(f"Exception {exception_id} is {row.state} already.")
        store.set_exception_state(conn, exception_id, state, by=by, note=note, now=gw.clock())
    click.echo(f"exception {exception_id} {state}")


@exceptions_group.command("resolve")
@click.argument("exception_id", type=int)
@click.option("--note", required=True, help="What was done.")
@click.option("--by", default="clerk", help="Who did it.")
@gateway_options
def exceptions_resolve(
    exception_id: int,
    note: str,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    """Mark an exception resolved (the problem was fixed outside the gateway)."""
    _change_state(exception_id, "resolved", note, by, config_dir, mappings_dir, db_url)


@exceptions_group.command("dismiss")
@click.argument("exception_id", type=int)
@click.option("--note", required=True, help="Why nothing needs doing.")
@click.option("--by", default="clerk", help="Who decided.")
@gateway_options
def exceptions_dismiss(
    exception_id: int,
    note: str,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
) -> None:
    """Dismiss an exception."""
    _change_state(exception_id, "dismissed", note, by, config_dir, mappings_dir, db_url)


@exceptions_group.command("replay")
@click.argument("exception_id", type=int)
@click.option("--by", default="clerk", help="Who replays.")
@gateway_options
@json_option
def exceptions_replay(
    exception_id: int,
    by: str,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Process the exception's file again from the archive, after a fix (config, mapping,
    master data). Postings already made are not repeated."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    with _connection(gw) as conn:
        row = store.get_exception(conn, exception_id)
        if row is None or row.file_id is None:
            fail(f"Exception {exception_id} has no file to replay.")
        file_id = row.file_id
        store.set_exception_state(
            conn, exception_id, "replayed", by=by, note="replayed from the archive", now=gw.clock()
        )
    result = process(gw, file_id)
    if as_json:
        print_json(_result(result))
        return
    click.echo(f"file {file_id} replayed: {result.status}, {result.exceptions} exception(s) now")


@click.command("poll")
@click.argument("channels", nargs=-1)
@click.option(
    "--settle",
    default=2.0,
    show_default=True,
    help="Seconds between the two listings that show a file is stable.",
)
@gateway_options
@json_option
def poll_command(
    channels: tuple[str, ...],
    settle: float,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """One pass over the inbound CHANNELS (default: every partner's inbound channel)."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    resume(gw)
    names = list(channels) or inbound_channels(gw)
    results = [poll(gw, name, settle) for name in names]
    gw.engine.dispose()
    if as_json:
        print_json(
            [
                {
                    "channel": r.channel,
                    "error": r.error,
                    "quarantined": r.quarantined,
                    "files": [_result(f) for f in r.files],
                }
                for r in results
            ]
        )
        return
    for r in results:
        state = f"error: {r.error}" if r.error else f"{len(r.files)} file(s)"
        click.echo(
            f"{r.channel}: {state}{f', {r.quarantined} quarantined' if r.quarantined else ''}"
        )
        for f in r.files:
            click.echo(f"  file {f.file_id}: {f.status} ({f.partner_id or '?'})")
    if any(r.error for r in results):
        raise SystemExit(1)


@click.command("send")
@click.option("--limit", default=50, show_default=True, help="Documents to send at most.")
@gateway_options
@json_option
def send_command(
    limit: int,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """One pass over the outbound queue: send what is due, retry with backoff."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    results = send_queued(gw, limit)
    gw.engine.dispose()
    if as_json:
        print_json([r.__dict__ for r in results])
        return
    for r in results:
        click.echo(
            f"{r.kind} {r.name} to {r.partner_id}: {r.state}"
            f"{' (' + r.detail + ')' if r.detail else ''}"
        )
    if not results:
        click.echo("nothing to send")


@click.command("distribute")
@gateway_options
@json_option
def distribute_command(
    config_dir: Path | None, mappings_dir: Path | None, db_url: str | None, as_json: bool
) -> None:
    """Turn new packing slips, invoices and credit notes into the partners' documents
    (856, 810 or UBL), validated and queued for sending."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    results = distribute(gw)
    gw.engine.dispose()
    if as_json:
        print_json([r.__dict__ for r in results])
        return
    for r in results:
        if r.kind:
            click.echo(f"{r.kind} {r.document} for {r.partner_id}: {r.outcome}")
    click.echo(f"{len(results)} event(s) handled")


@click.command("run")
@click.option("--once", is_flag=True, help="Run each configured job once, then exit.")
@gateway_options
@json_option
def run_command(
    once: bool,
    config_dir: Path | None,
    mappings_dir: Path | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Run the gateway: poll, distribute, send, reconcile acknowledgements, on the schedules
    of config/gateway.toml, until SIGTERM or Ctrl-C (which finish the jobs under way)."""
    gw = _gateway(config_dir, mappings_dir, db_url)
    tune_gc()
    if not once:
        run_forever(gw)
        return
    done = run_once(gw)
    if as_json:
        print_json([{"job": name, "result": summary} for name, summary in done])
        return
    for name, summary in done:
        click.echo(f"{name}: {summary}")


COMMANDS = [
    run_command,
    receive_command,
    files_group,
    exceptions_group,
    poll_command,
    send_command,
    distribute_command,
]
