"""``o2c x12``: read, show and validate X12 interchanges."""

from __future__ import annotations

import click


@click.group()
def x12() -> None:
    """Read, show and validate X12 interchanges."""
