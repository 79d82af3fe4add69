"""Opening the gateway from the command line: configuration, database and wiring, with one
clear sentence (and exit status 1) when the configuration has problems or the database has not
been migrated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from core.db.migrate import is_current as ledger_is_current
from gateway.bootstrap import build_gateway
from gateway.cli.config import config_option, load_or_exit, mappings_option
from gateway.cli.ledger_common import db_option, fail
from gateway.pipeline.context import Gateway
from gateway.store.migrate import is_current as store_is_current


def open_gateway(config_dir: Path | None, mappings_dir: Path | None, db_url: str | None) -> Gateway:
    """The wired gateway; exits with a sentence when the database is not up to date."""
    gw = build_gateway(load_or_exit(config_dir, mappings_dir), db_url)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(gw.engine.dispose)
    url = gw.engine.url.render_as_string(hide_password=True)
    try:
        current = ledger_is_current(gw.engine) and store_is_current(gw.engine)
    except Exception as exc:  # the server does not answer, no such database, ...
        fail(f"Cannot open the database {url}: {str(exc).splitlines()[0]}")
    if not current:
        fail(f"The database {url} is not up to date; run `o2c db upgrade` first.")
    return gw


F = TypeVar("F", bound=Callable[..., Any])


def gateway_options(func: F) -> F:
    """Add --config, --mappings and --db, the options ``open_gateway`` takes, to a command."""
    for option in (db_option, mappings_option, config_option):
        func = option(func)
    return func
