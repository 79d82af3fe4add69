"""Credentials by environment variable NAME: settings name the variable, never hold the secret."""

from __future__ import annotations

import os
from collections.abc import Mapping

from gateway.channels.errors import ChannelConfigError


def secret(environ: Mapping[str, str] | None, name: str | None, what: str) -> str | None:
    """The value of the variable ``name`` (None when no name is configured).

    ``environ`` is the environment handed in by the caller (``os.environ`` when None). A name
    that is configured but not set is a configuration error, reported without any value.
    """
    if name is None:
        return None
    source = os.environ if environ is None else environ
    value = source.get(name)
    if value is None:
        raise ChannelConfigError(f"{what}: environment variable {name} is not set")
    return value
