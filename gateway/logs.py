"""Logging for the people who read it: a human console format, or JSON lines for machines.

Lines about a document carry its context as fields (``partner``, ``file_hash``, ``isa13``,
``gs06``, ``st02``, ``key`` for the business key such as a PO or invoice number, ``code`` for
an exception code); the console format appends them as ``name=value``; JSON lines put them
in the object. Exception lines say what to do next in their message.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

FIELDS = ("partner", "file_hash", "isa13", "gs06", "st02", "key", "code")


def context(**values: object) -> dict[str, object]:
    """``extra=`` for a log call: the document fields that are set."""
    return {k: v for k, v in values.items() if k in FIELDS and v not in (None, "")}


class ConsoleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).strftime("%H:%M:%S")
        fields = " ".join(f"{k}={getattr(record, k)}" for k in FIELDS if hasattr(record, k))
        line = f"{when} {record.levelname:<7} {record.getMessage()}"
        return f"{line}  [{fields}]" if fields else line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str)


def configure(fmt: str = "text", level: str = "WARNING") -> None:
    """Log the ``o2c`` loggers to standard error in ``fmt`` (text or json) from ``level``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else ConsoleFormatter())
    logger = logging.getLogger("o2c")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False
