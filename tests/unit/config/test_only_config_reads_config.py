"""ARCHITECTURE rule 2: only gateway.config reads config/ and mappings/ (parses TOML)."""

from __future__ import annotations

from tests.unit.test_dependency_rules import violations


def test_only_gateway_config_parses_toml() -> None:
    for package in ("gateway", "core"):
        assert violations(package, ["tomllib", "tomli"], allowed_in=["gateway.config"]) == []


def test_gateway_config_is_built_on_nothing_that_does_io_beyond_files() -> None:
    forbidden = ["sqlalchemy", "paramiko", "aiosmtplib", "smtplib", "imaplib", "core.db"]
    assert violations("gateway.config", forbidden) == []
