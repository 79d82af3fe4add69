"""LocalFolderChannel on real folders: readiness, acknowledge, atomic temp-then-rename writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gateway.channels import (
    ChannelConfigError,
    ChannelError,
    InboundChannel,
    OutboundChannel,
    ReadinessRule,
    TargetExistsError,
)
from gateway.channels.local import LocalFolderChannel, LocalFolderSettings


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = tuple(tmp_path / name for name in ("in", "out", "done"))
    for path in paths:
        path.mkdir()
    return paths  # type: ignore[return-value]


def channel(dirs: tuple[Path, Path, Path], **changes: object) -> LocalFolderChannel:
    inbound, outbound, processed = dirs
    values: dict[str, object] = {"inbound": inbound, "outbound": outbound, "processed": processed}
    values.update(changes)
    return LocalFolderChannel(LocalFolderSettings(**values))  # type: ignore[arg-type]


def test_it_is_both_kinds_of_channel(dirs: tuple[Path, Path, Path]) -> None:
    local = channel(dirs)
    assert isinstance(local, InboundChannel) and isinstance(local, OutboundChannel)


def test_inbound_waits_for_stability_and_skips_temp_names(dirs: tuple[Path, Path, Path]) -> None:
    inbound = dirs[0]
    (inbound / "a.edi").write_bytes(b"12345")
    (inbound / "b.edi.part").write_bytes(b"x")
    (inbound / "sub").mkdir()
    local = channel(dirs)
    assert local.list_ready() == []
    with (inbound / "a.edi").open("ab") as handle:
        handle.write(b"678")
    assert local.list_ready() == []
    (ready,) = local.list_ready()
    assert (ready.name, ready.size) == ("a.edi", 8)
    assert local.fetch("a.edi") == b"12345678"


def test_acknowledge_moves_and_keeps_earlier_deliveries(dirs: tuple[Path, Path, Path]) -> None:
    inbound, _, processed = dirs
    (processed / "a.edi").write_bytes(b"old")
    (inbound / "a.edi").write_bytes(b"new")
    channel(dirs).acknowledge("a.edi")
    assert list(inbound.iterdir()) == []
    assert (processed / "a.edi").read_bytes() == b"old"
    assert (processed / "a.edi.1").read_bytes() == b"new"


def test_acknowledge_can_delete(dirs: tuple[Path, Path, Path]) -> None:
    inbound, _, processed = dirs
    (inbound / "a.edi").write_bytes(b"x")
    channel(dirs, after_ack="delete").acknowledge("a.edi")
    assert list(inbound.iterdir()) == [] and list(processed.iterdir()) == []


def test_done_marker_moves_with_its_file(dirs: tuple[Path, Path, Path]) -> None:
    inbound, _, processed = dirs
    (inbound / "a.edi").write_bytes(b"x")
    local = channel(dirs, readiness=ReadinessRule(stability="done_marker"))
    assert local.list_ready() == []
    (inbound / "a.edi.done").touch()
    assert [r.name for r in local.list_ready()] == ["a.edi"]
    local.acknowledge("a.edi")
    assert sorted(p.name for p in processed.iterdir()) == ["a.edi", "a.edi.done"]


def test_send_lands_complete_with_no_temp_left(dirs: tuple[Path, Path, Path]) -> None:
    outbound = dirs[1]
    receipt = channel(dirs).send("inv.edi", b"data")
    assert (outbound / "inv.edi").read_bytes() == b"data"
    assert [p.name for p in outbound.iterdir()] == ["inv.edi"]
    assert receipt.bytes_sent == 4 and receipt.remote_name == str(outbound / "inv.edi")


def test_send_refuses_an_existing_name_unless_overwrite(dirs: tuple[Path, Path, Path]) -> None:
    outbound = dirs[1]
    (outbound / "inv.edi").write_bytes(b"first")
    with pytest.raises(TargetExistsError):
        channel(dirs).send("inv.edi", b"second")
    assert (outbound / "inv.edi").read_bytes() == b"first"
    channel(dirs, overwrite=True).send("inv.edi", b"second")
    assert (outbound / "inv.edi").read_bytes() == b"second"
    assert [p.name for p in outbound.iterdir()] == ["inv.edi"]


def test_a_failed_commit_leaves_nothing_under_the_final_name(
    dirs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    outbound = dirs[1]

    def crash(*_args: object, **_kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "link", crash)
    with pytest.raises(ChannelError):
        channel(dirs).send("inv.edi", b"data")
    assert list(outbound.iterdir()) == []


def test_names_with_folders_are_refused(dirs: tuple[Path, Path, Path]) -> None:
    local = channel(dirs)
    for bad in ("../x.edi", "a/b.edi", "", ".."):
        with pytest.raises(ChannelConfigError):
            local.send(bad, b"x")
        with pytest.raises(ChannelConfigError):
            local.fetch(bad)


def test_a_channel_without_an_inbound_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ChannelConfigError, match="no inbound folder"):
        LocalFolderChannel(LocalFolderSettings(outbound=tmp_path)).list_ready()
