"""The exceptions of ``gateway.x12``; see the package docstring for the tree."""

from __future__ import annotations


class X12Error(Exception):
    """Base class of every exception raised by ``gateway.x12``."""


class X12ReadError(X12Error):
    """The input cannot be read as X12: it is empty, has no ISA, or its ISA is unusable.

    ``offset`` is the byte offset where reading failed, when known.
    """

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class X12WriteError(X12Error):
    """A segment or envelope cannot be written as asked (a value holds a delimiter, ...)."""
