"""Every exception code the gateway can emit is documented for clerks in docs/exception-codes.md."""

from __future__ import annotations

import re

from tests.conftest import REPO

CODE = re.compile(r'"((?:RCV|ENV|SYN|MAP|LDG|OUT|SND|ACK|RMT)_[A-Z0-9_]+)"')
LEDGER_RULE = re.compile(r'(?:RuleViolation\(|super\(\).__init__\()\s*"([A-Z_]+)"')


def emitted() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "gateway").rglob("*.py"):
        found.update(CODE.findall(path.read_text()))
    return found


def test_every_gateway_code_is_documented() -> None:
    doc = (REPO / "docs" / "exception-codes.md").read_text()
    ranges = {f"ENV_ISA{n:02d}" for n in range(1, 16)}  # documented as ENV_ISA01 .. ENV_ISA15
    missing = sorted(c for c in emitted() if c not in doc and c not in ranges)
    assert missing == []


def test_the_most_common_ledger_rules_are_documented() -> None:
    doc = (REPO / "docs" / "exception-codes.md").read_text()
    rules = set()
    for path in (REPO / "core").rglob("*.py"):
        rules.update(LEDGER_RULE.findall(path.read_text()))
    for rule in ("NOT_FOUND", "CREDIT", "STOCK", "INVALID_STATE", "CHANGE", "PERIOD_CLOSED"):
        assert rule in rules and f"LDG_{rule}" in doc
