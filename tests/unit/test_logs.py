"""Log lines name the document they are about, for people (text) and machines (JSON lines)."""

from __future__ import annotations

import json
import logging

from gateway.logs import ConsoleFormatter, JsonFormatter, context


def record() -> logging.LogRecord:
    made = logging.LogRecord(
        "o2c.inbound", logging.WARNING, __file__, 1, "%s: %s", ("MAP_PRICE", "line 2 price"), None
    )
    for key, value in context(
        partner="bigbox",
        isa13="000000812",
        st02="0001",
        key="4500012345",
        code="MAP_PRICE",
        gs06="",
    ).items():
        setattr(made, key, value)
    return made


def test_console_line_has_the_message_and_fields() -> None:
    line = ConsoleFormatter().format(record())
    assert "WARNING MAP_PRICE: line 2 price" in line
    assert "partner=bigbox isa13=000000812 st02=0001 key=4500012345 code=MAP_PRICE" in line
    assert "gs06" not in line  # empty fields are left out


def test_json_line_carries_the_fields() -> None:
    data = json.loads(JsonFormatter().format(record()))
    assert data["level"] == "warning" and data["message"] == "MAP_PRICE: line 2 price"
    assert (data["partner"], data["isa13"], data["key"]) == ("bigbox", "000000812", "4500012345")
