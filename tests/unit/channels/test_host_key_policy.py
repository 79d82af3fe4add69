"""The SFTP channel can only refuse unknown hosts; names are checked before any I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import paramiko
import pytest

from gateway.channels import ChannelConfigError, HostKeyError
from gateway.channels.base import check_name
from gateway.channels.sftp import _RefuseUnknownHost
from tests.conftest import REPO


def test_the_missing_host_key_policy_refuses() -> None:
    policy = _RefuseUnknownHost(Path("partners/acme/known_hosts"))
    assert isinstance(policy, paramiko.RejectPolicy)
    key = paramiko.ECDSAKey.generate()
    with pytest.raises(HostKeyError) as caught:
        policy.missing_host_key(paramiko.SSHClient(), "[sftp.acme.example]:2222", key)
    message = str(caught.value)
    assert key.fingerprint in message and "partners/acme/known_hosts" in message


def test_no_channel_module_mentions_a_permissive_policy_or_system_keys() -> None:
    forbidden = {"AutoAddPolicy", "WarningPolicy", "load_system_host_keys"}
    for path in (REPO / "gateway" / "channels").glob("*.py"):
        names = {
            node.attr if isinstance(node, ast.Attribute) else node.id
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Attribute | ast.Name)
        }
        assert not names & forbidden, path.name


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "../a", "a\\b", "a\x00b", " a.edi"])
def test_only_plain_names_pass(bad: str) -> None:
    with pytest.raises(ChannelConfigError):
        check_name(bad)


def test_plain_names_pass_unchanged() -> None:
    assert check_name("PO 0001.edi") == "PO 0001.edi"
