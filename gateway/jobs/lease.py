"""Leases: at most one worker at a time for a key (a channel, a single-worker job)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from gateway.digits import is_digits
from gateway.pipeline.context import Gateway
from gateway.store import repository as store


def _gone(holder: str) -> bool:
    """True for a holder ``host:pid`` of this host whose process no longer runs."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not is_digits(pid):
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@contextmanager
def leased(gw: Gateway, key: str, ttl: timedelta = timedelta(minutes=10)) -> Iterator[bool]:
    """Yield True when this worker holds ``key`` (released afterwards), False when another
    worker does. A lease left by a crashed worker expires after ``ttl``, or at once when that
    worker ran on this host and its process is gone."""
    now = gw.clock()
    with gw.engine.begin() as conn:
        held = store.take_lease(conn, key, gw.worker, now, now + ttl)
        if not held:
            current = store.lease_holder(conn, key)
            if current is not None and _gone(current[0]):
                held = store.steal_lease(conn, key, current[0], gw.worker, now + ttl)
    try:
        yield held
    finally:
        if held:
            with gw.engine.begin() as conn:
                store.release_lease(conn, key, gw.worker, gw.clock())
